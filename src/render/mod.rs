//! Render: model + templates → the bytes of every output file. Pure: no file system, no
//! clock, no global state; pages render in parallel.

mod base;
pub(crate) mod chart;
mod data;
pub(crate) mod deps;
pub(crate) mod feeds;
mod links;
pub mod number;
mod pages;
pub(crate) mod paths;
mod progress;
pub mod proof;
pub(crate) mod search;
mod text;
pub(crate) mod theme;
pub(crate) mod ui;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{LangId, Language, Site};
use crate::resolve::Citations;
pub use paths::PagePath;
pub use search::is_han;
pub use text::{Tx, chinese_numeral, escape};
use theme::Theme;

/// What a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKind {
    Home,
    Year(usize),
    Case {
        year: usize,
        index: usize,
    },
    Events(usize),
    Issues(usize),
    /// The whole report of a year on one page, for printing.
    Print(usize),
    Indicators,
    Indicator(usize),
    Documents,
    Document(usize),
    Departments,
    Department(usize),
    Page(usize),
    Search,
    NotFound,
}

impl PageKind {
    pub fn template(self) -> &'static str {
        match self {
            PageKind::Home => "home.html",
            PageKind::Year(_) => "year.html",
            PageKind::Case { .. } => "case.html",
            PageKind::Events(_) => "events.html",
            PageKind::Issues(_) => "issues.html",
            PageKind::Print(_) => "print.html",
            PageKind::Indicators => "indicators.html",
            PageKind::Indicator(_) => "indicator.html",
            PageKind::Documents => "documents.html",
            PageKind::Document(_) => "document.html",
            PageKind::Departments => "departments.html",
            PageKind::Department(_) => "department.html",
            PageKind::Page(_) => "page.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
        }
    }

    /// The page's folder below the language root (`2023/cases/x/`).
    pub fn location(self, site: &Site) -> String {
        // Joined, not formatted: every link a page shows asks for its target's folder.
        let in_year = |y: usize, rest: &str| text::with_int("", site.years[y].year.into(), rest);
        match self {
            PageKind::Home | PageKind::NotFound => String::new(),
            PageKind::Year(y) => in_year(y, "/"),
            PageKind::Case { year: y, index } => {
                let mut path = in_year(y, "/cases/");
                path.push_str(&site.years[y].cases[index].item.id.value);
                path.push('/');
                path
            }
            PageKind::Events(y) => in_year(y, "/events/"),
            PageKind::Issues(y) => in_year(y, "/issues/"),
            PageKind::Print(y) => in_year(y, "/print/"),
            PageKind::Indicators => "indicators/".into(),
            PageKind::Indicator(i) => ["indicators/", &site.indicators[i].id.value, "/"].concat(),
            PageKind::Documents => "documents/".into(),
            PageKind::Document(d) => ["documents/", &site.documents[d].id.value, "/"].concat(),
            PageKind::Departments => "departments/".into(),
            PageKind::Department(d) => {
                ["departments/", &site.departments[d].id.value, "/"].concat()
            }
            PageKind::Page(p) => [site.pages[p].item.id.value.as_str(), "/"].concat(),
            PageKind::Search => "search/".into(),
        }
    }

    /// Whether the page gathers the items of a year or of the whole site: a year's page and
    /// its print page (which holds every case of the year), a document, an indicator or a
    /// department with everything that cites it. These take longest to render.
    pub fn gathers(self) -> bool {
        matches!(
            self,
            PageKind::Print(_)
                | PageKind::Year(_)
                | PageKind::Document(_)
                | PageKind::Department(_)
                | PageKind::Indicator(_)
        )
    }

    /// Whether search finds the page: not the search page and the 404 page, and not a year's
    /// print page, which repeats what the year's other pages say.
    pub fn is_searched(self) -> bool {
        !matches!(
            self,
            PageKind::Search | PageKind::NotFound | PageKind::Print(_)
        )
    }

    /// The output file, relative to the output root, for a language.
    pub fn output_file(self, site: &Site, lang: &Language) -> String {
        match self {
            PageKind::NotFound => format!("{}404.html", lang.url_prefix),
            _ => format!("{}{}index.html", lang.url_prefix, self.location(site)),
        }
    }
}

/// Every page of the site, in a fixed order. Pages of a year exist only for what the year
/// has (no events page without `events.yaml`).
pub fn page_kinds(site: &Site) -> Vec<PageKind> {
    let mut kinds = vec![PageKind::Home, PageKind::NotFound];
    for (y, year) in site.years.iter().enumerate() {
        kinds.push(PageKind::Year(y));
        kinds.extend((0..year.cases.len()).map(|index| PageKind::Case { year: y, index }));
        if year.events.is_some() {
            kinds.push(PageKind::Events(y));
        }
        if year.issues.is_some() {
            kinds.push(PageKind::Issues(y));
        }
        kinds.push(PageKind::Print(y));
    }
    kinds.push(PageKind::Indicators);
    kinds.extend((0..site.indicators.len()).map(PageKind::Indicator));
    kinds.push(PageKind::Documents);
    kinds.extend((0..site.documents.len()).map(PageKind::Document));
    kinds.push(PageKind::Departments);
    kinds.extend((0..site.departments.len()).map(PageKind::Department));
    kinds.extend((0..site.pages.len()).map(PageKind::Page));
    kinds.push(PageKind::Search);
    kinds
}

/// What rendering one page in one language may consult.
pub struct Env<'a> {
    pub site: &'a Site,
    pub citations: &'a Citations,
    pub lang: LangId,
    pub ui: &'a ui::Ui,
    /// Context entries common to every page of the language (see [`base::site_constants`]).
    pub constants: &'a [(&'static str, tera::Value)],
    /// What the page shows, for incremental rebuilds.
    pub recorder: deps::Recorder,
    /// Where the `@` links of every fragment point.
    pub links: &'a crate::resolve::LinkTargets,
    /// In the proof view, what values' sources are read from (see [`proof`]).
    pub proof: Option<proof::Proof<'a>>,
}

impl Env<'_> {
    /// Records that the page shows the content of `target` (its title, label or value).
    pub fn touch(&self, target: crate::model::Target) {
        self.recorder
            .add(deps::Dep::Entity(deps::entity_of(self.site, target)));
        if let Some(extra) = deps::also_reads(target) {
            self.recorder.add(deps::Dep::Entity(extra));
        }
    }

    pub fn language(&self) -> &Language {
        self.site.languages.get(self.lang)
    }

    pub fn is_chinese(&self) -> bool {
        self.site.languages.is_chinese(self.lang)
    }

    pub fn label(&self, key: &str) -> &'static str {
        self.ui.get(key).copied().unwrap_or("")
    }

    /// The folder of a page in this language.
    pub fn path(&self, kind: PageKind) -> PagePath {
        PagePath::new(self.language(), &kind.location(self.site))
    }
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputFile {
    Bytes(Vec<u8>),
    /// A file copied verbatim (from `content/static/`).
    Copy(CopiedFile),
}

/// A static file as the output knows it: where it is copied from, and the version of its
/// contents (see [`crate::model::StaticFile::version`]), so that an edited file is not taken
/// for the same one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedFile {
    pub path: PathBuf,
    pub version: u64,
}

/// The whole output, by path relative to the output root.
pub type Output = BTreeMap<String, OutputFile>;

/// Template name → source file, for the site's own templates.
pub type TemplateFiles = BTreeMap<String, crate::source::FileId>;

/// Compiles the theme's templates, reporting errors in a site's own templates.
pub fn compile_templates(theme: &Theme, files: &TemplateFiles) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html"]);
    let result = tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str())),
    );
    match result {
        Ok(()) => Ok(tera),
        Err(err) => Err(vec![template_error(&err, files)]),
    }
}

/// A Tera error as a diagnostic: at its place in the site's template when it has one.
fn template_error(err: &tera::Error, files: &TemplateFiles) -> Diagnostic {
    use std::error::Error;
    let help = "fix the template in templates/ (or delete it to use the default theme's)";
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) =
        err.kind()
    {
        let range = &report.span().range;
        return match files.get(report.filename()) {
            Some(&file) => Diagnostic::new(
                Code::Template,
                crate::source::Span::new(file, range.start, range.end),
                format!("template error: {}", report.message()),
            )
            .with_help(help),
            None => Diagnostic::global(
                Code::Template,
                format!(
                    "error in the default theme's {} at line {}: {}",
                    report.filename(),
                    report.span().start_line,
                    report.message()
                ),
            )
            .with_help("a template of the site may pass it something it does not expect"),
        };
    }
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::global(Code::Template, format!("template error: {message}")).with_help(help)
}

/// One rendered page with what it shows.
pub struct RenderedPage {
    pub path: String,
    pub bytes: Vec<u8>,
    pub deps: Vec<deps::Dep>,
    /// What search finds of the page (see [`PageKind::is_searched`]).
    pub search: Option<search::SearchDoc>,
    /// In the proof view, the marks taken out of `bytes` (see [`proof`]).
    pub marks: Option<proof::Marks>,
}

/// Adds a render error unless the same one (message and place) is there already: one broken
/// template fails every page that uses it.
pub fn push_distinct(errors: &mut Vec<Diagnostic>, d: Diagnostic) {
    if !errors
        .iter()
        .any(|e| e.message == d.message && e.span == d.span)
    {
        errors.push(d);
    }
}

/// Renders pages of one prepared site; any subset, in parallel.
pub struct Renderer<'a> {
    site: &'a Site,
    citations: &'a Citations,
    links: &'a crate::resolve::LinkTargets,
    theme: &'a Theme,
    tera: &'a Tera,
    files: &'a TemplateFiles,
    labels: Vec<ui::Ui>,
    constants: Vec<Vec<(&'static str, tera::Value)>>,
    /// Every page of every language, made once.
    jobs: std::sync::OnceLock<Vec<PageJob>>,
    proof: Option<proof::Proof<'a>>,
}

/// A page to render: its language, its kind and its output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageJob {
    pub lang: LangId,
    pub kind: PageKind,
    pub path: String,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        citations: &'a Citations,
        links: &'a crate::resolve::LinkTargets,
        theme: &'a Theme,
        tera: &'a Tera,
        files: &'a TemplateFiles,
    ) -> Renderer<'a> {
        let labels: Vec<ui::Ui> = site
            .languages
            .iter()
            .map(|(_, l)| ui::labels(&l.code))
            .collect();
        let constants = site
            .languages
            .ids()
            .map(|lang| {
                base::site_constants(&Env {
                    site,
                    citations,
                    lang,
                    ui: &labels[lang.0],
                    constants: &[],
                    recorder: deps::Recorder::default(),
                    links,
                    proof: None,
                })
            })
            .collect();
        Renderer {
            site,
            citations,
            links,
            theme,
            tera,
            files,
            labels,
            constants,
            jobs: std::sync::OnceLock::new(),
            proof: None,
        }
    }

    /// Renders pages for the proof view: each page comes with the marks of where its values
    /// come from, taken out of its bytes (which stay what a build writes).
    pub fn with_proof(mut self, sources: &'a crate::source::SourceMap) -> Renderer<'a> {
        self.proof = Some(proof::Proof { sources });
        self
    }

    /// Every page of every language, in a fixed order.
    pub fn jobs(&self) -> &[PageJob] {
        self.jobs.get_or_init(|| {
            let kinds = page_kinds(self.site);
            self.site
                .languages
                .iter()
                .flat_map(|(lang, language)| {
                    kinds.iter().map(move |&kind| PageJob {
                        lang,
                        kind,
                        path: kind.output_file(self.site, language),
                    })
                })
                .collect()
        })
    }

    fn render_one(&self, job: &PageJob) -> Result<RenderedPage, Diagnostic> {
        let env = Env {
            site: self.site,
            citations: self.citations,
            lang: job.lang,
            ui: &self.labels[job.lang.0],
            constants: &self.constants[job.lang.0],
            recorder: deps::Recorder::default(),
            links: self.links,
            proof: self.proof,
        };
        let context = pages::context(&env, job.kind).map_err(|e| template_error(&e, self.files))?;
        // Rendered as bytes: what the template writes is text, and a page is written out as
        // bytes, so checking that it is UTF-8 is left to what reads it as text.
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(job.kind.template(), &context, &mut html)
            .map_err(|e| template_error(&e, self.files))?;
        let (html, marks) = match self.proof {
            Some(_) => {
                // The proof marks are read as text; taking the bytes over copies nothing.
                let text = String::from_utf8(html)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                let (html, marks) = proof::strip(text);
                (html.into_bytes(), Some(marks))
            }
            None => (html, None),
        };
        let search = search::SearchDoc::of_page(self.site, job.kind, &job.path, &html);
        Ok(RenderedPage {
            path: job.path.clone(),
            bytes: html,
            deps: env.recorder.take(),
            search,
            marks,
        })
    }

    /// Renders the given pages in parallel; every distinct error is reported.
    pub fn render(&self, jobs: &[PageJob]) -> Result<Vec<RenderedPage>, Vec<Diagnostic>> {
        // Pages that gather a year's or the site's items (a print page holds every case of its
        // year) take hundreds of times as long as a case: started first, each keeps one
        // thread while the others share the rest; started last, they would leave the others
        // idle at the batch's end. Pages are handed out one at a time for the same reason.
        let mut order: Vec<usize> = (0..jobs.len()).collect();
        order.sort_by_key(|&i| !jobs[i].kind.gathers());
        let mut results: Vec<(usize, Result<RenderedPage, Diagnostic>)> = order
            .into_par_iter()
            .with_max_len(1)
            .map(|i| (i, self.render_one(&jobs[i])))
            .collect();
        results.sort_unstable_by_key(|&(i, _)| i);
        let mut pages = Vec::with_capacity(jobs.len());
        let mut errors: Vec<Diagnostic> = Vec::new();
        for (_, r) in results {
            match r {
                Ok(page) => pages.push(page),
                Err(d) => push_distinct(&mut errors, d),
            }
        }
        if errors.is_empty() {
            Ok(pages)
        } else {
            Err(errors)
        }
    }

    /// What each language's search index covers: every page but the search page, 404 and
    /// the print pages (see [`PageKind::is_searched`]).
    pub fn search_plans(&self) -> Vec<search::Plan> {
        let jobs = self.jobs();
        self.site
            .languages
            .iter()
            .map(|(lang, language)| search::Plan {
                html_lang: language.html_lang.to_string(),
                prefix: language.url_prefix.clone(),
                pages: jobs
                    .iter()
                    .filter(|j| j.lang == lang && j.kind.is_searched())
                    .map(|j| j.path.clone())
                    .collect(),
            })
            .collect()
    }

    /// The theme's assets, the open data, the sitemap and feeds, and the site's static files.
    pub fn files(&self) -> Output {
        let site = self.site;
        let feeds = || -> Vec<(String, Vec<u8>)> {
            let Some(base) = &site.config.base_url else {
                return Vec::new();
            };
            let mut files: Vec<(String, Vec<u8>)> = site
                .languages
                .iter()
                .collect::<Vec<_>>()
                .par_iter()
                .map(|(lang, language)| {
                    (
                        format!("{}feed.xml", language.url_prefix),
                        feeds::atom(site, base, *lang),
                    )
                })
                .collect();
            files.push((
                "sitemap.xml".into(),
                feeds::sitemap(site, base, &page_kinds(site)),
            ));
            files
        };
        let data = || rayon::join(|| data::json(site), || data::csv(site));
        let (feeds, (json, csv)) = rayon::join(feeds, data);
        let mut output = Output::new();
        output.insert("data/indicators.json".into(), OutputFile::Bytes(json));
        output.insert("data/indicators.csv".into(), OutputFile::Bytes(csv));
        for (path, bytes) in feeds {
            output.insert(path, OutputFile::Bytes(bytes));
        }
        for (name, bytes) in &self.theme.assets {
            output.insert(format!("assets/{name}"), OutputFile::Bytes(bytes.clone()));
        }
        // Static files come last: a site may replace a theme asset with its own.
        for file in &self.site.static_files {
            output.insert(
                file.relative.clone(),
                OutputFile::Copy(CopiedFile {
                    path: file.path.clone(),
                    version: file.version,
                }),
            );
        }
        output
    }
}
