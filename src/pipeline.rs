//! The whole pipeline for one run: load → resolve → render, in memory.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, LoadOptions};
use crate::render::{self, Output, theme};
use crate::resolve;
use crate::source::SourceMap;

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

/// Loads, checks and renders the site under `root`. Rendering happens only when there are no
/// errors, but every check runs regardless, so one run reports every problem.
pub fn compile(root: &Path, options: CompileOptions) -> Compiled {
    use_roomy_threads();
    let mut timer = Timer::new();
    let loaded = load::load(
        root,
        &LoadOptions {
            drafts: options.drafts,
        },
    );
    timer.lap("load");
    let mut diagnostics: Diagnostics = loaded.diagnostics;
    let sources = loaded.sources;
    let (theme, theme_diagnostics) = theme::load(root);
    diagnostics.extend(theme_diagnostics);
    let mut sources = sources;
    let template_files: render::TemplateFiles = theme
        .site_templates
        .iter()
        .filter_map(|(name, path)| {
            let text = theme.templates.get(name)?.clone();
            let file = sources.add(crate::source::SourceFile::new(
                format!("templates/{name}"),
                path.clone(),
                text,
            ));
            Some((name.clone(), file))
        })
        .collect();
    let tera = match render::compile_templates(&theme, &template_files) {
        Ok(t) => Some(t),
        Err(ds) => {
            diagnostics.extend(ds);
            None
        }
    };
    let mut output = None;
    let mut pages = 0;
    let mut languages = Vec::new();
    let mut coverage = Vec::new();
    if let Some(mut site) = loaded.site {
        let resolution = resolve::resolve(&mut site);
        diagnostics.extend(resolution.diagnostics);
        timer.lap("resolve");
        diagnostics.extend(crate::lint::chinese::check(&site, &sources));
        coverage = crate::lint::coverage::coverage(&site);
        timer.lap("lint");
        if options.strict {
            diagnostics.make_warnings_errors();
        }
        languages = site.languages.codes().map(str::to_string).collect();
        pages = render::page_kinds(&site).len();
        if let (false, Some(tera)) = (diagnostics.has_errors(), &tera) {
            match render::render_site(&site, &resolution.citations, &theme, tera, &template_files) {
                Ok(o) => output = Some(o),
                Err(ds) => diagnostics.extend(ds),
            }
            timer.lap("render");
        }
    } else if options.strict {
        diagnostics.make_warnings_errors();
    }
    Compiled {
        diagnostics: diagnostics.sorted(&sources),
        sources,
        output,
        pages,
        languages,
        coverage,
    }
}

/// Stage timings on stderr when `IPREPORT_TIMINGS` is set, for profiling and benchmarks.
struct Timer {
    enabled: bool,
    last: std::time::Instant,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            enabled: std::env::var_os("IPREPORT_TIMINGS").is_some(),
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        if self.enabled {
            eprintln!(
                "  {stage:<8} {:>7.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = std::time::Instant::now();
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
