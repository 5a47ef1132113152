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

use std::borrow::Cow;
use std::collections::HashMap;

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
    pub fn of_page(site: &Site, kind: PageKind, url: &str, html: &[u8]) -> Option<SearchDoc> {
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
    doc: impl Fn(&str) -> Option<&'d SearchDoc>,
) -> Vec<(String, Vec<u8>)> {
    let mut indexer = Indexer::new(plans);
    indexer.add(
        plans
            .iter()
            .flat_map(|plan| &plan.pages)
            .filter_map(|path| doc(path))
            .map(Cow::Borrowed),
    );
    indexer.files()
}

/// The index of every language as it is made: pages are counted as they come, in any order,
/// and only what a result shows of each is kept, not the text it was found by. A build counts
/// each batch of pages as it is rendered (see `session::render_into`).
pub struct Indexer {
    indexes: Vec<Index>,
    /// Each page's language (its index in `indexes`) and position in its plan.
    slots: HashMap<String, (usize, u32)>,
}

impl std::fmt::Debug for Indexer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexer")
            .field("languages", &self.indexes.len())
            .field("pages", &self.slots.len())
            .finish_non_exhaustive()
    }
}

/// One language's index being made.
struct Index {
    html_lang: String,
    prefix: String,
    counted: Counted,
    /// By position in the plan, the pages counted, their text taken out.
    docs: Vec<Option<SearchDoc>>,
}

impl Indexer {
    pub fn new(plans: &[Plan]) -> Indexer {
        let mut slots = HashMap::with_capacity(plans.iter().map(|p| p.pages.len()).sum());
        for (lang, plan) in plans.iter().enumerate() {
            for (slot, path) in (0u32..).zip(&plan.pages) {
                slots.insert(path.clone(), (lang, slot));
            }
        }
        let indexes = plans
            .iter()
            .map(|plan| Index {
                html_lang: plan.html_lang.clone(),
                prefix: plan.prefix.clone(),
                counted: Counted::default(),
                docs: (0..plan.pages.len()).map(|_| None).collect(),
            })
            .collect();
        Indexer { indexes, slots }
    }

    /// Counts pages into their languages' indexes (the languages in parallel). A page no
    /// plan has is left out. Of a page given by value, only its text is dropped; of one
    /// lent, what a result shows is copied.
    pub fn add<'d>(&mut self, docs: impl IntoIterator<Item = Cow<'d, SearchDoc>>) {
        use rayon::prelude::*;
        let mut per_index: Vec<Vec<(u32, Cow<'d, SearchDoc>)>> =
            self.indexes.iter().map(|_| Vec::new()).collect();
        for doc in docs {
            if let Some(&(lang, slot)) = self.slots.get(&doc.url) {
                per_index[lang].push((slot, doc));
            }
        }
        self.indexes
            .par_iter_mut()
            .zip(per_index)
            .for_each(|(index, docs)| {
                for (slot, doc) in docs {
                    index.counted.add(slot, &doc.title, &doc.text);
                    let shown = match doc {
                        Cow::Owned(mut doc) => {
                            doc.text = String::new();
                            doc.prose.shrink_to_fit();
                            doc.title.shrink_to_fit();
                            doc
                        }
                        Cow::Borrowed(doc) => SearchDoc {
                            url: doc.url.clone(),
                            title: doc.title.clone(),
                            text: String::new(),
                            prose: doc.prose.clone(),
                            kind: doc.kind,
                            year: doc.year,
                        },
                    };
                    index.docs[slot as usize] = Some(shown);
                }
            });
    }

    /// The index files of every language.
    pub fn files(self) -> Vec<(String, Vec<u8>)> {
        use rayon::prelude::*;
        let per_language: Vec<Vec<(String, Vec<u8>)>> =
            self.indexes.into_par_iter().map(Index::files).collect();
        per_language.into_iter().flatten().collect()
    }
}

/// Pages per text chunk: results load only the chunks of the pages they show.
const CHUNK: usize = 50;

/// Postings per shard a Chinese shard aims at (~100 KB of data file).
const POSTINGS_PER_SHARD: usize = 16_000;

impl Index {
    /// `search/data/…` under the language's folder.
    fn files(self) -> Vec<(String, Vec<u8>)> {
        use rayon::prelude::*;
        let Index {
            html_lang: lang,
            prefix,
            counted,
            docs,
        } = self;
        let Counted {
            terms,
            mut postings,
            mut lengths,
            ..
        } = counted;
        lengths.resize(docs.len(), 0);
        // A page of the plan whose HTML had nothing to find (a site's template without
        // `<main>`) is not in the index: the pages after it move up.
        if docs.iter().any(Option::is_none) {
            let ids: Vec<u32> = docs
                .iter()
                .scan(0u32, |next, doc| {
                    let id = *next;
                    *next += u32::from(doc.is_some());
                    Some(id)
                })
                .collect();
            for list in &mut postings {
                for (id, _) in list.iter_mut() {
                    *id = ids[*id as usize];
                }
            }
            lengths = lengths
                .into_iter()
                .zip(&docs)
                .filter(|(_, doc)| doc.is_some())
                .map(|(length, _)| length)
                .collect();
        }
        let docs: Vec<SearchDoc> = docs.into_iter().flatten().collect();
        let docs: Vec<&SearchDoc> = docs.iter().collect();
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
                    files::shard_file(&lang, shard, entries),
                )
            })
            .collect();
        out.par_extend(
            docs.par_chunks(CHUNK)
                .enumerate()
                .map(|(k, chunk)| (format!("{dir}/c{k}.js"), files::chunk_file(&lang, k, chunk))),
        );
        out.push((
            format!("{dir}/meta.js"),
            files::meta_file(&lang, &docs, &lengths, CHUNK, han_shards),
        ));
        out
    }
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
        let plan = Plan {
            html_lang: "zh-CN".into(),
            prefix: String::new(),
            pages: docs.iter().map(|d| d.url.clone()).collect(),
        };
        let files = index_files(&[plan], |path| docs.iter().find(|d| d.url == path));
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

    /// A build counts pages batch by batch, in the order they render: the index is the same
    /// whatever the order, and a page of the plan with nothing to find leaves no gap.
    #[test]
    fn pages_counted_in_any_order_make_the_same_index() {
        let docs: Vec<SearchDoc> = (0..7)
            .map(|i| {
                doc(
                    &format!("p{i}/index.html"),
                    &format!("标题{i}"),
                    &format!("商业秘密 case {i} 第{i}页"),
                    DocKind::Case,
                    Some(2020 + i),
                )
            })
            .collect();
        let plan = |pages: &[&SearchDoc]| Plan {
            html_lang: "zh-CN".into(),
            prefix: String::new(),
            pages: pages.iter().map(|d| d.url.clone()).collect(),
        };
        let all: Vec<&SearchDoc> = docs.iter().collect();
        let in_order = index_files(&[plan(&all)], |p| all.iter().copied().find(|d| d.url == p));
        let mut indexer = Indexer::new(&[plan(&all)]);
        indexer.add(docs[4..].iter().rev().cloned().map(Cow::Owned));
        indexer.add(docs[..4].iter().map(Cow::Borrowed));
        assert_eq!(indexer.files(), in_order);

        // Page 2 had no `<main>`: the index is that of the other six.
        let six: Vec<&SearchDoc> = all
            .iter()
            .copied()
            .filter(|d| d.url != "p2/index.html")
            .collect();
        let without = index_files(&[plan(&six)], |p| six.iter().copied().find(|d| d.url == p));
        let mut indexer = Indexer::new(&[plan(&all)]);
        indexer.add(six.iter().rev().map(|d| Cow::Owned((*d).clone())));
        assert_eq!(indexer.files(), without);
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
