//! Displaying indicator values (SPEC §4): one formatter for every table, chart and inline
//! reference, so a number can only ever look one way.
//!
//! Chinese: no digit grouping, the unit attached (`65658件`, `1.24万件`). English: digit
//! grouping and a space before a non-empty unit (`65,658 agencies`). `%` attaches in both.

use crate::model::{Indicator, LangId};

/// Format `value` with `decimals` places (or as few as needed, at most four, when `None`),
/// optionally grouping thousands with commas.
pub fn format_number(value: f64, decimals: Option<u8>, group: bool) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let mut text = match decimals {
        // Most figures are whole numbers: their digits are exact, and writing them takes a
        // tenth of the time of formatting a float with decimals.
        _ if value.fract() == 0.0 && value.abs() < 1e15 => {
            let mut text = String::with_capacity(24);
            super::text::push_int(&mut text, value as i64);
            if let Some(d @ 1..) = decimals {
                text.push('.');
                text.extend(std::iter::repeat_n('0', d as usize));
            }
            text
        }
        Some(d) => format!("{:.*}", d as usize, value),
        None => {
            let s = format!("{value:.4}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            s.to_string()
        }
    };
    if text == "-0"
        || text.starts_with("-0.") && text[1..].trim_matches(|c| c == '0' || c == '.').is_empty()
    {
        text.remove(0);
    }
    if group {
        text = group_thousands(&text);
    }
    text
}

fn group_thousands(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if int.len() <= 3 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Attaches a unit to a formatted number per the language's convention.
pub fn with_unit(number: &str, unit: &str, chinese: bool) -> String {
    if unit.is_empty() {
        number.to_string()
    } else if chinese || unit == "%" || unit.starts_with('%') || unit == "‰" {
        [number, unit].concat()
    } else {
        [number, " ", unit].concat()
    }
}

/// A value in 万 or 亿 as a Chinese text reads best (`4亿元`, not `40000万元`; `5.63万件`):
/// `value` is in `unit` (which may carry a 万/亿 prefix itself); at most two decimals.
pub fn natural_zh(value: f64, unit: &str) -> String {
    let (scale, base) = crate::model::unit_scale(unit);
    if base.is_empty() || base == "%" || base == "‰" {
        return with_unit(&format_number(value, None, false), unit, true);
    }
    let plain = value * scale;
    let (divisor, prefix) = if plain.abs() >= 1e8 {
        (1e8, "亿")
    } else if plain.abs() >= 1e4 {
        (1e4, "万")
    } else {
        (1.0, "")
    };
    let number = two_decimals_at_most(plain / divisor);
    format!("{number}{prefix}{base}")
}

/// `5.6302` → `5.63`, `4.0` → `4`: a value in a larger unit reads with two decimals at most.
fn two_decimals_at_most(value: f64) -> String {
    without_trailing_zeros(format_number(value, Some(2), false))
}

/// `12.50` → `12.5`, `12.0` → `12`; a number without a fraction stays as it is.
fn without_trailing_zeros(number: String) -> String {
    if number.contains('.') {
        number
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        number
    }
}

/// `value` (in `from`, e.g. `万元`) in the unit `to` of the same kind (`亿元`), on a
/// Chinese page: `40000` 万元 → `4亿元`.
pub fn in_unit_zh(value: f64, from: &str, to: &str) -> String {
    let (from_scale, _) = crate::model::unit_scale(from);
    let (to_scale, _) = crate::model::unit_scale(to);
    let converted = value * from_scale / to_scale;
    // Into a larger unit the digits past the second decimal are noise (5.6302万件); into a
    // smaller one the value is as exact as it was.
    let number = if to_scale > from_scale {
        two_decimals_at_most(converted)
    } else {
        format_number(converted, None, false)
    };
    format!("{number}{to}")
}

/// `number` (formatted with the indicator's decimals) without the trailing zeros of its
/// fraction when `scale` put it into a larger unit: `12.0` → `12`, `12.50` → `12.5`.
fn in_larger_unit(number: String, scale: f64) -> String {
    if scale < 1.0 {
        without_trailing_zeros(number)
    } else {
        number
    }
}

/// A value of `indicator` as shown in `lang`: scaled, rounded, grouped, with its unit.
///
/// A value scaled into a larger unit (`scale` below 1: 120亿元 → 12 billion yuan) drops the
/// trailing zeros of its fraction, since "12.0 billion yuan" reads as a measurement more
/// precise than the figure is; `decimals` stays the most it shows (12.35 stays 12.35 at
/// `decimals: 2`). Bare numbers in table cells ([`format_bare`]) keep every decimal, so
/// that a column aligns.
pub fn format_value(indicator: &Indicator, value: f64, lang: LangId, chinese: bool) -> String {
    let number = format_bare(indicator, value, lang, chinese);
    let number = in_larger_unit(number, indicator.scale.get(lang));
    let unit = indicator.unit.or_empty(lang);
    with_unit(&number, unit, chinese)
}

/// The number alone, for table cells under a header that names the unit.
pub fn format_bare(indicator: &Indicator, value: f64, lang: LangId, chinese: bool) -> String {
    let scaled = value * indicator.scale.get(lang);
    format_number(scaled, indicator.decimals.get(lang), !chinese)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_chinese_units() {
        assert_eq!(natural_zh(40000.0, "万元"), "4亿元");
        assert_eq!(natural_zh(56302.0, "件"), "5.63万件");
        assert_eq!(natural_zh(342.85, "亿元"), "342.85亿元");
        assert_eq!(natural_zh(9800.0, "件"), "9800件");
        assert_eq!(natural_zh(65.0, "%"), "65%");
        assert_eq!(in_unit_zh(40000.0, "万元", "亿元"), "4亿元");
        assert_eq!(in_unit_zh(342.85, "亿元", "万元"), "3428500万元");
        assert_eq!(in_unit_zh(56302.0, "件", "万件"), "5.63万件");
    }
    use proptest::prelude::*;

    proptest! {
        /// Any value, any number of places: a number comes out, and it reads back as the
        /// value rounded to those places.
        #[test]
        fn formatting_any_f64_never_panics_and_reads_back(
            bits in any::<u64>(),
            decimals in proptest::option::of(0u8..=6),
            group in any::<bool>(),
        ) {
            let value = f64::from_bits(bits);
            let text = format_number(value, decimals, group);
            if !value.is_finite() {
                prop_assert_eq!(text, "—");
            } else {
                let read: f64 = text.replace(',', "").parse().expect("a plain decimal");
                let places = i32::from(decimals.unwrap_or(4));
                let tolerance = 0.5 * 10f64.powi(-places) + value.abs() * 1e-15;
                prop_assert!((read - value).abs() <= tolerance, "{value} -> {text}");
                prop_assert!(!text.starts_with("-0") || text.contains(|c: char| ('1'..='9').contains(&c)));
            }
        }
    }

    /// Whole numbers are written digit by digit; the text is what float formatting gives.
    #[test]
    fn whole_numbers_read_as_formatted_floats() {
        for value in [
            0.0, -0.0, 7.0, -7.0, 2024.0, -65658.0, 9.99e14, -9.99e14, 1e15, 4e16,
        ] {
            for decimals in [None, Some(0), Some(1), Some(3)] {
                let formatted = match decimals {
                    Some(d) => format!("{:.*}", d as usize, value),
                    None => format!("{value:.4}")
                        .trim_end_matches('0')
                        .trim_end_matches('.')
                        .to_string(),
                };
                let expected = formatted
                    .strip_prefix('-')
                    .filter(|rest| rest.trim_matches(['0', '.']).is_empty())
                    .map_or(formatted.clone(), str::to_string);
                assert_eq!(
                    format_number(value, decimals, false),
                    expected,
                    "{value} {decimals:?}"
                );
            }
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(format_number(65658.0, Some(0), false), "65658");
        assert_eq!(format_number(65658.0, Some(0), true), "65,658");
        assert_eq!(format_number(1234567.891, Some(2), true), "1,234,567.89");
        assert_eq!(format_number(12.4, None, true), "12.4");
        assert_eq!(format_number(3.0, None, true), "3");
        assert_eq!(format_number(-1234.0, Some(0), true), "-1,234");
        assert_eq!(format_number(-0.001, Some(1), true), "0.0");
        assert_eq!(format_number(f64::NAN, None, true), "—");
        assert_eq!(
            format_number(1e20, Some(0), true),
            "100,000,000,000,000,000,000"
        );
    }

    #[test]
    fn a_value_in_a_larger_unit_drops_trailing_zeros() {
        // 120亿元 at `scale: {en: 0.1}`, `decimals: 1`: 12 billion yuan, not 12.0.
        let shown = |v: f64, scale: f64, d: u8| {
            in_larger_unit(format_number(v * scale, Some(d), true), scale)
        };
        assert_eq!(shown(120.0, 0.1, 1), "12");
        assert_eq!(shown(125.0, 0.1, 2), "12.5");
        assert_eq!(shown(123.5, 0.1, 2), "12.35");
        assert_eq!(shown(12000.0, 0.1, 0), "1,200");
        // At its own scale, or scaled into a smaller unit, a value keeps its decimals.
        assert_eq!(shown(12.0, 1.0, 1), "12.0");
        assert_eq!(shown(1.2, 10.0, 1), "12.0");
    }

    #[test]
    fn units() {
        assert_eq!(with_unit("65658", "件", true), "65658件");
        assert_eq!(with_unit("65,658", "agencies", false), "65,658 agencies");
        assert_eq!(with_unit("60", "%", false), "60%");
        assert_eq!(with_unit("3,966", "", false), "3,966");
    }
}
