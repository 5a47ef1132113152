//! Links between pages as templates see them, and the "cited by" lists.

use serde::Serialize;

use super::Env;
use super::paths::{PagePath, locate};
use super::text::Tx;
use crate::model::{Reference, Target};
use crate::resolve::{Citation, Owner, Via};

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub title: Tx,
    pub href: String,
}

/// A group of "cited by" links under a heading.
#[derive(Clone, Debug, Serialize)]
pub struct CiteGroup {
    pub label: &'static str,
    pub items: Vec<Link>,
}

/// The headings of "cited by" groups, in display order; see [`owner_group`].
const GROUP_LABELS: [&str; 8] = [
    "achievements_citing",
    "cases",
    "events",
    "issues",
    "measures",
    "documents",
    "years",
    "pages",
];

/// Which "cited by" group a citing item belongs to (an index into [`GROUP_LABELS`]).
fn owner_group(owner: Owner) -> usize {
    match owner {
        Owner::Achievement { .. } => 0,
        Owner::Case { .. } => 1,
        Owner::Event { .. } => 2,
        Owner::Issue { .. } => 3,
        Owner::Measure { .. } => 4,
        Owner::Document(_) => 5,
        Owner::Report(_) => 6,
        Owner::Page(_) | Owner::Indicator(_) => 7,
    }
}

impl Env<'_> {
    pub fn link(&self, from: &PagePath, target: Target) -> Link {
        let (to, anchor) = locate(self.site, self.language(), target);
        Link {
            title: self.link_text(target),
            href: from.href_to(&to, anchor.as_deref()),
        }
    }

    /// Links for a resolved reference list (unresolved entries cannot occur in a successful
    /// build and are skipped).
    pub fn links(&self, from: &PagePath, refs: &[Reference]) -> Vec<Link> {
        refs.iter()
            .filter_map(|r| match (&r.name, r.target) {
                // A party named in free text: its name, without a link (`href` empty).
                (Some(name), _) => Some(Link {
                    title: self.tx(name),
                    href: String::new(),
                }),
                (None, Some(t)) => Some(self.link(from, t)),
                (None, None) => None,
            })
            .collect()
    }

    /// A link to a citing item, with its year for items of a year.
    fn owner_link(&self, from: &PagePath, owner: Owner) -> Link {
        let mut link = self.link(from, owner.target());
        let year = match owner {
            Owner::Achievement { year, .. }
            | Owner::Case { year, .. }
            | Owner::Event { year, .. }
            | Owner::Issue { year, .. } => Some(self.site.years[year].year),
            _ => None,
        };
        if let Some(y) = year {
            // The prefix is digits and marks that need no escaping.
            let suffix = if self.is_chinese() { "年 · " } else { " · " };
            let prefix = super::text::with_int("", y.into(), suffix);
            link.title = Tx::with_html(
                [prefix.as_str(), &link.title.text].concat(),
                [prefix.as_str(), &link.title.html].concat(),
            );
        }
        if let Owner::Measure { doc, measure } = owner
            && let Some(title) = &self.site.documents[doc].measures[measure].title
        {
            let t = self.tx(title);
            link.title = Tx::with_html(
                [link.title.text.as_str(), " ", &t.text].concat(),
                [link.title.html.as_str(), " ", &t.html].concat(),
            );
        }
        link
    }

    /// Groups citations by the kind of item that cites, in a fixed order, each item once.
    pub fn cite_groups<'c>(
        &self,
        from: &PagePath,
        citations: impl IntoIterator<Item = &'c Citation>,
        keep: impl Fn(&Citation) -> bool,
    ) -> Vec<CiteGroup> {
        let mut owners: Vec<Owner> = citations
            .into_iter()
            .filter(|c| keep(c))
            .map(|c| c.from)
            .collect();
        owners.sort();
        owners.dedup();
        GROUP_LABELS
            .iter()
            .enumerate()
            .filter_map(|(group, label)| {
                let items: Vec<Link> = owners
                    .iter()
                    .filter(|o| owner_group(**o) == group)
                    .map(|o| self.owner_link(from, *o))
                    .collect();
                (!items.is_empty()).then(|| CiteGroup {
                    label: self.label(label),
                    items,
                })
            })
            .collect()
    }

    /// "Cited by" for one target: everything that refers to it, except through `via`s the
    /// page already shows in its own way.
    pub fn cited_by(&self, from: &PagePath, target: Target, skip: &[Via]) -> Vec<CiteGroup> {
        self.recorder
            .add(super::deps::Dep::CitedBy(super::deps::entity_of(
                self.site, target,
            )));
        self.cite_groups(from, self.citations.of(target), |c| !skip.contains(&c.via))
    }
}
