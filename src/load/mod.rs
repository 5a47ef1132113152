//! Load: files under `content/` → [`Site`], with every problem as a diagnostic.
//!
//! Files are read and parsed in parallel; everything is then assembled in the sorted order of
//! their paths, so the model (and so the output) does not depend on thread timing.

pub mod cache;
mod catalog;
mod documents;
pub mod fields;
pub mod hant;
pub mod items;
pub mod layout;
mod site_config;
pub mod yaml;
mod years;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{
    Department, Document, Event, FreePage, Id, Incomplete, Indicator, IssueItem, LangId, Languages,
    Report, Site, SiteConfig, Text, Year,
};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use fields::Reader;
use items::{Assembly, MarkdownFile};
use layout::{ItemKind, Role};

pub use documents::is_valid_measure_number;

#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    /// Include years whose report is `draft: true`.
    pub drafts: bool,
}

/// The result of loading: the model (absent only when nothing usable was found), the sources
/// for showing diagnostics, and the diagnostics.
pub struct Loaded {
    pub site: Option<Site>,
    pub sources: SourceMap,
    pub diagnostics: Diagnostics,
}

/// Reads a file as UTF-8 text, without a byte-order mark.
pub fn read_text(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ReadFailed,
            display,
            format!("cannot read {display}: {err}"),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            Err(Diagnostic::at_path(
                Code::ReadFailed,
                display,
                format!("{display} is not valid UTF-8 (first bad byte at offset {at})"),
            )
            .with_help("save the file as UTF-8 (files from Word or old editors are often GBK)"))
        }
    }
}

/// What one file turned into.
#[derive(Clone)]
enum Parsed {
    Indicators(Vec<Indicator>),
    Departments(Vec<Department>),
    Document(Document),
    Report(i32, Report),
    Events(i32, Vec<Event>, Span),
    Issues(i32, Vec<IssueItem>),
    Markdown(MarkdownFile),
}

struct Context<'a> {
    sources: &'a SourceMap,
    languages: &'a Languages,
    allow_raw_html: bool,
}

impl Context<'_> {
    fn reader(&self, file_id: FileId) -> Reader<'_> {
        Reader {
            file: self.sources.get(file_id),
            file_id,
            languages: self.languages,
            allow_raw_html: self.allow_raw_html,
            diagnostics: Vec::new(),
        }
    }
}

fn parse_one(ctx: &Context, role: &Role, file_id: FileId) -> (Option<Parsed>, Vec<Diagnostic>) {
    let file = ctx.sources.get(file_id);
    if let Role::Markdown {
        kind,
        year,
        id,
        lang,
    } = role
    {
        let mut diagnostics = Vec::new();
        let Some(lang_id) = ctx.languages.find(lang) else {
            let help = did_you_mean(lang, ctx.languages.codes()).unwrap_or_else(|| {
                format!(
                    "site.yaml lists the languages: {}",
                    ctx.languages.codes().collect::<Vec<_>>().join(", ")
                )
            });
            diagnostics.push(
                Diagnostic::at_path(
                    Code::UnknownLanguage,
                    file.display_path.clone(),
                    format!("`{lang}` in the file name is not one of the site's languages"),
                )
                .with_help(help),
            );
            return (None, diagnostics);
        };
        let parsed = items::parse_file(
            file,
            file_id,
            (*kind, *year, id.clone(), lang_id),
            ctx.allow_raw_html,
            &mut diagnostics,
        );
        return (parsed.map(Parsed::Markdown), diagnostics);
    }

    let node = match yaml::parse(file, file_id, 0..file.text.len()) {
        Ok(node) => node,
        Err(d) => return (None, vec![d]),
    };
    let mut r = ctx.reader(file_id);
    r.diagnostics.extend(yaml::comment_cuts(file, &node));
    let parsed = match role {
        Role::Indicators => Some(Parsed::Indicators(catalog::read_indicators(&mut r, &node))),
        Role::Departments => Some(Parsed::Departments(catalog::read_departments(
            &mut r, &node,
        ))),
        Role::Document { id } => {
            let id = Id {
                value: id.clone(),
                span: Span::file_start(file_id),
            };
            documents::read(&mut r, &node, id).map(Parsed::Document)
        }
        Role::Report { year } => {
            years::read_report(&mut r, &node).map(|rep| Parsed::Report(*year, rep))
        }
        Role::Events { year } => Some(Parsed::Events(
            *year,
            years::read_events(&mut r, &node),
            node.span,
        )),
        Role::Issues { year } => Some(Parsed::Issues(*year, years::read_issues(&mut r, &node))),
        Role::SiteConfig | Role::Markdown { .. } => None,
    };
    (parsed, r.diagnostics)
}

/// Checks one content file on its own, as if it stood at `display` (relative to the site
/// root, e.g. `content/years/2023/report.yaml`) in a site with the languages `zh` and `en`:
/// its name, YAML or front matter, fields and Markdown. What needs the other files
/// (references, ids used elsewhere) is not checked. Returns the file and its diagnostics.
pub fn check_file(display: &str, text: &str) -> (SourceMap, Vec<Diagnostic>) {
    let mut sources = SourceMap::default();
    let file_id = sources.add(SourceFile::new(
        display.to_string(),
        display.into(),
        text.to_string(),
    ));
    let parts: Vec<&str> = display
        .strip_prefix("content/")
        .unwrap_or(display)
        .split('/')
        .collect();
    let role = match layout::classify_file(&parts) {
        Ok(role) => role,
        Err(help) => {
            let d = Diagnostic::at_path(
                Code::BadFileName,
                display,
                format!("unexpected file `{}`", parts.join("/")),
            )
            .with_help(help);
            return (sources, vec![d]);
        }
    };
    let languages = Languages::new(&["zh".to_string(), "en".to_string()]);
    if role == Role::SiteConfig {
        let file = sources.get(file_id);
        let node = match yaml::parse(file, file_id, 0..file.text.len()) {
            Ok(node) => node,
            Err(d) => return (sources, vec![d]),
        };
        let (languages, mut diagnostics) = site_config::read_languages(file, file_id, &node);
        let ctx = Context {
            sources: &sources,
            languages: &languages,
            allow_raw_html: false,
        };
        let mut r = ctx.reader(file_id);
        site_config::read(&mut r, &node);
        diagnostics.extend(r.diagnostics);
        diagnostics.extend(yaml::comment_cuts(sources.get(file_id), &node));
        return (sources, diagnostics);
    }
    let ctx = Context {
        sources: &sources,
        languages: &languages,
        allow_raw_html: false,
    };
    let (_, diagnostics) = parse_one(&ctx, &role, file_id);
    (sources, diagnostics)
}

/// Sort key for ids with an optional numeric prefix: `2-x` before `10-x`, prefixed before not.
fn order_key(id: &str) -> (u64, &str) {
    let digits = id.bytes().take_while(u8::is_ascii_digit).count();
    let prefix = if digits > 0 && id[digits..].starts_with('-') {
        id[..digits].parse().unwrap_or(u64::MAX)
    } else {
        u64::MAX
    };
    (prefix, id)
}

/// Names that are already URLs at the site root, so no page may take them.
fn reserved_page_id(id: &str, languages: &Languages) -> bool {
    matches!(
        id,
        "indicators" | "documents" | "departments" | "search" | "data" | "assets" | "404"
    ) || languages.codes().any(|c| c.eq_ignore_ascii_case(id))
        || (id.len() == 4 && id.bytes().all(|b| b.is_ascii_digit()))
}

fn report_duplicates<'a>(
    ids: impl Iterator<Item = (&'a Id, &'a str)>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    for (id, what) in ids {
        if let Some(first) = seen.get(id.value.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    id.span,
                    format!("{what} `{}` is defined twice", id.value),
                )
                .with_related(*first, "first defined here")
                .with_help("ids must be unique: rename one of them"),
            );
        } else {
            seen.insert(&id.value, id.span);
        }
    }
}

/// Files read and parsed by earlier loads of the same site, for watch mode.
#[derive(Default)]
pub struct LoadCache {
    files: cache::FileCache<Parsed>,
    /// The folder layout of the last load. Walking 10 000 files is the slowest part of a
    /// rebuild, so a load after only [`LoadCache::edited`] files reuses it.
    layout: Option<layout::Layout>,
    /// Files changed in place since the last load, whose stamps the kept layout lacks.
    edited: Vec<PathBuf>,
    /// Whether files may have been added, removed or renamed since the last load. Without
    /// word of an edit, a load walks the folders and compares every file's stamp.
    rescan: bool,
    /// The versions of static files.
    statics: cache::StaticVersions,
}

impl LoadCache {
    /// A cache that keeps nothing, for a single build.
    pub fn one_shot() -> LoadCache {
        LoadCache {
            files: cache::FileCache::one_shot(),
            ..LoadCache::default()
        }
    }

    /// Makes the next load read `path` again, and walk the folders again: the file may be
    /// new, gone or renamed.
    pub fn invalidate(&mut self, path: &Path) {
        self.files.invalidate(path);
        self.statics.invalidate(path);
        self.rescan = true;
    }

    /// Makes the next load walk the folders again.
    pub fn rescan(&mut self) {
        self.rescan = true;
    }

    /// Makes the next load read `path` again, which was changed in place (its contents,
    /// not its name). When only such edits of files the last load knew are reported, the
    /// next load does not walk the folders again.
    pub fn edited(&mut self, path: &Path) {
        self.files.invalidate(path);
        self.statics.invalidate(path);
        let known = self
            .layout
            .as_ref()
            .is_some_and(|l| l.files.iter().any(|f| f.path == path));
        if known {
            self.edited.push(path.to_path_buf());
        } else {
            self.rescan = true;
        }
    }

    /// Adds a file that is not content (a site template) to `sources` under a stable id.
    pub fn register(&mut self, sources: &mut SourceMap, file: SourceFile) -> FileId {
        self.files.register(sources, file)
    }
}

/// Loads the site under `root`.
pub fn load(root: &Path, options: &LoadOptions) -> Loaded {
    load_cached(root, options, &mut LoadCache::default())
}

/// Loads the site under `root`, reading and parsing only the files that changed since the
/// loads `cache` remembers.
pub fn load_cached(root: &Path, options: &LoadOptions, cache: &mut LoadCache) -> Loaded {
    let edited = std::mem::take(&mut cache.edited);
    // Reuse the layout only on word that nothing but edits happened.
    let kept_layout = cache
        .layout
        .take()
        .filter(|_| !edited.is_empty() && !cache.rescan);
    cache.rescan = false;
    let layout_cache = &mut cache.layout;
    let statics = &mut cache.statics;
    let cache = &mut cache.files;
    let mut diagnostics = Diagnostics::new();
    let mut sources = SourceMap::default();
    let content = root.join("content");
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::at_path(Code::MissingFile, "content/", "there is no content/ folder")
                .with_help(format!(
                    "run ipreport in a site folder, pass --root, or create one with `ipreport new {}`",
                    root.display()
                )),
        );
        return Loaded {
            site: None,
            sources,
            diagnostics,
        };
    }

    let mut timer = crate::pipeline::Timer::new();
    let layout = match kept_layout {
        Some(mut layout) => {
            for file in layout.files.iter_mut() {
                if edited.contains(&file.path) {
                    file.stamp = cache::Stamp::of(&file.path);
                }
            }
            layout
        }
        None => layout::scan(root, cache.keeps()),
    };
    if cache.keeps() {
        *layout_cache = Some(layout.clone());
    }
    diagnostics.extend(layout.diagnostics);
    timer.lap("scan");
    // Read what changed (all of it on a first load), in parallel.
    let stamps: Vec<Option<cache::Stamp>> = layout.files.iter().map(|f| f.stamp).collect();
    let texts: Vec<Option<Result<SourceFile, Diagnostic>>> = layout
        .files
        .par_iter()
        .zip(&stamps)
        .map(|(f, stamp)| match cache.unchanged(&f.path, *stamp) {
            Some(_) => None,
            None => Some(
                read_text(&f.path, &f.display)
                    .map(|text| SourceFile::new(f.display.clone(), f.path.clone(), text)),
            ),
        })
        .collect();
    let mut files: Vec<(&Role, FileId, &Path)> = Vec::new();
    // Files that could not be read: what they define is incomplete, not unknown.
    let mut unreadable: Vec<&Role> = Vec::new();
    for ((f, text), stamp) in layout.files.iter().zip(texts).zip(stamps) {
        let (id, source) = match text {
            None => match cache.unchanged(&f.path, stamp) {
                Some(found) => found,
                None => continue,
            },
            Some(Ok(source)) => cache.store(&f.path, stamp, source),
            Some(Err(d)) => {
                diagnostics.push(d);
                unreadable.push(&f.role);
                continue;
            }
        };
        sources.set(id, source);
        files.push((&f.role, id, &f.path));
    }
    timer.lap("read");

    // site.yaml first: every text depends on its languages.
    let site_file = files
        .iter()
        .find(|(r, _, _)| **r == Role::SiteConfig)
        .map(|&(_, id, _)| id);
    let site_node = site_file.and_then(|id| {
        let file = sources.get(id);
        match yaml::parse(file, id, 0..file.text.len()) {
            Ok(node) => {
                diagnostics.extend(yaml::comment_cuts(file, &node));
                Some((id, node))
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        }
    });
    if site_file.is_none() && layout.files.iter().all(|f| f.role != Role::SiteConfig) {
        diagnostics.push(
            Diagnostic::at_path(
                Code::MissingFile,
                "content/site.yaml",
                "content/site.yaml is missing",
            )
            .with_help("create it with at least `title`, `publisher` and `languages: [zh, en]`"),
        );
    }
    let (languages, allow_raw_html) = match &site_node {
        Some((id, node)) => {
            let (langs, ds) = site_config::read_languages(sources.get(*id), *id, node);
            diagnostics.extend(ds);
            (langs, site_config::allows_raw_html(node))
        }
        None => (Languages::new(&["zh".to_string(), "en".to_string()]), false),
    };
    cache.settings(
        languages.codes().map(str::to_string).collect(),
        allow_raw_html,
    );
    let ctx = Context {
        sources: &sources,
        languages: &languages,
        allow_raw_html,
    };
    let config: Option<SiteConfig> = site_node.as_ref().and_then(|(id, node)| {
        let mut r = ctx.reader(*id);
        let config = site_config::read(&mut r, node);
        diagnostics.extend(r.diagnostics);
        config
    });

    // Parse what the cache does not have, in parallel, then remember it.
    let fresh: Vec<Option<(Option<Parsed>, Vec<Diagnostic>)>> = files
        .par_iter()
        .map(|(role, id, path)| {
            if **role == Role::SiteConfig || cache.has_parsed(path) {
                None
            } else {
                Some(parse_one(&ctx, role, *id))
            }
        })
        .collect();
    let mut parsed: Vec<(&Role, Option<Parsed>, Vec<Diagnostic>)> = Vec::new();
    for ((role, _, path), fresh) in files.iter().zip(fresh) {
        if **role == Role::SiteConfig {
            continue;
        }
        let (p, ds) = match fresh {
            Some(result) if cache.keeps() => {
                cache.set_parsed(path, result.clone());
                result
            }
            Some(result) => result,
            None => match cache.parsed(path) {
                Some(result) => result,
                None => continue,
            },
        };
        parsed.push((*role, p, ds));
    }
    timer.lap("parse");
    let default_code = languages.get(LangId::DEFAULT).code.clone();
    let mut incomplete = Incomplete {
        years: layout.broken_years.iter().copied().collect(),
        ..Incomplete::default()
    };
    let broken = parsed
        .iter()
        .filter(|(_, _, ds)| ds.iter().any(Diagnostic::is_error))
        .map(|(role, _, _)| *role);
    for role in broken.chain(unreadable) {
        match role {
            Role::Indicators => incomplete.indicators = true,
            Role::Departments => incomplete.departments = true,
            Role::Document { id } => {
                incomplete.documents.insert(id.clone());
            }
            Role::Report { year } => {
                incomplete.reports.insert(*year);
            }
            Role::Events { year } => {
                incomplete.events.insert(*year);
            }
            Role::Issues { year } => {
                incomplete.issues.insert(*year);
            }
            Role::Markdown {
                kind,
                year,
                id,
                lang,
            } if *lang == default_code => {
                if let Some(name) = kind.reference_name() {
                    incomplete.items.insert((name, *year, id.clone()));
                }
            }
            _ => {}
        }
    }

    let mut indicators = Vec::new();
    let mut departments = Vec::new();
    let mut documents = Vec::new();
    let mut reports: BTreeMap<i32, Report> = BTreeMap::new();
    let mut events: BTreeMap<i32, (Vec<Event>, Span)> = BTreeMap::new();
    let mut issues: BTreeMap<i32, Vec<IssueItem>> = BTreeMap::new();
    let mut markdown: BTreeMap<(ItemKind, i32, String), Vec<MarkdownFile>> = BTreeMap::new();
    for (_, p, ds) in parsed {
        diagnostics.extend(ds);
        match p {
            Some(Parsed::Indicators(list)) => indicators = list,
            Some(Parsed::Departments(list)) => departments = list,
            Some(Parsed::Document(d)) => documents.push(d),
            Some(Parsed::Report(year, r)) => {
                reports.insert(year, r);
            }
            Some(Parsed::Events(year, list, span)) => {
                events.insert(year, (list, span));
            }
            Some(Parsed::Issues(year, list)) => {
                issues.insert(year, list);
            }
            Some(Parsed::Markdown(f)) => markdown
                .entry((f.kind, f.year, f.id.clone()))
                .or_default()
                .push(f),
            None => {}
        }
    }
    report_duplicates(
        indicators.iter().map(|i| (&i.id, "indicator")),
        &mut diagnostics,
    );
    report_duplicates(
        departments.iter().map(|d| (&d.id, "department")),
        &mut diagnostics,
    );

    let mut assembly = Assembly {
        sources: &sources,
        languages: &languages,
        allow_raw_html,
        diagnostics: Vec::new(),
        incomplete: &mut incomplete,
    };
    let mut achievements: BTreeMap<i32, Vec<_>> = BTreeMap::new();
    let mut cases: BTreeMap<i32, Vec<_>> = BTreeMap::new();
    let mut report_bodies = BTreeMap::new();
    let mut pages: Vec<FreePage> = Vec::new();
    for ((kind, year, _), group) in markdown {
        match kind {
            ItemKind::Achievement => {
                if let Some(a) = assembly.achievement(group) {
                    achievements.entry(year).or_default().push(a);
                }
            }
            ItemKind::Case => {
                if let Some(c) = assembly.case(group) {
                    cases.entry(year).or_default().push(c);
                }
            }
            ItemKind::Page => {
                if let Some(p) = assembly.page(group) {
                    pages.push(p);
                }
            }
            ItemKind::ReportBody => {
                let ids: Vec<FileId> = group.iter().map(|f| f.file_id).collect();
                report_bodies.insert(year, (assembly.report_body(group), ids));
            }
        }
    }
    diagnostics.extend(assembly.diagnostics);
    timer.lap("assemble");

    let mut years = Vec::new();
    let mut draft_years = Vec::new();
    let mut year_numbers: Vec<i32> = layout.year_dirs.clone();
    year_numbers.sort_unstable();
    year_numbers.dedup();
    for year in year_numbers {
        let report_file = files
            .iter()
            .find(|(role, _, _)| **role == Role::Report { year })
            .map(|&(_, id, _)| id);
        let report = reports.remove(&year).or_else(|| {
            // The file is there but broken (already reported): keep the year, so that
            // references to it do not turn into a cascade of false errors.
            report_file.map(|file| Report {
                file,
                title: Text::universal("", Span::file_start(file)),
                published: None,
                published_span: None,
                draft: false,
                theme: None,
                summary: None,
                values: Vec::new(),
            })
        });
        let Some(mut report) = report else {
            let path = format!("content/years/{year}/report.yaml");
            if !diagnostics.iter().any(|d| d.path.as_deref() == Some(&path)) {
                diagnostics.push(
                    Diagnostic::at_path(
                        Code::MissingFile,
                        path,
                        format!("the year {year} has no report.yaml"),
                    )
                    .with_help("every year folder needs a report.yaml with at least a title"),
                );
            }
            continue;
        };
        if let Some((body, file_ids)) = report_bodies.remove(&year) {
            if report.summary.is_some() {
                diagnostics.push(
                    Diagnostic::new(
                        Code::ConflictingKeys,
                        report
                            .summary
                            .as_ref()
                            .map_or(Span::file_start(report.file), |s| s.text.span),
                        "the summary is written both here and in report.<lang>.md",
                    )
                    .with_related(Span::file_start(file_ids[0]), "the Markdown summary")
                    .with_help("keep one: `summary:` in report.yaml or report.<lang>.md"),
                );
            } else {
                report.summary = Some(crate::model::MdText {
                    text: Text::universal("", Span::file_start(report.file)),
                    fragments: body,
                });
            }
        }
        if report.draft && !options.drafts {
            draft_years.push(year);
            continue;
        }
        let mut year_achievements = achievements.remove(&year).unwrap_or_default();
        year_achievements
            .sort_by(|a, b| order_key(&a.item.id.value).cmp(&order_key(&b.item.id.value)));
        if layout.achievement_dirs.contains(&year) && year_achievements.is_empty() {
            diagnostics.push(
                Diagnostic::at_path(
                    Code::EmptySection,
                    format!("content/years/{year}/achievements/"),
                    format!("the year {year} has an empty achievements/ folder"),
                )
                .with_help(
                    "government-site inspections fail empty columns: add an achievement \
                     (<id>.<lang>.md) or remove the folder",
                ),
            );
        }
        let mut year_cases = cases.remove(&year).unwrap_or_default();
        year_cases.sort_by(|a, b| order_key(&a.item.id.value).cmp(&order_key(&b.item.id.value)));
        let year_issues = issues.remove(&year);
        if let Some(list) = &year_issues {
            report_duplicates(list.iter().map(|i| (&i.id, "issue")), &mut diagnostics);
        }
        let (year_events, events_span) = match events.remove(&year) {
            Some((list, span)) => (Some(list), Some(span)),
            None => (None, None),
        };
        years.push(Year {
            year,
            report,
            achievements: year_achievements,
            cases: year_cases,
            events: year_events,
            events_span,
            issues: year_issues,
            value_by_indicator: Vec::new(),
        });
    }

    pages.sort_by(|a, b| {
        a.order
            .unwrap_or(i64::MAX)
            .cmp(&b.order.unwrap_or(i64::MAX))
            .then_with(|| order_key(&a.item.id.value).cmp(&order_key(&b.item.id.value)))
    });
    for page in &pages {
        if reserved_page_id(&page.item.id.value, &languages) {
            let file = page.item.files.get(LangId::DEFAULT).copied();
            let d = Diagnostic::new(
                Code::ReservedId,
                file.map_or(page.item.id.span, Span::file_start),
                format!(
                    "the page id `{}` is already a URL of the site",
                    page.item.id.value
                ),
            )
            .with_help("rename the page file, e.g. `about-indicators.zh.md`");
            diagnostics.push(d);
        }
    }

    let static_files = statics.versions(layout.static_files, cache.keeps());

    let mut site = config.map(|config| Site {
        config,
        languages,
        indicators,
        departments,
        documents,
        years,
        pages,
        static_files,
        draft_years,
        incomplete,
    });
    if let Some(site) = site.as_mut() {
        hant::fill(site, &sources);
    }
    timer.lap("years");
    Loaded {
        site,
        sources,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_is_checked_in_isolation() {
        let (_, ds) = check_file(
            "content/indicators.yaml",
            "- id: patents\n  name: {zh: 专利, en: Patents}\n  unit: {zh: 件, en: patents}\n  colour: red\n",
        );
        assert!(ds.iter().any(|d| d.code == Code::UnknownKey), "{ds:?}");
        let (_, ds) = check_file(
            "content/years/2023/cases/x.zh.md",
            "---\ntitle: 案例\n---\n正文",
        );
        assert!(ds.iter().all(|d| !d.is_error()), "{ds:?}");
        let (_, ds) = check_file("content/notes.txt", "");
        assert_eq!(ds[0].code, Code::BadFileName);
    }

    #[test]
    fn numeric_prefix_orders_items() {
        let mut ids = vec!["10-x", "2-y", "a", "01-z"];
        ids.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        assert_eq!(ids, vec!["01-z", "2-y", "10-x", "a"]);
    }
}
