//! Full-width digits where YAML needs digits: `value: ６０`, `year: ２０２６`,
//! `published: ２０２５－０４－２５` (what a Chinese input method types). Only a scalar made
//! of digits and the marks of numbers and dates alone is rewritten; a text that holds other
//! characters (`２０２３年`) is left as it is.

use crate::load::yaml::{self, Node, Value};
use crate::source::{FileId, SourceFile};

/// The half-width form of a character of a number or a date.
fn half_width(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' => Some('.'),
        '－' => Some('-'),
        '：' => Some(':'),
        '0'..='9' | '.' | '-' | ':' | '+' => Some(c),
        _ => None,
    }
}

/// The byte ranges of scalars to rewrite and what to write there.
fn rewrites(text: &str, node: &Node, out: &mut Vec<(std::ops::Range<usize>, String)>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| rewrites(text, n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| rewrites(text, &e.value, out)),
        Value::Str(_) => {
            let range = node.span.start as usize..node.span.end as usize;
            let Some(raw) = text.get(range.clone()) else {
                return;
            };
            let has_full_width = raw.chars().any(|c| ('０'..='９').contains(&c));
            let converted: Option<String> = raw.chars().map(half_width).collect();
            if let (true, Some(converted)) = (has_full_width, converted) {
                out.push((range, converted));
            }
        }
        _ => {}
    }
}

/// `text` with its full-width numbers made half-width, and how many; `None` when there is
/// nothing to change (or the YAML does not parse: its error says more than a fix could).
pub fn fix_yaml(text: &str) -> Option<(String, usize)> {
    let file = SourceFile::new(String::new(), Default::default(), text.to_string());
    let node = yaml::parse(&file, FileId(0), 0..text.len()).ok()?;
    let mut found = Vec::new();
    rewrites(text, &node, &mut found);
    if found.is_empty() {
        return None;
    }
    let count = found.len();
    let mut out = text.to_string();
    found.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    for (range, with) in found {
        out.replace_range(range, &with);
    }
    Some((out, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_become_half_width() {
        let text = "published: ２０２５－０４－２５\nindicators:\n  a: ６０\n  b: 12\ntitle: ２０２３年报告\n";
        let (fixed, n) = fix_yaml(text).unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            fixed,
            "published: 2025-04-25\nindicators:\n  a: 60\n  b: 12\ntitle: ２０２３年报告\n"
        );
        assert_eq!(fix_yaml("a: 1\n"), None);
    }
}
