//! What a thing of the site is, by its ids.
//!
//! One key names an entity everywhere it matters: the content file that defines it (worked
//! out once, from the file's path, when the site is loaded), the model item it becomes, what a
//! page shows (watch mode re-renders a page when an entity it shows changes), and what the
//! loader could not read completely (references into it are then not reported as unknown).
//! Ids, not positions, so that a key survives a rebuild in which items were added.

/// An entity of the site.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKey {
    /// `site.yaml`, and the site's own templates.
    Site,
    /// `indicators.yaml`.
    Indicators,
    /// `departments.yaml`.
    Departments,
    /// `documents/<id>.yaml`.
    Document(String),
    /// `years/<YYYY>/report.yaml` and `report.<lang>.md`.
    Report(i32),
    /// `years/<YYYY>/events.yaml`.
    Events(i32),
    /// `years/<YYYY>/issues.yaml`.
    Issues(i32),
    /// `years/<YYYY>/achievements/<id>.<lang>.md`.
    Achievement(i32, String),
    /// `years/<YYYY>/cases/<id>.<lang>.md`.
    Case(i32, String),
    /// `pages/<id>.<lang>.md`.
    Page(String),
}

impl EntityKey {
    /// The `@` kind that refers to this entity as an item of its own, for the entities
    /// written as Markdown items (`case`, `achievement`, `page`).
    pub fn item_kind(&self) -> Option<&'static str> {
        match self {
            EntityKey::Achievement(..) => Some("achievement"),
            EntityKey::Case(..) => Some("case"),
            EntityKey::Page(_) => Some("page"),
            _ => None,
        }
    }

    /// The year the entity belongs to.
    pub fn year(&self) -> Option<i32> {
        match self {
            EntityKey::Report(y)
            | EntityKey::Events(y)
            | EntityKey::Issues(y)
            | EntityKey::Achievement(y, _)
            | EntityKey::Case(y, _) => Some(*y),
            _ => None,
        }
    }

    /// The entity's own id, for those that have one.
    pub fn id(&self) -> Option<&str> {
        match self {
            EntityKey::Document(id)
            | EntityKey::Achievement(_, id)
            | EntityKey::Case(_, id)
            | EntityKey::Page(id) => Some(id),
            _ => None,
        }
    }
}
