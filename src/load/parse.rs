//! Parsing each content file on its own: YAML files into the model's pieces, Markdown files
//! into their front matter and compiled body. Everything that needs other files (the items of
//! one id in several languages, references) comes later.

use std::path::Path;

use rayon::prelude::*;

use super::cache::FileCache;
use super::fields::Reader;
use super::layout::{self, Role};
use super::markdown_file::{self, MarkdownFile};
use super::{catalog, documents, placeholders, site_config, yaml, years};
use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::entity::EntityKey;
use crate::model::{
    Department, Document, Event, Id, Indicator, IssueItem, Languages, Report, SiteConfig,
};
use crate::source::{FileId, SourceFile, SourceMap, Span};

/// What one file turned into.
#[derive(Clone)]
pub enum Parsed {
    Indicators(Vec<Indicator>),
    Departments(Vec<Department>),
    Document(Document),
    Report(i32, Report),
    Events(i32, Vec<Event>, Span),
    Issues(i32, Vec<IssueItem>),
    Markdown(MarkdownFile),
}

/// What every file's parse depends on: the languages and settings of `site.yaml`.
pub struct Context<'a> {
    pub sources: &'a SourceMap,
    pub languages: &'a Languages,
    pub allow_raw_html: bool,
}

impl Context<'_> {
    pub fn reader(&self, file_id: FileId) -> Reader<'_> {
        Reader::new(self.sources, file_id, self.languages, self.allow_raw_html)
    }
}

/// A Markdown file's language, checked against `site.yaml`'s.
fn markdown(
    ctx: &Context,
    entity: &EntityKey,
    lang: &str,
    file_id: FileId,
) -> (Option<Parsed>, Vec<Diagnostic>) {
    let file = ctx.sources.get(file_id);
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
    let parsed = markdown_file::parse_file(
        file,
        file_id,
        (entity.clone(), lang_id),
        ctx.allow_raw_html,
        &mut diagnostics,
    );
    (parsed.map(Parsed::Markdown), diagnostics)
}

/// Parses one file (not `site.yaml`, which [`site_config`] reads first).
pub fn parse_one(ctx: &Context, role: &Role, file_id: FileId) -> (Option<Parsed>, Vec<Diagnostic>) {
    let (parsed, mut diagnostics) = parse_content(ctx, role, file_id);
    diagnostics.extend(placeholders::scan(ctx.sources.get(file_id), file_id));
    (parsed, diagnostics)
}

fn parse_content(ctx: &Context, role: &Role, file_id: FileId) -> (Option<Parsed>, Vec<Diagnostic>) {
    if let Some(lang) = &role.lang {
        return markdown(ctx, &role.entity, lang, file_id);
    }
    let file = ctx.sources.get(file_id);
    let node = match yaml::parse(file, file_id, 0..file.text.len()) {
        Ok(node) => node,
        Err(d) => return (None, vec![d]),
    };
    let mut r = ctx.reader(file_id);
    r.diagnostics.extend(yaml::comment_cuts(file, &node));
    let parsed = match &role.entity {
        EntityKey::Indicators => Some(Parsed::Indicators(catalog::read_indicators(&mut r, &node))),
        EntityKey::Departments => Some(Parsed::Departments(catalog::read_departments(
            &mut r, &node,
        ))),
        EntityKey::Document(id) => {
            let id = Id {
                value: id.clone(),
                span: Span::file_start(file_id),
            };
            documents::read(&mut r, &node, id).map(Parsed::Document)
        }
        EntityKey::Report(year) => {
            years::read_report(&mut r, &node).map(|rep| Parsed::Report(*year, rep))
        }
        EntityKey::Events(year) => Some(Parsed::Events(
            *year,
            years::read_events(&mut r, &node),
            node.span,
        )),
        EntityKey::Issues(year) => Some(Parsed::Issues(*year, years::read_issues(&mut r, &node))),
        // Markdown items are handled above; site.yaml is read first, on its own.
        EntityKey::Site | EntityKey::Achievement(..) | EntityKey::Case(..) | EntityKey::Page(_) => {
            None
        }
    };
    (parsed, r.diagnostics)
}

/// Parses what `cache` does not have, in parallel, then remembers it. `site.yaml` is left out.
pub fn parse_all<'r>(
    ctx: &Context,
    files: &[(&'r Role, FileId, &Path)],
    cache: &mut FileCache<Parsed>,
) -> Vec<(&'r Role, Option<Parsed>, Vec<Diagnostic>)> {
    let fresh: Vec<Option<(Option<Parsed>, Vec<Diagnostic>)>> = files
        .par_iter()
        .map(|(role, id, path)| {
            if role.is_site_config() || cache.has_parsed(path) {
                None
            } else {
                Some(parse_one(ctx, role, *id))
            }
        })
        .collect();
    let mut parsed = Vec::new();
    for ((role, _, path), fresh) in files.iter().zip(fresh) {
        if role.is_site_config() {
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
    parsed
}

/// `site.yaml`, parsed first: every other file depends on its languages.
pub struct Settings {
    pub languages: Languages,
    pub allow_raw_html: bool,
    pub config: Option<SiteConfig>,
}

/// Reads `site.yaml` (E0004 when there is none).
pub fn settings(
    files: &[(&Role, FileId, &Path)],
    layout: &layout::Layout,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Settings {
    let site_file = files
        .iter()
        .find(|(r, _, _)| r.is_site_config())
        .map(|&(_, id, _)| id);
    let site_node = site_file.and_then(|id| {
        let file = sources.get(id);
        // site.yaml is read on every load, but it is one small file.
        diagnostics.extend(placeholders::scan(file, id));
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
    if site_file.is_none() && !layout.files.iter().any(|f| f.role.is_site_config()) {
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
    let config = site_node.as_ref().and_then(|(id, node)| {
        let ctx = Context {
            sources,
            languages: &languages,
            allow_raw_html,
        };
        let mut r = ctx.reader(*id);
        let config = site_config::read(&mut r, node);
        diagnostics.extend(r.diagnostics);
        config
    });
    Settings {
        languages,
        allow_raw_html,
        config,
    }
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
    if role.is_site_config() {
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
