//! The search index of the example site as the browser reads it: each page's kind and year,
//! snippets cut from prose (not from tables and fact lists), entities decoded, the home page
//! and the latest report holding the same title and summary block (so that the browser
//! collapses them), title matches marked apart from counts; and the search page and the
//! header's search box that lead to it.

use std::path::PathBuf;

use serde_json::Value;

use ipreport::render::{Output, OutputFile};
use ipreport::session::{self, CompileOptions};

fn example_output() -> Output {
    let compiled = session::compile(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        CompileOptions::default(),
    );
    assert!(compiled.diagnostics.is_empty());
    compiled.output.expect("the example site builds")
}

fn text<'a>(output: &'a Output, path: &str) -> &'a str {
    match output.get(path) {
        Some(OutputFile::Bytes(b)) => std::str::from_utf8(b).expect("UTF-8"),
        _ => panic!("{path} is not in the output"),
    }
}

/// The data of an index file: `IPSEARCH.<call>("<lang>",<n>,<data>);` or, for the meta file,
/// `IPSEARCH.meta("<lang>",<data>);`.
fn data_of(file: &str) -> Value {
    let open = file.find('(').expect("a call");
    let inner = file[open + 1..]
        .trim_end()
        .strip_suffix(");")
        .expect("a call's end");
    let args: Value = serde_json::from_str(&format!("[{inner}]")).expect("JSON arguments");
    args.as_array()
        .and_then(|a| a.last())
        .cloned()
        .expect("data")
}

/// One language's index: its meta data and every document's chunk entry, in order.
struct Index {
    meta: Value,
    docs: Vec<Value>,
}

impl Index {
    fn of(output: &Output, prefix: &str) -> Index {
        let meta = data_of(text(output, &format!("{prefix}search/data/meta.js")));
        let mut docs = Vec::new();
        for k in 0.. {
            let Some(OutputFile::Bytes(b)) = output.get(&format!("{prefix}search/data/c{k}.js"))
            else {
                break;
            };
            let chunk = data_of(std::str::from_utf8(b).expect("UTF-8"));
            docs.extend(chunk.as_array().expect("a chunk is a list").iter().cloned());
        }
        Index { meta, docs }
    }

    /// The position and chunk entry of the page at `url`.
    fn doc(&self, url: &str) -> (usize, &Value) {
        self.docs
            .iter()
            .enumerate()
            .find(|(_, d)| d[0] == url)
            .unwrap_or_else(|| panic!("{url} is not in the index"))
    }

    fn kind(&self, url: &str) -> char {
        let (i, _) = self.doc(url);
        self.meta["kinds"]
            .as_str()
            .and_then(|k| k.chars().nth(i))
            .expect("a kind per document")
    }

    fn prose(&self, url: &str) -> &str {
        self.doc(url).1[2].as_str().expect("prose is text")
    }
}

#[test]
fn every_page_has_its_kind_and_the_year_it_belongs_to() {
    let output = example_output();
    for prefix in ["", "en/"] {
        let index = Index::of(&output, prefix);
        let docs = index.meta["docs"].as_u64().expect("a count") as usize;
        assert_eq!(index.docs.len(), docs);
        assert_eq!(index.meta["kinds"].as_str().map(str::len), Some(docs));
        assert_eq!(index.meta["listings"], "nlgp");
        assert_eq!(index.meta["copies"], "h");
        let page = |rel: &str| format!("{prefix}{rel}");
        for (rel, kind, year) in [
            ("index.html", 'h', None),
            ("2023/index.html", 'r', Some(2023)),
            (
                "2024/cases/trade-secret-compliance/index.html",
                'c',
                Some(2024),
            ),
            ("2023/events/index.html", 'e', Some(2023)),
            ("2024/issues/index.html", 'i', Some(2024)),
            ("indicators/index.html", 'n', None),
            ("indicators/invention-patents/index.html", 'v', None),
            ("documents/index.html", 'l', None),
            ("documents/decision-2022/index.html", 'd', Some(2022)),
            ("departments/index.html", 'g', None),
            ("departments/amr/index.html", 'p', None),
            ("about/index.html", 'f', None),
        ] {
            assert_eq!(index.kind(&page(rel)), kind, "{prefix}{rel}");
            assert_eq!(
                index.doc(&page(rel)).1.get(3).and_then(Value::as_i64),
                year,
                "{prefix}{rel}"
            );
        }
        // Neither the search page nor the 404 page is found.
        assert!(index.docs.iter().all(|d| {
            let url = d[0].as_str().unwrap_or("");
            !url.ends_with("search/index.html") && !url.ends_with("404.html")
        }));
    }
}

#[test]
fn snippets_come_from_prose_not_from_tables_and_fact_lists() {
    let output = example_output();
    let zh = Index::of(&output, "");
    let indicator = zh.prose("indicators/invention-patents/index.html");
    assert!(
        indicator.starts_with("截至年末，全市专利权人持有"),
        "{indicator}"
    );
    for label in [
        "单位",
        "属性",
        "预期性",
        "越高越好",
        "越低越好",
        "上年",
        "完成率",
        "开放数据",
    ] {
        assert!(!indicator.contains(label), "{label} in {indicator:?}");
    }
    // The words are still found: only the snippets leave them out.
    let report = zh.prose("2023/index.html");
    assert!(!report.contains("增减"), "{report}");
    assert!(!report.contains("发布日期"), "{report}");
    let en = Index::of(&output, "en/");
    let indicator = en.prose("en/indicators/invention-patents/index.html");
    for label in ["Unit", "higher is better", "Completion", "Open data"] {
        assert!(!indicator.contains(label), "{label} in {indicator:?}");
    }
    // Blocks stay apart: a case's headings and paragraphs are lines of their own.
    let case = zh.prose("2023/cases/copyright-mediation/index.html");
    assert!(case.starts_with("基本案情\n"), "{case}");
    assert!(
        case.lines().all(|l| !l.is_empty() && l.trim() == l),
        "{case:?}"
    );
}

#[test]
fn entities_are_decoded_before_they_reach_the_index() {
    let output = example_output();
    let en = Index::of(&output, "en/");
    let all: String = en.docs.iter().map(Value::to_string).collect();
    assert!(
        all.contains("People's Court"),
        "no apostrophe in the English index"
    );
    for entity in ["&#39;", "&#x27;", "&amp;", "&quot;", "&lt;", "&gt;"] {
        assert!(!all.contains(entity), "{entity} in the English index");
    }
}

#[test]
fn the_home_page_repeats_the_latest_reports_title_and_summary_as_a_copy() {
    // The browser collapses results with the same title and snippet, and ranks copies last:
    // for that, the home page and the latest report must carry the same title and the same
    // summary paragraph, each a block of its own.
    let output = example_output();
    for prefix in ["", "en/"] {
        let index = Index::of(&output, prefix);
        let home = index.doc(&format!("{prefix}index.html")).1;
        let latest = index.doc(&format!("{prefix}2024/index.html")).1;
        assert_eq!(home[1], latest[1]);
        let latest_prose = index.prose(&format!("{prefix}2024/index.html"));
        let summary = latest_prose
            .lines()
            .find(|l| l.starts_with("2024"))
            .expect("the summary's first paragraph");
        assert!(
            index
                .prose(&format!("{prefix}index.html"))
                .lines()
                .any(|l| l == summary),
            "{prefix}: the home page's blocks differ from the report's"
        );
        assert_eq!(index.kind(&format!("{prefix}index.html")), 'h');
    }
}

#[test]
fn a_title_match_is_marked_apart_from_the_count() {
    // Every value is twice the count in the text, plus 1 when the title has the term: the
    // case titled 某文创公司与某服饰公司美术作品著作权纠纷调解案 has 调解 in its title.
    let output = example_output();
    let zh = Index::of(&output, "");
    let (id, _) = zh.doc("2023/cases/copyright-mediation/index.html");
    let hans = (0..)
        .map_while(|n| match output.get(&format!("search/data/s{n}.js")) {
            Some(OutputFile::Bytes(b)) => Some(data_of(std::str::from_utf8(b).expect("UTF-8"))),
            _ => None,
        })
        .find_map(|shard| shard.get("调解").cloned())
        .expect("调解 is indexed");
    let list: Vec<u64> = hans
        .as_array()
        .expect("postings")
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    let mut doc = 0;
    let value = list
        .chunks(2)
        .find_map(|p| {
            doc += p[0];
            (doc == id as u64).then_some(p[1])
        })
        .expect("the case has 调解");
    assert_eq!(value % 2, 1, "the title flag is not set: {value}");
    assert!(
        value / 2 >= 2,
        "调解 occurs more than once in the case: {value}"
    );
}

/// `href` from the page at `page`, as a path from the output root.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "" | "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn every_page_but_the_search_page_has_a_search_box_that_goes_there() {
    let output = example_output();
    let mut boxes = 0;
    for (path, file) in &output {
        let OutputFile::Bytes(bytes) = file else {
            continue;
        };
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).expect("UTF-8");
        let prefix = if path.starts_with("en/") { "en/" } else { "" };
        if path.ends_with("search/index.html") {
            assert!(!html.contains("class=\"header-search\""), "{path}");
            assert!(html.contains("aria-current=\"page\">"), "{path}");
            continue;
        }
        let start = html
            .find("<form class=\"header-search\" role=\"search\" action=\"")
            .unwrap_or_else(|| panic!("{path} has no search box"));
        let action = &html[start..];
        let action = &action[action.find("action=\"").unwrap_or(0) + 8..];
        let action = &action[..action.find('"').unwrap_or(0)];
        if !path.ends_with("404.html") {
            assert_eq!(
                resolve(path, action),
                format!("{prefix}search/index.html"),
                "{path}"
            );
        }
        let form = &html[start..start + html[start..].find("</form>").unwrap_or(0)];
        assert!(
            form.contains("method=\"get\"") && form.contains("name=\"q\""),
            "{path}: {form}"
        );
        assert!(
            form.contains("<label for=\"header-search-q\""),
            "{path}: {form}"
        );
        assert!(form.contains(" aria-label=\""), "{path}: {form}");
        boxes += 1;
    }
    assert!(boxes > 100, "{boxes} pages with a search box");
}

#[test]
fn the_search_page_names_result_kinds_and_offers_the_other_language() {
    let output = example_output();
    let zh = text(&output, "search/index.html");
    for attribute in [
        "data-kind-c=\"案例\"",
        "data-kind-r=\"年度报告\"",
        "data-year=\"{year}年\"",
    ] {
        assert!(zh.contains(attribute), "{attribute}");
    }
    assert!(zh.contains(
        "<a class=\"ipsearch-alt\" hidden href=\"../en/search/index.html\" hreflang=\"en\" \
         data-lang=\"en\" data-index=\"../en/search/data/\">试试英文站点</a>"
    ));
    let en = text(&output, "en/search/index.html");
    assert!(en.contains("data-kind-c=\"Case\""));
    assert!(en.contains(
        "<a class=\"ipsearch-alt\" hidden href=\"../../search/index.html\" hreflang=\"zh-CN\" \
         data-lang=\"zh-CN\" data-index=\"../../search/data/\">Try the <span lang=\"zh-CN\">中文</span> site</a>"
    ));
    // The other language's index files answer to the name the hint gives.
    assert!(text(&output, "en/search/data/meta.js").starts_with("IPSEARCH.meta(\"en\","));
    assert!(text(&output, "search/data/meta.js").starts_with("IPSEARCH.meta(\"zh-CN\","));
}
