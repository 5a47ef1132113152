//! Incremental rebuilds in watch mode: after a change, re-render only the pages that show
//! something that changed.
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
use crate::render::deps::{Dep, also_reads, entity_of};
use crate::render::search::{self, SearchDoc};
use crate::render::{Output, OutputFile, PageJob, RenderedPage, Renderer};
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

/// What the last successful build left behind.
#[derive(Debug, Default)]
pub struct State {
    /// The whole output as written.
    pub output: Output,
    /// Per page file, what it shows.
    pub deps: HashMap<String, Vec<Dep>>,
    pub fingerprints: Fingerprints,
    /// The searchable text of every page, by output path: re-extracted only from the pages
    /// that were rendered again.
    search_docs: HashMap<String, SearchDoc>,
    /// What each language's index covers.
    search_plans: Vec<search::Plan>,
    /// The search files in `output`.
    search_files: BTreeSet<String>,
    /// Whether pages changed since the search files were last brought up to date.
    search_stale: bool,
}

impl State {
    /// Whether the search index lags behind the pages (see [`update_search`]).
    pub fn search_is_stale(&self) -> bool {
        self.search_stale
    }

    /// Takes in pages rendered ahead of the next rebuild (watch mode's preview), which that
    /// rebuild renders again and then finds unchanged. Returns the paths whose bytes changed,
    /// with what they held before, to undo the preview if the rebuild fails.
    pub fn preview(&mut self, pages: Vec<RenderedPage>) -> Vec<(String, Option<OutputFile>)> {
        let mut previous = Vec::new();
        for page in pages {
            let file = OutputFile::Bytes(page.bytes);
            if self.output.get(&page.path) == Some(&file) {
                continue;
            }
            let old = self.output.insert(page.path.clone(), file);
            previous.push((page.path, old));
        }
        if !previous.is_empty() {
            // The rebuild re-extracts the pages' search texts but sees no change in bytes.
            self.search_stale = true;
        }
        previous
    }

    /// Puts back what [`State::preview`] replaced; returns the paths to write again.
    pub fn undo_preview(&mut self, previous: Vec<(String, Option<OutputFile>)>) -> Changes {
        let mut changes = Changes::default();
        for (path, old) in previous {
            match old {
                Some(file) => {
                    self.output.insert(path.clone(), file);
                    changes.updated.push(path);
                }
                None => {
                    self.output.remove(&path);
                    changes.removed.push(path);
                }
            }
        }
        changes
    }
}

/// What a rebuild changed in the output.
#[derive(Debug, Default)]
pub struct Changes {
    /// Files that did not exist.
    pub created: Vec<String>,
    /// Files whose bytes changed.
    pub updated: Vec<String>,
    /// Files that no longer belong.
    pub removed: Vec<String>,
    /// Pages rendered (all of them on a full render).
    pub rendered: usize,
    pub total_pages: usize,
}

/// Renders what changed since the last build in `state` (everything when there is none or
/// the change is structural), brings the search index up to date, updates `state` in place
/// and says which files changed.
pub fn rebuild(
    renderer: &Renderer,
    site: &Site,
    sources: &SourceMap,
    citations: &Citations,
    state: &mut Option<State>,
) -> Result<Changes, Vec<crate::diagnostics::Diagnostic>> {
    let mut changes = rebuild_pages(renderer, site, sources, citations, state)?;
    if let Some(state) = state.as_mut() {
        let search = update_search(state);
        changes.created.extend(search.created);
        changes.updated.extend(search.updated);
        changes.removed.extend(search.removed);
    }
    Ok(changes)
}

/// Like [`rebuild`], but leaves the search index for [`update_search`]: watch mode writes
/// the pages first, so that the browser shows an edit before the index of the whole site is
/// built again.
pub fn rebuild_pages(
    renderer: &Renderer,
    site: &Site,
    sources: &SourceMap,
    citations: &Citations,
    state: &mut Option<State>,
) -> Result<Changes, Vec<crate::diagnostics::Diagnostic>> {
    let mut timer = crate::timings::Timer::new();
    let jobs = renderer.jobs();
    let fingerprints = fingerprints(site, sources, jobs, citations);
    timer.lap("fingerprint");
    let to_render: Vec<PageJob> = match state.as_ref() {
        Some(prev) => {
            let changed = prev.fingerprints.changed(&fingerprints);
            let structural = changed.contains(&Dep::Entity(EntityKey::Site))
                || jobs.len() != prev.deps.len()
                || jobs.iter().any(|j| !prev.deps.contains_key(&j.path));
            if structural {
                jobs.to_vec()
            } else {
                jobs.iter()
                    .filter(|j| {
                        prev.deps[&j.path]
                            .iter()
                            .any(|d| changed.iter().any(|c| d.affected_by(c)))
                    })
                    .cloned()
                    .collect()
            }
        }
        None => jobs.to_vec(),
    };
    // The other files (feeds, sitemap, open data) take about as long as a few pages.
    let (rendered, files) = rayon::join(|| renderer.render(&to_render), || renderer.files());
    let rendered = rendered?;
    timer.lap("render");
    let state = state.get_or_insert_with(State::default);
    let mut changes = Changes {
        rendered: rendered.len(),
        total_pages: jobs.len(),
        ..Changes::default()
    };
    for page in rendered {
        match page.search {
            Some(doc) => state.search_docs.insert(page.path.clone(), doc),
            None => state.search_docs.remove(&page.path),
        };
        state.deps.insert(page.path.clone(), page.deps);
        let file = OutputFile::Bytes(page.bytes);
        match state.output.get(&page.path) {
            Some(old) if *old == file => continue,
            Some(_) => changes.updated.push(page.path.clone()),
            None => changes.created.push(page.path.clone()),
        }
        state.output.insert(page.path, file);
        state.search_stale = true;
    }
    let plans = renderer.search_plans();
    if plans != state.search_plans {
        state.search_plans = plans;
        state.search_stale = true;
    }
    // Assets, open data, feeds and static files: recomputed and compared every time.
    let page_paths: BTreeSet<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
    for (path, file) in files.iter() {
        if page_paths.contains(path.as_str()) {
            continue;
        }
        match state.output.get(path) {
            Some(old) if old == file => continue,
            Some(_) => changes.updated.push(path.clone()),
            None => changes.created.push(path.clone()),
        }
        state.output.insert(path.clone(), file.clone());
    }
    let stale: Vec<String> = state
        .output
        .keys()
        .filter(|p| {
            !page_paths.contains(p.as_str())
                && !files.contains_key(*p)
                && !state.search_files.contains(*p)
        })
        .cloned()
        .collect();
    for path in stale {
        state.output.remove(&path);
        state.deps.remove(&path);
        state.search_docs.remove(&path);
        changes.removed.push(path);
    }
    state
        .search_docs
        .retain(|path, _| page_paths.contains(path.as_str()));
    state.fingerprints = fingerprints;
    timer.lap("files");
    Ok(changes)
}

/// Builds the search index again from the pages' texts, if pages changed since the last
/// time, and says which search files changed.
pub fn update_search(state: &mut State) -> Changes {
    let mut changes = Changes::default();
    if !state.search_stale {
        return changes;
    }
    let mut timer = crate::timings::Timer::new();
    let files = search::index_files(&state.search_plans, |path| state.search_docs.get(path));
    let mut written = BTreeSet::new();
    for (path, bytes) in files {
        let file = OutputFile::Bytes(bytes);
        match state.output.get(&path) {
            Some(old) if *old == file => {}
            Some(_) => changes.updated.push(path.clone()),
            None => changes.created.push(path.clone()),
        }
        state.output.insert(path.clone(), file);
        written.insert(path);
    }
    for path in state.search_files.difference(&written) {
        state.output.remove(path);
        changes.removed.push(path.clone());
    }
    state.search_files = written;
    state.search_stale = false;
    timer.lap("search");
    changes
}
