//! Ranges: two numbers joined by a connector (`5—7天`, `5至7万元`, `5 to 7 days`, `between 5
//! and 7`), read as two mentions, the low end taking the high end's scale, unit and kind when
//! it has none.

use super::dates::decode_date;
use super::{Lang, Q, Scanner, Step, scaled};
use crate::lint::numbers::chars::{is_digit, run_len, skip_spaces};
use crate::lint::numbers::{Kind, Part};

impl Scanner<'_> {
    /// Parses the range that may follow `a` (`5—7`, `5 to 7`, `between 5 and 7`).
    pub(super) fn with_range(&self, a: Q, lang: Lang) -> Step {
        if a.kind != Kind::Code
            && !a.ignored
            && let Some(b_start) = self.range_connector(&a, lang)
            && let Some(b) = self.single(b_start, lang)
            && !b.ignored
            && let Some((lo, hi)) = join_range(a.clone(), b, lang)
        {
            let next = hi.end;
            return Step {
                qs: vec![lo, hi],
                next,
            };
        }
        let next = a.end;
        Step { qs: vec![a], next }
    }

    /// Where the high end of a range starts, if a range connector follows `a`.
    fn range_connector(&self, a: &Q, lang: Lang) -> Option<usize> {
        let j = a.end;
        let k = skip_spaces(&self.chs, j);
        let after = match self.c(k) {
            '—' => k + run_len(&self.chs, k, '—'),
            '~' => k + 1,
            '-' if k == j => k + 1,
            '至' | '到' if lang == Lang::Zh => k + 1,
            _ if lang == Lang::En && k > j && self.word_at(k, "to") => k + 2,
            _ if lang == Lang::En
                && k > j
                && self.word_at(k, "and")
                && self.between_before(a.start) =>
            {
                k + 3
            }
            _ => return None,
        };
        let b = skip_spaces(&self.chs, after);
        let starts_number = is_digit(self.c(b))
            || (lang == Lang::En && after < b && self.c(b).is_ascii_alphabetic());
        starts_number.then_some(b)
    }

    fn between_before(&self, start: usize) -> bool {
        let mut k = start;
        while k > 0 && self.c(k - 1) == ' ' {
            k -= 1;
        }
        k >= 7 && self.word_at(k - 7, "between")
    }
}

/// Range ends: the low end takes the high end's scale and unit when it has none.
fn join_range(mut a: Q, mut b: Q, lang: Lang) -> Option<(Q, Q)> {
    use Kind::*;
    if b.kind == Code {
        return None;
    }
    if a.kind == Number && !a.explicit_scale && b.explicit_scale && a.raw <= b.raw && a.raw >= 0.0 {
        a.value = scaled(a.raw, b.scale);
        a.precision = scaled(a.precision, b.scale);
        a.scale = b.scale;
        a.explicit_scale = true;
    }
    if a.unit.is_none() {
        a.unit = b.unit;
    }
    if a.kind == Number && matches!(b.kind, Percent | PercentagePoint) {
        a.kind = b.kind;
    }
    if a.kind == Number && b.kind == Year && a.plain_int && (1000.0..=2999.0).contains(&a.raw) {
        a.kind = Year;
    }
    // `1—11月`, `January to November`: the low end is a month too.
    if a.kind == Number
        && a.plain_int
        && (1.0..=12.0).contains(&a.raw)
        && let Some((y, Some(_), None)) = (b.kind == Date).then(|| decode_date(b.value))
    {
        a = Q::date(y, Some(a.raw as u32), None, a.start, a.end);
    }
    // `10–12 March 2023`: the low end is a day of the same month.
    if a.kind == Number
        && a.plain_int
        && (1.0..=31.0).contains(&a.raw)
        && let Some((y, Some(m), Some(_))) = (b.kind == Date).then(|| decode_date(b.value))
    {
        a = Q::date(y, Some(m), Some(a.raw as u32), a.start, a.end);
    }
    // `3月10日至12日`, `March 10–12`: the high end is a day of the same month.
    if a.kind == Date
        && matches!(b.kind, Number | Year)
        && b.plain_int
        && (1.0..=31.0).contains(&b.raw)
        && (b.day_unit || lang == Lang::En)
        && let (y, Some(m), Some(_)) = decode_date(a.value)
    {
        // The day's `日` belongs to the date, as in `3月10日`.
        let end = b.end + usize::from(b.day_unit);
        b = Q::date(y, Some(m), Some(b.raw as u32), b.start, end);
    }
    let compatible = matches!(
        (a.kind, b.kind),
        (Number | Year, Number | Year)
            | (Percent, Percent)
            | (PercentagePoint, PercentagePoint)
            | (Date, Date)
            | (Time, Time)
    );
    if !compatible {
        return None;
    }
    a.part = Part::RangeLow;
    b.part = Part::RangeHigh;
    Some((a, b))
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::test_support::{agree, disagree, en, values, zh};
    use crate::lint::numbers::{Kind, Part, Unit, extract_zh};

    #[test]
    fn ranges_are_two_mentions() {
        for z in [
            "5—7天",
            "5-7天",
            "5至7天",
            "5~7天",
            "5～7天",
            "5——7天",
            "5到7天",
        ] {
            let ms = extract_zh(z);
            assert_eq!(
                ms.iter().map(|m| m.value).collect::<Vec<_>>(),
                [5.0, 7.0],
                "{z}"
            );
            assert_eq!(ms[0].part, Part::RangeLow, "{z}");
            assert_eq!(ms[1].part, Part::RangeHigh, "{z}");
            assert_eq!(ms[1].unit, Some(Unit::Day), "{z}");
            for e in [
                "5–7 days",
                "5 to 7 days",
                "between 5 and 7 days",
                "5-7 days",
            ] {
                agree(z, e);
            }
        }
        disagree("5—7天", "5–10 days", &["7"], &["10"]);
    }

    #[test]
    fn range_low_end_inherits_scale_and_unit() {
        assert_eq!(values(&zh("5至7万元")), [50_000.0, 70_000.0]);
        assert_eq!(values(&en("5 to 7 million")), [5e6, 7e6]);
        assert_eq!(values(&en("between 5 and 7 billion")), [5e9, 7e9]);
        assert_eq!(zh("5—7%")[0].2, Kind::Percent);
        assert_eq!(zh("2024—2026年")[0].2, Kind::Year);
        // A low end larger than the high end keeps its own scale: `50,000 to 7 million`.
        assert_eq!(values(&en("50,000 to 7 million")), [50_000.0, 7e6]);
        agree("5至7万元", "50,000 to 70,000 yuan");
        agree("（2024—2026年）", "(2024–2026)");
    }
}
