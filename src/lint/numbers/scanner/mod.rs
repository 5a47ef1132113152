//! Extraction: the [`Scanner`] walks the prepared characters of one text and reads each number
//! it finds into a [`Mention`]. This file holds the scanner, its main loop and the pieces both
//! languages share (digit literals, signs, words); its submodules read what is particular:
//! `codes` (case numbers, codes, digits glued to letters), `dates` (dates and times), `ranges`
//! (two numbers joined by a connector), `zh` (Chinese numbers, numerals and 万/亿 scales) and
//! `en` (English numbers and number words).

mod codes;
mod dates;
mod en;
mod ranges;
mod zh;

use super::chars::{Ch, MASK, c_at, c_before, is_digit, matches_at, matches_at_ci};
use super::mask::{prepare, short_quotes};
use super::{Kind, Mention, Part, Unit, Written};

pub(super) use dates::decode_date;
use dates::encode_date;

/// The language of a text, which decides the rules it is read by.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Zh,
    En,
}

/// A number being parsed (character indices), before it becomes a [`Mention`].
#[derive(Clone, Debug)]
struct Q {
    kind: Kind,
    value: f64,
    precision: f64,
    /// The literal before scaling, to decide whether a range's low end shares the scale.
    raw: f64,
    scale: f64,
    explicit_scale: bool,
    /// An integer written without grouping or decimals: it can be a year or a day.
    plain_int: bool,
    /// zh: followed by 日 or 号, so it can end a date range (`3月10日至12日`).
    day_unit: bool,
    written: Written,
    part: Part,
    unit: Option<Unit>,
    start: usize,
    end: usize,
    /// Parsed, but not a quantity (`1st`, `第一`): consumed and dropped.
    ignored: bool,
}

impl Q {
    fn number(value: f64, precision: f64, start: usize, end: usize, written: Written) -> Q {
        Q {
            kind: Kind::Number,
            value,
            precision,
            raw: value,
            scale: 1.0,
            explicit_scale: false,
            plain_int: false,
            day_unit: false,
            written,
            part: Part::Single,
            unit: None,
            start,
            end,
            ignored: false,
        }
    }

    /// A number in digits: the literal `lit` with its `sign`, times `scale`; `explicit` when a
    /// scale word or suffix is written (`120万`, `1.2 million`, `20k`).
    fn scaled_literal(
        lit: &Literal,
        sign: f64,
        scale: f64,
        explicit: bool,
        start: usize,
        end: usize,
    ) -> Q {
        let raw = sign * lit.value;
        let mut q = Q::number(
            scaled(raw, scale),
            scaled(lit.precision(), scale),
            start,
            end,
            Written::Digits,
        );
        q.raw = raw;
        q.scale = scale;
        q.explicit_scale = explicit;
        q.plain_int = lit.plain_int() && !explicit && sign > 0.0;
        q
    }

    fn of_kind(kind: Kind, value: f64, start: usize, end: usize) -> Q {
        Q {
            kind,
            ..Q::number(value, 1.0, start, end, Written::Digits)
        }
    }

    fn date(y: Option<u32>, m: Option<u32>, d: Option<u32>, start: usize, end: usize) -> Q {
        Q::of_kind(Kind::Date, encode_date(y, m, d), start, end)
    }

    fn ignored(start: usize, end: usize) -> Q {
        Q {
            ignored: true,
            ..Q::number(0.0, 1.0, start, end, Written::Digits)
        }
    }
}

/// A short ASCII word, without allocating: this is read for every word of English text.
/// Most words are the text's own bytes, so they are borrowed; one written with full-width
/// letters (normalised to ASCII), or put in lower case from capitals, is kept on the stack.
enum AsciiWord<'a> {
    Text(&'a str),
    Copied { buf: [u8; 40], len: usize },
}

impl std::ops::Deref for AsciiWord<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            AsciiWord::Text(text) => text,
            // Only ASCII letters are ever stored.
            AsciiWord::Copied { buf, len } => std::str::from_utf8(&buf[..*len]).unwrap_or(""),
        }
    }
}

impl<'a> AsciiWord<'a> {
    fn as_str(&self) -> &str {
        self
    }

    // Without going through `str`, whose conversion checks the bytes again.
    fn len(&self) -> usize {
        match self {
            AsciiWord::Text(text) => text.len(),
            AsciiWord::Copied { len, .. } => *len,
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The word in lower case: the same word when it has no capital.
    fn lower(&self) -> AsciiWord<'a> {
        match self {
            AsciiWord::Text(text) if !text.bytes().any(|b| b.is_ascii_uppercase()) => {
                AsciiWord::Text(text)
            }
            AsciiWord::Text(text) => {
                let mut buf = [0; 40];
                buf[..text.len()].copy_from_slice(text.as_bytes());
                buf[..text.len()].make_ascii_lowercase();
                AsciiWord::Copied {
                    buf,
                    len: text.len(),
                }
            }
            AsciiWord::Copied { buf, len } => {
                let mut buf = *buf;
                buf[..*len].make_ascii_lowercase();
                AsciiWord::Copied { buf, len: *len }
            }
        }
    }
}

/// A run of digits with optional `,` thousands groups and decimals.
struct Literal {
    value: f64,
    decimals: i32,
    int_digits: usize,
    grouped: bool,
    leading_zero: bool,
    /// More digits than a float holds exactly: a code, not a quantity.
    long: bool,
    end: usize,
}

impl Literal {
    fn plain_int(&self) -> bool {
        self.decimals == 0 && !self.grouped
    }

    fn precision(&self) -> f64 {
        10f64.powi(-self.decimals)
    }
}

/// Digits as far as both languages read them alike (see [`Scanner::digits`]).
enum Digits {
    /// A whole token: a code, a date or a time.
    Token(Q),
    /// A literal for the language to read on, with its sign and where its digits start.
    Literal { sign: f64, d: usize, lit: Literal },
}

/// Parsed numbers and where scanning continues.
struct Step {
    qs: Vec<Q>,
    next: usize,
}

/// One text being read: its prepared characters and where its short quotations are.
pub(super) struct Scanner<'a> {
    text: &'a str,
    chs: Vec<Ch>,
    /// Inside a short quotation (`“两个确保”`, `"two guarantees"`): a set phrase, whose numerals
    /// in words are names, not quantities.
    quoted: Vec<bool>,
}

impl<'a> Scanner<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        // Offsets are kept in 32 bits; a single paragraph or page of 4 GiB is read up to there.
        let mut limit = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let text = &text[..limit];
        let (chs, seen) = prepare(text);
        // Without quotation marks nothing is quoted: `in_quote` reads past the end as false.
        let quoted = if seen.quote {
            short_quotes(&chs)
        } else {
            Vec::new()
        };
        Scanner { text, chs, quoted }
    }

    fn c(&self, i: usize) -> char {
        c_at(&self.chs, i)
    }

    fn before(&self, i: usize) -> char {
        c_before(&self.chs, i)
    }

    fn at(&self, i: usize, s: &str) -> bool {
        matches_at(&self.chs, i, s)
    }

    /// The numbers the text states, in order.
    pub(super) fn run(&self, lang: Lang) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.chs.len() {
            match self.step(i, lang) {
                Some(step) => {
                    out.extend(
                        step.qs
                            .iter()
                            .filter(|q| !q.ignored)
                            .filter_map(|q| self.mention(q)),
                    );
                    i = step.next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// What the text states at `i`: digits (with their sign, and a range they start) in either
    /// language, or what the language writes in words.
    fn step(&self, i: usize, lang: Lang) -> Option<Step> {
        let c = self.c(i);
        if c == MASK {
            return None;
        }
        if let Some(step) = self.bracketed_code(i) {
            return Some(step);
        }
        let (_, d) = self.sign_at(i);
        if is_digit(self.c(d)) && (d > i || !is_digit(self.before(i))) {
            return Some(match self.single(i, lang) {
                Some(q) => self.with_range(q, lang),
                None => self.skip_token(d),
            });
        }
        match lang {
            Lang::Zh => self.zh_word_step(i, c),
            Lang::En => self.en_word_step(i, c),
        }
    }

    /// One number at `i`, read by the rules of `lang`.
    fn single(&self, i: usize, lang: Lang) -> Option<Q> {
        match lang {
            Lang::Zh => self.zh_single(i),
            Lang::En => self.en_single(i),
        }
    }

    fn mention(&self, q: &Q) -> Option<Mention> {
        if q.end <= q.start
            || q.end > self.chs.len()
            || !q.value.is_finite()
            || !q.precision.is_finite()
        {
            return None;
        }
        let start = self.chs.get(q.start)?.start as usize;
        let end = self
            .chs
            .get(q.end)
            .map_or(self.text.len(), |c| c.start as usize);
        let text = self.text.get(start..end)?;
        Some(Mention {
            value: q.value,
            kind: q.kind,
            text: text.to_string(),
            range: start..end,
            precision: q.precision,
            written: q.written,
            part: q.part,
            unit: q.unit,
        })
    }

    fn literal(&self, i: usize) -> Option<Literal> {
        if !is_digit(self.c(i)) {
            return None;
        }
        let mut s = String::new();
        let mut j = i;
        while is_digit(self.c(j)) {
            s.push(self.c(j));
            j += 1;
        }
        let first = s.len();
        let mut grouped = false;
        if first <= 3 {
            while self.c(j) == ','
                && (1..=3).all(|k| is_digit(self.c(j + k)))
                && !is_digit(self.c(j + 4))
            {
                s.extend((1..=3).map(|k| self.c(j + k)));
                j += 4;
                grouped = true;
            }
        }
        let int_digits = s.len();
        let mut decimals = 0;
        if self.c(j) == '.' && is_digit(self.c(j + 1)) {
            s.push('.');
            j += 1;
            while is_digit(self.c(j)) {
                s.push(self.c(j));
                j += 1;
                decimals += 1;
            }
        }
        let long = int_digits + decimals as usize > 15;
        let value = if long { 0.0 } else { s.parse::<f64>().ok()? };
        Some(Literal {
            value,
            decimals,
            int_digits,
            grouped,
            leading_zero: first > 1 && s.starts_with('0') && !grouped,
            long,
            end: j,
        })
    }

    /// Digits (with their sign) at `i`, read as far as both languages read them alike: a code
    /// (`5G`, `0574-…`, `1.2.3`), an ISO date, a time of day and `4·26` are whole tokens; any
    /// other literal is left to the language's own rules.
    fn digits(&self, i: usize) -> Option<Digits> {
        let (sign, d) = self.sign_at(i);
        if !is_digit(self.c(d)) {
            return None;
        }
        if self.glued_to_letter(d) {
            return Some(Digits::Token(self.code_around(d)));
        }
        if let Some(q) = self.iso_date(d) {
            return Some(Digits::Token(q));
        }
        let lit = self.literal(d)?;
        if lit.long || lit.leading_zero {
            return Some(Digits::Token(self.digit_code(d)));
        }
        if let Some(q) = self.time_at(d, &lit).or_else(|| self.dot_date(d, &lit)) {
            return Some(Digits::Token(q));
        }
        let j = lit.end;
        if self.c(j) == '.' && is_digit(self.c(j + 1)) {
            return Some(Digits::Token(self.code_around(d)));
        }
        Some(Digits::Literal { sign, d, lit })
    }

    /// A sign belongs to the number when it does not follow a word or a number (`-3.2%`, not
    /// the hyphen in `5-7` or `COVID-19`).
    fn sign_at(&self, i: usize) -> (f64, usize) {
        match self.c(i) {
            '-' | '+' if is_digit(self.c(i + 1)) => {
                let b = self.before(i);
                if b.is_ascii_alphanumeric() || matches!(b, '.' | ',' | '-' | '—' | '~') {
                    (1.0, i)
                } else if self.c(i) == '-' {
                    (-1.0, i + 1)
                } else {
                    (1.0, i + 1)
                }
            }
            _ => (1.0, i),
        }
    }

    fn int(&self, i: usize, len: usize) -> Option<u32> {
        let s: String = (i..i + len).map(|k| self.c(k)).collect();
        s.parse().ok()
    }

    /// A whole English word `w` at `k` (case-insensitive).
    fn word_at(&self, k: usize, w: &str) -> bool {
        let n = w.chars().count();
        matches_at_ci(&self.chs, k, w)
            && !self.before(k).is_ascii_alphabetic()
            && !self.c(k + n).is_ascii_alphabetic()
    }

    fn in_quote(&self, i: usize) -> bool {
        self.quoted.get(i).copied().unwrap_or(false)
    }

    /// Skips a token that is not a number (so that its tail is not read as one).
    fn skip_token(&self, i: usize) -> Step {
        let mut e = i;
        while self.c(e).is_ascii_alphanumeric()
            || (matches!(self.c(e), '.' | ',') && is_digit(self.c(e + 1)))
        {
            e += 1;
        }
        Step {
            qs: Vec::new(),
            next: e.max(i + 1),
        }
    }

    /// The ASCII word starting at `j` (at most 40 letters), without allocating: this runs
    /// for every word of every English text.
    fn ascii_word(&self, j: usize) -> AsciiWord<'a> {
        let mut buf = [0; 40];
        let mut len = 0;
        for c in self.chs.iter().skip(j).take(40) {
            if !c.c.is_ascii_alphabetic() {
                break;
            }
            buf[len] = c.c as u8;
            len += 1;
        }
        // The text's own bytes when they are these letters (not full-width ones).
        let start = self.chs.get(j).map_or(0, |c| c.start as usize);
        match self.text.get(start..start + len) {
            Some(text) if text.as_bytes() == &buf[..len] => AsciiWord::Text(text),
            _ => AsciiWord::Copied { buf, len },
        }
    }
}

/// `x × scale` without binary noise: `4.6 × 1e8` is 460 000 000, not 459 999 999.99999994
/// (the product is rounded to 15 significant digits, all a literal can have).
fn scaled(x: f64, scale: f64) -> f64 {
    let v = x * scale;
    // An integer of at most 15 digits is already exact, and most numbers are such.
    if !v.is_finite() || v == 0.0 || (v.fract() == 0.0 && v.abs() < 1e15) {
        return v;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

fn is_power_of_ten(v: f64) -> bool {
    if !(10.0..=1e15).contains(&v) || v.fract() != 0.0 {
        return false;
    }
    let mut x = v as u64;
    while x >= 10 && x.is_multiple_of(10) {
        x /= 10;
    }
    x == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::numbers::extract_zh;
    use crate::lint::numbers::test_support::{agree, disagree, en, values, zh};

    /// Integers skip the rounding through decimal text: it would give them back unchanged.
    #[test]
    fn scaling_integers_needs_no_rounding() {
        for x in [
            1.0,
            7.0,
            120.0,
            65_658.0,
            999_999_999_999_999.0,
            123_456_789_012_345.0,
        ] {
            for scale in [1.0, 10.0, 1e3, 1e4, 1e8, 1e9] {
                let v = x * scale;
                let rounded: f64 = format!("{v:.14e}").parse().unwrap();
                assert_eq!(scaled(x, scale), rounded, "{x} × {scale}");
            }
        }
        assert_eq!(scaled(4.6, 1e8), 460_000_000.0);
    }

    #[test]
    fn thousands_separators_and_decimals() {
        assert_eq!(values(&en("65,658 patents and 3.5 points")), [65658.0, 3.5]);
        assert_eq!(values(&en("1,234,567")), [1234567.0]);
        assert_eq!(
            values(&zh("有效发明专利65658件，增长3.5倍")),
            [65658.0, 3.5]
        );
        agree("达到65658件", "reached 65,658");
        // A comma that does not group three digits separates two numbers.
        assert_eq!(values(&en("12,5 and 1,23")), [12.0, 5.0, 1.0, 23.0]);
        // The full stop ending a sentence is not a decimal point.
        assert_eq!(values(&en("It rose to 177. Then")), [177.0]);
    }

    // --- Percentages -----------------------------------------------------------------------------

    #[test]
    fn percentages() {
        for (z, e) in [
            ("60%", "60 per cent"),
            ("60％", "60 percent"),
            ("百分之六十", "60%"),
            ("百分之三点五", "3.5%"),
            ("近四成", "nearly 40%"),
        ] {
            assert_eq!(zh(z)[0].2, Kind::Percent, "{z}");
            assert_eq!(en(e)[0].2, Kind::Percent, "{e}");
            agree(z, e);
        }
        disagree("60%", "6 per cent", &["60%"], &["6 per cent"]);
        // A percentage is not a plain number.
        disagree("60%", "60", &["60%"], &["60"]);
    }

    #[test]
    fn percentage_points() {
        assert_eq!(zh("提高3.2个百分点")[0].2, Kind::PercentagePoint);
        assert_eq!(en("up 3.2 percentage points")[0].2, Kind::PercentagePoint);
        agree("提高3.2个百分点", "up 3.2 percentage points");
        agree("提高3.2个百分点", "up 3.2 points");
        disagree("提高3.2个百分点", "up 3.2%", &["3.2个百分点"], &["3.2%"]);
    }

    #[test]
    fn ordinals_pair_or_are_ignored() {
        assert_eq!(zh("第三次会议")[0].2, Kind::Ordinal);
        assert_eq!(en("the 14th Five-Year Plan")[0].2, Kind::Ordinal);
        // `第一`, `首`, `first`, `1st` are never extracted.
        assert!(zh("第一次、首批、全国首家").is_empty());
        assert!(en("the first time, 1st place").is_empty());
        agree("连续第三年", "for the third year running");
        agree("第14届", "the 14th");
        agree("《决定》第4条", "Article 4 of the Decision");
        agree(
            "2025年是“十四五”规划收官之年",
            "2025 is the final year of the 14th Five-Year Plan",
        );
        agree("由第三方机构评估", "assessed by a third-party body");
        agree("第一季度", "in Q1");
        agree("第12号公告", "Announcement No. 12");
    }

    #[test]
    fn mention_ranges_point_into_the_input() {
        let text = "全年知识产权质押融资[](@indicator/x/2023)，投资金额4220万元，占比６０％。";
        for m in extract_zh(text) {
            assert_eq!(&text[m.range.clone()], m.text);
        }
        let m = extract_zh(text);
        assert_eq!(
            m.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(),
            ["4220万", "６０％"]
        );
    }
}
