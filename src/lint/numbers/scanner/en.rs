//! English numbers: digits with scale words and suffixes (`1.2 million`, `350m`, `20k`),
//! percentages (`60 per cent`, `3.2 percentage points`), ordinals (`14th`, `No. 12`), rate
//! bases (`per ten thousand`), and numbers in words (`twenty-four`, `three hundred and five`,
//! `a dozen`), except in set phrases (`five-year plan`, `two-way`).

use super::{Digits, Lang, Q, Scanner, Step, is_power_of_ten, scaled};
use crate::lint::numbers::chars::skip_spaces;
use crate::lint::numbers::words::{cardinal, month, ordinal_word, starts_word_number};
use crate::lint::numbers::{Kind, Unit, Written};

impl Scanner<'_> {
    /// What an English text states at `i`, the character `c`, where no digit starts: a number
    /// in words, a date with a month's name or the base of a rate.
    pub(super) fn en_word_step(&self, i: usize, c: char) -> Option<Step> {
        if c.is_ascii_alphabetic() && !self.before(i).is_ascii_alphabetic() {
            let w = self.ascii_word(i);
            let lower = w.lower();
            let skip = Step {
                qs: Vec::new(),
                next: i + w.len(),
            };
            if lower.as_str() == "per"
                && let Some(step) = self.en_per_base(i)
            {
                return Some(step);
            }
            // Most words state no number: only these can start one (see `en_words`).
            if !starts_word_number(&w, &lower) {
                return Some(skip);
            }
            return Some(match self.en_single(i) {
                Some(q) => self.with_range(q, Lang::En),
                None => skip,
            });
        }
        None
    }

    /// One number in English text at `i`: digits (with sign) or words.
    pub(super) fn en_single(&self, i: usize) -> Option<Q> {
        if self.c(i).is_ascii_alphabetic() {
            return self.en_words(i);
        }
        let (sign, d, lit) = match self.digits(i)? {
            Digits::Token(q) => return Some(q),
            Digits::Literal { sign, d, lit } => (sign, d, lit),
        };
        let j = lit.end;
        let suffix = self.ascii_word(j);
        if matches!(&*suffix, "st" | "nd" | "rd" | "th") {
            let end = j + 2;
            if lit.plain_int()
                && let Some(q) = self.en_day_month(i, lit.value, end)
            {
                return Some(q);
            }
            if !lit.plain_int() || lit.value == 1.0 {
                return Some(Q::ignored(i, end));
            }
            return Some(Q {
                kind: Kind::Ordinal,
                ..Q::number(lit.value, 1.0, i, end, Written::Digits)
            });
        }
        if !suffix.is_empty() {
            return Some(self.glued_suffix(i, d, &lit, sign));
        }
        let (scale, scale_end) = self.en_scale(j);
        let has_scale = scale_end > j;
        let mut q = Q::scaled_literal(&lit, sign, scale, has_scale, i, scale_end);
        if let Some((kind, end)) = self.en_percent(q.end) {
            q.kind = kind;
            q.end = end;
            return Some(q);
        }
        if q.plain_int {
            if let Some(date) = self.en_day_month(i, lit.value, j) {
                return Some(date);
            }
            if lit.int_digits == 4 && (1000.0..=2999.0).contains(&lit.value) {
                q.kind = Kind::Year;
            }
            q.unit = self.en_time_unit(q.end);
            // `No. 12` is how English writes `第12号`; `No. 1` is `一号` (`No. 1 Document`).
            if matches!(self.word_before(i).as_str(), "no" | "number" | "nos") {
                if lit.value <= 1.0 {
                    return Some(Q::ignored(i, q.end));
                }
                q.kind = Kind::Ordinal;
            }
        }
        Some(q)
    }

    /// The ASCII word before `i` (lower case), skipping spaces and a full stop: `No. 5` → `no`.
    pub(super) fn word_before(&self, i: usize) -> String {
        let mut b = i;
        while b > 0 && self.c(b - 1) == ' ' {
            b -= 1;
        }
        if b > 0 && self.c(b - 1) == '.' {
            b -= 1;
        }
        let mut word: Vec<char> = self.chs[..b]
            .iter()
            .rev()
            .take_while(|c| c.c.is_ascii_alphabetic())
            .map(|c| c.c.to_ascii_lowercase())
            .collect();
        word.reverse();
        word.into_iter().collect()
    }

    /// A scale word after a number: `thousand`, `million`, `billion`, `trillion`, `bn`, `mn`.
    fn en_scale(&self, j: usize) -> (f64, usize) {
        let k = skip_spaces(&self.chs, j);
        if k > j + 1 {
            return (1.0, j);
        }
        let w = self.ascii_word(k);
        let scale = match w.lower().as_str() {
            "thousand" => 1e3,
            "million" | "mn" => 1e6,
            "billion" | "bn" => 1e9,
            "trillion" => 1e12,
            _ => return (1.0, j),
        };
        (scale, k + w.len())
    }

    /// `%`, `per cent`, `percent`, `percentage point(s)`, `pp` after a number ending at `j`.
    fn en_percent(&self, j: usize) -> Option<(Kind, usize)> {
        let k = skip_spaces(&self.chs, j);
        if self.c(k) == '%' && k <= j + 1 {
            return Some((Kind::Percent, k + 1));
        }
        if k != j + 1 {
            return None;
        }
        let w = self.ascii_word(k).lower();
        match w.as_str() {
            "percent" | "pct" => Some((Kind::Percent, k + w.len())),
            "per" => {
                let c = skip_spaces(&self.chs, k + 3);
                (c == k + 4 && self.ascii_word(c).eq_ignore_ascii_case("cent"))
                    .then_some((Kind::Percent, c + 4))
            }
            "pp" | "ppt" | "ppts" => Some((Kind::PercentagePoint, k + w.len())),
            "percentage" => {
                let c = k + w.len();
                let c2 = if matches!(self.c(c), ' ' | '-') {
                    c + 1
                } else {
                    return None;
                };
                let p = self.ascii_word(c2).lower();
                matches!(p.as_str(), "point" | "points")
                    .then_some((Kind::PercentagePoint, c2 + p.len()))
            }
            _ => None,
        }
    }

    /// Words at `i`: a month date (`March 10, 2023`), a number in words (`twenty-four`, `ten
    /// thousand`, `a dozen`), an ordinal (`third`).
    fn en_words(&self, i: usize) -> Option<Q> {
        let w = self.ascii_word(i);
        if let Some(m) = month(&w) {
            return self.en_month_date(i, &w, m);
        }
        let lower = w.lower();
        if matches!(lower.as_str(), "a" | "an") {
            let k = i + w.len();
            let n = skip_spaces(&self.chs, k);
            let next = self.ascii_word(n).lower();
            if n == k + 1
                && matches!(
                    next.as_str(),
                    "hundred" | "thousand" | "million" | "billion" | "dozen"
                )
            {
                return self.en_words_from(n, i);
            }
            return None;
        }
        // A bare `thousand` or `million` is a unit (`thousand cases`), not a number.
        if matches!(
            lower.as_str(),
            "hundred" | "thousand" | "million" | "billion" | "dozen"
        ) {
            return None;
        }
        self.en_words_from(i, i)
    }

    fn en_words_from(&self, i: usize, start: usize) -> Option<Q> {
        let parsed = self.word_number(i)?;
        if self.in_quote(i) || self.en_set_phrase(parsed.end, parsed.value, parsed.ordinal) {
            return Some(Q::ignored(start, parsed.end));
        }
        if parsed.fraction || parsed.value == 1 {
            return Some(Q::ignored(start, parsed.end));
        }
        let value = parsed.value as f64;
        if parsed.ordinal {
            return Some(Q {
                kind: Kind::Ordinal,
                ..Q::number(value, 1.0, start, parsed.end, Written::Words)
            });
        }
        let mut q = Q::number(value, 1.0, start, parsed.end, Written::Words);
        if let Some((kind, end)) = self.en_percent(parsed.end) {
            q.kind = kind;
            q.end = end;
        } else {
            q.unit = self.en_time_unit(parsed.end);
        }
        Some(q)
    }

    /// The time unit of a duration after a number ending at `j`: `days`, `working days`,
    /// `-week`, `months`, `years`, `hours`.
    fn en_time_unit(&self, j: usize) -> Option<Unit> {
        if !matches!(self.c(j), ' ' | '-') {
            return None;
        }
        let mut k = j + 1;
        let w = self.ascii_word(k).lower();
        if matches!(w.as_str(), "working" | "business" | "calendar" | "full")
            && self.c(k + w.len()) == ' '
        {
            k += w.len() + 1;
        }
        let w = self.ascii_word(k).lower();
        match w.as_str() {
            "hour" | "hours" => Some(Unit::Hour),
            "day" | "days" => Some(Unit::Day),
            "week" | "weeks" => Some(Unit::Week),
            "month" | "months" => Some(Unit::Month),
            "year" | "years" => Some(Unit::Year),
            _ => None,
        }
    }

    /// English set phrases with a number word that is not a quantity.
    fn en_set_phrase(&self, end: usize, value: u64, ordinal: bool) -> bool {
        let rest: String = self.chs[end.min(self.chs.len())..]
            .iter()
            .take(16)
            .map(|c| c.c.to_ascii_lowercase())
            .collect();
        (value == 5 && rest.starts_with("-year plan"))
            || (ordinal && value == 2 && rest.starts_with("-hand"))
            || (ordinal && value == 3 && (rest.starts_with("-part") || rest.starts_with(" part")))
            || (value == 2 && rest.starts_with("-way"))
    }

    /// `per ten thousand`, `per 10,000`, `per hundred`: the base of a rate (see
    /// [`Scanner::zh_per_base`]).
    fn en_per_base(&self, i: usize) -> Option<Step> {
        let k = skip_spaces(&self.chs, i + 3);
        if k != i + 4 {
            return None;
        }
        let (value, end) = if let Some(lit) = self.literal(k) {
            let (scale, e) = self.en_scale(lit.end);
            (scaled(lit.value, scale), e)
        } else {
            let k = if self.word_at(k, "a") {
                skip_spaces(&self.chs, k + 1)
            } else {
                k
            };
            let parsed = self.word_number(k)?;
            (parsed.value as f64, parsed.end)
        };
        is_power_of_ten(value).then_some(Step {
            qs: vec![Q::ignored(i, end)],
            next: end,
        })
    }

    /// A number in English words at `i` (`twenty-four`, `three hundred and five`, `ten
    /// thousand`, `dozen`, `third`).
    fn word_number(&self, i: usize) -> Option<WordNumber> {
        let mut total: u64 = 0;
        let mut current: u64 = 0;
        let mut any = false;
        let mut end = i;
        let mut k = i;
        let mut ordinal = false;
        let mut fraction = false;
        loop {
            if self.before(k).is_ascii_alphabetic() {
                break;
            }
            let w = self.ascii_word(k);
            if w.is_empty() {
                break;
            }
            let lower = w.lower();
            let n = w.len();
            if let Some(v) = cardinal(&lower) {
                if v < 100
                    && !current.is_multiple_of(100)
                    && (v >= 10 || !current.is_multiple_of(10))
                {
                    break; // `two three`: two numbers, not one
                }
                current = current.saturating_add(v);
            } else if let Some(v) = ordinal_word(&lower) {
                if !any {
                    current = v;
                } else if current >= 20 && current.is_multiple_of(10) && v < 10 {
                    current = current.saturating_add(v); // `twenty-third`
                } else {
                    fraction = true; // `two thirds`, `one third`
                }
                ordinal = true;
                any = true;
                end = k + n;
                break;
            } else if let Some(scaled) = scale_word(&lower, total, current) {
                (total, current) = scaled;
            } else if lower.as_str() == "and"
                && any
                && self.word_number_continues(k + n)
                && current.is_multiple_of(100)
            {
                k = skip_spaces(&self.chs, k + n);
                continue;
            } else {
                break;
            }
            any = true;
            end = k + n;
            // Number words continue after a space or a hyphen.
            let sep = self.c(end);
            if sep == '-' || sep == ' ' {
                k = end + 1;
            } else {
                break;
            }
        }
        any.then_some(WordNumber {
            value: total.saturating_add(current),
            end,
            ordinal,
            fraction,
        })
    }

    fn word_number_continues(&self, k: usize) -> bool {
        let n = skip_spaces(&self.chs, k);
        let w = self.ascii_word(n).lower();
        cardinal(&w).is_some()
    }
}

/// `(total, current)` of a number in words after the scale word `w` (`hundred`, `thousand`,
/// `million`, `billion`, `dozen`), from the completed groups `total` and the `current` group
/// below them; `None` when `w` is not a scale word. Saturating: `one hundred hundred hundred …`
/// must not overflow.
fn scale_word(w: &str, total: u64, current: u64) -> Option<(u64, u64)> {
    let group = |size: u64| (total.saturating_add(current.max(1).saturating_mul(size)), 0);
    Some(match w {
        "hundred" => (total, current.max(1).saturating_mul(100)),
        "thousand" => group(1_000),
        "million" => group(1_000_000),
        "billion" => group(1_000_000_000),
        "dozen" => (total, current.max(1).saturating_mul(12)),
        _ => return None,
    })
}

struct WordNumber {
    value: u64,
    end: usize,
    ordinal: bool,
    fraction: bool,
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::Kind;
    use crate::lint::numbers::test_support::{en, values};

    #[test]
    fn english_scale_words_and_suffixes() {
        assert_eq!(values(&en("1.2 million")), [1_200_000.0]);
        assert_eq!(
            values(&en("20 billion yuan, 3 thousand, 1.5 trillion")),
            [2e10, 3e3, 1.5e12]
        );
        assert_eq!(
            values(&en("RMB 350m, $2.1bn, 20k, 5 bn, 7 mn")),
            [3.5e8, 2.1e9, 2e4, 5e9, 7e6]
        );
        // Units glued to digits keep the number; other letters make a code.
        assert_eq!(values(&en("2600kg")), [2600.0]);
        assert_eq!(en("5G networks")[0].2, Kind::Code);
    }

    #[test]
    fn english_number_words() {
        // Capitals and full-width letters read as the plain word.
        assert_eq!(values(&en("Three agencies")), [3.0]);
        assert_eq!(values(&en("ｔｈｒｅｅ agencies")), [3.0]);
        assert_eq!(values(&en("ＴＨＲＥＥ Million yuan")), [3e6]);
        assert_eq!(values(&en("three agencies")), [3.0]);
        assert_eq!(values(&en("twelve")), [12.0]);
        assert_eq!(values(&en("twenty-four townships")), [24.0]);
        assert_eq!(values(&en("three hundred and five")), [305.0]);
        assert_eq!(values(&en("two million yuan")), [2e6]);
        assert_eq!(values(&en("a dozen enterprises")), [12.0]);
        assert_eq!(values(&en("ten major events")), [10.0]);
        // `one`, `a`, fractions and bare scale words are not counts.
        assert!(en("one of the cities, a thousand cases").len() == 1);
        assert!(en("one third").is_empty());
        assert!(en("thousand").is_empty());
        assert!(en("the five-year plan").is_empty());
    }
}
