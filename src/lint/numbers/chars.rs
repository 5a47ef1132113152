//! The characters the lint reads: each one normalised (full-width forms, dashes, spaces,
//! traditional numerals) with its byte offset in the input, and the small helpers that look at
//! them. Reading past either end gives a newline, a boundary for every pattern.

/// Stands for a masked character: a boundary that nothing can match across.
pub(super) const MASK: char = '\u{FFFC}';

/// One character of the input, normalised, with the byte offset where it starts in the input
/// (it ends where the next one starts). Eight bytes: the scanner walks every character of
/// every text more than once.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) start: u32,
}

/// Full-width ASCII to ASCII, the many dashes to `-` (hyphen, minus) or `—` (range dash), odd
/// spaces to a space. The Chinese comma `，` stays: it separates list items, never thousands.
pub(super) fn normalise(c: char) -> char {
    // Most characters of English text, and the only ASCII one that changes.
    if c.is_ascii() {
        return if c == '\t' { ' ' } else { c };
    }
    match c {
        '，' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2012}'..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' => '—',
        '\u{301C}' | '\u{223C}' => '~',
        '\u{30FB}' | '\u{2027}' | '\u{FF65}' => '·',
        // Traditional forms of the numerals and measure words the lint reads.
        '萬' => '万',
        '億' => '亿',
        '兩' => '两',
        '號' => '号',
        '個' => '个',
        '項' => '项',
        '點' => '点',
        '條' => '条',
        '屆' => '届',
        '場' => '场',
        '張' => '张',
        '戶' => '户',
        '畝' => '亩',
        '噸' => '吨',
        '歲' => '岁',
        '輪' => '轮',
        '隻' => '只',
        '門' => '门',
        '輛' => '辆',
        '組' => '组',
        '隊' => '队',
        '處' => '处',
        '層' => '层',
        '級' => '级',
        '塊' => '块',
        '筆' => '笔',
        '間' => '间',
        '棟' => '栋',
        '臺' => '台',
        '餘' => '余',
        _ => c,
    }
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

pub(super) fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// The character at `i`, or a newline past either end (a boundary for every pattern).
pub(super) fn c_at(chs: &[Ch], i: usize) -> char {
    chs.get(i).map_or('\n', |c| c.c)
}

pub(super) fn c_before(chs: &[Ch], i: usize) -> char {
    if i == 0 { '\n' } else { c_at(chs, i - 1) }
}

pub(super) fn matches_at(chs: &[Ch], i: usize, s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| c_at(chs, i + k) == c)
}

pub(super) fn matches_at_ci(chs: &[Ch], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| c_at(chs, i + k).eq_ignore_ascii_case(&c))
}

pub(super) fn run_len(chs: &[Ch], i: usize, c: char) -> usize {
    chs.iter().skip(i).take_while(|x| x.c == c).count()
}

pub(super) fn digit_run(chs: &[Ch], i: usize) -> usize {
    chs.iter().skip(i).take_while(|x| is_digit(x.c)).count()
}

pub(super) fn skip_spaces(chs: &[Ch], mut i: usize) -> usize {
    while c_at(chs, i) == ' ' {
        i += 1;
    }
    i
}

/// Index of the newline ending the line that holds `i` (or the length).
pub(super) fn line_end(chs: &[Ch], i: usize) -> usize {
    chs.iter()
        .skip(i)
        .position(|c| c.c == '\n')
        .map_or(chs.len(), |p| i + p)
}

pub(super) fn at_line_start(chs: &[Ch], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        match chs[j - 1].c {
            '\n' => return true,
            ' ' => j -= 1,
            _ => return false,
        }
    }
    true
}

/// The first `target` at or after `from`, within `limit` characters and never across a blank
/// line (Markdown constructs do not span paragraphs; this also bounds the work).
pub(super) fn find_char(chs: &[Ch], from: usize, target: char, limit: usize) -> Option<usize> {
    let mut newline = false;
    for (k, ch) in chs.iter().enumerate().skip(from).take(limit) {
        if ch.c == target {
            return Some(k);
        }
        if ch.c == '\n' {
            if newline {
                return None;
            }
            newline = true;
        } else if ch.c != ' ' {
            newline = false;
        }
    }
    None
}

/// `〇零一二三四五六七八九十百千万亿两`, as a `match` (this is asked of every Chinese character).
pub(super) fn is_zh_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

pub(super) fn zh_numeral_run(chs: &[Ch], i: usize) -> usize {
    chs.iter()
        .skip(i)
        .take_while(|c| is_zh_numeral(c.c))
        .count()
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::Kind;
    use crate::lint::numbers::test_support::{agree, disagree, en, values, zh};

    #[test]
    fn full_width_digits_and_signs() {
        assert_eq!(values(&zh("受理案件６５件，占比６０％")), [65.0, 60.0]);
        agree("受理案件６５件，占比６０％", "65 cases, 60%");
        assert_eq!(values(&zh("同比增长-3.5%")), [-3.5]);
        assert_eq!(values(&en("a change of −3.5% and +2")), [-3.5, 2.0]);
        agree("同比增长-3.5%", "a change of -3.5%");
        disagree("同比增长-3.5%", "a change of 3.5%", &["-3.5%"], &["3.5%"]);
        // A hyphen between words and digits is not a sign.
        assert_eq!(en("COVID-19")[0].2, Kind::Code);
    }
}
