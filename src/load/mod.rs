//! Load: files under `content/` → [`Site`], with every problem as a diagnostic.
//!
//! The stages, each in its own module: [`layout`] classifies every path, [`read`] reads the
//! files that changed, [`parse`] parses each file on its own (site.yaml first: every text
//! depends on its languages), [`incomplete`] notes what could not be read completely,
//! [`assemble`] puts items and years together, and [`hant`] derives Traditional Chinese.
//! Files are read and parsed in parallel; everything is then assembled in the sorted order of
//! their paths, so the model (and so the output) does not depend on thread timing.

mod assemble;
pub(crate) mod cache;
mod catalog;
mod documents;
pub(crate) mod fields;
mod hant;
mod incomplete;
mod items;
mod layout;
mod markdown_file;
mod parse;
pub(crate) mod placeholders;
mod read;
mod reload;
mod site_config;
pub(crate) mod yaml;
mod years;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::entity::EntityKey;
use crate::model::{Id, Site};
use crate::source::{SourceMap, Span};

pub use cache::LoadCache;
pub use documents::is_valid_measure_number;
pub use hant::to_traditional;
pub use markdown_file::split_front_matter;
pub use parse::check_file;
pub use read::read_text;
pub use reload::{ReloadedBody, reload_body};

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

/// E0004 for a root without `content/`.
fn no_content(root: &Path) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    diagnostics.push(
        Diagnostic::at_path(Code::MissingFile, "content/", "there is no content/ folder")
            .with_help(format!(
                "run ipreport in a site folder, pass --root, or create one with `ipreport new {}`",
                root.display()
            )),
    );
    Loaded {
        site: None,
        sources: SourceMap::default(),
        diagnostics,
    }
}

/// Each year's `report.yaml` that was read.
fn report_files(read: &read::Read) -> BTreeMap<i32, crate::source::FileId> {
    read.files
        .iter()
        .filter_map(|(role, id, _)| match (&role.entity, &role.lang) {
            (EntityKey::Report(year), None) => Some((*year, *id)),
            _ => None,
        })
        .collect()
}

/// Loads the site under `root`.
pub fn load(root: &Path, options: &LoadOptions) -> Loaded {
    load_cached(root, options, &mut LoadCache::default())
}

/// Loads the site under `root`, reading and parsing only the files that changed since the
/// loads `cache` remembers.
pub fn load_cached(root: &Path, options: &LoadOptions, cache: &mut LoadCache) -> Loaded {
    if !root.join("content").is_dir() {
        return no_content(root);
    }
    let mut diagnostics = Diagnostics::new();
    let mut sources = SourceMap::default();
    let mut timer = crate::timings::Timer::new();
    let mut layout = cache.layout(root);
    diagnostics.extend(std::mem::take(&mut layout.diagnostics));
    let static_entries = std::mem::take(&mut layout.static_files);
    timer.lap("scan");
    let read = read::read_all(&layout, &mut cache.files, &mut sources, &mut diagnostics);
    timer.lap("read");

    let settings = parse::settings(&read.files, &layout, &sources, &mut diagnostics);
    cache.files.settings(
        settings.languages.codes().map(str::to_string).collect(),
        settings.allow_raw_html,
    );
    let ctx = parse::Context {
        sources: &sources,
        languages: &settings.languages,
        allow_raw_html: settings.allow_raw_html,
    };
    let parsed = parse::parse_all(&ctx, &read.files, &mut cache.files);
    timer.lap("parse");

    let default_code = &settings.languages.get(crate::model::LangId::DEFAULT).code;
    let mut incomplete = incomplete::incomplete(
        &parsed,
        &read.unreadable,
        &layout.broken_years,
        default_code,
    );
    let report_files = report_files(&read);
    let mut collected = assemble::collect(parsed, &mut diagnostics);
    let mut assembly = items::Assembly {
        sources: &sources,
        languages: &settings.languages,
        allow_raw_html: settings.allow_raw_html,
        diagnostics: Vec::new(),
        incomplete: &mut incomplete,
    };
    let mut items = assemble::items(&mut collected, &mut assembly);
    diagnostics.extend(assembly.diagnostics);
    timer.lap("assemble");

    let years = assemble::years(
        &layout,
        &report_files,
        &mut collected,
        &mut items,
        options.drafts,
        &mut diagnostics,
    );
    let pages = assemble::pages(items.pages, &settings.languages, &mut diagnostics);
    let static_files = cache.statics.versions(static_entries, cache.files.keeps());
    let mut site = settings.config.map(|config| Site {
        config,
        languages: settings.languages,
        indicators: collected.indicators,
        departments: collected.departments,
        documents: collected.documents,
        years: years.years,
        pages,
        static_files,
        draft_years: years.drafts,
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
