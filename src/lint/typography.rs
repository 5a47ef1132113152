//! Chinese typography (SPEC §15): half-width `,;:()` between Chinese characters, and World IP
//! Day written `4.26` or `4-26` instead of `4·26`.

use std::ops::Range;

/// One finding in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte range of the offending characters in the text.
    pub range: Range<usize>,
    pub kind: FindingKind,
    /// What to write instead.
    pub replacement: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    HalfWidth(char),
    WorldIpDay,
}

/// Han characters, CJK punctuation, full-width forms and kana: the neighbours that make a
/// half-width mark wrong.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF00..=0xFF60 // full-width forms
        | 0xFFE0..=0xFFEF
        | 0x20000..=0x3FFFF)
}

fn full_width(c: char) -> &'static str {
    match c {
        ',' => "，",
        ';' => "；",
        ':' => "：",
        '(' => "（",
        ')' => "）",
        _ => "",
    }
}

/// Byte ranges that are not prose: link destinations, inline code, autolinks, URLs.
fn ignored_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &text[i..i + run];
                match text[i + run..].find(fence) {
                    Some(end) => {
                        ranges.push(i..i + run + end + run);
                        i += run + end + run;
                    }
                    None => i += run,
                }
            }
            b']' if bytes.get(i + 1) == Some(&b'(') => {
                let end = text[i..].find(')').map_or(text.len(), |e| i + e + 1);
                ranges.push(i..end);
                i = end;
            }
            b'<' => {
                let end = text[i..].find('>').map_or(i + 1, |e| i + e + 1);
                if text[i..end].contains("://") || text[i..end].contains('@') {
                    ranges.push(i..end);
                }
                i = end;
            }
            b'h' if text[i..].starts_with("http://") || text[i..].starts_with("https://") => {
                let end = text[i..]
                    .find(|c: char| c.is_whitespace() || is_cjk(c) || c == ')')
                    .map_or(text.len(), |e| i + e);
                ranges.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    ranges
}

/// The neighbour of a mark, skipping one space on the way (`市委 , 市政府`).
fn neighbour(text: &str, at: usize, forward: bool) -> Option<char> {
    let mut chars: Box<dyn Iterator<Item = char>> = if forward {
        Box::new(text[at..].chars())
    } else {
        Box::new(text[..at].chars().rev())
    };
    match chars.next()? {
        ' ' => chars.next(),
        c => Some(c),
    }
}

/// Separators that stand, wrongly, where `4·26` has its middle dot.
const WRONG_DOTS: &[char] = &['.', '-', '．', '/', '•', '・', '－', '／'];

/// What follows the day in the texts that name it: the week, the day, the campaign.
const DAY_CONTEXT: &[&str] = &[
    "知识产权",
    "宣传",
    "世界",
    "期间",
    "活动",
    "当天",
    "前后",
    "主题",
    "系列",
];

/// The byte length of a misspelt `4·26` starting at `i`, if there is one: `4.26知识产权宣传周`,
/// but not the decimal in `4.26亿元` or `增长4.26%`, nor part of a date like `2024.4.26`.
fn world_ip_day_misspelt(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    let sep = rest.chars().next().filter(|c| WRONG_DOTS.contains(c))?;
    let after_sep = &rest[sep.len_utf8()..];
    if !after_sep.starts_with("26") {
        return None;
    }
    let before = text[..i].chars().next_back();
    if before.is_some_and(|b| b.is_ascii_digit() || WRONG_DOTS.contains(&b) || b == '·') {
        return None;
    }
    let tail = after_sep[2..].trim_start_matches([' ', '\u{3000}']);
    let follows =
        tail.starts_with(['”', '」', '』']) || DAY_CONTEXT.iter().any(|w| tail.starts_with(w));
    follows.then_some(1 + sep.len_utf8() + 2)
}

pub fn check_chinese(text: &str) -> Vec<Finding> {
    let ignored = ignored_ranges(text);
    let skip = |i: usize| ignored.iter().any(|r| r.contains(&i));
    let mut findings = Vec::new();
    for (i, c) in text.char_indices() {
        if skip(i) {
            continue;
        }
        match c {
            ',' | ';' | ':' | '(' | ')' => {
                let before = neighbour(text, i, false);
                let after = neighbour(text, i + 1, true);
                if before.is_some_and(is_cjk) && after.is_some_and(is_cjk) {
                    findings.push(Finding {
                        range: i..i + 1,
                        kind: FindingKind::HalfWidth(c),
                        replacement: full_width(c),
                    });
                }
            }
            '4' => {
                if let Some(len) = world_ip_day_misspelt(text, i) {
                    findings.push(Finding {
                        range: i..i + len,
                        kind: FindingKind::WorldIpDay,
                        replacement: "4·26",
                    });
                }
            }
            _ => {}
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, &'static str)> {
        check_chinese(text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.replacement))
            .collect()
    }

    #[test]
    fn half_width_between_chinese() {
        assert_eq!(kinds("市委,市政府"), vec![(",".into(), "，")]);
        assert_eq!(kinds("地址:宁波"), vec![(":".into(), "：")]);
        assert_eq!(
            kinds("附件(一)。"),
            vec![("(".into(), "（"), (")".into(), "）")]
        );
        assert_eq!(kinds("市委 , 市政府"), vec![(",".into(), "，")]);
    }

    #[test]
    fn mixed_script_and_markup_are_fine() {
        assert!(kinds("专利合作条约(PCT)国际申请").is_empty());
        assert!(kinds("电话:0574-123").is_empty());
        assert!(kinds("见[决定](@measure/decision-2022/4)和`a,b`").is_empty());
        assert!(kinds("Hello, world: (yes)").is_empty());
        assert!(kinds("网址https://例子.cn/a,b:c").is_empty());
    }

    #[test]
    fn world_ip_day() {
        assert_eq!(kinds("4.26宣传周"), vec![("4.26".into(), "4·26")]);
        assert_eq!(kinds("在4-26期间"), vec![("4-26".into(), "4·26")]);
        assert_eq!(
            kinds("“4．26”知识产权宣传周"),
            vec![("4．26".into(), "4·26")]
        );
        assert_eq!(kinds("4/26世界知识产权日"), vec![("4/26".into(), "4·26")]);
        assert_eq!(kinds("4・26宣传周"), vec![("4・26".into(), "4·26")]);
        assert!(kinds("4·26宣传周").is_empty());
        assert!(kinds("2024.4.26").is_empty());
        assert!(kinds("2024-4-26").is_empty());
        assert!(kinds("14.26亿元").is_empty());
        assert!(kinds("全年质押融资4.26亿元，同比增长4.26%。").is_empty());
        assert!(kinds("4.265").is_empty());
        assert!(kinds("4.26.1").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "4",
            "4.",
            "4.2",
            ",",
            "`",
            "](",
            "<",
            "http://",
            "市,",
            ",市",
            "4-26",
            "\u{10FFFF},\u{3000}",
        ] {
            let _ = check_chinese(text);
        }
    }
}
