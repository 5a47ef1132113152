//! Full-text search, built at build time for each language and queried in the browser.
//!
//! Chinese has no spaces, so Chinese text is indexed by overlapping character pairs
//! (`商业秘密` → 商业 业秘 秘密): any query of two or more characters finds the pages that
//! contain it, without a dictionary. Other text is indexed by lower-cased words, lightly
//! stemmed (`patents` → `patent`), and queried by prefix (`terms`). The index is split into
//! shards written as small JavaScript files that the search page loads with `<script>` tags —
//! not `fetch` — so search works from `file://` as well as over http, under any sub-path
//! (`files`). `assets/search.js` holds the same tokenizer for queries.
//!
//! Each page is one document: its words (for the index), its prose (for snippets, see
//! `extract`), its kind and its year (shown with the result). The browser ranks content
//! (reports, cases, events, indicators, documents) above listing pages (indexes,
//! departments), which repeat the titles of what they list, and the home page last.

mod extract;
mod files;
mod terms;

use extract::{Extracted, extract};
pub use terms::is_han;

use super::PageKind;
use crate::model::Site;
use terms::{Counted, Postings, WORD_SHARDS, shard_of};

/// One page to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDoc {
    /// Relative to the output root (`2023/cases/x/index.html`).
    pub url: String,
    pub title: String,
    /// What the index finds.
    pub text: String,
    /// What a snippet is cut from (see [`Extracted::prose`]).
    pub prose: String,
    pub kind: DocKind,
    /// The year the page belongs to (a report's, a case's, a document's date's).
    pub year: Option<i32>,
}

impl SearchDoc {
    /// The document of a rendered page, unless search leaves the page out (the search page
    /// itself and the 404 page).
    pub fn of_page(site: &Site, kind: PageKind, url: &str, html: &str) -> Option<SearchDoc> {
        let doc_kind = DocKind::of(kind)?;
        let Extracted { title, text, prose } = extract(html)?;
        Some(SearchDoc {
            url: url.to_string(),
            title,
            text,
            prose,
            kind: doc_kind,
            year: year_of(site, kind),
        })
    }
}

/// What a result is, as the results list names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Home,
    Report,
    Case,
    Events,
    Issues,
    Indicators,
    Indicator,
    Documents,
    Document,
    Departments,
    Department,
    Page,
}

impl DocKind {
    pub const ALL: [DocKind; 12] = [
        DocKind::Home,
        DocKind::Report,
        DocKind::Case,
        DocKind::Events,
        DocKind::Issues,
        DocKind::Indicators,
        DocKind::Indicator,
        DocKind::Documents,
        DocKind::Document,
        DocKind::Departments,
        DocKind::Department,
        DocKind::Page,
    ];

    fn of(kind: PageKind) -> Option<DocKind> {
        Some(match kind {
            PageKind::Home => DocKind::Home,
            PageKind::Year(_) => DocKind::Report,
            PageKind::Case { .. } => DocKind::Case,
            PageKind::Events(_) => DocKind::Events,
            PageKind::Issues(_) => DocKind::Issues,
            PageKind::Indicators => DocKind::Indicators,
            PageKind::Indicator(_) => DocKind::Indicator,
            PageKind::Documents => DocKind::Documents,
            PageKind::Document(_) => DocKind::Document,
            PageKind::Departments => DocKind::Departments,
            PageKind::Department(_) => DocKind::Department,
            PageKind::Page(_) => DocKind::Page,
            // The print page repeats the pages of its year: every result would come twice.
            PageKind::Search | PageKind::NotFound | PageKind::Print(_) => return None,
        })
    }

    /// One letter for the index's `kinds` string (one letter per document keeps the meta
    /// file small: 10,000 pages, 10 KB).
    pub fn code(self) -> char {
        match self {
            DocKind::Home => 'h',
            DocKind::Report => 'r',
            DocKind::Case => 'c',
            DocKind::Events => 'e',
            DocKind::Issues => 'i',
            DocKind::Indicators => 'n',
            DocKind::Indicator => 'v',
            DocKind::Documents => 'l',
            DocKind::Document => 'd',
            DocKind::Departments => 'g',
            DocKind::Department => 'p',
            DocKind::Page => 'f',
        }
    }

    /// Pages that list other pages (their titles, their links) rather than say something of
    /// their own: a query finds them beside what they list, so they rank below it — unless
    /// their title has the query (a department's page for the department's name).
    pub fn is_listing(self) -> bool {
        matches!(
            self,
            DocKind::Indicators | DocKind::Documents | DocKind::Departments | DocKind::Department
        )
    }

    /// The home page repeats the latest report (its title, its summary) and lists the rest:
    /// it ranks last, below the report it repeats.
    pub fn is_copy(self) -> bool {
        self == DocKind::Home
    }

    /// The key of its name in `ui.rs` (`案例` / `Case`).
    pub fn label_key(self) -> &'static str {
        match self {
            DocKind::Home => "result_home",
            DocKind::Report => "result_report",
            DocKind::Case => "result_case",
            DocKind::Events => "result_events",
            DocKind::Issues => "result_issues",
            DocKind::Indicators => "result_indicators",
            DocKind::Indicator => "result_indicator",
            DocKind::Documents => "result_documents",
            DocKind::Document => "result_document",
            DocKind::Departments => "result_departments",
            DocKind::Department => "result_department",
            DocKind::Page => "result_page",
        }
    }
}

/// The year a page belongs to, shown beside its result.
fn year_of(site: &Site, kind: PageKind) -> Option<i32> {
    match kind {
        PageKind::Year(y)
        | PageKind::Case { year: y, .. }
        | PageKind::Events(y)
        | PageKind::Issues(y) => site.years.get(y).map(|year| year.year),
        PageKind::Document(d) => site
            .documents
            .get(d)
            .and_then(|doc| doc.date)
            .map(|date| i32::from(date.year())),
        _ => None,
    }
}

/// What one language's index covers: its pages in site order (a page's position is its id in
/// the index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// `<html lang>` of the language, written into every index file.
    pub html_lang: String,
    /// The language's URL prefix (`""`, `"en/"`).
    pub prefix: String,
    /// Output paths of the pages to index.
    pub pages: Vec<String>,
}

/// The index files of every language in `plans`; `doc` gives the text of a page by its path.
pub fn index_files<'d>(
    plans: &[Plan],
    doc: impl Fn(&str) -> Option<&'d SearchDoc> + Sync,
) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let per_language: Vec<Vec<(String, Vec<u8>)>> = plans
        .par_iter()
        .map(|plan| {
            let docs: Vec<&SearchDoc> = plan.pages.iter().filter_map(|p| doc(p)).collect();
            build(&plan.html_lang, &plan.prefix, &docs)
        })
        .collect();
    per_language.into_iter().flatten().collect()
}

/// Pages per text chunk: results load only the chunks of the pages they show.
const CHUNK: usize = 50;

/// Postings per shard a Chinese shard aims at (~100 KB of data file).
const POSTINGS_PER_SHARD: usize = 16_000;

/// The index of one language: `search/data/…` under the language's folder.
pub fn build(lang: &str, prefix: &str, docs: &[&SearchDoc]) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    // Counting is one pass (the languages are counted in parallel); writing the shards and
    // chunks is spread over the cores.
    let Counted {
        terms,
        postings,
        lengths,
    } = Counted::of(docs);
    let han_postings: usize = terms
        .list
        .iter()
        .zip(&postings)
        .filter(|((_, pair), _)| *pair)
        .map(|(_, list)| list.len())
        .sum();
    let han_shards = (han_postings / POSTINGS_PER_SHARD).clamp(1, 4096) as u32;
    let mut shards: Vec<Vec<(Box<str>, Postings)>> =
        vec![Vec::new(); (han_shards + WORD_SHARDS) as usize];
    for ((term, _), list) in terms.list.into_iter().zip(postings) {
        shards[shard_of(&term, han_shards) as usize].push((term, list));
    }
    let dir = format!("{prefix}search/data");
    // Every shard is written, empty ones too: the browser asks for the shard of any term
    // typed, and a missing file would read as a broken index rather than "nothing found".
    let mut out: Vec<(String, Vec<u8>)> = shards
        .into_par_iter()
        .enumerate()
        .map(|(shard, entries)| {
            (
                format!("{dir}/s{shard}.js"),
                files::shard_file(lang, shard, entries),
            )
        })
        .collect();
    out.par_extend(
        docs.par_chunks(CHUNK)
            .enumerate()
            .map(|(k, chunk)| (format!("{dir}/c{k}.js"), files::chunk_file(lang, k, chunk))),
    );
    out.push((
        format!("{dir}/meta.js"),
        files::meta_file(lang, docs, &lengths, CHUNK, han_shards),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, title: &str, text: &str, kind: DocKind, year: Option<i32>) -> SearchDoc {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            text: text.into(),
            prose: text.into(),
            kind,
            year,
        }
    }

    #[test]
    fn shards_hold_every_term() {
        let docs = [
            doc(
                "a/index.html",
                "商业秘密",
                "patent cases",
                DocKind::Case,
                Some(2023),
            ),
            doc(
                "b/index.html",
                "调解",
                "商业秘密保护",
                DocKind::Department,
                None,
            ),
        ];
        let files = build("zh-CN", "", &docs.iter().collect::<Vec<_>>());
        let all: String = files
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        // In the title of the first page, in the text of the second (once: 1 × 2).
        assert!(all.contains("\"商业\":[0,1,1,2]"), "{all}");
        assert!(all.contains("\"patent\":[0,2]"));
        assert!(all.contains("IPSEARCH.meta(\"zh-CN\",{\"docs\":2"));
        assert!(files.iter().all(|(p, _)| p.starts_with("search/data/")));
        // One Han shard for so few terms, plus every word shard, empty or not.
        let shards = files.iter().filter(|(p, _)| p.contains("/s")).count();
        assert_eq!(shards, 1 + WORD_SHARDS as usize);
        assert!(all.contains("IPSEARCH.shard(\"zh-CN\",1,{});"), "{all}");
        // Each document's kind, the listing kinds, and a year where there is one.
        assert!(
            all.contains("\"kinds\":\"cp\",\"listings\":\"nlgp\",\"copies\":\"h\""),
            "{all}"
        );
        assert!(all.contains("[\"a/index.html\",\"商业秘密\",\"patent cases\",2023]"));
        assert!(all.contains("[\"b/index.html\",\"调解\",\"商业秘密保护\"]"));
    }

    #[test]
    fn every_kind_has_its_own_letter_and_label() {
        let mut codes: Vec<char> = DocKind::ALL.iter().map(|k| k.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), DocKind::ALL.len());
        for kind in DocKind::ALL {
            for lang in ["zh", "en", "zh-Hant"] {
                let labels = crate::render::ui::labels(lang);
                assert!(
                    labels.get(kind.label_key()).is_some_and(|l| !l.is_empty()),
                    "{kind:?} has no label in {lang}"
                );
            }
        }
    }
}
