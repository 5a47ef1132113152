//! Decimal numbers for imported values.
//!
//! A bureau's `63.18万件` goes into an indicator counted in `件` as `631800`, and `631800件`
//! into one counted in `万件` as `63.18`. Every unit conversion is a power of ten, which is
//! exact in decimal and inexact in binary (`631800.0 / 10000.0` is `63.18` only by luck of
//! rounding, `0.1 * 3.0` is `0.30000000000000004`), so values are kept as digits and a decimal
//! exponent until they are written as text.

use std::cmp::Ordering;
use std::fmt;

/// `mantissa × 10^-scale`, with no trailing zeros after the point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Digits a value may have, significant and after the point: more than any statistic (Excel
/// keeps 15), and few enough that two values brought to one scale, at most 36 digits, fit
/// the 38 of an `i128` (so comparing and subtracting never overflow).
const MAX_DIGITS: usize = 18;

/// Excel keeps 15 significant digits and shows a number with at most that many; a formula
/// cell's binary result (`0.30000000000000004`) is read as what the editor saw (`0.3`).
const EXCEL_DIGITS: usize = 15;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    fn normalized(mut mantissa: i128, mut scale: u32) -> Decimal {
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        if mantissa == 0 {
            scale = 0;
        }
        Decimal { mantissa, scale }
    }

    /// Parses plain decimal digits: an optional `-`, digits, an optional `.` and digits
    /// (`48715`, `-3.5`, `.5`). `None` for anything else or for too many digits.
    pub fn parse(text: &str) -> Option<Decimal> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return None;
        }
        // `1.500` is `1.5`: trailing zeros count against no limit.
        let fraction = fraction.trim_end_matches('0');
        let significant = format!("{whole}{fraction}");
        let significant = significant.trim_start_matches('0');
        if significant.len() > MAX_DIGITS || fraction.len() > MAX_DIGITS {
            return None;
        }
        let mantissa: i128 = if significant.is_empty() {
            0
        } else {
            significant.parse().ok()?
        };
        let mantissa = if negative { -mantissa } else { mantissa };
        Some(Decimal::normalized(mantissa, fraction.len() as u32))
    }

    /// A number cell's value as Excel shows it in the General format: rounded to 15
    /// significant digits.
    pub fn from_cell(value: f64) -> Option<Decimal> {
        if !value.is_finite() {
            return None;
        }
        // `{:e}` with 14 digits after the point is 15 significant digits, e.g. `6.31800000000000e5`.
        let text = format!("{:.*e}", EXCEL_DIGITS - 1, value);
        let (digits, exponent) = text.split_once('e')?;
        let exponent: i32 = exponent.parse().ok()?;
        let d = Decimal::parse(digits)?;
        d.times_ten_to(exponent)
    }

    /// The value of a YAML number as the loader read it (for values written in forms other
    /// than plain digits, such as `1e3`).
    pub fn from_yaml_number(value: f64) -> Option<Decimal> {
        if !value.is_finite() {
            return None;
        }
        // Rust prints the shortest text that reads back as the same binary number.
        Decimal::parse(&format!("{value}"))
    }

    /// `self × 10^power`, exact; `None` when the result has more digits than a value may.
    pub fn times_ten_to(self, power: i32) -> Option<Decimal> {
        let (mut mantissa, mut scale) = (self.mantissa, i64::from(self.scale) - i64::from(power));
        while scale < 0 {
            mantissa = mantissa.checked_mul(10)?;
            scale += 1;
        }
        let result = Decimal::normalized(mantissa, u32::try_from(scale).ok()?);
        (result.digit_count() <= MAX_DIGITS && result.scale as usize <= MAX_DIGITS)
            .then_some(result)
    }

    fn digit_count(self) -> usize {
        self.mantissa.unsigned_abs().to_string().len()
    }

    /// Both values with the same scale.
    fn aligned(self, other: Decimal) -> (i128, i128, u32) {
        let scale = self.scale.max(other.scale);
        let widen = |d: Decimal| d.mantissa * 10i128.pow(scale - d.scale);
        (widen(self), widen(other), scale)
    }

    pub fn minus(self, other: Decimal) -> Decimal {
        let (a, b, scale) = self.aligned(other);
        Decimal::normalized(a - b, scale)
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub fn to_f64(self) -> f64 {
        // Parsing the decimal text rounds correctly, where dividing by a power of ten may not.
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        let (a, b, _) = self.aligned(*other);
        a.cmp(&b)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn parses_and_prints_plain_digits() {
        for (text, shown) in [
            ("48715", "48715"),
            ("63.18", "63.18"),
            ("63.180", "63.18"),
            ("-3.5", "-3.5"),
            (".5", "0.5"),
            ("0.05", "0.05"),
            ("007", "7"),
            ("-0", "0"),
            ("0.000", "0"),
        ] {
            assert_eq!(d(text).to_string(), shown, "{text}");
        }
        for bad in ["", ".", "-", "1.2.3", "1e3", "12a", "+1", "1 2"] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
        assert_eq!(Decimal::parse(&"9".repeat(19)), None);
        assert_eq!(Decimal::parse(&format!("0.{}1", "0".repeat(18))), None);
        assert_eq!(d(&format!("1.{}", "0".repeat(30))).to_string(), "1");
    }

    #[test]
    fn powers_of_ten_are_exact() {
        assert_eq!(d("631800").times_ten_to(-4).unwrap().to_string(), "63.18");
        assert_eq!(d("63.18").times_ten_to(4).unwrap().to_string(), "631800");
        assert_eq!(d("1.2").times_ten_to(4).unwrap().to_string(), "12000");
        assert_eq!(d("3").times_ten_to(-8).unwrap().to_string(), "0.00000003");
        assert_eq!(d("63.18").to_f64(), 63.18);
    }

    #[test]
    fn cells_read_as_excel_shows_them() {
        assert_eq!(Decimal::from_cell(0.1 + 0.2).unwrap().to_string(), "0.3");
        assert_eq!(Decimal::from_cell(48715.0).unwrap().to_string(), "48715");
        assert_eq!(Decimal::from_cell(63.18).unwrap().to_string(), "63.18");
        assert_eq!(Decimal::from_cell(-0.001).unwrap().to_string(), "-0.001");
        assert_eq!(Decimal::from_cell(0.0).unwrap().to_string(), "0");
        assert_eq!(Decimal::from_cell(f64::NAN), None);
        assert_eq!(Decimal::from_yaml_number(1e3).unwrap().to_string(), "1000");
    }

    #[test]
    fn differences_and_order() {
        assert_eq!(d("9812").minus(d("9650")).to_string(), "162");
        assert_eq!(d("21.58").minus(d("21.5")).to_string(), "0.08");
        assert_eq!(d("1").minus(d("1.25")).to_string(), "-0.25");
        assert!(d("2.5") > d("2.45"));
        // The widest values there may be, brought to one scale.
        let big = d(&"9".repeat(18));
        let small = d(&format!("0.{}", "9".repeat(18)));
        assert!(big > small);
        assert_eq!(small.minus(big).to_string().len(), 38);
        assert_eq!(d("21.50"), d("21.5"));
    }
}
