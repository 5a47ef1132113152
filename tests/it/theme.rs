//! The default theme's markup for readers: an item's cross-references in one 相关信息 /
//! Related block, and indicator tables that state an indicator's kind once.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use ipreport::render::OutputFile;
use ipreport::session::{self, CompileOptions};

/// The HTML pages of the site under `root`, which must build without a diagnostic.
fn pages(root: &Path) -> BTreeMap<String, String> {
    let compiled = session::compile(root, CompileOptions::default());
    let report =
        ipreport::diagnostics::render_human(&compiled.diagnostics, &compiled.sources, false);
    assert!(compiled.diagnostics.is_empty(), "{report}");
    compiled
        .output
        .expect("the site builds")
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, file)| match file {
            OutputFile::Bytes(b) => Some((path.clone(), String::from_utf8(b.clone()).ok()?)),
            OutputFile::Copy(_) => None,
        })
        .collect()
}

/// The fixture site's pages.
fn fixture_pages() -> BTreeMap<String, String> {
    pages(&common::good_site())
}

/// The related blocks of a page, from their opening tag to their closing one.
fn related_blocks(html: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest
        .find("<aside class=\"related\"")
        .into_iter()
        .chain(rest.find("<div class=\"related\""))
        .min()
    {
        let block = &rest[start..];
        let close = if block.starts_with("<aside") {
            "</aside>"
        } else {
            "</dl>\n</div>"
        };
        let end = block.find(close).expect("a closed block") + close.len();
        blocks.push(&block[..end]);
        rest = &block[end..];
    }
    blocks
}

/// Every line of references is inside a related block: none is left on its own.
fn assert_no_loose_refs(path: &str, html: &str) {
    let inside: usize = related_blocks(html)
        .iter()
        .map(|b| b.matches("class=\"refs\"").count())
        .sum();
    assert_eq!(
        html.matches("class=\"refs\"").count(),
        inside,
        "{path}: a line of references outside the related block"
    );
}

#[test]
fn a_case_groups_its_references_in_one_related_block() {
    let pages = fixture_pages();
    for (path, heading, measures, departments) in [
        (
            "2024/cases/trademark-criminal/index.html",
            "相关信息",
            "相关措施",
            "相关部门",
        ),
        (
            "en/2024/cases/trademark-criminal/index.html",
            "Related",
            "Measures",
            "Departments",
        ),
    ] {
        let html = &pages[path];
        let blocks = related_blocks(html);
        assert_eq!(blocks.len(), 1, "{path}: {blocks:?}");
        let block = blocks[0];
        // The page's own block is a landmark named by its heading, after the text and before
        // the "cited by" list.
        assert!(
            block.starts_with(&format!(
                "<aside class=\"related\" aria-labelledby=\"related\">\n<h2 id=\"related\" class=\"related-title\">{heading}</h2>\n<dl>"
            )),
            "{path}: {block}"
        );
        let at = html.find(block).unwrap();
        assert!(at > html.find("<div class=\"prose\">").unwrap(), "{path}");
        // Each kind is a term of the list, its links the description, the links as before.
        assert!(
            block.contains(&format!(
                "<div class=\"refs\"><dt class=\"refs-label\">{measures}</dt><dd><ul><li><a href=\"../../../documents/plan-2024-2026/index.html#m-2\">"
            )),
            "{path}: {block}"
        );
        assert!(
            block.contains(&format!("<dt class=\"refs-label\">{departments}</dt>")),
            "{path}: {block}"
        );
        assert_eq!(block.matches("<a href=").count(), 3, "{path}: {block}");
        assert_no_loose_refs(path, html);
    }
}

#[test]
fn events_issues_measures_and_the_print_page_use_the_same_block() {
    let pages = fixture_pages();
    // An item's block is no landmark (there are many on a page), its heading one level
    // below the item's.
    let events = &pages["2024/events/index.html"];
    let blocks = related_blocks(events);
    assert!(!blocks.is_empty());
    assert!(
        blocks[0].starts_with(
            "<div class=\"related\">\n<h3 id=\"event-1-related\" class=\"related-title\">相关信息</h3>"
        ),
        "{}",
        blocks[0]
    );
    assert!(blocks.iter().all(|b| b.contains("相关措施")));
    // An issue's block holds its measures and the issue it follows up.
    let issues = &pages["2024/issues/index.html"];
    let follows = related_blocks(issues)
        .into_iter()
        .find(|b| b.contains("<dt class=\"refs-label\">上年问题</dt>"))
        .expect("an issue that follows one of 2023");
    assert!(
        follows.contains("href=\"../../2023/issues/index.html#evidence\""),
        "{follows}"
    );
    assert!(
        follows.contains("<dt class=\"refs-label\">相关措施</dt>"),
        "{follows}"
    );
    // The issue of 2023 says where it is followed up, in its block too.
    let followed = &pages["2023/issues/index.html"];
    assert!(
        related_blocks(followed)
            .iter()
            .any(|b| b.contains("<dt class=\"refs-label\">后续整改</dt>")
                && b.contains("href=\"../../2024/issues/index.html#")),
        "{followed}"
    );
    // A measure's lead and indicators, under the measure's heading (h3 in a section).
    let plan = &pages["documents/plan-2024-2026/index.html"];
    let m1 = &plan[plan
        .find("<section class=\"measure\" id=\"m-1\"")
        .expect("measure 1")..];
    let m1 = &m1[..m1.find("</section>").unwrap()];
    let blocks = related_blocks(m1);
    assert_eq!(blocks.len(), 1, "{m1}");
    assert!(blocks[0].contains("<h4 id=\"m-1-related\" class=\"related-title\">相关信息</h4>"));
    assert!(blocks[0].contains("<dt class=\"refs-label\">牵头单位</dt>"));
    assert!(blocks[0].contains("<dt class=\"refs-label\">主要指标</dt>"));
    assert!(blocks[0].contains("href=\"../../indicators/invention-patents/index.html\""));
    // The print page: cases, events and issues with the same block.
    let print = &pages["2024/print/index.html"];
    let case = &print[print.find("<section class=\"full-case\"").unwrap()..];
    let case = &case[..case.find("</section>").unwrap()];
    assert_eq!(related_blocks(case).len(), 1, "{case}");
    assert!(
        case.contains("class=\"related-title\">相关信息</h4>"),
        "{case}"
    );
    for (path, html) in [
        ("2024/events/index.html", events),
        ("2024/issues/index.html", issues),
        ("2023/issues/index.html", followed),
        ("documents/plan-2024-2026/index.html", plan),
        ("2024/print/index.html", print),
        ("2024/index.html", &pages["2024/index.html"]),
    ] {
        assert_no_loose_refs(path, html);
    }
}

#[test]
fn an_item_without_references_has_no_related_block() {
    let dir = common::good_copy();
    let case = dir
        .path()
        .join("content/years/2024/cases/patent-mediation.zh.md");
    let text = fs::read_to_string(&case).unwrap();
    let text = text.replace("measures: [plan-2024-2026/2]\n", "");
    let text = text.replace("departments: [amr]\n", "");
    fs::write(&case, text).unwrap();
    let pages = pages(dir.path());
    for path in [
        "2024/cases/patent-mediation/index.html",
        "en/2024/cases/patent-mediation/index.html",
    ] {
        let html = &pages[path];
        assert!(!html.contains("class=\"related"), "{path}: an empty block");
    }
    assert!(pages["2024/cases/trademark-criminal/index.html"].contains("class=\"related\""));
}

#[test]
fn the_related_heading_is_translated_in_traditional_chinese() {
    let dir = common::good_copy();
    let site = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        text.replace("languages: [zh, en]", "languages: [zh, en, zh-Hant]"),
    )
    .unwrap();
    let compiled = session::compile(dir.path(), CompileOptions::default());
    let output = compiled.output.expect("the site builds");
    let Some(OutputFile::Bytes(b)) = output.get("zh-Hant/2024/cases/trademark-criminal/index.html")
    else {
        panic!("no Traditional case page");
    };
    let html = std::str::from_utf8(b).unwrap();
    assert!(
        html.contains("<h2 id=\"related\" class=\"related-title\">相關資訊</h2>"),
        "{html}"
    );
}

/// The part of `html` from `start` to the end of the table it opens.
fn table<'a>(html: &'a str, start: &str) -> &'a str {
    let t = &html[html.find(start).unwrap_or_else(|| panic!("no {start}"))..];
    &t[..t.find("</table>").unwrap()]
}

/// Each body row's cells (`<td` and `<th`) and their number, without the group rows.
fn body_rows(table: &str) -> Vec<&str> {
    table
        .split("<tr")
        .skip(1)
        .filter(|r| !r.starts_with(" class=\"group-row\"") && !r.contains("scope=\"col\""))
        .collect()
}

/// The tables that list indicators with their kind, on the fixture site's pages: the year's
/// table (on its page and its print page), the indicators index and a plan's targets.
const KIND_TABLES: [(&str, &str); 4] = [
    ("2024/index.html", "<table class=\"data indicator-table\">"),
    (
        "2024/print/index.html",
        "<table class=\"data indicator-table\">",
    ),
    (
        "indicators/index.html",
        "<table class=\"data indicators-index\">",
    ),
    (
        "documents/plan-2024-2026/index.html",
        "<table class=\"data plan\">",
    ),
];

#[test]
fn indicator_tables_tag_only_the_rows_of_the_less_usual_kind() {
    let pages = fixture_pages();
    for (path, start) in KIND_TABLES {
        for (prefix, note, header, expected, binding) in [
            ("", "（未标注的均为预期性指标）", "属性", "预期性", "约束性"),
            (
                "en/",
                " (expected unless marked binding)",
                "Type",
                "expected",
                "binding",
            ),
        ] {
            let path = format!("{prefix}{path}");
            let t = table(&pages[&path], start);
            // The caption says it once.
            assert_caption_note(t, note, &path);
            assert_eq!(
                t.matches(&format!("<th scope=\"col\">{header}</th>"))
                    .count(),
                1,
                "{path}"
            );
            // Three expected indicators and one binding one: only the binding one is tagged, the
            // others say their kind to screen readers only.
            assert_eq!(
                t.matches(&format!(
                    "<span class=\"kind kind-binding\">{binding}</span>"
                ))
                .count(),
                1,
                "{path}: {t}"
            );
            assert!(!t.contains("kind kind-expected"), "{path}: {t}");
            let rows = body_rows(t);
            assert_eq!(rows.len(), 4, "{path}: {rows:?}");
            let hidden = format!(
                "class=\"kind-usual\"><span class=\"visually-hidden\">{expected}</span></td>"
            );
            assert_eq!(
                rows.iter().filter(|r| r.contains(&hidden)).count(),
                3,
                "{path}"
            );
        }
    }
}

/// The table's caption ends with `note`, which states the rows' kind.
fn assert_caption_note(table: &str, note: &str, path: &str) {
    assert!(
        table.contains(&format!(
            "<span class=\"caption-note\">{note}</span></caption>"
        )),
        "{path}: {table}"
    );
}

#[test]
fn a_table_of_one_kind_drops_the_column_and_says_the_kind_in_its_caption() {
    let dir = common::good_copy();
    let file = dir.path().join("content/indicators.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("kind: binding", "kind: expected")).unwrap();
    let pages = pages(dir.path());
    for (path, start) in KIND_TABLES {
        for (prefix, note, header) in [
            ("", "（均为预期性指标）", "属性"),
            ("en/", " (all expected)", "Type"),
        ] {
            let path = format!("{prefix}{path}");
            let t = table(&pages[&path], start);
            assert_caption_note(t, note, &path);
            assert!(!t.contains(&format!(">{header}</th>")), "{path}: {t}");
            assert!(!t.contains("kind"), "{path}: a kind left in the table: {t}");
            // A group's heading row still spans the whole table.
            let columns = t.matches("scope=\"col\"").count();
            for span in t.match_indices("colspan=\"") {
                let n: usize = t[span.0 + 9..].split('"').next().unwrap().parse().unwrap();
                assert_eq!(n, columns, "{path}");
            }
        }
    }
}

#[test]
fn a_plans_target_table_becomes_cards_on_phones() {
    let pages = fixture_pages();
    for path in [
        "documents/plan-2024-2026/index.html",
        "en/documents/plan-2024-2026/index.html",
    ] {
        let html = &pages[path];
        // The year table's mechanism: the wrapper's class, a data-label on every cell.
        assert!(
            html.contains(
                "<div class=\"table-scroll table-cards\" role=\"region\" aria-labelledby=\"targets-caption\" tabindex=\"0\">\n<table class=\"data plan\">"
            ),
            "{path}"
        );
        let t = table(html, "<table class=\"data plan\">");
        let head = &t[t.find("<thead>").unwrap()..t.find("</thead>").unwrap()];
        let headers: Vec<&str> = head
            .split("<th scope=\"col\"")
            .skip(1)
            .map(|h| &h[h.find('>').unwrap() + 1..h.find("</th>").unwrap()])
            .collect();
        assert!(headers.len() >= 4, "{path}: {headers:?}");
        for row in body_rows(t) {
            // Each cell's label is its column's header (the indicator's name heads the card).
            let labels: Vec<&str> = row
                .split("<td")
                .skip(1)
                .map(|c| {
                    let at = c
                        .find("data-label=\"")
                        .unwrap_or_else(|| panic!("{path}: {c}"));
                    c[at + 12..].split('"').next().unwrap()
                })
                .collect();
            let mut expected: Vec<&str> = headers.clone();
            expected.remove(1);
            assert_eq!(labels, expected, "{path}: {row}");
        }
    }
}

/// Sections nest to any depth, but HTML has headings only down to `<h6>`: a measure in a
/// deeply nested section, and its related block, stop there.
#[test]
fn headings_of_deeply_nested_measures_stop_at_h6() {
    let dir = common::good_copy();
    let mut yaml = String::from(
        "title: {zh: 深层文件, en: Deep document}\n\
         kind: decision\n\
         issuer: [amr]\n\
         date: 2022-08-31\n\
         sections:\n",
    );
    for depth in 0..5 {
        let indent = "    ".repeat(depth);
        yaml.push_str(&format!(
            "{indent}  - title: {{zh: 第{depth}层, en: Level {depth}}}\n"
        ));
        if depth < 4 {
            yaml.push_str(&format!("{indent}    sections:\n"));
        } else {
            yaml.push_str(&format!(
                "{indent}    measures:\n\
                 {indent}      - n: \"1\"\n\
                 {indent}        title: {{zh: 最深的措施, en: The deepest measure}}\n\
                 {indent}        lead: [amr]\n"
            ));
        }
    }
    fs::write(dir.path().join("content/documents/deep.yaml"), yaml).unwrap();
    let pages = pages(dir.path());
    let page = &pages["documents/deep/index.html"];
    assert!(page.contains("<h6 id=\"s-5-title\">第4层</h6>"), "{page}");
    assert!(page.contains("<h6 id=\"m-1-title\">"), "{page}");
    assert!(
        page.contains("<h6 id=\"m-1-related\" class=\"related-title\">"),
        "{page}"
    );
    for level in 7..10 {
        assert!(!page.contains(&format!("<h{level}")), "{page}");
    }
}
