//! The fast path: [`quick_agree`], a cheap test that two texts cannot disagree, which lets
//! most faithful translations of plain prose skip the full comparison, and
//! [`fast_path_is_sound`], which checks it against the full comparison.

use super::chars::is_zh_numeral;
use super::compare;
use super::words::{cardinal, month, ordinal_word};

/// Whether [`quick_agree`] kept its promise for a pair: when it says the texts agree, the full
/// comparison finds no two numbers that differ. (It may skip a warning about a number that one
/// side's rules set aside and the other's do not, such as `第3` against a bare `3`: both texts
/// state the same digits.)
pub fn fast_path_is_sound(zh: &str, en: &str) -> bool {
    if !quick_agree(zh, en) {
        return true;
    }
    match compare(zh, en) {
        None => true,
        Some(m) => m.zh.is_empty() || m.en.is_empty(),
    }
}

/// A cheap test that two texts cannot disagree: both state exactly the same runs of digits,
/// and neither has anything else that can state a number (Chinese numerals, 万/亿 scales,
/// percent signs, English number words, units, signs, list markers, markup). When it says
/// yes, [`compare`] would find no two numbers that differ (see [`fast_path_is_sound`]); when
/// it says no, the full comparison runs. Most faithful translations of plain prose take the
/// fast path.
pub fn quick_agree(zh: &str, en: &str) -> bool {
    if zh.chars().any(states_number) || en.contains(['%', '‰']) {
        return false;
    }
    let lower = en.to_ascii_lowercase();
    if lower
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(en_number_word)
    {
        return false;
    }
    if !plain(zh)
        || !plain(en)
        || zh_unit(zh)
        || glued(zh)
        || glued(en)
        || signed(zh)
        || signed(en)
        || marker(zh)
        || marker(en)
    {
        return false;
    }
    // A month's name states a date on its own (`in October`).
    if en
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| month(w).is_some())
    {
        return false;
    }
    let has_digits = en.chars().any(|c| c.is_ascii_digit());
    if has_digits
        && lower
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| UNITS.contains(&w))
    {
        return false;
    }
    match (digit_runs(zh), digit_runs(en)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The numerals the scanner reads, their financial and traditional forms, and percent signs.
fn states_number(c: char) -> bool {
    is_zh_numeral(c)
        || matches!(
            c,
            '壹' | '贰'
                | '叁'
                | '肆'
                | '伍'
                | '陆'
                | '柒'
                | '捌'
                | '玖'
                | '拾'
                | '佰'
                | '仟'
                | '萬'
                | '億'
                | '兩'
                | '%'
                | '％'
                | '‰'
        )
}

/// Besides the cardinals and ordinals the scanner reads (`three`, `twentieth`): words that
/// scale, multiply or make a number a share.
const EN_WORDS: &[&str] = &[
    "dozen",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "percent",
    "half",
    "double",
    "twice",
    "per",
    "mn",
    "bn",
    "m",
    "k",
    "pct",
    "pp",
    "ppt",
    "ppts",
    "percentage",
    "point",
    "points",
];

/// Durations are compared by unit as well: leave them to the full comparison.
const UNITS: &[&str] = &[
    "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
];

/// Whether the English word `w` (in lower case) can state a number or act on one.
fn en_number_word(w: &str) -> bool {
    EN_WORDS.contains(&w)
        || cardinal(w).is_some()
        || ordinal_word(w).is_some()
        || w.ends_with("teen")
        || w.ends_with("ieth")
}

/// A letter glued to a digit may scale it or make it an ordinal (`350m`, `20k`, `1st`): the
/// full comparison reads those.
fn glued(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_alphabetic())
}

/// A sign or dash before a digit makes it negative or the end of a range (`-12`, `5-7`).
fn signed(s: &str) -> bool {
    let mut previous = ' ';
    s.chars().any(|c| {
        let found = c.is_ascii_digit() && matches!(previous, '-' | '+' | '−' | '－' | '–' | '—');
        previous = c;
        found
    })
}

/// A number in brackets or before `)`, `、` or a full stop may be a list marker, which the full
/// comparison sets aside on one side and not the other (`1)`, `(2)`, `3、`, `4. `).
fn marker(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        let next = chars.get(i + 1).copied();
        let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
        match c {
            ')' | '）' | '、' | ']' | '】' => after_digit,
            '.' | '．' => after_digit && !next.is_some_and(|n| n.is_ascii_digit()),
            '(' | '（' | '[' | '【' => next.is_some_and(|n| n.is_ascii_digit()),
            _ => false,
        }
    })
}

/// In Chinese a unit after the digits can make them a date, a time or a duration (`2月`,
/// `3年`, `5天`), which English writes with words the full comparison reads; a year (`2023年`)
/// is written as digits in both.
fn zh_unit(zh: &str) -> bool {
    let chars: Vec<char> = zh.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let digits = chars[..i]
            .iter()
            .rev()
            .take_while(|d| d.is_ascii_digit() || ('０'..='９').contains(*d))
            .count();
        digits > 0 && ("月日号时点分秒天周个小".contains(c) || (c == '年' && digits != 4))
    })
}

/// Only plain prose takes the fast path: Markdown and other markup (code spans, headings,
/// links, tables), times and ratios (`10:30`), slashes and control characters are read by
/// rules that digit runs alone do not follow.
fn plain(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let digit_at = |j: usize| chars.get(j).is_some_and(|d| d.is_ascii_digit());
    chars.iter().enumerate().all(|(i, &c)| match c {
        ':' | '：' => !(digit_at(i + 1) || i > 0 && digit_at(i - 1)),
        _ => {
            c.is_alphanumeric()
                || c == ' '
                || c == '\n'
                || ",.;!?，。；！？、“”‘’\"'《》（）()—–-…·%".contains(c)
        }
    })
}

/// The runs of digits of `s` (full-width ones as ASCII), sorted; `None` when a separator or a
/// decimal point follows a run, which makes a number that the full scan must read.
fn digit_runs(s: &str) -> Option<Vec<String>> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        let d = match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        };
        match d {
            Some(d) => cur.push(d),
            // Separators and decimals make a number that the full scan must read.
            None if !cur.is_empty() && matches!(c, ',' | '.' | '，' | '．') => return None,
            None => {
                if !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs.sort();
    Some(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_only_when_it_is_sure() {
        assert!(quick_agree(
            "2023年受理案件87件。",
            "In 2023 the office handled 87 cases."
        ));
        assert!(quick_agree("没有数字。", "No numbers."));
        assert!(!quick_agree("受理案件87件。", "It handled 78 cases."));
        assert!(!quick_agree(
            "投入120万元。",
            "Funding of 1.2 million yuan."
        ));
        assert!(!quick_agree("三家企业。", "Three firms."));
        assert!(!quick_agree("增长3.5%。", "Up 3.5%."));
        assert!(!quick_agree("共1,234件。", "1,234 items."));
        // Found by fuzzing: a month's name alone is a date the full comparison sees.
        assert!(!quick_agree("Oct", "Oct"));
        assert!(!quick_agree("1th\u{1}5", "1th\u{1}5"));
        assert!(!quick_agree("12", "-12|---\u{6}"));
        assert!(!quick_agree("\u{b}2 mn ", "\u{b}2 mn "));
        assert!(!quick_agree("`3` 共4件", "4 cases, `3`"));
        assert!(!quick_agree("10:30开会", "Met at 10:30"));
        assert!(quick_agree("如下：共有87件。", "As follows: 87 cases."));
        assert!(!quick_agree("投资2元。", "RMB 2 bn invested."));
        assert!(!quick_agree("提高3。", "Up 3 pp."));
        assert!(!quick_agree("1()", "1) "));
        assert!(!quick_agree("（1）完善制度。", "(1) Better rules."));
        assert!(!quick_agree("气温12度。", "A temperature of −12 degrees."));
        assert!(!quick_agree("投资350元。", "An investment of RMB 350m."));
        assert!(!quick_agree("春季召开。", "Held in October."));
        // Whenever the fast path agrees, the full comparison agrees too.
        for (zh, en) in [
            (
                "2023年受理案件87件。",
                "In 2023 the office handled 87 cases.",
            ),
            ("第4条", "Article 4"),
            ("Oct", "Oct"),
            ("1th\u{1}5", "1th\u{1}5"),
            ("投资350元。", "An investment of RMB 350m."),
            ("第1届", "the 1st session"),
            ("12", "-12|---\u{6}"),
            ("5-7天", "5-7 days"),
            ("`3` 4", "`4` 3"),
            ("1()", "1) "),
            ("（1）完善制度。", "(1) Better rules."),
            ("成立于2023。", "Founded in 2023."),
            ("春季召开。", "Held in October."),
            ("于五月召开。", "Held in May."),
        ] {
            if quick_agree(zh, en) {
                assert!(compare(zh, en).is_none(), "{zh} / {en}");
            }
        }
    }
}
