//! Builds whole sites and checks the output: every SPEC §13 page in every language, links and
//! anchors that resolve, language alternates, byte-identical rebuilds, and a failed build that
//! leaves the previous output alone.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use ipreport::render::{Output, OutputFile};
use ipreport::session::{self, CompileOptions, Compiled};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn compile(root: &Path) -> Compiled {
    session::compile(root, CompileOptions::default())
}

/// The example site must build without a single diagnostic.
fn example_output() -> Output {
    let compiled = compile(&repo());
    let text = ipreport::diagnostics::render_human(&compiled.diagnostics, &compiled.sources, false);
    assert!(compiled.diagnostics.is_empty(), "{text}");
    compiled.output.expect("the example site builds")
}

fn html_pages(output: &Output) -> BTreeMap<&str, &str> {
    output
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, file)| match file {
            OutputFile::Bytes(b) => Some((path.as_str(), std::str::from_utf8(b).ok()?)),
            OutputFile::Copy(_) => None,
        })
        .collect()
}

/// Values of one attribute, entity-decoded enough for our own output.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].replace("&amp;", "&"))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves `href` relative to the page at `page` (a path relative to the output root).
fn resolve(page: &str, href: &str) -> (String, Option<String>) {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (href, None),
    };
    if path.is_empty() {
        return (page.to_string(), fragment);
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (percent_decode(&parts.join("/")), fragment)
}

/// Every internal link and resource of every page resolves to an output file, and every
/// fragment to an id on the target page. No link is root-absolute.
fn check_links(output: &Output) {
    let pages = html_pages(output);
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(p, html)| (*p, attribute_values(html, "id").into_iter().collect()))
        .collect();
    let mut problems = Vec::new();
    for (page, html) in &pages {
        for attr in ["href", "src"] {
            for url in attribute_values(html, attr) {
                if url.starts_with("https://")
                    || url.starts_with("http://")
                    || url.starts_with("mailto:")
                {
                    continue;
                }
                if url.starts_with('/') || url.contains("://") {
                    problems.push(format!("{page}: not relative: {url}"));
                    continue;
                }
                let (target, fragment) = resolve(page, &url);
                if !output.contains_key(&target) {
                    problems.push(format!("{page}: broken link {url} (→ {target})"));
                    continue;
                }
                if let (Some(f), Some(targets)) = (fragment, ids.get(target.as_str()))
                    && !targets.contains(&f)
                {
                    problems.push(format!("{page}: no anchor #{f} on {target}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn example_site_has_every_page_in_both_languages() {
    let output = example_output();
    let expected = [
        "index.html",
        "404.html",
        "2023/index.html",
        "2024/index.html",
        "2023/events/index.html",
        "2024/events/index.html",
        "2023/issues/index.html",
        "2024/issues/index.html",
        "2023/print/index.html",
        "2024/print/index.html",
        "indicators/index.html",
        "indicators/invention-patents/index.html",
        "documents/decision-2022/index.html",
        "documents/plan-2024-2026/index.html",
        "documents/opinion-2020/index.html",
        "departments/amr/index.html",
        "about/index.html",
        "2023/cases/trade-secret-criminal/index.html",
    ];
    for path in expected {
        assert!(output.contains_key(path), "missing {path}");
        let en = format!("en/{path}");
        assert!(output.contains_key(&en), "missing {en}");
    }
    assert!(output.contains_key("assets/style.css"));
    assert!(
        output.contains_key("robots.txt"),
        "static files are copied to the root"
    );
}

#[test]
fn example_site_links_and_anchors_resolve() {
    check_links(&example_output());
}

#[test]
fn every_page_declares_its_language_and_its_counterparts() {
    let output = example_output();
    for (path, html) in html_pages(&output) {
        let english = path.starts_with("en/");
        let lang = if english { "en" } else { "zh-CN" };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{path}: html lang"
        );
        for hreflang in ["zh-CN", "en"] {
            assert!(
                html.contains(&format!("<link rel=\"alternate\" hreflang=\"{hreflang}\"")),
                "{path}: no hreflang {hreflang}"
            );
        }
        // The switcher links to the other language's version of the same page.
        let other = if english {
            path.trim_start_matches("en/").to_string()
        } else {
            format!("en/{path}")
        };
        let links: Vec<String> = attribute_values(html, "href")
            .into_iter()
            .map(|h| resolve(path, &h).0)
            .collect();
        assert!(links.contains(&other), "{path}: no link to {other}");
    }
}

#[test]
fn nothing_is_loaded_from_another_host() {
    let output = example_output();
    for (path, html) in html_pages(&output) {
        for src in attribute_values(html, "src") {
            assert!(!src.contains("://"), "{path} loads {src}");
        }
        // JavaScript only where it is needed: the search page, with its own local script, and
        // the few inline lines that keep larger text on from page to page.
        if path.ends_with("search/index.html") {
            assert!(html.contains("assets/search.js\"></script>"), "{path}");
        } else {
            for (i, _) in html.match_indices("<script") {
                assert!(
                    html[i..].starts_with("<script>/* The switch works without this"),
                    "{path} has another script"
                );
            }
        }
        for (i, _) in html.match_indices("<link ") {
            let tag = &html[i..i + html[i..].find('>').unwrap_or(0)];
            if tag.contains("stylesheet") {
                assert!(!tag.contains("://"), "{path}: {tag}");
            }
        }
    }
}

#[test]
fn government_metadata_is_in_every_head() {
    let output = example_output();
    let pages = html_pages(&output);
    for (path, html) in &pages {
        for name in ["SiteName", "SiteDomain", "SiteIDCode"] {
            assert!(
                html.contains(&format!("<meta name=\"{name}\"")),
                "{path}: {name}"
            );
        }
    }
    let article = pages["2023/index.html"];
    assert!(
        article.contains(
            "<meta name=\"ArticleTitle\" content=\"2023年宁波市知识产权保护状况白皮书\">"
        )
    );
    assert!(article.contains("<meta name=\"PubDate\" content=\"2024-04-26 00:00\">"));
    assert!(article.contains("<meta name=\"ContentSource\""));
    assert!(pages["indicators/index.html"].contains("<meta name=\"ColumnName\""));
}

#[test]
fn indicator_values_render_per_language_convention() {
    let output = example_output();
    let pages = html_pages(&output);
    // 有效发明专利 2023: unit 件 in Chinese, no unit and digit grouping in English.
    assert!(pages["2023/index.html"].contains(">48715件</a>"));
    assert!(pages["en/2023/index.html"].contains(">48,715</a>"));
    // 有效注册商标 63.18万件 = 631.8 thousand (scale 10, decimals 2 / 1).
    assert!(pages["2023/index.html"].contains(">63.18万件</a>"));
    assert!(pages["en/2023/index.html"].contains(">631.8 thousand</a>"));
}

#[test]
fn measures_are_anchored_and_labelled() {
    let output = example_output();
    let pages = html_pages(&output);
    let doc = pages["documents/decision-2022/index.html"];
    for n in 1..=34 {
        assert!(doc.contains(&format!("id=\"m-{n}\"")), "no #m-{n}");
    }
    assert!(pages["2023/index.html"].contains(">《决定》第4条</a>"));
    assert!(pages["en/2023/index.html"].contains(">the Decision, Art. 4</a>"));
}

#[test]
fn two_builds_are_byte_identical() {
    let a = example_output();
    let b = example_output();
    assert_eq!(a.len(), b.len());
    for (path, file) in &a {
        assert!(
            b.get(path) == Some(file),
            "{path} differs between two builds"
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo().join("content"), &root.join("content"));
    let out = root.join("public");
    let args = ipreport::cmd::build::BuildArgs {
        root: root.clone(),
        output: None,
        drafts: false,
        watch: false,
        waiting: Default::default(),
    };
    assert_eq!(ipreport::cmd::build::run(&args), 0);
    let before = common::files_on_disk(&out);
    assert!(before.len() > 100);

    // A typo in a key: the build must fail and write nothing.
    let report = root.join("content/years/2024/report.yaml");
    let text = fs::read_to_string(&report).unwrap();
    fs::write(&report, text.replacen("title:", "titel:", 1)).unwrap();
    assert_eq!(ipreport::cmd::build::run(&args), 1);
    assert_eq!(common::files_on_disk(&out), before);

    // Fixed, it builds again to the same bytes.
    fs::write(&report, text).unwrap();
    assert_eq!(ipreport::cmd::build::run(&args), 0);
    assert_eq!(common::files_on_disk(&out), before);
}

#[test]
fn starter_site_builds_cleanly_and_renders_as_expected() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("starter");
    ipreport::cmd::new::create(&root).unwrap();
    let compiled = compile(&root);
    let text = ipreport::diagnostics::render_human(&compiled.diagnostics, &compiled.sources, false);
    // Its only warnings are the placeholders it leaves to the editor.
    use ipreport::diagnostics::Code;
    let placeholders = [Code::StarterPlaceholder, Code::ExampleHost];
    assert!(
        compiled
            .diagnostics
            .iter()
            .all(|d| placeholders.contains(&d.code) && !d.is_error()),
        "{text}"
    );
    let output = compiled.output.unwrap();
    check_links(&output);
    let pages = html_pages(&output);
    insta::assert_snapshot!("starter_year_zh", pages["2025/index.html"]);
    insta::assert_snapshot!(
        "starter_case_en",
        pages["en/2025/cases/patent-mediation/index.html"]
    );
    insta::assert_snapshot!(
        "starter_document_zh",
        pages["documents/plan-2025-2027/index.html"]
    );
}

fn text_of<'a>(output: &'a Output, path: &str) -> &'a str {
    match output.get(path) {
        Some(OutputFile::Bytes(b)) => std::str::from_utf8(b).unwrap(),
        other => panic!("{path}: {other:?}"),
    }
}

/// Tags open and close in order (enough to catch broken escaping in our own XML).
fn assert_balanced_xml(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').expect("unclosed tag") + start;
        let tag = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "mismatched </{name}>"
            );
        } else {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn open_data_matches_the_yaml() {
    let output = example_output();
    let csv = text_of(&output, "data/indicators.csv");
    assert!(csv.starts_with('\u{feff}'), "a BOM, for Excel");
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "indicator,name_zh,name_en,unit_zh,unit_en,type,year,value,op,source"
    );
    // Values as written in years/2023/report.yaml, unscaled.
    assert!(csv.contains("invention-patents,有效发明专利拥有量,Valid invention patents,件,,value,2023,48715,,report-2023"));
    assert!(csv.contains(",value,2023,63.18,,report-2023"));
    assert!(csv.contains(",target,2026,66000,>=,plan-2024-2026"));
    let json: serde_json::Value =
        serde_json::from_str(text_of(&output, "data/indicators.json")).unwrap();
    let patents = &json["indicators"][0];
    assert_eq!(patents["id"], "invention-patents");
    assert_eq!(patents["name"]["en"], "Valid invention patents");
    assert_eq!(
        patents["values"][0],
        serde_json::json!({"year": 2023, "value": 48715.0})
    );
    assert!(
        patents["targets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["plan"] == "plan-2024-2026" && t["year"] == 2026)
    );
}

#[test]
fn sitemap_and_feeds_use_absolute_urls_from_base_url() {
    let output = example_output();
    let sitemap = text_of(&output, "sitemap.xml");
    assert_balanced_xml(sitemap);
    assert!(sitemap.contains("<loc>http://127.0.0.1:8000/2023/cases/trade-secret-criminal/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"http://127.0.0.1:8000/en/2023/\"/>"
    ));
    assert!(!sitemap.contains("404"));
    for (feed, lang) in [("feed.xml", "zh-CN"), ("en/feed.xml", "en")] {
        let xml = text_of(&output, feed);
        assert_balanced_xml(xml);
        assert!(xml.contains(&format!("xml:lang=\"{lang}\"")));
        let first = xml.find("<entry>").unwrap();
        // Newest first: the 2024 report (published 2025-04-25) leads.
        assert!(xml[first..].starts_with("<entry><title>"));
        let entry = &xml[first..first + xml[first..].find("</entry>").unwrap()];
        assert!(entry.contains("2024/</id>"), "{entry}");
        assert!(!xml.contains("href=\"../"), "only absolute links in feeds");
    }
    // Every page points its readers at its language's feed.
    assert!(text_of(&output, "en/2023/index.html").contains("type=\"application/atom+xml\""));
}

#[test]
fn indicator_pages_have_an_accessible_chart_with_the_values() {
    let output = example_output();
    let zh = text_of(&output, "indicators/invention-patents/index.html");
    let svg = &zh[zh.find("<svg class=\"chart\"").expect("a chart")..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"chart-invention-patents-title\">有效发明专利拥有量</title>"));
    assert!(
        svg.contains("2023年48715件，2024年56302件"),
        "the description says the numbers"
    );
    assert!(
        svg.contains("目标：2022年≥36000件，2025年≥60000件，2026年≥66000件。"),
        "the description says every target"
    );
    // Both values are drawn and labelled, and every target of both plans is marked.
    assert!(svg.contains(">48715</text>") && svg.contains(">56302</text>"));
    assert!(svg.contains("class=\"target\"") && svg.contains(">■ 目标</text>"));
    for label in ["≥ 36000", "≥ 60000", "≥ 66000"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}: {svg}");
    }
    let en = text_of(&output, "en/indicators/invention-patents/index.html");
    assert!(en.contains(">48,715</text>") && en.contains(">≥ 60,000</text>"));
    assert!(en.contains("Targets: ≥ 36,000 by 2022; ≥ 60,000 by 2025; ≥ 66,000 by 2026."));
    // The index shows a (decorative) sparkline per indicator with values.
    assert!(text_of(&output, "indicators/index.html").contains("class=\"sparkline\" viewBox"));
}

#[test]
fn traditional_chinese_is_built_when_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&repo().join("content"), &root.join("content"));
    let site_yaml = root.join("content/site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap();
    fs::write(
        &site_yaml,
        text.replace("languages: [zh, en]", "languages: [zh, en, zh-Hant]"),
    )
    .unwrap();
    let compiled = compile(&root);
    let report =
        ipreport::diagnostics::render_human(&compiled.diagnostics, &compiled.sources, false);
    assert!(
        compiled.diagnostics.is_empty(),
        "converted texts are not missing translations:\n{report}"
    );
    let output = compiled.output.unwrap();
    check_links(&output);
    let year = text_of(&output, "zh-Hant/2023/index.html");
    assert!(year.contains("<html lang=\"zh-Hant\">"));
    assert!(year.contains("知識產權"));
    assert!(
        !year.contains("知识产权"),
        "no Simplified text left on the page"
    );
    assert!(
        year.contains("63.18萬件"),
        "values are formatted with Traditional units"
    );
    // Every language links to the Traditional page and declares it.
    let zh = text_of(&output, "2023/index.html");
    assert!(zh.contains("hreflang=\"zh-Hant\" href=\"../zh-Hant/2023/index.html\""));
    assert!(zh.contains(">繁體中文</a>"));
    assert_eq!(ipreport::load::to_traditional("发布"), "發布");
    assert_eq!(ipreport::load::to_traditional("头发"), "頭髮");
}

#[test]
fn every_label_speaks_the_page_language() {
    let output = example_output();
    let pages = html_pages(&output);
    let zh = pages["2023/index.html"];
    let en = pages["en/2023/index.html"];
    // Footnote back-links come from the Markdown engine in English.
    assert!(
        zh.contains("aria-label=\"返回引用处 1\""),
        "zh footnote label"
    );
    assert!(!zh.contains("Back to reference"));
    assert!(en.contains("aria-label=\"Back to reference 1\""));
    assert!(zh.contains(">大字号</label>") && en.contains(">Larger text</label>"));
}

/// Every page names the site's icon, which the output holds: no 404 for `/favicon.ico` on
/// every page view.
#[test]
fn every_page_has_an_icon() {
    let output = example_output();
    assert!(output.contains_key("assets/favicon.svg"));
    for (path, href) in [
        ("index.html", "assets/favicon.svg"),
        (
            "en/2023/cases/trade-secret-criminal/index.html",
            "../../../../assets/favicon.svg",
        ),
    ] {
        let html = text_of(&output, path);
        assert!(
            html.contains(&format!(
                "<link rel=\"icon\" href=\"{href}\" type=\"image/svg+xml\">"
            )),
            "{path}"
        );
    }
}

/// `html` without its `href` attributes (relative links differ from folder to folder).
fn without_hrefs(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(" href=\"") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 7..];
        rest = after.find('"').map_or("", |e| &after[e + 1..]);
    }
    out.push_str(rest);
    out
}

/// The prose paragraphs of a page's main part that a page holding the same text shows as they
/// are but for where their links lead (no ids, no links within the page).
fn prose_paragraphs(html: &str) -> Vec<&str> {
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    main.match_indices("<p>")
        .filter_map(|(i, _)| main[i..].find("</p>").map(|e| &main[i..i + e + 4]))
        .filter(|p| !p.contains(" id=\"") && !p.contains("href=\"#"))
        .collect()
}

/// Every year has a print page in every language: a cover with the report's title, issuer and
/// date, and the texts of the year's page, of every case, of the ten events and of the issue
/// list; the year's page links to it; its ids are unique; search leaves it out; the sitemap
/// lists it, as it lists every page.
#[test]
fn every_year_has_a_print_page_with_the_whole_report() {
    let output = example_output();
    let pages = html_pages(&output);
    for (prefix, lang, issuer, link) in [
        (
            "",
            "zh-CN",
            "宁波市市场监督管理局（宁波市知识产权局）",
            ">打印全文</a>",
        ),
        (
            "en/",
            "en",
            "Ningbo Administration for Market Regulation (Ningbo Intellectual Property Office)",
            ">Print the full report</a>",
        ),
    ] {
        for year in ["2023", "2024"] {
            let path = format!("{prefix}{year}/print/index.html");
            let print = pages[path.as_str()];
            let year_page = pages[format!("{prefix}{year}/index.html").as_str()];
            assert!(print.contains(&format!("<html lang=\"{lang}\">")), "{path}");
            assert!(
                year_page.contains(&format!("<a href=\"print/index.html\">{}", &link[1..])),
                "{path}: the year's page has no print link"
            );
            // The cover: title, issuer, date.
            let cover = &print[print.find("<header class=\"cover\">").expect("a cover")..];
            let cover = &cover[..cover.find("</header>").unwrap()];
            let title = &year_page[year_page.find("<h1>").unwrap() + 4..];
            let title = &title[..title.find("</h1>").unwrap()];
            assert!(
                cover.contains(&format!("<h1>{title}</h1>")),
                "{path}: {cover}"
            );
            assert!(cover.contains(issuer), "{path}: no issuer on the cover");
            assert!(cover.contains("<time>"), "{path}: no date on the cover");
            // The report's title in the top margin of every printed page.
            let plain_title = title.replace("&#39;", "'");
            assert!(
                print.contains(&format!(
                    "<style>@page {{ @top-center {{ content: \"{plain_title}\"; }} }}</style>"
                )),
                "{path}: no title for the page margins"
            );
            // The year's page, every case, the ten events and the issues, with their texts.
            let mut parts: Vec<String> = vec![format!("{prefix}{year}/index.html")];
            parts.extend(
                pages
                    .keys()
                    .filter(|p| {
                        p.starts_with(&format!("{prefix}{year}/cases/"))
                            && p.matches('/').count() == prefix.matches('/').count() + 3
                    })
                    .map(|p| p.to_string()),
            );
            parts.push(format!("{prefix}{year}/events/index.html"));
            parts.push(format!("{prefix}{year}/issues/index.html"));
            assert!(parts.len() >= 6, "{parts:?}");
            let print_text = without_hrefs(print);
            for part in &parts {
                let paragraphs = prose_paragraphs(pages[part.as_str()]);
                assert!(!paragraphs.is_empty(), "{part} has no prose");
                for p in paragraphs {
                    assert!(
                        print_text.contains(&without_hrefs(p)),
                        "{path} lacks a paragraph of {part}: {p}"
                    );
                }
            }
            assert_eq!(print.matches("<li id=\"event-").count(), 10, "{path}");
            assert!(print.contains("<h4>") && print.contains("class=\"full-case\""));
            // Ids are unique, though many texts share the page.
            let ids = attribute_values(print, "id");
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(ids.len(), unique.len(), "{path}: an id is used twice");
        }
    }
    // Search leaves the print pages out: they repeat the other pages.
    for (path, file) in &output {
        if path.contains("search/data/")
            && let OutputFile::Bytes(b) = file
        {
            assert!(
                !String::from_utf8_lossy(b).contains("print/index.html"),
                "{path} indexes a print page"
            );
        }
    }
    let sitemap = text_of(&output, "sitemap.xml");
    assert!(sitemap.contains("<loc>http://127.0.0.1:8000/en/2024/print/</loc>"));
}

/// A batch renders the pages that gather many items first (see `PageKind::gathers`), yet
/// hands its pages back in the order of its jobs, each the same as when rendered alone.
#[test]
fn a_batch_returns_its_pages_in_the_order_of_its_jobs() {
    let mut session = session::Session::once(&common::good_site(), CompileOptions::default());
    let prepared = session.prepare();
    let renderer = prepared.renderer().expect("the good site renders");
    let jobs = renderer.jobs();
    assert!(!jobs[0].kind.gathers());
    assert!(jobs.iter().any(|j| j.kind.gathers()));
    let pages = match renderer.render(jobs) {
        Ok(pages) => pages,
        Err(ds) => panic!("{} render errors", ds.len()),
    };
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let expected: Vec<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
    assert_eq!(paths, expected);
    let mut compared = 0;
    for (job, page) in jobs.iter().zip(&pages) {
        if job.kind.gathers() || compared == 0 {
            let alone = renderer.render(std::slice::from_ref(job)).ok().unwrap();
            assert_eq!(alone[0].bytes, page.bytes, "{}", job.path);
            compared += 1;
        }
    }
    assert!(compared > 1);
}
