//! Resolve: check every reference, fill in its [`Target`], collect who cites what
//! ([`Citations`], the "cited by" lists), and apply the domain rules of SPEC §15.

pub(crate) mod checks;
pub(crate) mod index;
pub(crate) mod lookup;

use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Code, Diagnostic};
use crate::entity::EntityKey;
use crate::model::walk::{TextRef, each_text};
use std::sync::Arc;

use crate::model::{Fragment, LangMap, Reference, Site, Target};
use index::Index;
use lookup::Lookup;

pub use crate::model::Owner;

/// How the owner refers to the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Via {
    /// A link in the text.
    Text,
    /// A `measures:` list.
    Measures,
    /// `departments:`, `authority:`, `issuer:` or `responsible:`: the item names the department.
    Names,
    /// `lead:` of a measure: the department leads it.
    Lead,
    /// `indicators:` of an item or measure.
    Indicators,
    /// A plan's `targets:`.
    Targets,
    /// `follows:` of an issue.
    Follows,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Citation {
    pub to: Target,
    pub from: Owner,
    pub via: Via,
}

/// Every citation, sorted by target, so that a page's "cited by" list is one slice.
#[derive(Debug, Default)]
pub struct Citations {
    list: Vec<Citation>,
}

impl Citations {
    /// Citations of exactly this target.
    pub fn of(&self, target: Target) -> &[Citation] {
        let start = self.list.partition_point(|c| c.to < target);
        let end = self.list.partition_point(|c| c.to <= target);
        &self.list[start..end]
    }

    pub fn iter(&self) -> impl Iterator<Item = &Citation> {
        self.list.iter()
    }
}

/// The targets of every fragment's `@` links, by fragment. Kept apart from the fragments so
/// that those stay immutable and can be shared with the watch-mode cache.
#[derive(Debug, Default)]
pub struct LinkTargets {
    map: std::collections::HashMap<usize, Box<[Option<Target>]>>,
}

impl LinkTargets {
    /// A fragment is known by its address, which is stable while the site holds it.
    fn key(fragment: &Fragment) -> usize {
        fragment as *const Fragment as usize
    }

    fn insert(&mut self, key: usize, targets: Box<[Option<Target>]>) {
        self.map.insert(key, targets);
    }

    /// The target of a fragment's `index`-th link, if it resolved.
    pub fn get(&self, fragment: &Fragment, index: usize) -> Option<Target> {
        self.map
            .get(&Self::key(fragment))
            .and_then(|t| t.get(index).copied().flatten())
    }

    /// The targets of all of a fragment's links, in order (empty if it has none).
    pub fn all(&self, fragment: &Fragment) -> &[Option<Target>] {
        self.map.get(&Self::key(fragment)).map_or(&[], |t| t)
    }

    /// Forgets a fragment that is about to be dropped: its address may be reused.
    pub fn remove(&mut self, fragment: &Fragment) {
        self.map.remove(&Self::key(fragment));
    }

    /// Takes over the targets of `other`'s fragments.
    pub fn extend(&mut self, other: LinkTargets) {
        self.map.extend(other.map);
    }
}

#[derive(Debug)]
pub struct Resolution {
    pub diagnostics: Vec<Diagnostic>,
    pub citations: Citations,
    pub links: LinkTargets,
    /// What the references were looked up in, for [`resolve_fragments`].
    pub index: Index,
}

/// The links of fragments resolved on their own (see [`resolve_fragments`]).
#[derive(Debug, Default)]
pub struct FragmentLinks {
    pub diagnostics: Vec<Diagnostic>,
    pub links: LinkTargets,
}

/// Resolves the links of new fragments of `from` against the index of a resolved site,
/// with the same lookups as [`resolve`]: watch mode's preview of an edited text.
pub fn resolve_fragments(
    index: &Index,
    fragments: &[&Arc<Fragment>],
    from: Owner,
) -> FragmentLinks {
    let mut r = Resolver {
        lookup: Lookup { index },
        diagnostics: Vec::new(),
        citations: Vec::new(),
        links: LinkTargets::default(),
    };
    // The preview compares the links' targets; the citations are the full rebuild's.
    for fragment in fragments {
        r.fragment(fragment, Some(from));
    }
    FragmentLinks {
        diagnostics: r.diagnostics,
        links: r.links,
    }
}

struct Resolver<'a> {
    lookup: Lookup<'a>,
    diagnostics: Vec<Diagnostic>,
    citations: Vec<Citation>,
    links: LinkTargets,
}

impl Resolver<'_> {
    fn record(
        &mut self,
        r: &mut Reference,
        from: Owner,
        via: Via,
        found: Result<Target, lookup::Miss>,
    ) {
        if let Some(target) = self.note(from, via, found) {
            r.target = Some(target);
        }
    }

    /// Records a citation (when the text has an owner that can cite) or a diagnostic for a
    /// lookup and returns the target found.
    fn note(
        &mut self,
        from: impl Into<Option<Owner>>,
        via: Via,
        found: Result<Target, lookup::Miss>,
    ) -> Option<Target> {
        match found {
            Ok(target) => {
                if let Some(from) = from.into() {
                    self.citations.push(Citation {
                        to: target,
                        from,
                        via,
                    });
                }
                Some(target)
            }
            Err(lookup::Miss::Unknown(d)) => {
                self.diagnostics.push(*d);
                None
            }
            Err(lookup::Miss::Explained) => None,
        }
    }

    fn measures(&mut self, refs: &mut [Reference], from: Owner) {
        for r in refs {
            let found = self.lookup.measure(&r.raw, r.span);
            self.record(r, from, Via::Measures, found);
        }
    }

    fn departments(&mut self, refs: &mut [Reference], from: Owner, via: Via) {
        // Parties named in free text have no page to resolve to.
        for r in refs.iter_mut().filter(|r| r.name.is_none()) {
            let found = self.lookup.department(&r.raw, r.span);
            self.record(r, from, via, found);
        }
    }

    fn indicators(&mut self, refs: &mut [Reference], from: Owner) {
        for r in refs {
            let found = self.lookup.indicator(&r.raw, r.span).map(Target::Indicator);
            self.record(r, from, Via::Indicators, found);
        }
    }

    /// Resolves a fragment's links into the side table: fragments are shared with the
    /// watch-mode cache and stay as compiled.
    fn fragment(&mut self, fragment: &Arc<Fragment>, from: Option<Owner>) {
        if fragment.refs.is_empty() {
            return;
        }
        let mut targets = Vec::with_capacity(fragment.refs.len());
        for r in &fragment.refs {
            let found = self.lookup.link(&r.raw, r.span);
            targets.push(self.note(from, Via::Text, found));
        }
        self.links
            .insert(LinkTargets::key(fragment), targets.into_boxed_slice());
    }

    fn fragments(&mut self, fragments: &LangMap<Arc<Fragment>>, from: Option<Owner>) {
        for (_, f) in fragments.iter() {
            self.fragment(f, from);
        }
    }
}

impl Resolver<'_> {
    /// A document's reference lists: its issuers, its targets' indicators, its measures'
    /// lead departments and indicators.
    fn document(&mut self, d: usize, doc: &mut crate::model::Document) {
        self.departments(&mut doc.issuer, Owner::Document(d), Via::Names);
        for t in &mut doc.targets {
            let found = self
                .lookup
                .indicator(&t.indicator.raw, t.indicator.span)
                .map(Target::Indicator);
            self.record(&mut t.indicator, Owner::Document(d), Via::Targets, found);
        }
        for (m, measure) in doc.measures.iter_mut().enumerate() {
            let owner = Owner::Measure { doc: d, measure: m };
            self.departments(&mut measure.lead, owner, Via::Lead);
            self.indicators(&mut measure.indicators, owner);
        }
    }

    /// The reference lists of a year's achievements, cases, events and issues.
    fn year(&mut self, y: usize, year: &mut crate::model::Year) {
        for (i, a) in year.achievements.iter_mut().enumerate() {
            let owner = Owner::Achievement { year: y, index: i };
            self.measures(&mut a.measures, owner);
            self.departments(&mut a.departments, owner, Via::Names);
            self.indicators(&mut a.indicators, owner);
        }
        for (i, c) in year.cases.iter_mut().enumerate() {
            let owner = Owner::Case { year: y, index: i };
            self.measures(&mut c.measures, owner);
            self.departments(&mut c.departments, owner, Via::Names);
            if let Some(a) = c.authority.as_mut() {
                self.departments(std::slice::from_mut(a), owner, Via::Names);
            }
            self.indicators(&mut c.indicators, owner);
        }
        for (i, e) in year.events.iter_mut().flatten().enumerate() {
            let owner = Owner::Event { year: y, index: i };
            self.measures(&mut e.measures, owner);
            self.departments(&mut e.departments, owner, Via::Names);
        }
        let this_year = year.year;
        for (i, issue) in year.issues.iter_mut().flatten().enumerate() {
            let owner = Owner::Issue { year: y, index: i };
            self.measures(&mut issue.measures, owner);
            self.departments(&mut issue.responsible, owner, Via::Names);
            if let Some(f) = issue.follows.as_mut() {
                self.follows(f, owner, this_year);
            }
        }
    }

    /// `follows:` of an issue must name the same issue in an earlier year.
    fn follows(&mut self, f: &mut Reference, owner: Owner, this_year: i32) {
        let found = self.lookup.issue(&f.raw, f.span);
        let earlier = match found {
            Ok(Target::Issue { year: fy, .. }) => self.lookup.index.years[fy].year < this_year,
            _ => true,
        };
        if earlier {
            self.record(f, owner, Via::Follows, found);
        } else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    f.span,
                    format!("`follows: {}` does not name an earlier year", f.raw),
                )
                .with_help("`follows` links an issue to the same issue in an earlier year's list"),
            );
        }
    }
}

/// Fills each year's values by indicator and reports values for undefined indicators.
fn resolve_values(
    site: &mut Site,
    index: &Index,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Vec<bool>> {
    let indicator_count = site.indicators.len();
    let mut has_value = Vec::with_capacity(site.years.len());
    for year in &mut site.years {
        year.value_by_indicator = vec![None; indicator_count];
        year.value_entry = vec![None; indicator_count];
        for (at, v) in year.report.values.iter_mut().enumerate() {
            match index.indicators.get(&v.indicator.raw) {
                Some(i) => {
                    v.indicator.target = Some(Target::Indicator(i));
                    year.value_by_indicator[i] = Some(v.value);
                    year.value_entry[i] = Some(at);
                }
                None if index.incomplete.contains(&EntityKey::Indicators) => {}
                None => diagnostics.push(
                    Diagnostic::new(
                        Code::ValueForUnknownIndicator,
                        v.indicator.span,
                        format!("a value for the undefined indicator `{}`", v.indicator.raw),
                    )
                    .with_help(
                        did_you_mean(&v.indicator.raw, index.indicators.names()).unwrap_or_else(
                            || "define the indicator in content/indicators.yaml first".into(),
                        ),
                    ),
                ),
            }
        }
        has_value.push(
            year.value_by_indicator
                .iter()
                .map(Option::is_some)
                .collect(),
        );
    }
    has_value
}

/// Resolves every reference of the site in place.
pub fn resolve(site: &mut Site) -> Resolution {
    let mut index = Index::build(site);
    let mut diagnostics = Vec::new();
    index.values = resolve_values(site, &index, &mut diagnostics);
    let mut r = Resolver {
        lookup: Lookup { index: &index },
        diagnostics,
        citations: Vec::new(),
        links: LinkTargets::default(),
    };

    for (d, doc) in site.documents.iter_mut().enumerate() {
        r.document(d, doc);
    }
    for (y, year) in site.years.iter_mut().enumerate() {
        r.year(y, year);
    }
    // The home page's key figures name indicators; they cite nothing.
    let mut key_lists: Vec<&mut Vec<Reference>> = vec![&mut site.config.key_figures];
    key_lists.extend(site.years.iter_mut().map(|y| &mut y.report.key_figures));
    for list in key_lists {
        for k in list.iter_mut() {
            let found = r.lookup.indicator(&k.raw, k.span).map(Target::Indicator);
            if let Some(target) = r.note(None, Via::Indicators, found) {
                k.target = Some(target);
            }
        }
    }
    // The `@` links of every Markdown text and body: fragments stay as compiled, their
    // targets go into a side table.
    each_text(site, |owner, item| {
        let from = owner.citing();
        for part in item.parts {
            match part {
                TextRef::Markdown(md) => r.fragments(&md.fragments, from),
                TextRef::Body(body) => r.fragments(body, from),
                TextRef::Plain(_) => {}
            }
        }
    });

    let mut citations = r.citations;
    citations.sort();
    citations.dedup();
    let mut diagnostics = r.diagnostics;
    diagnostics.extend(checks::check(site));
    let links = r.links;
    Resolution {
        diagnostics,
        citations: Citations { list: citations },
        links,
        index,
    }
}
