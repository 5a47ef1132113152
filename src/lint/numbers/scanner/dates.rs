//! Dates and times: ISO dates (`2023-03-10`), `4·26`, times of day (`9:00`), Chinese dates
//! (`2023年3月10日`, `三月`), English dates (`10 March 2023`, `March 10, 2023`), and how a
//! [`Kind::Date`] value encodes its parts (`yyyymmdd`, 0 for a part not stated).

use super::{Literal, Q, Scanner, Step};
use crate::lint::numbers::chars::{digit_run, is_digit, skip_spaces, zh_numeral_run};
use crate::lint::numbers::words::month;
use crate::lint::numbers::{Kind, Written};

/// The value of a [`Kind::Date`]: `yyyymmdd`, with 0 for a part not stated.
pub(super) fn encode_date(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> f64 {
    f64::from(y.unwrap_or(0)) * 10_000.0
        + f64::from(m.unwrap_or(0)) * 100.0
        + f64::from(d.unwrap_or(0))
}

/// The parts of a [`Kind::Date`] value, each `None` when it is not stated.
pub(in crate::lint::numbers) fn decode_date(v: f64) -> (Option<u32>, Option<u32>, Option<u32>) {
    let v = if v.is_finite() && v > 0.0 {
        v as u64
    } else {
        0
    };
    let part = |x: u64| u32::try_from(x).ok().filter(|&x| x != 0);
    (part(v / 10_000), part(v / 100 % 100), part(v % 100))
}

impl Scanner<'_> {
    /// `2023-03-10`, `2023/3/10`, `2023.03.10`.
    pub(super) fn iso_date(&self, i: usize) -> Option<Q> {
        if digit_run(&self.chs, i) != 4 {
            return None;
        }
        let sep = self.c(i + 4);
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let m_len = digit_run(&self.chs, i + 5);
        if !(1..=2).contains(&m_len) || self.c(i + 5 + m_len) != sep {
            return None;
        }
        let d_start = i + 6 + m_len;
        let d_len = digit_run(&self.chs, d_start);
        if !(1..=2).contains(&d_len) {
            return None;
        }
        let y = self.int(i, 4)?;
        let m = self.int(i + 5, m_len)?;
        let d = self.int(d_start, d_len)?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        Some(Q::date(Some(y), Some(m), Some(d), i, d_start + d_len))
    }

    /// `9:00` (minutes after midnight).
    pub(super) fn time_at(&self, i: usize, lit: &Literal) -> Option<Q> {
        let j = lit.end;
        if !lit.plain_int()
            || lit.int_digits > 2
            || self.c(j) != ':'
            || digit_run(&self.chs, j + 1) != 2
        {
            return None;
        }
        let h = lit.value;
        let m = f64::from(self.int(j + 1, 2)?);
        if h > 24.0 || m >= 60.0 {
            return None;
        }
        Some(Q::of_kind(Kind::Time, h * 60.0 + m, i, j + 3))
    }

    /// `4·26` (World IP Day, 26 April). Mistyped as `4.26` or `4-26` it is still the day when
    /// the week or the day follows (`4.26知识产权宣传周`): the typography warning W0106 reports
    /// the spelling, so the translation must not be blamed for it too.
    pub(super) fn dot_date(&self, i: usize, lit: &Literal) -> Option<Q> {
        let followed_by_the_day = |k: usize| {
            let after: String = (k..k + 4).map(|x| self.c(x)).collect();
            [
                "知识产权",
                "宣传",
                "世界",
                "期间",
                "活动",
                "当天",
                "前后",
                "主题",
            ]
            .iter()
            .any(|w| after.starts_with(w))
        };
        // `4.26` reads as a decimal literal.
        if lit.decimals == 2 && lit.int_digits == 1 && (lit.value - 4.26).abs() < 1e-9 {
            return followed_by_the_day(lit.end)
                .then(|| Q::date(None, Some(4), Some(26), i, lit.end));
        }
        let j = lit.end;
        let d_len = digit_run(&self.chs, j + 1);
        if !lit.plain_int() || !(1..=2).contains(&d_len) {
            return None;
        }
        let m = lit.value as u32;
        let d = self.int(j + 1, d_len)?;
        let mistyped = m == 4 && d == 26 && self.c(j) == '-' && followed_by_the_day(j + 1 + d_len);
        if self.c(j) != '·' && !mistyped {
            return None;
        }
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        Some(Q::date(None, Some(m), Some(d), i, j + 1 + d_len))
    }

    /// `2023年`, `2023年3月`, `2023年3月10日`; `j` is just after `年`.
    pub(super) fn zh_year(&self, i: usize, year: u32, j: usize) -> Q {
        let m_len = digit_run(&self.chs, j);
        if (1..=2).contains(&m_len)
            && self.c(j + m_len) == '月'
            && let Some(m) = self.int(j, m_len).filter(|m| (1..=12).contains(m))
        {
            return self.zh_month_day(i, Some(year), m, j + m_len + 1);
        }
        let mut q = Q::of_kind(Kind::Year, f64::from(year), i, j);
        q.plain_int = true;
        q.raw = f64::from(year);
        q
    }

    /// A month (and day) of a date; `j` is just after `月`.
    pub(super) fn zh_month_day(&self, i: usize, year: Option<u32>, month: u32, j: usize) -> Q {
        let d_len = digit_run(&self.chs, j);
        if (1..=2).contains(&d_len)
            && matches!(self.c(j + d_len), '日' | '号')
            && let Some(d) = self.int(j, d_len).filter(|d| (1..=31).contains(d))
        {
            return Q::date(year, Some(month), Some(d), i, j + d_len + 1);
        }
        let z = zh_numeral_run(&self.chs, j);
        if z > 0
            && matches!(self.c(j + z), '日' | '号')
            && let Some(d) = self.zh_value(j, z).filter(|d| (1..=31).contains(d))
        {
            return Q::date(year, Some(month), u32::try_from(d).ok(), i, j + z + 1);
        }
        Q::date(year, Some(month), None, i, j)
    }

    pub(super) fn zh_numeral_month(&self, i: usize, month: u32, j: usize) -> Step {
        let j = if self.c(j) == '份' { j + 1 } else { j };
        let mut q = self.zh_month_day(i, None, month, j);
        q.written = Written::Words;
        Step {
            next: q.end,
            qs: vec![q],
        }
    }

    /// `10 March`, `10 March 2023`, `10th of March`: `j` is just after the day.
    pub(super) fn en_day_month(&self, i: usize, day: f64, j: usize) -> Option<Q> {
        if !(1.0..=31.0).contains(&day) {
            return None;
        }
        let mut k = skip_spaces(&self.chs, j);
        if k == j {
            return None;
        }
        if self.word_at(k, "of") {
            k = skip_spaces(&self.chs, k + 2);
        }
        let w = self.ascii_word(k);
        let m = month(&w)?;
        let mut end = k + w.len();
        if self.c(end) == '.' && w.len() <= 4 {
            end += 1;
        }
        let year = self.year_after(end);
        let end = year.map_or(end, |(_, e)| e);
        Some(Q::date(
            year.map(|(y, _)| y),
            Some(m),
            Some(day as u32),
            i,
            end,
        ))
    }

    /// A four-digit year after a space (and an optional comma) at `j`.
    fn year_after(&self, j: usize) -> Option<(u32, usize)> {
        let j = if self.c(j) == ',' { j + 1 } else { j };
        let k = skip_spaces(&self.chs, j);
        if k == j || digit_run(&self.chs, k) != 4 || self.c(k + 4).is_ascii_alphanumeric() {
            return None;
        }
        let y = self.int(k, 4)?;
        (1000..=2999).contains(&y).then_some((y, k + 4))
    }

    /// `March`, `March 10`, `March 10, 2023`, `March 2023` (`May` only with a day or year).
    pub(super) fn en_month_date(&self, i: usize, w: &str, m: u32) -> Option<Q> {
        let mut end = i + w.len();
        if self.c(end) == '.' && w.len() <= 4 {
            end += 1;
        }
        let k = skip_spaces(&self.chs, end);
        if k > end {
            let d_len = digit_run(&self.chs, k);
            let suffix = self.ascii_word(k + d_len);
            let ordinal = matches!(&*suffix, "st" | "nd" | "rd" | "th");
            // Not `March 10.5` or `March 10:30`.
            let next = self.c(k + d_len);
            let day_like = (1..=2).contains(&d_len)
                && (suffix.is_empty() || ordinal)
                && !(matches!(next, '.' | ',' | ':') && is_digit(self.c(k + d_len + 1)));
            if day_like && let Some(d) = self.int(k, d_len).filter(|d| (1..=31).contains(d)) {
                let e = k + d_len + if ordinal { 2 } else { 0 };
                let year = self.year_after(e);
                let e = year.map_or(e, |(_, e)| e);
                return Some(Q::date(year.map(|(y, _)| y), Some(m), Some(d), i, e));
            }
            if let Some((y, e)) = self.year_after(end) {
                return Some(Q::date(Some(y), Some(m), None, i, e));
            }
        }
        // `May` alone is a month only after a word that introduces a time (`in May`).
        let may_ok = w != "May" || {
            matches!(
                self.word_before(i).as_str(),
                "in" | "since"
                    | "from"
                    | "until"
                    | "till"
                    | "to"
                    | "by"
                    | "during"
                    | "of"
                    | "early"
                    | "late"
                    | "mid"
                    | "end"
                    | "and"
                    | "or"
                    | "between"
                    | "through"
                    | "this"
                    | "last"
                    | "next"
                    | "on"
                    | "before"
                    | "after"
            )
        };
        may_ok.then(|| Q::date(None, Some(m), None, i, end))
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::Kind;
    use crate::lint::numbers::extract_zh;
    use crate::lint::numbers::test_support::{agree, disagree, en, values, zh};

    #[test]
    fn dates_in_every_format() {
        let date = 20230310.0;
        assert_eq!(values(&zh("2023年3月10日")), [date]);
        assert_eq!(values(&en("10 March 2023")), [date]);
        assert_eq!(values(&en("March 10, 2023")), [date]);
        assert_eq!(values(&en("2023-03-10")), [date]);
        assert_eq!(values(&en("the 10th of March 2023")), [date]);
        for e in [
            "10 March 2023",
            "March 10, 2023",
            "2023-03-10",
            "10 Mar. 2023",
        ] {
            agree("2023年3月10日", e);
        }
        agree("3月10日", "10 March");
        agree("2023年3月10日", "on 10 March"); // a part left out is not a contradiction
        agree("2023年3月", "March 2023");
        agree("4·26", "26 April");
        agree("4.26知识产权宣传周", "the 4·26 IP publicity week");
        agree("4-26宣传周", "the 4·26 publicity week");
        agree("3月10日至12日", "10–12 March");
        agree("1—11月", "January to November");
        agree(
            "5月，市政府印发方案",
            "In May the city government issued the plan",
        );
        // `May` without a date context is the verb.
        assert!(en("May we add").is_empty());
        let m = extract_zh("2023年3月10日").remove(0);
        assert_eq!(m.date_parts(), Some((Some(2023), Some(3), Some(10))));
    }

    #[test]
    fn wrong_dates_and_years_are_flagged() {
        disagree(
            "2023年3月16日",
            "13 March 2023",
            &["2023年3月16日"],
            &["13 March 2023"],
        );
        disagree("12月20日", "20 November", &["12月20日"], &["20 November"]);
        disagree("2023年", "2022", &["2023年"], &["2022"]);
        // Months and days match as dates, never as loose numbers.
        disagree("3月", "3", &["3月"], &["3"]);
        assert_eq!(zh("2023年")[0].2, Kind::Year);
        assert_eq!(en("in 2023")[0].2, Kind::Year);
    }

    #[test]
    fn times_of_day() {
        assert_eq!(values(&zh("上午9:00—12:00")), [540.0, 720.0]);
        agree("下午14:00—17:30", "14:00–17:30");
        disagree("下午14:00—17:30", "14:00–17:00", &["17:30"], &["17:00"]);
    }
}
