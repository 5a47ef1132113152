//! Units as tables write them: a Chinese scale word over a counting word (`万件`, `亿元`,
//! `件`), or a percentage.
//!
//! A value is stored in its indicator's zh unit (SPEC §4: the definition owns the unit). A
//! value written in another unit is accepted when the two differ only in the scale word,
//! since that converts exactly by a power of ten: `631800件` is `63.18` in `万件`, `1.2亿元`
//! is `12000` in `万元`. Anything else (`元` for a count of patents, `%` for a number of days)
//! is a mistake in the table or in the choice of indicator, and is reported.

use super::fold::folded;

/// Scale words and the power of ten each stands for. `千万` is 千 × 万, `万亿` is 万 × 亿.
const SCALE_WORDS: &[(char, i32)] = &[('十', 1), ('百', 2), ('千', 3), ('万', 4), ('亿', 8)];

/// What a unit measures and in what size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The power of ten of the scale word: 4 for `万件`, 0 for `件`.
    pub power: i32,
    /// The counting word: `件` in `万件`, empty for a bare `万` or no unit.
    pub base: String,
    pub percent: bool,
}

impl Unit {
    /// No unit: the number as it stands.
    pub fn none() -> Unit {
        Unit {
            power: 0,
            base: String::new(),
            percent: false,
        }
    }

    /// Reads a unit; any text is one (a counting word this code does not know is compared
    /// as it is). Brackets around it (`（万件）`) are dropped.
    pub fn parse(text: &str) -> Unit {
        let text = folded(text);
        let text = text
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or(&text);
        if matches!(text, "%" | "百分比") {
            return Unit {
                percent: true,
                ..Unit::none()
            };
        }
        let mut power = 0;
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let Some(&(_, p)) = SCALE_WORDS.iter().find(|(w, _)| *w == c) else {
                break;
            };
            power += p;
            rest = &rest[c.len_utf8()..];
        }
        Unit {
            power,
            base: rest.to_string(),
            percent: false,
        }
    }

    pub fn is_none(&self) -> bool {
        *self == Unit::none()
    }

    /// A unit written in a cell over the unit of its column: a bare scale word (`63.18万` in
    /// a column of `件`) scales the column's unit; a full unit stands for itself.
    pub fn over(self, column: &Unit) -> Unit {
        if self.base.is_empty() && !self.percent {
            Unit {
                power: self.power + column.power,
                base: column.base.clone(),
                percent: column.percent,
            }
        } else {
            self
        }
    }

    /// The power of ten by which a value in `self` is multiplied to be in `target`, when the
    /// two measure the same thing. A bare scale word (`万`) fits any counting word.
    pub fn power_to(&self, target: &Unit) -> Option<i32> {
        if self.percent || target.percent {
            return (self.percent == target.percent && self.power == target.power).then_some(0);
        }
        (self.base.is_empty() || self.base == target.base).then_some(self.power - target.power)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn power(from: &str, to: &str) -> Option<i32> {
        Unit::parse(from).power_to(&Unit::parse(to))
    }

    #[test]
    fn scale_words_convert_by_powers_of_ten() {
        assert_eq!(power("件", "万件"), Some(-4));
        assert_eq!(power("万件", "件"), Some(4));
        assert_eq!(power("亿元", "万元"), Some(4));
        assert_eq!(power("千万元", "亿元"), Some(-1));
        assert_eq!(power("万", "万件"), Some(0));
        assert_eq!(power("（万件）", "万件"), Some(0));
        assert_eq!(power("%", "％"), Some(0));
        assert_eq!(power("", "件"), Some(0));
    }

    #[test]
    fn different_things_do_not_convert() {
        assert_eq!(power("元", "件"), None);
        assert_eq!(power("%", "件"), None);
        assert_eq!(power("件", "%"), None);
        assert_eq!(power("万", "%"), None);
        assert_eq!(power("天", "家"), None);
    }

    #[test]
    fn a_scale_word_in_the_cell_scales_the_column_unit() {
        let cell = Unit::parse("万").over(&Unit::parse("件"));
        assert_eq!(cell, Unit::parse("万件"));
        let cell = Unit::parse("亿元").over(&Unit::parse("万元"));
        assert_eq!(cell, Unit::parse("亿元"));
        assert!(Unit::parse(" ").is_none());
    }
}
