//! Which pages a change affects: after a change, only the pages that show something that
//! changed are rendered again.
//!
//! Each rendered page records what it shows ([`Dep`]s: its own item, the items whose titles
//! and values fill its links, the "cited by" lists it lists). Each rebuild fingerprints every
//! [`Dep`]: an entity by the text of the files that define it, a "cited by" list by who cites
//! it. A page is re-rendered when one of its recorded deps has a new fingerprint; anything
//! structural (a page added or removed, settings, templates, navigation) re-renders all. The
//! result is byte-identical to a full build, which the tests check with random edit sequences.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::entity::EntityKey;
use crate::model::Site;
use crate::render::PageJob;
use crate::render::deps::{Dep, also_reads, entity_of};
use crate::resolve::Citations;
use crate::source::SourceMap;

/// Fingerprints of everything a page can show.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fingerprints {
    map: HashMap<Dep, u64>,
}

impl Fingerprints {
    /// Deps whose fingerprint differs between `self` (before) and `after`, including deps that
    /// appeared or disappeared.
    pub fn changed(&self, after: &Fingerprints) -> BTreeSet<Dep> {
        let mut changed = BTreeSet::new();
        for (dep, fp) in &after.map {
            if self.map.get(dep) != Some(fp) {
                changed.insert(dep.clone());
            }
        }
        for dep in self.map.keys() {
            if !after.map.contains_key(dep) {
                changed.insert(dep.clone());
            }
        }
        changed
    }
}

/// Fingerprints every entity by its files (each reading of a file has its own version, so a
/// re-read file counts as changed even if its text is the same: a page too many is
/// re-rendered, never one too few), and the site by its structure: the pages there are and
/// what every page's navigation shows.
pub fn fingerprints(
    site: &Site,
    sources: &SourceMap,
    jobs: &[PageJob],
    citations: &Citations,
) -> Fingerprints {
    let mut hashers: BTreeMap<Dep, DefaultHasher> = BTreeMap::new();
    // Files in path order, so the combination is stable.
    let mut files: Vec<_> = sources.files().map(|(_, f)| f).collect();
    files.sort_by(|a, b| a.display_path.cmp(&b.display_path));
    for file in files {
        if let Some(entity) = &file.entity {
            let h = hashers.entry(Dep::Entity(entity.clone())).or_default();
            file.display_path.hash(h);
            file.version.hash(h);
        }
    }
    let site_hasher = hashers.entry(Dep::Entity(EntityKey::Site)).or_default();
    for job in jobs {
        job.path.hash(site_hasher);
    }
    for page in &site.pages {
        for lang in site.languages.ids() {
            page.item.title.or_empty(lang).hash(site_hasher);
        }
    }
    site.draft_years.hash(site_hasher);
    // Who cites what: a "cited by" list changes when a citation to its entity appears,
    // disappears or comes from elsewhere.
    for c in citations.iter() {
        // A quote of a value is listed on the indicator's page too.
        let mut keys = vec![entity_of(site, c.to)];
        keys.extend(also_reads(c.to));
        for key in keys {
            let h = hashers.entry(Dep::CitedBy(key)).or_default();
            c.to.hash(h);
            entity_of(site, c.from.target()).hash(h);
            c.via.hash(h);
        }
    }
    Fingerprints {
        map: hashers.into_iter().map(|(d, h)| (d, h.finish())).collect(),
    }
}

/// What to render.
pub enum Plan {
    /// Every page: the first render, or a change to something every page shows.
    All,
    /// These pages only.
    Some(Vec<PageJob>),
}

/// The pages to render after the last render recorded `previous` (what each page showed, and
/// the fingerprints then), given the fingerprints now.
pub fn plan(
    jobs: &[PageJob],
    previous: Option<(&HashMap<String, Vec<Dep>>, &Fingerprints)>,
    now: &Fingerprints,
) -> Plan {
    let Some((deps, before)) = previous else {
        return Plan::All;
    };
    let changed = before.changed(now);
    let structural = changed.contains(&Dep::Entity(EntityKey::Site))
        || jobs.len() != deps.len()
        || jobs.iter().any(|j| !deps.contains_key(&j.path));
    if structural {
        return Plan::All;
    }
    Plan::Some(
        jobs.iter()
            .filter(|j| {
                deps[&j.path]
                    .iter()
                    .any(|d| changed.iter().any(|c| d.affected_by(c)))
            })
            .cloned()
            .collect(),
    )
}
