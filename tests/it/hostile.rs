//! A site full of hostile text — `<script>`, attribute breakouts, `javascript:` links, `]]>` —
//! in every kind of field: no script, event handler or script URL may reach the output, and
//! the XML files must stay well-formed.

use std::path::PathBuf;

use ipreport::render::OutputFile;
use ipreport::session::{self, CompileOptions};

/// The tags of an HTML page: since the output escapes every `<` in text, each `<` starts a
/// real tag.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .filter_map(|(i, _)| html[i..].find('>').map(|j| &html[i + 1..i + j]))
        .collect()
}

/// `(name, value)` of a tag's attributes.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                (
                    &after[1..end.min(after.len())],
                    after.get(end + 1..).unwrap_or(""),
                )
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        // Boolean attributes before this one end up in `name`; keep its last word.
        let name = name.split_whitespace().last().unwrap_or("").to_string();
        out.push((name, value.replace("&amp;", "&")));
        rest = next;
    }
    out
}

#[test]
fn nothing_hostile_reaches_the_output() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let compiled = session::compile(&root, CompileOptions::default());
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let output = compiled.output.expect("the hostile site builds");
    let mut pages = 0;
    for (path, file) in &output {
        let OutputFile::Bytes(bytes) = file else {
            continue;
        };
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            pages += 1;
            // The theme's own lines, exactly as the theme writes them, are no content's.
            let text = without_page_title_style(&text.replace(theme_script(), ""), path);
            for tag in tags(&text) {
                let name = tag
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("");
                let name = name.to_ascii_lowercase();
                assert!(
                    ![
                        "iframe",
                        "object",
                        "embed",
                        "style",
                        "base",
                        "form",
                        "meta http-equiv"
                    ]
                    .contains(&name.as_str())
                        || (name == "form"
                            && (tag.contains("ipsearch-form") || tag.contains("header-search"))),
                    "{path}: <{tag}>"
                );
                if name == "script" {
                    assert!(tag.contains("assets/search.js"), "{path}: <{tag}>");
                }
                for (attr, value) in attributes(tag) {
                    assert!(!attr.starts_with("on"), "{path}: event handler in <{tag}>");
                    if ["href", "src", "action", "formaction"].contains(&attr.as_str()) {
                        let v: String = value
                            .chars()
                            .filter(|c| !c.is_whitespace())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        for scheme in ["javascript:", "vbscript:", "data:"] {
                            assert!(!v.starts_with(scheme), "{path}: {attr}={value}");
                        }
                    }
                }
            }
        }
        if path.ends_with(".xml") {
            assert!(!text.contains("<script"), "{path}");
            // `]]>` in a title never closes anything in our XML (we escape, we use no CDATA).
            assert!(!text.contains("]]>"), "{path}");
        }
    }
    assert!(pages > 20);
}

#[test]
fn escaping_round_trips_any_text() {
    use proptest::prelude::*;
    proptest!(|(s in "\\PC*")| {
        let escaped = ipreport::render::escape(&s);
        prop_assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('"') && !escaped.contains('\''));
        let back = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        prop_assert_eq!(back, s);
    });
}

/// The theme's one inline script (it keeps larger text on from page to page), exactly as the
/// theme's header holds it.
/// `text` without the theme's `<style>` that names the page's title for the printed page's
/// margins, after checking that the title in it is a CSS string that cannot end the string or
/// the element.
fn without_page_title_style(text: &str, path: &str) -> String {
    const START: &str = "<style>@page { @top-center { content: \"";
    const END: &str = "\"; } }</style>";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(START) {
        out.push_str(&rest[..i]);
        let title = &rest[i + START.len()..];
        let end = title.find(END).expect("the style's end");
        let title = &title[..end];
        assert!(
            !title.contains(['<', '>', '\n']),
            "{path}: the print title {title:?} is not escaped"
        );
        let mut escaped = false;
        for c in title.chars() {
            assert!(
                c != '"' || escaped,
                "{path}: the print title {title:?} ends its string"
            );
            escaped = c == '\\' && !escaped;
        }
        rest = &rest[i + START.len() + end + END.len()..];
    }
    out.push_str(rest);
    out
}

fn theme_script() -> &'static str {
    let header = include_str!("../../src/render/theme/header.html");
    let start = header.find("<script>").expect("the header's script");
    let end = start + header[start..].find("</script>").expect("its end") + "</script>".len();
    &header[start..end]
}
