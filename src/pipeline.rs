//! The whole pipeline for one run: load → resolve → render, in memory.

use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadCache, LoadOptions};
use crate::model::Site;
use crate::render::theme::{self, Theme};
use crate::render::{self, Output, Renderer};
use crate::resolve::{self, Citations};
use crate::source::SourceMap;
use crate::timings::Timer;

/// Everything a run produced.
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
}

impl Compiled {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct CompileOptions {
    pub drafts: bool,
    /// Turn warnings into errors (`check --strict`).
    pub strict: bool,
}

/// A loaded, resolved and checked site, ready to render.
pub struct Prepared {
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
    /// Absent only when nothing usable could be loaded.
    pub site: Option<Site>,
    pub citations: Citations,
    pub links: crate::resolve::LinkTargets,
    /// What the references were looked up in (absent without a site).
    pub index: Option<crate::resolve::index::Index>,
    pub theme: Theme,
    /// Absent when the templates do not compile.
    pub tera: Option<Arc<Tera>>,
    pub template_files: render::TemplateFiles,
    pub coverage: Vec<crate::lint::coverage::Row>,
}

impl Prepared {
    /// A renderer, when the site has no errors.
    pub fn renderer(&self) -> Option<Renderer<'_>> {
        if self.diagnostics.has_errors() {
            return None;
        }
        Some(Renderer::new(
            self.site.as_ref()?,
            &self.citations,
            &self.links,
            &self.theme,
            self.tera.as_deref()?,
            &self.template_files,
        ))
    }
}

/// What watch mode keeps between rebuilds: parsed files and lint results.
#[derive(Default)]
pub struct Cache {
    load: LoadCache,
    lints: crate::lint::cache::LintCache,
    /// The last templates that compiled, and what they compiled to.
    templates: Option<(std::collections::BTreeMap<String, String>, Arc<Tera>)>,
}

impl Cache {
    /// A cache that keeps nothing, for a single build: copying every file, parse and lint
    /// result into it would only cost time and memory.
    pub fn one_shot() -> Cache {
        Cache {
            load: LoadCache::one_shot(),
            lints: crate::lint::cache::LintCache::one_shot(),
            templates: None,
        }
    }

    /// Makes the next build read these files again, whatever their modification times say.
    pub fn invalidate<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        for path in paths {
            self.load.invalidate(path);
        }
    }

    /// Makes the next build walk the folders again.
    pub fn rescan(&mut self) {
        self.load.rescan();
    }

    /// Like [`Cache::invalidate`], for files changed in place (not created, removed or
    /// renamed): the next build need not walk the folders again.
    pub fn edited<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        for path in paths {
            self.load.edited(path);
        }
    }
}

/// Loads the site under `root`, resolves it and runs every check.
pub fn prepare(root: &Path, options: CompileOptions) -> Prepared {
    prepare_cached(root, options, &mut Cache::one_shot())
}

/// Like [`prepare`], reading and parsing only the files that changed since the loads
/// `cache` remembers (watch mode).
pub fn prepare_cached(root: &Path, options: CompileOptions, cache: &mut Cache) -> Prepared {
    use_roomy_threads();
    let mut timer = Timer::new();
    let loaded = load::load_cached(
        root,
        &LoadOptions {
            drafts: options.drafts,
        },
        &mut cache.load,
    );
    timer.lap("load");
    let mut diagnostics: Diagnostics = loaded.diagnostics;
    let mut sources = loaded.sources;
    let (theme, theme_diagnostics) = theme::load(root);
    diagnostics.extend(theme_diagnostics);
    // The site's own templates are sources too, so that their errors point into them.
    let template_files: render::TemplateFiles = theme
        .site_templates
        .iter()
        .filter_map(|(name, path)| {
            let text = theme.templates.get(name)?.clone();
            let file = cache.load.register(
                &mut sources,
                crate::source::SourceFile::new(format!("templates/{name}"), path.clone(), text)
                    .with_entity(crate::entity::EntityKey::Site),
            );
            Some((name.clone(), file))
        })
        .collect();
    // Compiling the templates takes longer than most rebuilds: reuse them while they are
    // the same.
    let tera = match &cache.templates {
        Some((texts, tera)) if *texts == theme.templates => Some(tera.clone()),
        _ => match render::compile_templates(&theme, &template_files) {
            Ok(t) => {
                let t = Arc::new(t);
                cache.templates = Some((theme.templates.clone(), t.clone()));
                Some(t)
            }
            Err(ds) => {
                diagnostics.extend(ds);
                None
            }
        },
    };
    timer.lap("theme");
    let mut citations = Citations::default();
    let mut links = crate::resolve::LinkTargets::default();
    let mut coverage = Vec::new();
    let mut index = None;
    let mut site = loaded.site;
    if let Some(site) = site.as_mut() {
        let resolution = resolve::resolve(site);
        diagnostics.extend(resolution.diagnostics);
        citations = resolution.citations;
        links = resolution.links;
        index = Some(resolution.index);
        timer.lap("resolve");
        diagnostics.extend(crate::lint::chinese::check(site, &sources, &cache.lints));
        timer.lap("typography");
        diagnostics.extend(crate::lint::pairs::check(site, &sources, &cache.lints));
        cache.lints.end_run();
        timer.lap("numbers");
        coverage = crate::lint::coverage::coverage(site);
        timer.lap("coverage");
    }
    if options.strict {
        diagnostics.make_warnings_errors();
    }
    Prepared {
        sources,
        diagnostics,
        site,
        citations,
        links,
        index,
        theme,
        tera,
        template_files,
        coverage,
    }
}

/// Loads, checks and renders the site under `root`. Rendering happens only when there are no
/// errors, but every check runs regardless, so one run reports every problem.
pub fn compile(root: &Path, options: CompileOptions) -> Compiled {
    let mut prepared = prepare(root, options);
    let mut timer = Timer::new();
    let rendered = prepared.renderer().map(|renderer| {
        renderer.render(renderer.jobs()).map(|pages| {
            let mut site = Output::new();
            let mut docs = std::collections::HashMap::new();
            for page in pages {
                if let Some(doc) = page.search {
                    docs.insert(page.path.clone(), doc);
                }
                site.insert(page.path, render::OutputFile::Bytes(page.bytes));
            }
            timer.lap("render");
            let plans = renderer.search_plans();
            let (search, files) = rayon::join(
                || render::search::index_files(&plans, |path| docs.get(path)),
                || renderer.files(),
            );
            timer.lap("search");
            for (path, bytes) in search {
                site.insert(path, render::OutputFile::Bytes(bytes));
            }
            for (path, file) in files {
                site.entry(path).or_insert(file);
            }
            site
        })
    });
    let mut output = None;
    match rendered {
        Some(Ok(site)) => output = Some(site),
        Some(Err(ds)) => prepared.diagnostics.extend(ds),
        None => {}
    }
    let (pages, languages) = match &prepared.site {
        Some(site) => (
            render::page_kinds(site).len(),
            site.languages.codes().map(str::to_string).collect(),
        ),
        None => (0, Vec::new()),
    };
    let diagnostics = prepared.diagnostics.sorted(&prepared.sources);
    timer.lap("sort");
    Compiled {
        diagnostics,
        sources: prepared.sources,
        output,
        pages,
        languages,
        coverage: prepared.coverage,
    }
}

/// Parsing and rendering recurse (YAML trees, Markdown, templates); give rayon's workers the
/// same 8 MiB stack as the main thread instead of the 2 MiB default.
fn use_roomy_threads() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Fails only if the pool was already built (by a caller of the library): keep that one.
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(8 << 20)
            .build_global();
    });
}
