//! The output, assembled in one place: rendered pages, the search index and the other files
//! (assets, open data, feeds, static files) go into one [`Output`], which also says what
//! changed since the last time so that watch mode writes only that.
//!
//! Precedence: a page wins over a file of the same path (a site's static file cannot replace
//! a page), the search index's files are the index's, and a file that no longer belongs is
//! removed. A one-shot build streams the same files to the writer instead of keeping them
//! (the `send_*` methods), under the same rules.

use std::collections::{BTreeSet, HashMap};

use super::plan::Fingerprints;
use crate::diagnostics::Diagnostic;
use crate::output::Sink;
use crate::render::deps::Dep;
use crate::render::search::{self, SearchDoc};
use crate::render::{Output, OutputFile, PageJob, RenderedPage};

/// The output of the last successful render, and what renders after it need to know.
#[derive(Debug, Default)]
pub struct State {
    /// The whole output.
    pub output: Output,
    /// Per page file, what it shows (kept only by sessions that render again).
    pub deps: HashMap<String, Vec<Dep>>,
    pub fingerprints: Fingerprints,
    /// The searchable text of every page, by output path: re-extracted only from the pages
    /// that were rendered again.
    search_docs: HashMap<String, SearchDoc>,
    /// A one-shot build's index, counting the pages as they are sent instead of keeping
    /// their texts.
    indexer: Option<search::Indexer>,
    /// What each language's index covers.
    search_plans: Vec<search::Plan>,
    /// The search files in `output`.
    search_files: BTreeSet<String>,
    /// Whether pages changed since the search files were last brought up to date.
    search_stale: bool,
}

/// What a render changed in the output.
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

impl Changes {
    fn note(&mut self, path: &str, old: Option<&OutputFile>, new: &OutputFile) -> bool {
        match old {
            Some(old) if old == new => return false,
            Some(_) => self.updated.push(path.to_string()),
            None => self.created.push(path.to_string()),
        }
        true
    }

    pub fn extend(&mut self, other: Changes) {
        self.created.extend(other.created);
        self.updated.extend(other.updated);
        self.removed.extend(other.removed);
    }
}

impl State {
    /// Whether the search index lags behind the pages (see [`State::update_search`]).
    pub fn search_is_stale(&self) -> bool {
        self.search_stale
    }

    /// Takes in rendered pages; `keep_deps` records what each shows for the next plan.
    pub fn take_pages(&mut self, pages: Vec<RenderedPage>, keep_deps: bool, changes: &mut Changes) {
        for page in pages {
            match page.search {
                Some(doc) => self.search_docs.insert(page.path.clone(), compact(doc)),
                None => self.search_docs.remove(&page.path),
            };
            if keep_deps {
                self.deps.insert(page.path.clone(), page.deps);
            }
            let file = OutputFile::Bytes(page.bytes);
            if changes.note(&page.path, self.output.get(&page.path), &file) {
                self.output.insert(page.path, file);
                self.search_stale = true;
            }
        }
    }

    /// Takes in what each language's index covers.
    pub fn take_search_plans(&mut self, plans: Vec<search::Plan>) {
        if plans != self.search_plans {
            self.search_plans = plans;
            self.search_stale = true;
        }
    }

    /// Takes in the other files (assets, open data, feeds, static files), recomputed on every
    /// render, and removes what no longer belongs: files not made any more, and pages that
    /// are gone. `pages` are every page of the site now; `first`: nothing was rendered
    /// before, so nothing can be stale.
    pub fn take_files(
        &mut self,
        files: Output,
        pages: &[PageJob],
        first: bool,
        changes: &mut Changes,
    ) {
        let page_paths: BTreeSet<&str> = pages.iter().map(|j| j.path.as_str()).collect();
        for (path, file) in &files {
            if page_paths.contains(path.as_str()) {
                continue;
            }
            if changes.note(path, self.output.get(path), file) {
                self.output.insert(path.clone(), file.clone());
            }
        }
        if first {
            // Nothing was there before: nothing is stale.
            return;
        }
        let stale: Vec<String> = self
            .output
            .keys()
            .filter(|p| {
                !page_paths.contains(p.as_str())
                    && !files.contains_key(*p)
                    && !self.search_files.contains(*p)
            })
            .cloned()
            .collect();
        for path in stale {
            self.output.remove(&path);
            self.deps.remove(&path);
            self.search_docs.remove(&path);
            changes.removed.push(path);
        }
        self.search_docs
            .retain(|path, _| page_paths.contains(path.as_str()));
    }

    /// Builds the search index again from the pages' texts, if pages changed since the last
    /// time, and says which search files changed.
    pub fn update_search(&mut self) -> Changes {
        let mut changes = Changes::default();
        if !self.search_stale {
            return changes;
        }
        let files = self.search_index();
        let mut written = BTreeSet::new();
        for (path, bytes) in files {
            let file = OutputFile::Bytes(bytes);
            changes.note(&path, self.output.get(&path), &file);
            self.output.insert(path.clone(), file);
            written.insert(path);
        }
        for path in self.search_files.difference(&written) {
            self.output.remove(path);
            changes.removed.push(path.clone());
        }
        self.search_files = written;
        self.search_stale = false;
        changes
    }

    /// The search index's files, made from the pages' texts.
    fn search_index(&self) -> Vec<(String, Vec<u8>)> {
        let mut timer = crate::timings::Timer::new();
        let files = search::index_files(&self.search_plans, |path| self.search_docs.get(path));
        timer.lap("search");
        files
    }

    /// Streams rendered pages to `sink` instead of keeping them (a one-shot build, see
    /// [`super::render_into`]): only what the search index needs stays.
    pub fn send_pages(
        &mut self,
        pages: Vec<RenderedPage>,
        sink: &dyn Sink,
    ) -> Result<(), Diagnostic> {
        let mut files = Vec::with_capacity(pages.len());
        let mut docs = Vec::with_capacity(pages.len());
        for page in pages {
            docs.extend(page.search.map(std::borrow::Cow::Owned));
            files.push((page.path, OutputFile::Bytes(page.bytes)));
        }
        let plans = &self.search_plans;
        self.indexer
            .get_or_insert_with(|| search::Indexer::new(plans))
            .add(docs);
        self.search_stale = true;
        sink.put(files)
    }

    /// Streams the search index of every page sent to `sink`.
    pub fn send_search(&mut self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let mut timer = crate::timings::Timer::new();
        let indexer = self.indexer.take();
        let files = indexer
            .unwrap_or_else(|| search::Indexer::new(&self.search_plans))
            .files();
        timer.lap("search");
        self.search_files = files.iter().map(|(path, _)| path.clone()).collect();
        self.search_stale = false;
        sink.put(
            files
                .into_iter()
                .map(|(path, bytes)| (path, OutputFile::Bytes(bytes)))
                .collect(),
        )
    }

    /// Streams the other files to `sink`, after the pages and the search index, which win
    /// over a file of the same path.
    pub fn send_files(
        &mut self,
        files: Output,
        pages: &[PageJob],
        sink: &dyn Sink,
    ) -> Result<(), Diagnostic> {
        let page_paths: BTreeSet<&str> = pages.iter().map(|j| j.path.as_str()).collect();
        sink.put(
            files
                .into_iter()
                .filter(|(path, _)| {
                    !page_paths.contains(path.as_str()) && !self.search_files.contains(path)
                })
                .collect(),
        )
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

/// A page's search text as it is kept until the index is made: every page's at once, so
/// without the room its extraction reserved.
fn compact(mut doc: SearchDoc) -> SearchDoc {
    doc.text.shrink_to_fit();
    doc.prose.shrink_to_fit();
    doc.title.shrink_to_fit();
    doc
}
