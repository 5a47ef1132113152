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
