//! Words that state numbers: English cardinals and ordinals, month names, and Chinese
//! numerals with their 万/亿 scales ([`parse_zh_numeral`]). Pure functions of a word; the
//! scanner decides where a word counts.

/// Whether an English number in words can start with the word `w` (`lower` in lower case):
/// a month (a date), `a`/`an` (`a hundred`), a cardinal or an ordinal.
pub(super) fn starts_word_number(w: &str, lower: &str) -> bool {
    month(w).is_some()
        || matches!(lower, "a" | "an")
        || cardinal(lower).is_some()
        || ordinal_word(lower).is_some()
}

pub(super) fn month(w: &str) -> Option<u32> {
    let m = match w {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sept" | "Sep" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    };
    Some(m)
}

pub(super) fn cardinal(w: &str) -> Option<u64> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(v) = SMALL.iter().position(|s| *s == w) {
        return (v > 0).then_some(v as u64);
    }
    TENS.iter()
        .position(|s| *s == w)
        .map(|v| (v as u64 + 2) * 10)
}

pub(super) fn ordinal_word(w: &str) -> Option<u64> {
    const SMALL: [&str; 20] = [
        "",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if w.is_empty() {
        return None;
    }
    if let Some(v) = SMALL.iter().position(|s| *s == w) {
        return Some(v as u64);
    }
    TENS.iter()
        .position(|s| *s == w)
        .map(|v| (v as u64 + 2) * 10)
}

pub(super) fn zh_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral (`二十四` → 24, `一百零五` → 105, `三千万` → 30 000 000,
/// `两万五` → 25 000). `None` for what is not one well-formed numeral: `十四五`, `三四`, `八八`.
pub fn parse_zh_numeral(s: &[char]) -> Option<u64> {
    // Long on purpose: one pass of a parser whose seven counters every arm reads and sets;
    // split, they would only travel between the pieces as one more struct.
    if s.is_empty() || s.len() > 24 {
        return None;
    }
    let mut yi_part: u64 = 0; // completed 亿 groups
    let mut wan_part: u64 = 0; // completed 万 group
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut last_unit: u64 = u64::MAX; // the last of 十百千 in this section
    let mut zero = false;
    let mut last_big: u64 = u64::MAX;
    for &c in s {
        match c {
            '零' | '〇' => {
                if digit.is_some() {
                    return None;
                }
                zero = true;
            }
            '十' | '百' | '千' => {
                let u = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                if u >= last_unit {
                    return None;
                }
                let d = match digit.take() {
                    Some(d) => d,
                    None if section == 0 && !zero => 1, // `十二`, `百万`
                    None if u == 10 && zero => 1,       // `一百零十` is odd but `零十` reads as 10
                    None => return None,
                };
                section = section.checked_add(d.checked_mul(u)?)?;
                last_unit = u;
                zero = false;
            }
            '万' | '亿' => {
                let big: u64 = if c == '万' { 10_000 } else { 100_000_000 };
                if big >= last_big && big == 10_000 {
                    return None;
                }
                let mut v = section.checked_add(digit.take().unwrap_or(0))?;
                if v == 0 && wan_part == 0 && yi_part == 0 {
                    v = 1; // `万`, `亿` alone
                }
                if big == 10_000 {
                    wan_part = v.checked_mul(big)?;
                } else {
                    yi_part = yi_part
                        .checked_add(wan_part)?
                        .checked_add(v)?
                        .checked_mul(big)?;
                    wan_part = 0;
                }
                section = 0;
                last_unit = u64::MAX;
                last_big = big;
                zero = false;
            }
            _ => {
                let d = zh_digit(c)?;
                if digit.is_some() {
                    return None;
                }
                digit = Some(d);
            }
        }
    }
    let mut tail = digit.unwrap_or(0);
    // `两万五` is 25 000 and `一百五` is 150: a final digit right after a unit counts in the next
    // lower unit (unless a 零 marks the gap).
    if digit.is_some() && !zero {
        if last_unit != u64::MAX && last_unit >= 100 {
            tail *= last_unit / 10;
        } else if last_unit == u64::MAX && last_big != u64::MAX && section == 0 {
            tail *= last_big / 10;
        }
    }
    yi_part
        .checked_add(wan_part)?
        .checked_add(section)?
        .checked_add(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numeral_values() {
        let v = |s: &str| parse_zh_numeral(&s.chars().collect::<Vec<_>>());
        assert_eq!(v("三"), Some(3));
        assert_eq!(v("十"), Some(10));
        assert_eq!(v("十二"), Some(12));
        assert_eq!(v("二十四"), Some(24));
        assert_eq!(v("一百零五"), Some(105));
        assert_eq!(v("一百五"), Some(150));
        assert_eq!(v("两"), Some(2));
        assert_eq!(v("三千"), Some(3000));
        assert_eq!(v("两万五"), Some(25_000));
        assert_eq!(v("三亿五千万"), Some(350_000_000));
        assert_eq!(v("一万亿"), Some(1_000_000_000_000));
        for bad in ["十四五", "三四", "八八", "万万", ""] {
            assert_eq!(v(bad), None, "{bad}");
        }
    }
}
