//! The typed content model (SPEC §2–§11).
//!
//! [`crate::load`] builds a [`Site`] from the files, [`crate::resolve`] fills in the targets of
//! every [`Reference`], and [`crate::render`] only reads it.

mod fragment;
mod lang;
mod reference;
mod text;
pub mod walk;

pub use fragment::{Fragment, Slot, SlotKind};
pub use lang::{LangId, Language, Languages, SUPPORTED as SUPPORTED_LANGUAGES};
pub use reference::{Owner, Reference, Target, ValueForm, unit_scale};
pub use text::{LangMap, LangText, Localized, Text, TextValues};

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

pub use crate::entity::EntityKey;
use crate::source::{FileId, Span};

/// An id with the place it was written.
#[derive(Clone, Debug)]
pub struct Id {
    pub value: String,
    pub span: Span,
}

/// A markdown text (SPEC §2): the text plus its compiled Markdown per language.
#[derive(Clone, Debug)]
pub struct MdText {
    pub text: Text,
    pub fragments: LangMap<Arc<Fragment>>,
}

/// A value that may differ per language, with one value for all others (`scale`, `decimals`).
#[derive(Clone, Debug)]
pub struct PerLanguage<T> {
    pub all: T,
    pub by_language: LangMap<T>,
}

impl<T: Copy> PerLanguage<T> {
    pub fn get(&self, lang: LangId) -> T {
        self.by_language.get(lang).copied().unwrap_or(self.all)
    }
}

/// The whole site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub languages: Languages,
    pub indicators: Vec<Indicator>,
    pub departments: Vec<Department>,
    pub documents: Vec<Document>,
    /// Sorted by year, oldest first. Drafts are already left out unless `--drafts`.
    pub years: Vec<Year>,
    pub pages: Vec<FreePage>,
    pub static_files: Vec<StaticFile>,
    /// Years left out because their report is a draft (for "it is a draft" hints).
    pub draft_years: Vec<i32>,
    /// What could not be read completely (its error is already reported).
    pub incomplete: Incomplete,
}

/// Things the loader could not read completely. Their own error is already reported, so
/// references into them are not checked: one mistake gives one error, not a cascade of false
/// "unknown …" errors.
#[derive(Debug, Default, Clone)]
pub struct Incomplete {
    /// Entities whose file (the default-language file of a Markdown item) could not be read
    /// or has errors.
    entities: std::collections::BTreeSet<EntityKey>,
    /// Years whose folder is misnamed (`2023 `, `2023年`), so none of it was read.
    years: std::collections::BTreeSet<i32>,
}

impl Incomplete {
    pub fn insert(&mut self, entity: EntityKey) {
        self.entities.insert(entity);
    }

    pub fn contains(&self, entity: &EntityKey) -> bool {
        self.entities.contains(entity)
    }

    pub fn insert_year(&mut self, year: i32) {
        self.years.insert(year);
    }

    /// Whether the folder of `year` could not be read at all.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }
}

impl Site {
    pub fn year_index(&self, year: i32) -> Option<usize> {
        self.years.binary_search_by_key(&year, |y| y.year).ok()
    }

    /// The newest year, whose report the home page shows.
    pub fn latest_year(&self) -> Option<&Year> {
        self.years.last()
    }
}

/// `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub file: FileId,
    pub title: Text,
    pub description: Option<Text>,
    pub publisher: Text,
    pub base_url: Option<String>,
    /// Raw HTML in Markdown is shown as text unless the site allows it.
    pub allow_raw_html: bool,
    pub footer: Footer,
    /// The indicators the home page shows as key figures, in order; empty: the first ones
    /// of the latest year's table.
    pub key_figures: Vec<Reference>,
}

#[derive(Debug, Default, Clone)]
pub struct Footer {
    pub icp: Option<String>,
    pub police: Option<String>,
    pub site_code: Option<String>,
    pub conac: Option<String>,
    pub contact: Option<Text>,
    pub text: Option<Text>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndicatorKind {
    /// 预期性
    Expected,
    /// 约束性
    Binding,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// An entry of `indicators.yaml`.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: Id,
    pub name: Text,
    pub unit: Text,
    pub scale: PerLanguage<f64>,
    /// `None`: show the value as written, without padding.
    pub decimals: PerLanguage<Option<u8>>,
    pub kind: IndicatorKind,
    pub direction: Direction,
    pub group: Option<Text>,
    pub description: Option<MdText>,
}

/// An entry of `departments.yaml`.
#[derive(Debug, Clone)]
pub struct Department {
    pub id: Id,
    pub name: Text,
    pub full: Option<Text>,
    pub url: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    Decision,
    Plan,
    Opinion,
    Regulation,
    Report,
    Other,
}

impl DocumentKind {
    pub const NAMES: &'static [&'static str] = &[
        "decision",
        "plan",
        "opinion",
        "regulation",
        "report",
        "other",
    ];

    pub fn from_name(name: &str) -> Option<DocumentKind> {
        Some(match name {
            "decision" => DocumentKind::Decision,
            "plan" => DocumentKind::Plan,
            "opinion" => DocumentKind::Opinion,
            "regulation" => DocumentKind::Regulation,
            "report" => DocumentKind::Report,
            "other" => DocumentKind::Other,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetOp {
    AtLeast,
    AtMost,
    Exactly,
    /// An average annual growth (`value` in percent) from the target's baseline:
    /// 高价值发明专利年均增长5%.
    Growth,
}

impl TargetOp {
    pub fn symbol(self) -> &'static str {
        match self {
            TargetOp::AtLeast => "≥",
            TargetOp::AtMost => "≤",
            TargetOp::Exactly => "=",
            TargetOp::Growth => "",
        }
    }

    /// How the operator is written in YAML and the open data.
    pub fn name(self) -> &'static str {
        match self {
            TargetOp::AtLeast => ">=",
            TargetOp::AtMost => "<=",
            TargetOp::Exactly => "=",
            TargetOp::Growth => "growth",
        }
    }
}

/// The value a plan starts from (its table's 基期 / 2023年实现值 column).
#[derive(Debug, Clone)]
pub struct Baseline {
    pub year: i32,
    pub value: f64,
    pub span: Span,
}

/// A plan's target for one indicator in one year.
#[derive(Debug, Clone)]
pub struct PlanTarget {
    pub indicator: Reference,
    pub year: i32,
    pub year_span: Span,
    /// The target value, or for [`TargetOp::Growth`] the growth in percent a year.
    pub value: f64,
    pub op: TargetOp,
    pub span: Span,
    pub baseline: Option<Baseline>,
    /// A remark of the plan's table (原表未标≥, 约束性指标按…).
    pub note: Option<Text>,
    /// Where the target's figures come from.
    pub source: Option<Text>,
}

impl PlanTarget {
    /// The level the target asks for in its year: the value itself, or for a growth target
    /// the baseline grown by the rate for every year since it (`None` without a baseline).
    pub fn level(&self) -> Option<f64> {
        self.level_in(self.year)
    }

    /// The level the target implies for `year`: for a growth target, the baseline grown to
    /// that year; for the others, their value.
    pub fn level_in(&self, year: i32) -> Option<f64> {
        match self.op {
            TargetOp::Growth => {
                let base = self.baseline.as_ref()?;
                let years = year - base.year;
                Some(base.value * (1.0 + self.value / 100.0).powi(years))
            }
            _ => Some(self.value),
        }
    }
}

/// A month or a day of an implementation stage (`2024-03`, `2024-03-15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageDate {
    pub year: i16,
    pub month: i8,
    pub day: Option<i8>,
}

/// An implementation stage of a document (动员部署阶段, 2024年3月—4月).
#[derive(Debug, Clone)]
pub struct Stage {
    pub title: Text,
    pub from: Option<StageDate>,
    pub to: Option<StageDate>,
    pub text: Option<MdText>,
    pub span: Span,
}

/// A numbered measure of a document (`<doc-id>/<n>`).
#[derive(Debug, Clone)]
pub struct Measure {
    pub n: String,
    pub n_span: Span,
    pub title: Option<Text>,
    pub text: Option<MdText>,
    pub lead: Vec<Reference>,
    pub indicators: Vec<Reference>,
    /// Index into the document's `sections` of the section the measure is written in, if it
    /// has sections.
    pub section: Option<usize>,
}

/// A section of a document; sections nest to any depth (二、主要任务 → （一）…).
#[derive(Debug, Clone)]
pub struct Section {
    pub title: Text,
    /// Indices into the document's `measures` of the measures written in this section itself
    /// (its subsections' come after them).
    pub measures: Range<usize>,
    pub span: Span,
    /// 0 for a top-level section.
    pub depth: usize,
    /// The enclosing section (index into the document's `sections`).
    pub parent: Option<usize>,
    /// The section's own prose (一、总体要求 is often prose alone).
    pub summary: Option<MdText>,
    /// The measure label of this section and its subsections, over the document's.
    pub label: Option<Text>,
}

/// `documents/<doc-id>.yaml`.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: Id,
    pub file: FileId,
    pub title: Text,
    pub short: Option<Text>,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub issuer: Vec<Reference>,
    pub date: Option<Date>,
    pub period: Option<(i32, i32)>,
    pub period_span: Option<Span>,
    pub measure_label: Option<Text>,
    /// The preamble, or a plan's goals, before its sections (Markdown).
    pub summary: Option<MdText>,
    pub targets: Vec<PlanTarget>,
    /// Every section in document order, subsections right after their section (empty when
    /// the document uses a flat `measures:` list).
    pub sections: Vec<Section>,
    /// Every measure in document order.
    pub measures: Vec<Measure>,
    /// Implementation stages with their dates.
    pub stages: Vec<Stage>,
}

impl Document {
    pub fn measure_index(&self, n: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.n == n)
    }
}

/// Whether a plan's target for `target_year` is in force in `year`: the plan's `period` (when
/// it has one) covers the year, and the target's year is not before it. An expired target
/// (≥40亿元 by 2022, in a 2024 report) measures nothing: completion against it would read as
/// a result the plan never asked for.
pub fn target_in_force(period: Option<(i32, i32)>, target_year: i32, year: i32) -> bool {
    period.is_none_or(|(from, to)| from <= year && year <= to) && target_year >= year
}

/// What every Markdown-file item has: id, per-language title and body.
#[derive(Debug, Clone)]
pub struct MarkdownItem {
    pub id: Id,
    pub title: Text,
    pub body: LangMap<Arc<Fragment>>,
    /// The file of each language.
    pub files: LangMap<FileId>,
}

/// `achievements/<id>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct Achievement {
    pub item: MarkdownItem,
    pub measures: Vec<Reference>,
    pub departments: Vec<Reference>,
    pub indicators: Vec<Reference>,
}

macro_rules! name_enum {
    ($(#[$doc:meta])* $name:ident { $( $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $( $variant, )* }

        impl $name {
            pub const NAMES: &'static [&'static str] = &[ $( $text, )* ];

            pub fn from_name(name: &str) -> Option<$name> {
                match name { $( $text => Some($name::$variant), )* _ => None }
            }

            pub fn name(self) -> &'static str {
                match self { $( $name::$variant => $text, )* }
            }
        }
    };
}

name_enum!(
    /// `ip_type` of a typical case.
    IpType {
        Patent = "patent",
        Trademark = "trademark",
        Copyright = "copyright",
        TradeSecret = "trade-secret",
        GeographicalIndication = "geographical-indication",
        PlantVariety = "plant-variety",
        UnfairCompetition = "unfair-competition",
        Other = "other",
    }
);

name_enum!(
    /// `procedure` of a typical case.
    Procedure {
        Civil = "civil",
        Criminal = "criminal",
        Administrative = "administrative",
        AdministrativeEnforcement = "administrative-enforcement",
        Customs = "customs",
        Mediation = "mediation",
        Arbitration = "arbitration",
        Other = "other",
    }
);

impl Procedure {
    /// Court procedures, which always have a case number (案号).
    pub fn is_court(self) -> bool {
        matches!(
            self,
            Procedure::Civil | Procedure::Criminal | Procedure::Administrative
        )
    }
}

name_enum!(
    /// `status` of an issue.
    IssueStatus {
        Open = "open",
        InProgress = "in-progress",
        Resolved = "resolved",
    }
);

/// `cases/<id>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct TypicalCase {
    pub item: MarkdownItem,
    pub case_number: Option<Text>,
    pub ip_type: IpType,
    pub procedure: Procedure,
    pub authority: Option<Reference>,
    pub decided: Option<Date>,
    pub measures: Vec<Reference>,
    pub departments: Vec<Reference>,
    pub indicators: Vec<Reference>,
}

/// One of the ten major events; its rank is its position in the list.
#[derive(Debug, Clone)]
pub struct Event {
    pub title: Text,
    pub date: Option<Date>,
    pub summary: Option<MdText>,
    pub measures: Vec<Reference>,
    pub departments: Vec<Reference>,
    pub span: Span,
}

/// An entry of `issues.yaml`.
#[derive(Debug, Clone)]
pub struct IssueItem {
    pub id: Id,
    pub title: Text,
    pub description: Option<MdText>,
    pub source: Option<Text>,
    pub responsible: Vec<Reference>,
    pub actions: Option<MdText>,
    pub measures: Vec<Reference>,
    pub status: IssueStatus,
    pub due: Option<Date>,
    pub follows: Option<Reference>,
}

/// A year's value of one indicator, as written in `report.yaml`.
#[derive(Debug, Clone)]
pub struct IndicatorValue {
    pub indicator: Reference,
    pub value: f64,
    pub span: Span,
    /// A preliminary figure (初步统计), to be confirmed.
    pub provisional: bool,
    /// Where the figure comes from (市统计局).
    pub source: Option<Text>,
}

/// `years/<YYYY>/report.yaml` plus `report.<lang>.md`.
#[derive(Debug, Clone)]
pub struct Report {
    pub file: FileId,
    pub title: Text,
    pub published: Option<Date>,
    pub published_span: Option<Span>,
    pub draft: bool,
    pub theme: Option<Text>,
    pub summary: Option<MdText>,
    pub values: Vec<IndicatorValue>,
    /// The indicators the home page shows as key figures for this year, in order (over
    /// site.yaml's `key_figures`).
    pub key_figures: Vec<Reference>,
}

/// One year's folder.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i32,
    pub report: Report,
    pub achievements: Vec<Achievement>,
    pub cases: Vec<TypicalCase>,
    /// `None` when the year has no `events.yaml`.
    pub events: Option<Vec<Event>>,
    /// Span of the events list, for "not ten events".
    pub events_span: Option<Span>,
    /// `None` when the year has no `issues.yaml`.
    pub issues: Option<Vec<IssueItem>>,
    /// Each indicator's value this year, by indicator index (filled by resolve).
    pub value_by_indicator: Vec<Option<f64>>,
    /// Where in `report.values` each indicator's value is, by indicator index.
    pub value_entry: Vec<Option<usize>>,
}

impl Year {
    pub fn value(&self, indicator: usize) -> Option<f64> {
        self.value_by_indicator.get(indicator).copied().flatten()
    }

    /// The value as written, with whether it is provisional and its source.
    pub fn value_entry(&self, indicator: usize) -> Option<&IndicatorValue> {
        let at = self.value_entry.get(indicator).copied().flatten()?;
        self.report.values.get(at)
    }
}

/// `pages/<id>.<lang>.md`.
#[derive(Debug, Clone)]
pub struct FreePage {
    pub item: MarkdownItem,
    /// Position in the navigation; pages without `order` come after, by id.
    pub order: Option<i64>,
}

/// A file under `content/static/`, copied verbatim.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Path relative to `static/`, with `/` separators.
    pub relative: String,
    pub path: PathBuf,
    /// Changes whenever the file's contents do (watch mode compares it to notice an edit
    /// that keeps the file's name); 0 in a single build, which compares with the disk.
    pub version: u64,
}
