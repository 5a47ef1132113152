//! The zh↔en number lint (W0104): the Chinese and the English version of a text must state the
//! same numbers. Numbers are the first thing a translation gets wrong (`392` → `329`, `120万元`
//! → `12 million yuan`), and a reader of either version cannot see it.
//!
//! The lint works in three steps:
//!
//! 1. **Prepare**: full-width forms are normalised (`６５％` → `65%`) and what is not prose is
//!    masked: link destinations and empty cross-reference links (`[](@indicator/x/2023)` renders
//!    the same number in both languages from one source), inline and fenced code, URLs, e-mail
//!    addresses, HTML tags and entities, footnote markers, heading ordinals (`## 一、`, `## 1.`,
//!    `第三章`) and list or enumeration markers (`1.`, `（一）`, `(1)`).
//! 2. **Extract** ([`extract_zh`], [`extract_en`]): every number becomes a [`Mention`] whose
//!    `value` is in plain units, so `120万元` and `1.2 million yuan` are both 1 200 000.
//! 3. **Compare** ([`compare`], [`compare_markdown`]): the two lists are matched as multisets;
//!    two values agree when they differ by no more than half the unit of the last digit of the
//!    less precise one (`286.37亿元` ≈ `28.64 billion yuan`, but `392` ≠ `329`).
//!
//! A range (`5—7天`, `5 to 7 days`, `between 5 and 7`) is two mentions, marked
//! [`Part::RangeLow`] and [`Part::RangeHigh`]; the low end takes the scale and unit of the high
//! end when it has none (`5至7万元` is 50 000 and 70 000, `5–7%` is 5% and 7%). There is no
//! `Kind::Range`: a range whose low end was mistranslated should say which end is wrong.
//!
//! Chinese numerals (`三`, `十二`, `两`) and English number words (`three`, `twelve`) are
//! *soft* mentions: they count when they pair with a number on the other side, but one left
//! over is only reported when the other side also has a number left over, because Chinese uses
//! numerals in many set phrases (`一站式`, `三合一`, `十四五`) that English does not translate
//! as numbers. The numeral 1 (`一`, `one`, `first`, `首`) is never extracted: it is far more often
//! an article or an idiom than a quantity.
//!
//! A duration carries its time unit (`3个月`, `5–7 weeks`): two durations agree only in the same
//! unit. Other units (`件`, `yuan`, `kg`) and the direction of a change (`下降3%` against `up
//! 3%`) are not compared. Known limitations and the measured recall and false-positive rate
//! are in `tests/fixtures/number-lint/README.md`.
//!
//! One concept a file: `chars` (the normalised characters and the helpers that read them),
//! `mask` (what is not prose), `scanner` (extraction; its submodules read codes, dates, ranges,
//! Chinese and English numbers), `words` (number and month words, Chinese numerals), `pairing`
//! (matching the two lists), `blocks` (Markdown blocks for [`compare_markdown`]) and
//! `fast_path` ([`quick_agree`]).

mod blocks;
mod chars;
mod fast_path;
mod mask;
mod pairing;
mod scanner;
#[cfg(test)]
mod test_support;
mod words;

use std::fmt;
use std::ops::Range;

use blocks::{blocks, body_range, same_shape, sections, span_of};
use pairing::unmatched;
use scanner::{Lang, Scanner, decode_date};

pub use fast_path::{fast_path_is_sound, quick_agree};
pub use words::parse_zh_numeral;

/// One number stated in a text, normalised so zh and en can be compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// The value in plain units: `120万` and `1.2 million` are both 1 200 000; a percentage or a
    /// percentage point is its number (`60%` → 60); a [`Kind::Date`] is `yyyymmdd` with 0 for
    /// a part not stated (`3月10日` → 310, `March 2023` → 20230300); a [`Kind::Time`] is minutes
    /// after midnight; a [`Kind::Code`] has 0 (codes are compared by their text).
    pub value: f64,
    pub kind: Kind,
    /// The mention as written in the input (including its scale word: `120万`, `1.2 million`).
    pub text: String,
    /// Byte range of `text` in the input.
    pub range: Range<usize>,
    /// The unit of the last digit written, in the units of `value` (`120万` → 10 000, `1.25`
    /// → 0.01, `60%` → 1). Two values agree when they differ by at most half the coarser
    /// precision: that difference is rounding, not a mistranslation.
    pub precision: f64,
    /// Digits (`3`, `1.2万`) or words (`三`, `three`, `百分之六十`).
    pub written: Written,
    /// Whether the mention is one end of a range.
    pub part: Part,
    /// The time unit of a duration (`3个月`, `5–7 days`), when stated. Two durations agree only
    /// in the same unit; a number whose unit one side leaves out still agrees.
    pub unit: Option<Unit>,
}

/// What a number is. Matching accepts a [`Kind::Number`], [`Kind::Year`], [`Kind::Ordinal`] and
/// [`Kind::PercentagePoint`] for one another (`第3条` ↔ `Article 3`, `2100余家` ↔ `2100
/// enterprises`), but never a percentage for a plain number or a date for a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A count, an amount, a multiple, a duration.
    Number,
    /// `60%`, `60 per cent`, `百分之六十`.
    Percent,
    /// `3.2个百分点`, `3.2 percentage points`.
    PercentagePoint,
    /// A year: `2023年`, a four-digit `2023` in English.
    Year,
    /// A calendar date, possibly partial: `2023年3月10日`, `10 March`, `3月`, `4·26`.
    Date,
    /// A time of day: `9:00`.
    Time,
    /// `第三`, `third`, `14th` (never 1). Soft: see [`Mention::is_soft`].
    Ordinal,
    /// An opaque token compared by its text: case and document numbers (`（2023）浙02民初123号`,
    /// `〔2024〕6号`), numbers with leading zeros (`0574-12345678`), digits glued to letters
    /// (`5G`, `COVID-19`), digit runs too long to be a quantity. When the other side does not
    /// have the same token, its digit runs are compared as numbers instead.
    Code,
}

/// How a number is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Written {
    Digits,
    Words,
}

/// Whether a mention is one end of a range (`5—7天` gives `5` as `RangeLow`, `7` as `RangeHigh`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Single,
    RangeLow,
    RangeHigh,
}

/// The time unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Mention {
    /// A soft mention (a number written in words, or an ordinal) is only reported as missing
    /// from the other side when that side also has a number left over: many Chinese numerals
    /// are idioms with no English number, and ordinals are often translated by position.
    pub fn is_soft(&self) -> bool {
        self.kind == Kind::Ordinal || (self.written == Written::Words && self.kind == Kind::Number)
    }

    /// `(year, month, day)` of a [`Kind::Date`], each `None` when the text does not state it.
    pub fn date_parts(&self) -> Option<(Option<u32>, Option<u32>, Option<u32>)> {
        if self.kind != Kind::Date {
            return None;
        }
        Some(decode_date(self.value))
    }
}

/// Numbers one side states that the other does not: what is only in zh, what is only in en.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mismatch {
    pub zh: Vec<Mention>,
    pub en: Vec<Mention>,
}

impl fmt::Display for Mismatch {
    /// `zh says 392, en says 329`; `zh says 3, en does not`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |ms: &[Mention]| {
            ms.iter()
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (self.zh.is_empty(), self.en.is_empty()) {
            (false, false) => write!(f, "zh says {}, en says {}", list(&self.zh), list(&self.en)),
            (false, true) => write!(f, "zh says {}, en does not", list(&self.zh)),
            (true, false) => write!(f, "en says {}, zh does not", list(&self.en)),
            (true, true) => write!(f, "zh and en agree"),
        }
    }
}

/// The numbers a Chinese text states, in order.
pub fn extract_zh(text: &str) -> Vec<Mention> {
    Scanner::new(text).run(Lang::Zh)
}

/// The numbers an English text states, in order.
pub fn extract_en(text: &str) -> Vec<Mention> {
    Scanner::new(text).run(Lang::En)
}

/// Compares the numbers of a Chinese text and its English translation; `None` when they agree.
pub fn compare(zh: &str, en: &str) -> Option<Mismatch> {
    let (zh, en) = unmatched(extract_zh(zh), extract_en(en));
    if zh.is_empty() && en.is_empty() {
        None
    } else {
        Some(Mismatch { zh, en })
    }
}

/// Paragraph-by-paragraph comparison of two Markdown documents (YAML front matter is skipped).
///
/// Blocks are paragraphs, headings, list items, table rows, block quotes and footnote
/// definitions. When both documents have the same sequence of block kinds, blocks are paired
/// by position. Otherwise, when both have the same headings (by level), sections are paired and
/// compared block by block where their shapes match, else as a whole. Failing that, the two
/// documents are compared as a whole. Returns, for each mismatching pair, the byte ranges of
/// the two blocks (or sections, or bodies) and the mismatch; the mentions' ranges are byte
/// ranges in the whole documents.
pub fn compare_markdown(zh: &str, en: &str) -> Vec<(Range<usize>, Range<usize>, Mismatch)> {
    let zb = blocks(zh);
    let eb = blocks(en);
    let mut out = Vec::new();
    if same_shape(&zb, &eb) {
        for (z, e) in zb.iter().zip(&eb) {
            check_pair(zh, en, z.range.clone(), e.range.clone(), &mut out);
        }
        return out;
    }
    let zs = sections(&zb);
    let es = sections(&eb);
    let same_headings = zs.len() == es.len()
        && zs
            .iter()
            .zip(&es)
            .all(|(z, e)| z.first().map(|b| b.kind) == e.first().map(|b| b.kind));
    if same_headings && !zs.is_empty() {
        for (z, e) in zs.iter().zip(&es) {
            if same_shape(z, e) {
                for (zb, eb) in z.iter().zip(e.iter()) {
                    check_pair(zh, en, zb.range.clone(), eb.range.clone(), &mut out);
                }
            } else {
                check_pair(zh, en, span_of(z), span_of(e), &mut out);
            }
        }
        return out;
    }
    check_pair(zh, en, body_range(zh), body_range(en), &mut out);
    out
}

/// Compares the blocks at `zr` in `zh` and at `er` in `en`, adding a mismatch to `out` with its
/// mentions' ranges moved into the whole documents.
fn check_pair(
    zh: &str,
    en: &str,
    zr: Range<usize>,
    er: Range<usize>,
    out: &mut Vec<(Range<usize>, Range<usize>, Mismatch)>,
) {
    let (Some(z), Some(e)) = (zh.get(zr.clone()), en.get(er.clone())) else {
        return;
    };
    if let Some(mut m) = compare(z, e) {
        for x in &mut m.zh {
            x.range = x.range.start + zr.start..x.range.end + zr.start;
        }
        for x in &mut m.en {
            x.range = x.range.start + er.start..x.range.end + er.start;
        }
        out.push((zr, er, m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_reads_like_the_warning() {
        assert_eq!(
            compare("392件", "329").map(|m| m.to_string()).as_deref(),
            Some("zh says 392, en says 329")
        );
        assert_eq!(
            compare("3家", "").map(|m| m.to_string()).as_deref(),
            Some("zh says 3, en does not")
        );
        assert_eq!(
            compare("", "12").map(|m| m.to_string()).as_deref(),
            Some("en says 12, zh does not")
        );
    }

    const ZH_DOC: &str = "---\ntitle: 标题\nmeasures: [decision-2022/4]\n---\n## 基本案情\n\n赔偿8万元。\n\n| 项目 | 数量 |\n|---|---|\n| 机构 | 108家 |\n\n- 地址：示例路100号\n";
    const EN_DOC: &str = "---\ntitle: Title\n---\n## Facts\n\nIt paid 80,000 yuan.\n\n| Item | Number |\n|---|---|\n| Bodies | 180 |\n\n- Address: 100 Example Road\n";

    #[test]
    fn markdown_pairs_blocks_by_position() {
        let found = compare_markdown(ZH_DOC, EN_DOC);
        assert_eq!(found.len(), 1, "{found:?}");
        let (zr, er, m) = &found[0];
        assert_eq!(&ZH_DOC[zr.clone()], "| 机构 | 108家 |");
        assert_eq!(&EN_DOC[er.clone()], "| Bodies | 180 |");
        assert_eq!(m.to_string(), "zh says 108, en says 180");
        // Mention ranges are in the whole documents.
        assert_eq!(&ZH_DOC[m.zh[0].range.clone()], "108");
        assert_eq!(&EN_DOC[m.en[0].range.clone()], "180");
        // Front matter is not compared (`decision-2022/4` is an id).
        assert!(compare_markdown(ZH_DOC, &EN_DOC.replace("180", "108")).is_empty());
    }

    #[test]
    fn markdown_falls_back_to_sections_then_whole_documents() {
        // Same headings, but the English merges two paragraphs: that section is compared whole.
        let zh = "## 一\n\n赔偿8万元。\n\n罚款5万元。\n\n## 二\n\n共3家。\n";
        let en =
            "## One\n\nIt paid 80,000 yuan and a fine of 50,000 yuan.\n\n## Two\n\n4 in all.\n";
        let found = compare_markdown(zh, en);
        assert!(compare_markdown(zh, &en.replace("4 in", "3 in")).is_empty());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2.to_string(), "zh says 3, en says 4");
        // The second section has the same shape in both: its paragraphs are paired.
        assert_eq!(&zh[found[0].0.clone()], "共3家。");
        // Different headings: the documents are compared whole.
        let en = "It paid 80,000 yuan and a fine of 50,000 yuan; 3 in all.\n";
        assert!(compare_markdown(zh, en).is_empty());
        let en = "It paid 80,000 yuan and a fine of 50,000 yuan; 4 in all.\n";
        assert_eq!(compare_markdown(zh, en).len(), 1);
    }

    /// A small deterministic generator (xorshift), so the test needs no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    const PIECES: &[&str] = &[
        "0",
        "1",
        "7",
        "12",
        "2023",
        "3.5",
        "1,234",
        "６５",
        ".",
        ",",
        "，",
        "-",
        "−",
        "+",
        "—",
        "–",
        "~",
        "至",
        "万",
        "亿",
        "千",
        "百",
        "十",
        "两",
        "三",
        "零",
        "〇",
        "第",
        "每",
        "成",
        "余",
        "个",
        "家",
        "年",
        "月",
        "日",
        "号",
        "%",
        "％",
        "百分之",
        "个百分点",
        "·",
        ":",
        "(",
        ")",
        "（",
        "）",
        "〔",
        "〕",
        "[",
        "]",
        "](",
        "[](@x/2023)",
        "[^1]",
        "`",
        "```",
        "<",
        ">",
        "&#",
        ";",
        "@",
        "http://",
        "www.",
        "#",
        "## ",
        "\n",
        "\n\n",
        " ",
        "**",
        "|",
        "---\n",
        "> ",
        "1. ",
        "- ",
        "“",
        "”",
        "\"",
        "May",
        "March",
        "per",
        "cent",
        "between",
        "and",
        "to",
        "a",
        "dozen",
        "hundred",
        "billion",
        "thousand",
        "third",
        "million",
        "bn",
        "m",
        "k",
        "st",
        "th",
        "Q",
        "No.",
        "one",
        "twenty",
        "-year plan",
        "é",
        "😀",
        "𠀀",
        "\u{FFFC}",
        "\r",
        "\t",
    ];

    fn random_text(rng: &mut Rng) -> String {
        let n = (rng.next() % 40) as usize;
        (0..n).map(|_| rng.pick(PIECES)).collect()
    }

    #[track_caller]
    fn check_mentions(text: &str, ms: &[Mention]) {
        for m in ms {
            assert_eq!(text.get(m.range.clone()), Some(m.text.as_str()), "{text:?}");
            assert!(
                m.value.is_finite() && m.precision.is_finite(),
                "{text:?}: {m:?}"
            );
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let long_digits = "9".repeat(400);
        let fixed = [
            String::new(),
            "1".into(),
            "万".into(),
            "第".into(),
            "百分之".into(),
            "[](".into(),
            "`".into(),
            "<".into(),
            "---\n".into(),
            format!("{long_digits}万元，共{long_digits}件"),
            format!("{long_digits}.{long_digits}%"),
            format!("（{long_digits}）浙{long_digits}号"),
            "一二三四五六七八九十百千万亿".repeat(10),
            "亿亿亿亿亿亿亿亿亿亿亿亿亿".into(),
            format!("one{}", " hundred".repeat(40)),
            format!("nine{}", " billion".repeat(40)),
            "a dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen dozen".into(),
            "9999999999999999999999万亿".into(),
            "ǅ𝟘𝟙 ١٢٣ ๑๒ 12\u{0301}3 x²".into(),
        ];
        let mut texts: Vec<String> = fixed.to_vec();
        texts.extend((0..3000).map(|_| random_text(&mut rng)));
        for (k, z) in texts.iter().enumerate() {
            let e = &texts[(k * 7 + 3) % texts.len()];
            check_mentions(z, &extract_zh(z));
            check_mentions(z, &extract_en(z));
            if let Some(m) = compare(z, e) {
                check_mentions(z, &m.zh);
                check_mentions(e, &m.en);
            }
            for (zr, er, m) in compare_markdown(z, e) {
                assert!(z.get(zr).is_some() && e.get(er).is_some());
                check_mentions(z, &m.zh);
                check_mentions(e, &m.en);
            }
        }
    }
}
