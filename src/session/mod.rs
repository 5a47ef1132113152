//! A build session: the one pipeline that `build`, `build --watch`, `serve` and watch mode's
//! previews all drive.
//!
//! A run goes load → resolve → lint ([`prepare`]), then decides which pages to render
//! ([`plan`]: all of them the first time, those that show what changed afterwards), renders
//! them and assembles the output in one place ([`assemble`]). `ipreport build` and `check`
//! run a session once ([`compile`]); watch mode keeps one [`Session`] for as long as it runs
//! and calls it again after each change, so a rebuild is the same pipeline run on less. What
//! a session keeps between runs is in two places only: its caches (parsed files, lint
//! results, templates) and its state (the last output and what each page showed).

mod assemble;
mod plan;
mod prepare;
mod preview;

use std::path::{Path, PathBuf};

pub use assemble::Changes;
pub use prepare::{CompileOptions, Prepared};

use crate::diagnostics::Diagnostic;
use crate::output::{Shape, Sink, TopLevel};
use crate::render::{self, Output, OutputFile};
use crate::source::SourceMap;

/// Pages rendered (and, in a one-shot build, written) together: enough to keep the cores
/// busy, few enough that their bytes are a few MiB.
const PAGES_PER_BATCH: usize = 512;

/// When a render brings the search index up to date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Search {
    /// With the pages.
    Now,
    /// Later, by [`Session::update_search`]: watch mode writes the pages first, so that the
    /// browser shows an edit before the index of the whole site is built again.
    Later,
}

/// One site being built, once or again and again.
pub struct Session {
    root: PathBuf,
    options: CompileOptions,
    caches: prepare::Caches,
    /// Whether the session renders again (watch mode): then it records what every page
    /// shows and fingerprints every entity, to render only what a change affects.
    again: bool,
    state: Option<assemble::State>,
    /// The model of the last successful run, which previews edit (see [`preview`]).
    last: Option<Prepared>,
    /// The edits a preview applied to `last` whose other pages are still to render.
    previewing: Option<preview::Applied>,
    /// For the proof view (`serve`): pages render with the marks of where their values come
    /// from, kept here rather than in the pages (see [`render::proof`]).
    marks: Option<render::proof::MarkTable>,
}

impl Session {
    /// A session for one build: it keeps nothing for a next one (copying every file, parse
    /// and lint result into a cache would only cost time and memory).
    pub fn once(root: &Path, options: CompileOptions) -> Session {
        Session {
            root: root.to_path_buf(),
            options,
            caches: prepare::Caches::one_shot(),
            again: false,
            state: None,
            last: None,
            previewing: None,
            marks: None,
        }
    }

    /// A session for watch mode: each run reads, parses and renders only what changed.
    pub fn watching(root: &Path, options: CompileOptions) -> Session {
        Session {
            root: root.to_path_buf(),
            options,
            caches: prepare::Caches::default(),
            again: true,
            state: None,
            last: None,
            previewing: None,
            marks: None,
        }
    }

    /// Renders every page for the proof view from now on, keeping its marks in `marks`.
    pub fn show_sources(&mut self, marks: render::proof::MarkTable) {
        self.marks = Some(marks);
        // What was rendered before has no marks.
        self.state = None;
    }

    /// Makes the next run read these files again (the file watcher saw them change, or be
    /// created, removed or renamed).
    pub fn changed<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.caches.invalidate(paths);
    }

    /// Like [`Session::changed`], for files changed in place (contents only): the next run
    /// need not walk the folders again.
    pub fn edited<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.caches.edited(paths);
    }

    /// Makes the next run walk the folders again and compare every file (events were lost).
    pub fn rescan(&mut self) {
        self.caches.rescan();
    }

    /// Loads, resolves and checks the site.
    pub fn prepare(&mut self) -> Prepared {
        prepare::prepare(&self.root, self.options, &mut self.caches)
    }

    /// Renders what the last render left to do (everything the first time, or after a
    /// change every page shows) and brings the output up to date. Nothing is rendered for a
    /// site with errors (`Ok` with no changes is never returned then: `prepared` must have
    /// a renderer, see [`Prepared::renderer`]).
    pub fn render(
        &mut self,
        prepared: &Prepared,
        search: Search,
    ) -> Result<Changes, Vec<Diagnostic>> {
        let (Some(renderer), Some(site)) = (prepared.renderer(), prepared.site.as_ref()) else {
            return Err(Vec::new());
        };
        let renderer = match self.marks {
            Some(_) => renderer.with_proof(&prepared.sources),
            None => renderer,
        };
        let mut timer = crate::timings::Timer::new();
        let jobs = renderer.jobs();
        let fingerprints = if self.again {
            plan::fingerprints(site, &prepared.sources, jobs, &prepared.citations)
        } else {
            plan::Fingerprints::default()
        };
        let previous = self.state.as_ref().map(|s| (&s.deps, &s.fingerprints));
        let to_render = match plan::plan(jobs, previous, &fingerprints) {
            plan::Plan::All => jobs.to_vec(),
            plan::Plan::Some(jobs) => jobs,
        };
        timer.lap("plan");
        // The other files (feeds, sitemap, open data) take about as long as a few pages.
        let (rendered, files) = rayon::join(|| renderer.render(&to_render), || renderer.files());
        let mut rendered = rendered?;
        keep_marks(self.marks.as_ref(), &mut rendered);
        timer.lap("render");
        let first = self.state.is_none();
        let state = self.state.get_or_insert_with(assemble::State::default);
        let mut changes = Changes {
            rendered: rendered.len(),
            total_pages: jobs.len(),
            ..Changes::default()
        };
        state.take_pages(rendered, self.again, &mut changes);
        state.take_search_plans(renderer.search_plans());
        state.take_files(files, jobs, first, &mut changes);
        if let Some(table) = &self.marks {
            for path in &changes.removed {
                table.remove(path);
            }
        }
        state.fingerprints = fingerprints;
        timer.lap("files");
        if search == Search::Now {
            changes.extend(state.update_search());
        }
        Ok(changes)
    }

    /// Sends the search index of the pages [`render_into`] sent, which needs
    /// nothing of the model: a build frees it first, and the index reuses its memory.
    pub fn send_search(&mut self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        match self.state.as_mut() {
            Some(state) => state.send_search(sink),
            None => Ok(()),
        }
    }

    /// Whether no render has succeeded yet (or the last output was forgotten).
    pub fn is_first(&self) -> bool {
        self.state.is_none()
    }

    /// The output of the last successful render.
    pub fn output(&self) -> Option<&Output> {
        self.state.as_ref().map(|s| &s.output)
    }

    /// Forgets the last output (what is on disk is unknown now): the next render renders
    /// everything and the next write compares with the disk.
    pub fn forget_output(&mut self) {
        self.state = None;
    }

    /// Whether the search index lags behind the pages.
    pub fn search_is_stale(&self) -> bool {
        self.state
            .as_ref()
            .is_some_and(assemble::State::search_is_stale)
    }

    /// Builds the search index again after pages changed; says which files changed.
    pub fn update_search(&mut self) -> Changes {
        self.state
            .as_mut()
            .map(assemble::State::update_search)
            .unwrap_or_default()
    }

    /// Keeps the model of a successful run for previews of the edits after it.
    pub fn keep_model(&mut self, prepared: Prepared) {
        self.last = Some(prepared);
        // What a preview left to render belongs to the model replaced.
        self.previewing = None;
    }

    /// Forgets the kept model (it may hold part of an edit, or a failed run followed it).
    pub fn forget_model(&mut self) {
        self.last = None;
        self.previewing = None;
    }

    /// Renders the pages of items whose body alone was edited (`paths`, changed in place)
    /// from the kept model, ahead of the run that must follow, and takes them into the
    /// output. Returns what the pages replaced (to put back if that run fails) and the
    /// edited files as the diagnostics name them; `None` when a preview does not apply.
    /// [`Session::preview_rest`] then renders the other pages that show the edited bodies.
    pub fn preview(&mut self, paths: &[&Path]) -> Option<Preview> {
        self.previewing = None;
        self.state.as_ref()?;
        let prepared = self.last.as_mut()?;
        let applied = preview::apply(prepared, paths);
        let pages = applied
            .as_ref()
            .and_then(|a| preview::render(prepared, a, &a.own, self.marks.is_some()));
        let Some(pages) = pages else {
            // The model may hold part of the edits now: no more previews from it.
            self.last = None;
            return None;
        };
        let mut files: Vec<String> = paths
            .iter()
            .filter_map(|p| prepared.sources.find(p))
            .map(|id| prepared.sources.get(id).display_path.clone())
            .collect();
        // The watcher may report one save as several events on the same file.
        files.sort_unstable();
        files.dedup();
        self.previewing = applied;
        let previous = self.take_preview(pages)?;
        Some(Preview { previous, files })
    }

    /// After [`Session::preview`]: renders the other pages that show the edited bodies (the
    /// year's print page) and takes them into the output. `None` when there are none or
    /// they cannot be previewed (the run that follows renders them).
    pub fn preview_rest(&mut self) -> Option<Vec<(String, Option<OutputFile>)>> {
        let applied = self.previewing.take()?;
        let prepared = self.last.as_ref()?;
        let pages = preview::render(prepared, &applied, &applied.also, self.marks.is_some())?;
        self.take_preview(pages)
    }

    fn take_preview(
        &mut self,
        mut pages: Vec<render::RenderedPage>,
    ) -> Option<Vec<(String, Option<OutputFile>)>> {
        keep_marks(self.marks.as_ref(), &mut pages);
        Some(self.state.as_mut()?.preview(pages))
    }

    /// Puts back what a preview replaced; returns the paths to write again.
    pub fn undo_preview(&mut self, previous: Vec<(String, Option<OutputFile>)>) -> Changes {
        match self.state.as_mut() {
            Some(state) => state.undo_preview(previous),
            None => Changes::default(),
        }
    }
}

/// Moves the proof marks of rendered pages into the mark table, if there is one.
fn keep_marks(table: Option<&render::proof::MarkTable>, pages: &mut [render::RenderedPage]) {
    let Some(table) = table else { return };
    for page in pages {
        match page.marks.take() {
            // A page without values needs nothing put back.
            Some(marks) if marks.inserts.is_empty() => table.remove(&page.path),
            Some(marks) => table.set(&page.path, marks),
            None => {}
        }
    }
}

/// What a preview took into the output.
pub struct Preview {
    /// The paths whose bytes changed, with what they held before.
    pub previous: Vec<(String, Option<OutputFile>)>,
    /// The edited files, as diagnostics name them.
    pub files: Vec<String>,
}

/// Everything a single run produced.
pub struct Compiled {
    pub sources: SourceMap,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The rendered site, when there were no errors.
    pub output: Option<Output>,
    /// Pages per language, for the summary line.
    pub pages: usize,
    pub languages: Vec<String>,
    /// Translation coverage per year and language.
    pub coverage: Vec<crate::lint::coverage::Row>,
    /// The loaded, resolved model, with or without errors (absent only when nothing usable
    /// could be loaded), for what reports on the site rather than renders it (`check
    /// --format html`, `check --since`).
    pub site: Option<crate::model::Site>,
}

impl Compiled {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

/// Loads, checks and renders the site under `root` once, in memory. Rendering happens only
/// when there are no errors, but every check runs regardless, so one run reports every
/// problem.
pub fn compile(root: &Path, options: CompileOptions) -> Compiled {
    let mut session = Session::once(root, options);
    let mut prepared = session.prepare();
    let mut output = None;
    if prepared.renders() {
        match session.render(&prepared, Search::Now) {
            Ok(_) => output = session.state.take().map(|s| s.output),
            Err(ds) => prepared.diagnostics.extend(ds),
        }
    }
    let mut compiled = finish(prepared);
    compiled.output = output;
    compiled
}

/// Renders every page of a one-shot session and streams them and the other files to the
/// sink that `open` makes once the site's shape is known, a batch of pages at a time, so
/// that the pages of a large site are never all in memory; the search index follows by
/// [`Session::send_search`]. Errors of every batch are reported; nothing is sent after
/// the first.
fn render_into<S: Sink>(
    state: &mut Option<assemble::State>,
    prepared: &Prepared,
    open: impl FnOnce(Shape) -> Result<S, Diagnostic>,
) -> Result<S, Vec<Diagnostic>> {
    let Some(renderer) = prepared.renderer() else {
        return Err(Vec::new());
    };
    let mut timer = crate::timings::Timer::new();
    let jobs = renderer.jobs();
    let plans = renderer.search_plans();
    let files = renderer.files();
    let search_dirs: Vec<String> = plans
        .iter()
        .map(|p| format!("{}search/", p.prefix))
        .collect();
    let shape = Shape {
        top_level: TopLevel::of(
            jobs.iter()
                .map(|j| j.path.as_str())
                .chain(files.keys().map(String::as_str))
                .chain(search_dirs.iter().map(String::as_str)),
        ),
        files: jobs.len() + files.len(),
    };
    let sink = open(shape).map_err(|d| vec![d])?;
    let state = state.get_or_insert_with(assemble::State::default);
    state.take_search_plans(plans);
    let mut errors: Vec<Diagnostic> = Vec::new();
    // Each batch is written (and its search text counted) while the next one renders.
    let mut rendered: Option<Vec<render::RenderedPage>> = None;
    for batch in jobs.chunks(PAGES_PER_BATCH).map(Some).chain([None]) {
        let (pages, sent) = rayon::join(
            || batch.map(|jobs| renderer.render(jobs)),
            || match rendered.take() {
                Some(pages) => state.send_pages(pages, &sink),
                None => Ok(()),
            },
        );
        sent.map_err(|d| vec![d])?;
        match pages {
            Some(Ok(pages)) if errors.is_empty() => rendered = Some(pages),
            Some(Ok(_)) | None => {}
            Some(Err(ds)) => {
                for d in ds {
                    render::push_distinct(&mut errors, d);
                }
            }
        }
    }
    timer.lap("render");
    if !errors.is_empty() {
        return Err(errors);
    }
    state.send_files(files, jobs, &sink).map_err(|d| vec![d])?;
    timer.lap("files");
    Ok(sink)
}

/// Like [`compile`], but the output is streamed to the sink `open` makes (`ipreport
/// build`): `Some` sink when every file was rendered and sent, `None` after errors (also of
/// the sink, which are in the diagnostics). The model is not kept (`Compiled::site` is
/// `None` after a render): it is freed before the search index is made.
pub fn compile_into<S: Sink + Send>(
    root: &Path,
    options: CompileOptions,
    open: impl FnOnce(Shape) -> Result<S, Diagnostic> + Send,
) -> (Compiled, Option<S>) {
    let mut session = Session::once(root, options);
    let mut prepared = prepare::load_and_resolve(root, options, &mut session.caches);
    // The checks of the texts only warn, so the pages render while they run, unless their
    // warnings are errors or the site does not render anyway.
    let beside = !options.strict && prepared.renders();
    if !beside {
        let texts = prepare::check_texts(&prepared, &session.caches.lints);
        prepared.add_checks(texts, options.strict);
        if !prepared.renders() {
            return (finish(prepared), None);
        }
    }
    let Session { caches, state, .. } = &mut session;
    let rendered = if beside {
        let (texts, rendered) = rayon::join(
            || prepare::check_texts(&prepared, &caches.lints),
            || render_into(state, &prepared, open),
        );
        prepared.add_checks(texts, options.strict);
        rendered
    } else {
        render_into(state, &prepared, open)
    };
    let sink = match rendered {
        // An error of the checks (there is none today) still fails the build: the sink is
        // dropped, and with it what it wrote.
        Ok(sink) if !prepared.diagnostics.has_errors() => sink,
        Ok(_) => return (finish(prepared), None),
        Err(ds) => {
            prepared.diagnostics.extend(ds);
            return (finish(prepared), None);
        }
    };
    let counts = page_counts(prepared.site.as_ref());
    drop(prepared.site.take());
    drop(prepared.index.take());
    drop(std::mem::take(&mut prepared.citations));
    drop(std::mem::take(&mut prepared.links));
    let sent = session.send_search(&sink);
    let mut compiled = finish(prepared);
    (compiled.pages, compiled.languages) = counts;
    match sent {
        Ok(()) => (compiled, Some(sink)),
        Err(d) => {
            compiled.diagnostics.push(d);
            (compiled, None)
        }
    }
}

/// Pages per language, and the languages, for the summary line.
fn page_counts(site: Option<&crate::model::Site>) -> (usize, Vec<String>) {
    match site {
        Some(site) => (
            render::page_kinds(site).len(),
            site.languages.codes().map(str::to_string).collect(),
        ),
        None => (0, Vec::new()),
    }
}

/// What a run tells of the site, with its diagnostics sorted.
fn finish(prepared: Prepared) -> Compiled {
    let (pages, languages) = page_counts(prepared.site.as_ref());
    let mut timer = crate::timings::Timer::new();
    let diagnostics = prepared.diagnostics.sorted(&prepared.sources);
    timer.lap("sort");
    Compiled {
        diagnostics,
        sources: prepared.sources,
        output: None,
        pages,
        languages,
        coverage: prepared.coverage,
        site: prepared.site,
    }
}
