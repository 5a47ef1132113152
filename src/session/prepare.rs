//! Preparing a site: load → resolve → lint, with the templates compiled: everything before
//! rendering, and every diagnostic.

use std::path::Path;
use std::sync::Arc;

use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lint::cache::LintCache;
use crate::load::{self, LoadCache, LoadOptions};
use crate::model::Site;
use crate::render::theme::{self, Theme};
use crate::render::{self, Renderer};
use crate::resolve::{self, Citations};
use crate::source::SourceMap;
use crate::timings::Timer;

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
    /// Adds the diagnostics of [`check_texts`]; with `strict`, every warning (of these and
    /// of the rest) becomes an error.
    pub fn add_checks(&mut self, texts: Vec<Diagnostic>, strict: bool) {
        self.diagnostics.extend(texts);
        if strict {
            self.diagnostics.make_warnings_errors();
        }
    }

    /// Whether the site renders: it was loaded, its templates compile and it has no errors.
    pub fn renders(&self) -> bool {
        self.site.is_some() && self.tera.is_some() && !self.diagnostics.has_errors()
    }

    /// A renderer, when the site renders (see [`Prepared::renders`]).
    pub fn renderer(&self) -> Option<Renderer<'_>> {
        if !self.renders() {
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

/// What a session keeps between runs: parsed files, lint results and compiled templates.
#[derive(Default)]
pub struct Caches {
    load: LoadCache,
    pub(super) lints: LintCache,
    /// The last templates that compiled, and what they compiled to.
    templates: Option<(std::collections::BTreeMap<String, String>, Arc<Tera>)>,
}

impl Caches {
    /// A cache that keeps nothing, for a single build: copying every file, parse and lint
    /// result into it would only cost time and memory.
    pub fn one_shot() -> Caches {
        Caches {
            load: LoadCache::one_shot(),
            lints: LintCache::one_shot(),
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

    /// Like [`Caches::invalidate`], for files changed in place (not created, removed or
    /// renamed): the next build need not walk the folders again.
    pub fn edited<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        for path in paths {
            self.load.edited(path);
        }
    }
}

/// Loads the site under `root`, resolves it and runs every check, reading and parsing only
/// the files that changed since the loads `cache` remembers (watch mode).
pub fn prepare(root: &Path, options: CompileOptions, cache: &mut Caches) -> Prepared {
    let mut prepared = load_and_resolve(root, options, cache);
    let texts = check_texts(&prepared, &cache.lints);
    prepared.add_checks(texts, options.strict);
    prepared
}

/// What [`prepare`] does but the checks of the texts ([`check_texts`]): load → resolve,
/// with the templates compiled. Warnings stay warnings until [`Prepared::add_checks`].
pub fn load_and_resolve(root: &Path, options: CompileOptions, cache: &mut Caches) -> Prepared {
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
    let (theme, template_files, tera) = templates(root, cache, &mut sources, &mut diagnostics);
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
        coverage = crate::lint::coverage::coverage(site);
        timer.lap("coverage");
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

/// The checks of the site's texts: Chinese typography and the zh↔en numbers. They read the
/// model and nothing else, and only warn, so nothing rendering needs waits for them: a
/// one-shot build runs them beside rendering (see [`super::compile_into`]).
pub fn check_texts(prepared: &Prepared, lints: &LintCache) -> Vec<Diagnostic> {
    let Some(site) = prepared.site.as_ref() else {
        return Vec::new();
    };
    let mut timer = Timer::new();
    let mut texts = crate::lint::chinese::check(site, &prepared.sources, lints);
    timer.lap("typography");
    texts.extend(crate::lint::pairs::check(site, &prepared.sources, lints));
    lints.end_run();
    timer.lap("numbers");
    texts
}

/// The theme with the site's templates laid over it, and the templates compiled (`None`
/// when they do not compile: the diagnostics say why).
fn templates(
    root: &Path,
    cache: &mut Caches,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> (Theme, render::TemplateFiles, Option<Arc<Tera>>) {
    let (theme, theme_diagnostics) = theme::load(root);
    diagnostics.extend(theme_diagnostics);
    // The site's own templates are sources too, so that their errors point into them.
    let template_files: render::TemplateFiles = theme
        .site_templates
        .iter()
        .filter_map(|(name, path)| {
            let text = theme.templates.get(name)?.clone();
            let file = cache.load.register(
                sources,
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
    (theme, template_files, tera)
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
