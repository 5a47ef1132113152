//! The slips editors really make in YAML, named as they are.
//!
//! A YAML parser reports what it could not parse ("mapping values are not allowed in this
//! context"), which is right and of no help to someone who typed a Chinese colon. When a
//! file does not parse, or parses into something other than what was meant, these checks
//! look at the text around the place for the usual causes: full-width punctuation used as
//! YAML syntax (`title：`, `， en:`, `【…】`, `“…”`), a comma inside an unquoted text of a
//! `{zh: …, en: …}` map, a tab.

use std::ops::Range;

/// A slip found in the text: where it is and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    /// Byte range of the offending character(s) in the text.
    pub at: Range<usize>,
    pub message: String,
    pub help: String,
}

/// Full-width characters editors type for YAML's punctuation, with the half-width one meant.
const FULL_WIDTH: &[(char, &str, &str)] = &[
    ('：', ":", "colon"),
    ('，', ",", "comma"),
    ('【', "[", "bracket"),
    ('】', "]", "bracket"),
    ('［', "[", "bracket"),
    ('］', "]", "bracket"),
    ('｛', "{", "brace"),
    ('｝', "}", "brace"),
    ('“', "\"", "quotation mark"),
    ('”', "\"", "quotation mark"),
];

fn half_width_of(c: char) -> Option<(&'static str, &'static str)> {
    FULL_WIDTH
        .iter()
        .find(|(fw, _, _)| *fw == c)
        .map(|(_, hw, what)| (*hw, *what))
}

fn full_width(c: char, at: usize, meant: &str) -> Slip {
    let (hw, what) = half_width_of(c).unwrap_or(("", "character"));
    Slip {
        at: at..at + c.len_utf8(),
        message: format!("a full-width {what} `{c}` where YAML needs `{hw}`"),
        help: format!("{meant}: write the half-width `{hw}` instead of `{c}`"),
    }
}

/// The lines of `text` from the one holding `at` back to `lookback` lines before it.
fn lines_around(text: &str, at: usize, lookback: usize) -> Vec<(usize, &str)> {
    let at = at.min(text.len());
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line = starts.partition_point(|&s| s <= at).saturating_sub(1);
    let first = line.saturating_sub(lookback);
    (first..=line)
        .rev()
        .filter_map(|l| {
            let start = *starts.get(l)?;
            let end = starts.get(l + 1).map_or(text.len(), |e| e - 1);
            Some((start, text.get(start..end)?))
        })
        .collect()
}

/// A key written with a full-width colon at the start of a line: `title：…`, `- n：4`.
fn colon_key(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '-']);
    let offset = line.len() - trimmed.len();
    let key_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(trimmed.len());
    (key_len > 0 && trimmed[key_len..].starts_with('：')).then_some(offset + key_len)
}

/// A full-width comma that separates entries of a flow map: `…， en: …`.
fn comma_before_key(line: &str) -> Option<usize> {
    line.match_indices('，').map(|(i, _)| i).find(|&i| {
        let rest = line[i + '，'.len_utf8()..].trim_start();
        let key_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(0);
        key_len > 0 && rest[key_len..].starts_with(':')
    })
}

/// Explains a YAML error reported at byte `at` of `text`, if one of the slips caused it.
pub fn explain(text: &str, at: usize, parser_message: &str) -> Option<Slip> {
    if parser_message.contains("tab") {
        return tab(text, at);
    }
    for (start, line) in lines_around(text, at, 3) {
        if let Some(i) = colon_key(line) {
            return Some(full_width(
                '：',
                start + i,
                "a key is followed by YAML's colon",
            ));
        }
        if let Some(i) = comma_before_key(line) {
            return Some(full_width(
                '，',
                start + i,
                "in `{zh: …, en: …}` the entries are separated by YAML's comma",
            ));
        }
        if let Some(i) = line.find(['{', '[']).and(line.find(['｝', '】', '］'])) {
            let c = line[i..].chars().next().unwrap_or('】');
            return Some(full_width(
                c,
                start + i,
                "a `{…}` or `[…]` is closed with YAML's bracket",
            ));
        }
        if let Some(i) = line.find('“').filter(|&i| line[i..].contains(": ")) {
            return Some(Slip {
                at: start + i..start + i + '“'.len_utf8(),
                message: "full-width quotation marks `“…”` do not quote a YAML value".into(),
                help: "a value that contains `: ` must be quoted with half-width quotes: \
                       write `\"…\"`; `“ ”` inside such quotes stay as they are"
                    .into(),
            });
        }
    }
    None
}

/// A tab used for indentation: the caret goes on the tab itself.
fn tab(text: &str, at: usize) -> Option<Slip> {
    let tab_at = lines_around(text, at, 2)
        .into_iter()
        .rev()
        .find_map(|(start, line)| line.find('\t').map(|i| start + i))?;
    Some(Slip {
        at: tab_at..tab_at + 1,
        message: "a tab in the indentation".into(),
        help: "YAML indents with spaces only: replace the tab with spaces (two per level)".into(),
    })
}

/// A scalar that was meant as a list written with full-width brackets: `【a, b】`.
pub fn bracket_list(raw: &str) -> Option<(usize, char)> {
    let trimmed = raw.trim_start();
    let c = trimmed.chars().next()?;
    matches!(c, '【' | '［').then(|| (raw.len() - trimmed.len(), c))
}

/// A mapping key of `{zh: …, en: …}` that is really the rest of a text cut at a comma:
/// `{zh: …, en: Annual reports, typical cases}` reads `typical cases` as a key. Returns the
/// position of the comma before `key_at`.
pub fn comma_in_text(text: &str, key_at: usize, key: &str) -> Option<usize> {
    // A key with spaces, or not a language code: text, not a language.
    let looks_like_text =
        key.contains(' ') || !key.is_ascii() || key.chars().any(|c| c.is_ascii_uppercase());
    if !looks_like_text {
        return None;
    }
    let before = text.get(..key_at)?;
    let comma = before.trim_end().strip_suffix(',')?;
    Some(comma.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip_at(text: &str, what: &str) -> Slip {
        let at = text.find(what).expect("in the text");
        explain(text, at, "mapping values are not allowed in this context").expect("a slip")
    }

    #[test]
    fn full_width_colon_after_a_key() {
        let text = "title： {zh: 标题, en: Title}\nn: 1\n";
        let s = slip_at(text, "{zh");
        assert_eq!(&text[s.at.clone()], "：");
        assert!(s.message.contains("colon `：`"), "{}", s.message);
        assert!(s.help.contains("half-width `:`"), "{}", s.help);
    }

    #[test]
    fn full_width_comma_between_entries() {
        let text = "name: {zh: 有效发明专利，拥有量， en: Valid}\n";
        let s = slip_at(text, "en:");
        assert_eq!(&text[s.at.clone()], "，");
        assert_eq!(s.at.start, text.find("， en").unwrap());
    }

    #[test]
    fn full_width_quotes_and_brackets() {
        let text = "theme: “IP and Music: Feel the Beat”\n";
        let s = slip_at(text, "Feel");
        assert_eq!(&text[s.at.clone()], "“");
        let text = "measures: [a, b】\n";
        let s = slip_at(text, "b】");
        assert_eq!(&text[s.at.clone()], "】");
        assert_eq!(bracket_list("【a, b】"), Some((0, '【')));
        assert_eq!(bracket_list("a"), None);
    }

    #[test]
    fn the_caret_goes_on_the_tab() {
        let text = "indicators:\n  a: 1\n\tb: 2\n";
        let s = explain(text, text.find("b:").unwrap(), "tabs disallowed").unwrap();
        assert_eq!(&text[s.at.clone()], "\t");
    }

    #[test]
    fn a_comma_inside_a_text_is_found_before_the_key() {
        let text = "title: {zh: 标题, en: Annual reports, typical cases}";
        let key_at = text.find("typical").unwrap();
        let comma = comma_in_text(text, key_at, "typical cases").unwrap();
        assert_eq!(&text[comma..comma + 1], ",");
        assert_eq!(comma_in_text(text, text.find("en:").unwrap(), "en"), None);
    }

    #[test]
    fn plain_yaml_has_no_slip() {
        let text = "title: {zh: 加强保护，提升质量, en: Stronger}\nn: 1\n";
        assert_eq!(explain(text, text.len() - 1, "some error"), None);
    }
}
