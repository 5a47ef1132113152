//! References between items, and what they point at once resolved.

use crate::source::Span;

/// A reference as written (`decision-2022/4` in a list, `@measure/decision-2022/4` in a link),
/// with its target once [`crate::resolve`] has checked it.
#[derive(Clone, Debug)]
pub struct Reference {
    pub raw: String,
    pub span: Span,
    pub target: Option<Target>,
}

impl Reference {
    pub fn new(raw: impl Into<String>, span: Span) -> Reference {
        Reference {
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
