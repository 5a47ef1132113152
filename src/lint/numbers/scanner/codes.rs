//! Codes: tokens compared by their text, not their value. Case and document numbers
//! (`（2023）浙02民初123号`, `〔2024〕6号`), digits glued to letters (`5G`, `COVID-19`, but
//! units such as `5kg` and scales such as `20k` stay numbers), numbers with leading zeros and
//! digit runs too long to be a quantity; `Q3` and `H1` are ordinals.

use super::{Literal, Q, Scanner, Step};
use crate::lint::numbers::chars::{digit_run, is_digit, is_ideograph};
use crate::lint::numbers::{Kind, Written};

impl Scanner<'_> {
    /// A code token around `i`: letters, digits and inner `-/._` (`5G`, `COVID-19`, `GB/T`).
    pub(super) fn code_around(&self, i: usize) -> Q {
        let part = |c: char| c.is_ascii_alphanumeric();
        let joiner = |c: char| matches!(c, '-' | '/' | '.' | '_');
        let mut s = i;
        while s > 0 {
            let b = self.c(s - 1);
            if part(b) || (joiner(b) && s >= 2 && part(self.c(s - 2))) {
                s -= 1;
            } else {
                break;
            }
        }
        let mut e = i;
        loop {
            let c = self.c(e);
            if part(c) || (joiner(c) && part(self.c(e + 1))) {
                e += 1;
            } else {
                break;
            }
        }
        let e = e.max(i + 1);
        // `Q3`, `H1`: a quarter or a half, which Chinese writes as an ordinal (`第三季度`).
        let token: String = (s..e).map(|k| self.c(k)).collect();
        if let [p @ ('Q' | 'H'), d @ '1'..='4'] = token.chars().collect::<Vec<_>>()[..] {
            let n = f64::from(d.to_digit(10).unwrap_or(0));
            if n <= 1.0 || (p == 'H' && n > 2.0) {
                return Q::ignored(s, e);
            }
            return Q {
                kind: Kind::Ordinal,
                ..Q::number(n, 1.0, s, e, Written::Digits)
            };
        }
        Q::of_kind(Kind::Code, 0.0, s, e)
    }

    /// Digits glued to a letter before them (`A320`, `COVID-19`) are part of a code.
    pub(super) fn glued_to_letter(&self, i: usize) -> bool {
        let b = self.before(i);
        b.is_ascii_alphabetic()
            || (matches!(b, '-' | '/' | '_') && i >= 2 && self.c(i - 2).is_ascii_alphabetic())
    }

    /// A number with leading zeros (`0574-12345678`, `02`) or too many digits: compared by text.
    pub(super) fn digit_code(&self, i: usize) -> Q {
        let mut e = i;
        loop {
            let c = self.c(e);
            if is_digit(c) || (c == '-' && is_digit(self.c(e + 1))) {
                e += 1;
            } else {
                break;
            }
        }
        Q::of_kind(Kind::Code, 0.0, i, e.max(i + 1))
    }

    /// A bracketed year followed by a serial number up to `号`: a case number
    /// (`（2023）浙02民初123号`) or a document number (`甬政办发〔2024〕6号`).
    pub(super) fn bracketed_code(&self, i: usize) -> Option<Step> {
        let close = match self.c(i) {
            '(' => ')',
            '[' => ']',
            '〔' => '〕',
            '【' => '】',
            _ => return None,
        };
        if digit_run(&self.chs, i + 1) != 4 || self.c(i + 5) != close {
            return None;
        }
        let mut j = i + 6;
        while j < i + 30 {
            let c = self.c(j);
            if c == '号' {
                return Some(Step {
                    qs: vec![Q::of_kind(Kind::Code, 0.0, i, j + 1)],
                    next: j + 1,
                });
            }
            if !(is_ideograph(c) || c.is_ascii_alphanumeric()) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Digits followed directly by letters: a unit (`5kg`, `2600kg`) or a code (`5G`).
    pub(super) fn glued_suffix(&self, i: usize, d: usize, lit: &Literal, sign: f64) -> Q {
        let j = lit.end;
        let w = self.ascii_word(j);
        let scale = match &*w {
            "k" => Some(1e3),
            "m" | "mn" if self.c(j + w.len()) != '²' => Some(1e6),
            "bn" => Some(1e9),
            _ => None,
        };
        if let Some(scale) = scale {
            return Q::scaled_literal(lit, sign, scale, true, i, j + w.len());
        }
        if is_unit_abbreviation(&w) {
            let mut q = Q::number(sign * lit.value, lit.precision(), i, j, Written::Digits);
            q.plain_int = lit.plain_int();
            return q;
        }
        self.code_around(d)
    }
}

fn is_unit_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "kg" | "km"
            | "g"
            | "t"
            | "mm"
            | "cm"
            | "ha"
            | "h"
            | "hrs"
            | "min"
            | "s"
            | "sec"
            | "mu"
            | "x"
            | "GB"
            | "MB"
            | "TB"
            | "KB"
            | "kW"
            | "MW"
            | "GW"
            | "kWh"
            | "yrs"
            | "pcs"
            | "sqm"
    )
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::Kind;
    use crate::lint::numbers::test_support::{agree, disagree, zh};

    #[test]
    fn case_and_document_numbers_are_opaque() {
        assert_eq!(zh("（2023）浙02民初123号")[0].2, Kind::Code);
        assert_eq!(zh("甬政办发〔2024〕6号")[0].2, Kind::Code);
        agree("见（2023）浙02民初123号", "see (2023)浙02民初123号");
        agree("甬政办发〔2024〕6号", "Yong Zheng Ban Fa [2024] No. 6");
        agree(
            "（2023）浙0212民初1234号",
            "(2023) Zhe 0212 Min Chu No. 1234",
        );
        disagree(
            "（2024）浙02知民初218号",
            "(2024) Zhe 02 Zhi Min Chu No. 281",
            &["218"],
            &["281"],
        );
        agree("电话：0574-87654321", "Tel: 0574-87654321");
    }
}
