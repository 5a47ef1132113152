//! `fix --to-simplified`: a source written in Traditional characters (海曙區…) rewritten in
//! Simplified ones, which a site's `zh` texts are in (its `zh-Hant` pages are converted from
//! them). The conversion is zhconv's, phrase by phrase (OpenCC's tables); what is not prose
//! stays as it is: addresses (`https://…`), Markdown link destinations (`](@case/…)`,
//! `](../x.html)`) and code. Keys, ids, numbers and the YAML structure are ASCII, which the
//! conversion never touches. The original is kept beside the file as `<name>.hant~`, as
//! `fix` keeps a re-encoded file's: a conversion between scripts cannot be undone by a
//! machine.

use std::ops::Range;
use std::path::Path;

use super::FixOptions;
use crate::diagnostics::Diagnostic;

/// The name the Traditional original is kept under (ending in `~`: the loader never reads it).
pub fn backup_name(display: &str) -> String {
    format!("{display}.hant~")
}

/// Converts the file at `path` (shown as `shown`) when it holds Traditional text; says what
/// it did.
pub fn fix(path: &Path, shown: &str, options: FixOptions) -> Result<Option<String>, Diagnostic> {
    let Ok(text) = std::fs::read_to_string(path) else {
        // Not UTF-8: the encoding fix has said so.
        return Ok(None);
    };
    let Some((converted, changed)) = to_simplified(&text, is_markdown(shown)) else {
        return Ok(None);
    };
    let backup = backup_name(shown);
    let said = format!(
        "{changed} × Traditional → Simplified characters (the original is kept as {backup})"
    );
    if options.dry_run {
        return Ok(Some(said));
    }
    super::replace_keeping_original(path, &backup, text.as_bytes(), &converted)?;
    Ok(Some(said))
}

fn is_markdown(shown: &str) -> bool {
    shown.ends_with(".md")
}

/// `text` with its prose in Simplified characters, and how many characters changed; `None`
/// when nothing would.
pub fn to_simplified(text: &str, markdown: bool) -> Option<(String, usize)> {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for kept in kept_ranges(text, markdown) {
        out.push_str(&convert(&text[pos..kept.start]));
        out.push_str(&text[kept.clone()]);
        pos = kept.end;
    }
    out.push_str(&convert(&text[pos..]));
    let changed = text
        .chars()
        .zip(out.chars())
        .filter(|(a, b)| a != b)
        .count()
        + text.chars().count().abs_diff(out.chars().count());
    (out != text).then_some((out, changed))
}

fn convert(prose: &str) -> String {
    // Most of a site is ASCII or Simplified already: leave it unallocated by zhconv.
    if prose.is_ascii() {
        return prose.to_string();
    }
    crate::import::document::script::to_simplified(prose)
}

/// What is not prose, in order and not overlapping: addresses, and in Markdown link
/// destinations, code spans and fenced code blocks.
fn kept_ranges(text: &str, markdown: bool) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut add = |r: Range<usize>| {
        if !ranges.iter().any(|k| k.start < r.end && r.start < k.end) {
            ranges.push(r);
        }
    };
    if markdown {
        for r in fenced_blocks(text) {
            add(r);
        }
        for r in delimited(text, "`", "`") {
            add(r);
        }
        for r in delimited(text, "](", ")") {
            add(r);
        }
    }
    for scheme in ["https://", "http://"] {
        for (at, _) in text.match_indices(scheme) {
            let len = text[at..]
                .find(|c: char| c.is_whitespace() || "\"'<>)]】）".contains(c))
                .unwrap_or(text.len() - at);
            add(at..at + len);
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Every `open … close` on one line, the delimiters included.
fn delimited(text: &str, open: &str, close: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(open).map(|i| from + i) {
        let inner = start + open.len();
        let line_end = text[inner..].find('\n').map_or(text.len(), |i| inner + i);
        match text[inner..line_end].find(close) {
            Some(i) => {
                let end = inner + i + close.len();
                found.push(start..end);
                from = end;
            }
            None => from = inner,
        }
    }
    found
}

/// Fenced code blocks (lines from ```` ``` ```` or `~~~` to the next such line).
fn fenced_blocks(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        match (fence, open) {
            (true, None) => open = Some(at),
            (true, Some(start)) => {
                found.push(start..at + line.len());
                open = None;
            }
            _ => {}
        }
        at += line.len();
    }
    if let Some(start) = open {
        found.push(start..text.len());
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_converted_and_structure_kept() {
        let yaml = "title: {zh: 海曙區知識產權強縣建設工作方案, en: Haishu}\nvalue: 12\n# 備註\n";
        let (out, n) = to_simplified(yaml, false).expect("converted");
        assert_eq!(
            out,
            "title: {zh: 海曙区知识产权强县建设工作方案, en: Haishu}\nvalue: 12\n# 备注\n"
        );
        assert_eq!(n, 9);
    }

    #[test]
    fn links_addresses_and_code_are_kept() {
        let md = "見[《方案》](../計劃/) 與 [](@doc/plan)，網址 https://例子.中國/檔案 ，代碼 `區`。\n\n```\n區\n```\n區";
        let (out, _) = to_simplified(md, true).expect("converted");
        assert_eq!(
            out,
            "见[《方案》](../計劃/) 与 [](@doc/plan)，网址 https://例子.中國/檔案 ，代码 `區`。\n\n```\n區\n```\n区"
        );
    }

    #[test]
    fn simplified_text_is_left_alone() {
        assert_eq!(
            to_simplified("2024年，全市有效发明专利达到48715件。", true),
            None
        );
        assert_eq!(to_simplified("id: a-b\nvalue: 3\n", false), None);
    }
}
