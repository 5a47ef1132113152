//! References between items, and what they point at once resolved.

use crate::source::Span;

/// A reference as written (`decision-2022/4` in a list, `@measure/decision-2022/4` in a link),
/// with its target once [`crate::resolve`] has checked it.
#[derive(Clone, Debug)]
pub struct Reference {
    pub raw: String,
    pub span: Span,
    pub target: Option<Target>,
    /// A party named in free text where a department may stand (`issuer`, `lead`,
    /// `responsible`, `departments`, `authority`): another region's office, a unit without a
    /// page of its own. It is shown as text, never resolved.
    pub name: Option<super::Text>,
}

impl Reference {
    /// A party named in free text (see [`Reference::name`]).
    pub fn named(name: super::Text, span: Span) -> Reference {
        Reference {
            raw: String::new(),
            span,
            target: None,
            name: Some(name),
        }
    }

    pub fn new(raw: impl Into<String>, span: Span) -> Reference {
        Reference {
            name: None,
            raw: raw.into(),
            span,
            target: None,
        }
    }
}

/// Anything a reference can point at. Indices are positions in the [`super::Site`]'s lists
/// (`years`, `documents`, a document's `measures`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Document(usize),
    Measure {
        doc: usize,
        measure: usize,
    },
    Indicator(usize),
    /// The value of an indicator in a year (`@indicator/<id>/<YYYY>`).
    IndicatorValue {
        indicator: usize,
        year: usize,
    },
    /// A plan's target (`@target/<doc>/<id>/<YYYY>`).
    PlanTarget {
        doc: usize,
        target: usize,
    },
    Year(usize),
    Achievement {
        year: usize,
        index: usize,
    },
    Case {
        year: usize,
        index: usize,
    },
    /// `index` is the rank minus one.
    Event {
        year: usize,
        index: usize,
    },
    Issue {
        year: usize,
        index: usize,
    },
    Department(usize),
    Page(usize),
}

/// The item a reference is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// The year's report summary.
    Report(usize),
    Achievement {
        year: usize,
        index: usize,
    },
    Case {
        year: usize,
        index: usize,
    },
    Event {
        year: usize,
        index: usize,
    },
    Issue {
        year: usize,
        index: usize,
    },
    Measure {
        doc: usize,
        measure: usize,
    },
    Document(usize),
    Indicator(usize),
    Page(usize),
}

impl Owner {
    /// The owner as something a link can point at.
    pub fn target(self) -> Target {
        match self {
            Owner::Report(y) => Target::Year(y),
            Owner::Achievement { year, index } => Target::Achievement { year, index },
            Owner::Case { year, index } => Target::Case { year, index },
            Owner::Event { year, index } => Target::Event { year, index },
            Owner::Issue { year, index } => Target::Issue { year, index },
            Owner::Measure { doc, measure } => Target::Measure { doc, measure },
            Owner::Document(d) => Target::Document(d),
            Owner::Indicator(i) => Target::Indicator(i),
            Owner::Page(p) => Target::Page(p),
        }
    }
}

/// How an `@indicator/<id>/<YYYY>` or `@target/…` link with empty text shows its value: the
/// form is an extra last part of the destination (`@indicator/x/2024/number`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueForm {
    /// `48715件` / `48,715` (the default).
    WithUnit,
    /// `48715` / `48,715`: the number alone, for prose that names the unit itself.
    Number,
    /// 万 and 亿 chosen to read naturally on Chinese pages: `4亿元`, not `40000万元`.
    Natural,
    /// In a chosen Chinese unit of the same kind (`亿元` for an indicator kept in 万元).
    InUnit(String),
    /// The change against the previous year: `+5.29万件` / `+52,900`.
    Change,
    /// The change in percent (`+8.4%`), or in percentage points for a `%` indicator.
    ChangePercent,
    /// How far the value has come towards the target in force: `87.5%`.
    Completion,
}

impl ValueForm {
    /// The forms, as written after the year.
    pub const NAMES: &'static [&'static str] = &[
        "number",
        "natural",
        "change",
        "change-percent",
        "completion",
    ];

    /// Reads the form part of a destination; any other part is taken for a Chinese unit
    /// (checked against the indicator's unit by the caller).
    pub fn parse(part: &str) -> ValueForm {
        match part {
            "" | "unit" => ValueForm::WithUnit,
            "number" => ValueForm::Number,
            "natural" => ValueForm::Natural,
            "change" => ValueForm::Change,
            "change-percent" => ValueForm::ChangePercent,
            "completion" => ValueForm::Completion,
            unit => ValueForm::InUnit(unit.to_string()),
        }
    }

    /// The form of a raw destination (`@indicator/x/2024/number` → `Number`).
    pub fn of_destination(raw: &str) -> ValueForm {
        let body = raw.strip_prefix('@').unwrap_or(raw);
        let parts: Vec<&str> = body.split('/').collect();
        let form = match parts.first() {
            Some(&"indicator") if parts.len() == 4 => parts[3],
            Some(&"target") if parts.len() == 5 => parts[4],
            _ => "",
        };
        ValueForm::parse(form)
    }
}

/// The scale a Chinese unit prefix stands for (`万元` → 10⁴ and `元`), for units that differ
/// only in it.
pub fn unit_scale(unit: &str) -> (f64, &str) {
    for (prefix, scale) in [
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
        ("千", 1e3),
    ] {
        if let Some(base) = unit.strip_prefix(prefix)
            && !base.is_empty()
        {
            return (scale, base);
        }
    }
    (1.0, unit)
}
