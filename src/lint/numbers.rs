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

use std::fmt;
use std::ops::Range;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Preparation: normalised characters with their byte offsets, non-prose masked
// ---------------------------------------------------------------------------------------------

/// Stands for a masked character: a boundary that nothing can match across.
const MASK: char = '\u{FFFC}';

/// One character of the input, normalised, with the byte offset where it starts in the input
/// (it ends where the next one starts). Eight bytes: the scanner walks every character of
/// every text more than once.
#[derive(Clone, Copy, Debug)]
struct Ch {
    c: char,
    start: u32,
}

/// Full-width ASCII to ASCII, the many dashes to `-` (hyphen, minus) or `—` (range dash), odd
/// spaces to a space. The Chinese comma `，` stays: it separates list items, never thousands.
fn normalise(c: char) -> char {
    // Most characters of English text, and the only ASCII one that changes.
    if c.is_ascii() {
        return if c == '\t' { ' ' } else { c };
    }
    match c {
        '，' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' => ' ',
        '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2012}'..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' => '—',
        '\u{301C}' | '\u{223C}' => '~',
        '\u{30FB}' | '\u{2027}' | '\u{FF65}' => '·',
        // Traditional forms of the numerals and measure words the lint reads.
        '萬' => '万',
        '億' => '亿',
        '兩' => '两',
        '號' => '号',
        '個' => '个',
        '項' => '项',
        '點' => '点',
        '條' => '条',
        '屆' => '届',
        '場' => '场',
        '張' => '张',
        '戶' => '户',
        '畝' => '亩',
        '噸' => '吨',
        '歲' => '岁',
        '輪' => '轮',
        '隻' => '只',
        '門' => '门',
        '輛' => '辆',
        '組' => '组',
        '隊' => '队',
        '處' => '处',
        '層' => '层',
        '級' => '级',
        '塊' => '块',
        '筆' => '笔',
        '間' => '间',
        '棟' => '栋',
        '臺' => '台',
        '餘' => '余',
        _ => c,
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// The character at `i`, or a newline past either end (a boundary for every pattern).
fn c_at(chs: &[Ch], i: usize) -> char {
    chs.get(i).map_or('\n', |c| c.c)
}

fn c_before(chs: &[Ch], i: usize) -> char {
    if i == 0 { '\n' } else { c_at(chs, i - 1) }
}

fn matches_at(chs: &[Ch], i: usize, s: &str) -> bool {
    s.chars().enumerate().all(|(k, c)| c_at(chs, i + k) == c)
}

fn matches_at_ci(chs: &[Ch], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| c_at(chs, i + k).eq_ignore_ascii_case(&c))
}

fn run_len(chs: &[Ch], i: usize, c: char) -> usize {
    chs.iter().skip(i).take_while(|x| x.c == c).count()
}

fn digit_run(chs: &[Ch], i: usize) -> usize {
    chs.iter().skip(i).take_while(|x| is_digit(x.c)).count()
}

fn skip_spaces(chs: &[Ch], mut i: usize) -> usize {
    while c_at(chs, i) == ' ' {
        i += 1;
    }
    i
}

/// Index of the newline ending the line that holds `i` (or the length).
fn line_end(chs: &[Ch], i: usize) -> usize {
    chs.iter()
        .skip(i)
        .position(|c| c.c == '\n')
        .map_or(chs.len(), |p| i + p)
}

fn at_line_start(chs: &[Ch], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        match chs[j - 1].c {
            '\n' => return true,
            ' ' => j -= 1,
            _ => return false,
        }
    }
    true
}

fn mask(chs: &mut [Ch], r: Range<usize>) {
    let end = r.end.min(chs.len());
    for ch in chs.iter_mut().take(end).skip(r.start) {
        ch.c = MASK;
    }
}

/// The first `target` at or after `from`, within `limit` characters and never across a blank
/// line (Markdown constructs do not span paragraphs; this also bounds the work).
fn find_char(chs: &[Ch], from: usize, target: char, limit: usize) -> Option<usize> {
    let mut newline = false;
    for (k, ch) in chs.iter().enumerate().skip(from).take(limit) {
        if ch.c == target {
            return Some(k);
        }
        if ch.c == '\n' {
            if newline {
                return None;
            }
            newline = true;
        } else if ch.c != ' ' {
            newline = false;
        }
    }
    None
}

/// Which of the characters that start a construct to mask occur in a text: a pass whose
/// characters do not occur has nothing to do (most paragraphs are plain prose). Masking only
/// ever replaces characters with [`MASK`], so what one pass leaves, the next may skip.
#[derive(Clone, Copy, Default)]
struct Seen {
    /// `` ` `` or `~`: code.
    code: bool,
    /// `<` or `&`: HTML and character references.
    html: bool,
    /// `[` or `]`: links and markers.
    brackets: bool,
    /// `:` (`http://`, `ftp://`), `www.` or `@`: URLs and e-mail addresses.
    url: bool,
    /// `(`: enumerators such as `(1)`.
    paren: bool,
    /// An opening quotation mark.
    quote: bool,
}

impl Seen {
    /// Notes the normalised character `c`; `ws` counts the `w`s just before it.
    fn note(&mut self, c: char, ws: &mut u32) {
        match c {
            '`' | '~' => self.code = true,
            '<' | '&' => self.html = true,
            '[' | ']' => self.brackets = true,
            ':' | '@' => self.url = true,
            '.' if *ws >= 3 => self.url = true,
            '(' => self.paren = true,
            '“' | '「' | '『' | '"' => self.quote = true,
            _ => {}
        }
        *ws = if matches!(c, 'w' | 'W') { *ws + 1 } else { 0 };
    }
}

/// The characters of `text`, which must be shorter than 4 GiB (see [`Scanner::new`]), with
/// non-prose masked, and which constructs occur in it.
fn prepare(text: &str) -> (Vec<Ch>, Seen) {
    let mut seen = Seen::default();
    let mut ws = 0;
    // At most one character per byte: no growing on the way.
    let mut chs: Vec<Ch> = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let c = normalise(c);
        if !c.is_ascii_alphanumeric() || matches!(c, 'w' | 'W') {
            seen.note(c, &mut ws);
        } else {
            ws = 0;
        }
        chs.push(Ch { c, start: i as u32 });
    }
    if seen.code {
        mask_code(&mut chs);
    }
    if seen.html {
        mask_html(&mut chs);
    }
    if seen.brackets {
        mask_links(&mut chs);
    }
    if seen.url {
        mask_urls(&mut chs);
    }
    mask_markers(&mut chs, seen.paren);
    (chs, seen)
}

/// Fenced code blocks and inline code spans: code is not prose, and is not translated.
fn mask_code(chs: &mut [Ch]) {
    let mut i = 0;
    while i < chs.len() {
        let c = chs[i].c;
        let n = if c == '`' || c == '~' {
            run_len(chs, i, c)
        } else {
            0
        };
        if n >= 3 && at_line_start(chs, i) {
            let end = fence_end(chs, i, c, n);
            mask(chs, i..end);
            i = end;
        } else if c == '`' {
            match closing_backticks(chs, i + n, n) {
                Some(end) => {
                    mask(chs, i..end);
                    i = end;
                }
                None => i += n,
            }
        } else {
            i += 1;
        }
    }
}

/// The end of a fenced block opened at `i` by `n` × `c`: the end of its closing fence line, or
/// of the text when it is never closed (as CommonMark reads it).
fn fence_end(chs: &[Ch], i: usize, c: char, n: usize) -> usize {
    let mut line = line_end(chs, i);
    while line < chs.len() {
        let start = skip_spaces(chs, line + 1);
        if run_len(chs, start, c) >= n {
            return line_end(chs, start);
        }
        line = line_end(chs, line + 1);
    }
    chs.len()
}

fn closing_backticks(chs: &[Ch], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    let mut newline = false;
    while j < chs.len() {
        match chs[j].c {
            '`' => {
                let m = run_len(chs, j, '`');
                if m == n {
                    return Some(j + m);
                }
                j += m;
                continue;
            }
            '\n' if newline => return None,
            '\n' => newline = true,
            ' ' => {}
            _ => newline = false,
        }
        j += 1;
    }
    None
}

/// HTML tags, comments and autolinks (`<…>`), and character references (`&#12345;`).
fn mask_html(chs: &mut [Ch]) {
    let mut i = 0;
    while i < chs.len() {
        match chs[i].c {
            '<' if matches_at(chs, i, "<!--") => {
                let end = (i + 4..chs.len())
                    .find(|&k| matches_at(chs, k, "-->"))
                    .map_or(chs.len(), |k| k + 3);
                mask(chs, i..end);
                i = end;
                continue;
            }
            '<' => {
                let next = c_at(chs, i + 1);
                if (next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?'))
                    && let Some(close) = find_char(chs, i + 1, '>', 2000)
                {
                    mask(chs, i..close + 1);
                    i = close + 1;
                    continue;
                }
            }
            '&' => {
                let mut j = i + 1;
                if c_at(chs, j) == '#' {
                    j += 1;
                }
                let n = chs
                    .iter()
                    .skip(j)
                    .take(10)
                    .take_while(|c| c.c.is_ascii_alphanumeric())
                    .count();
                if n > 0 && c_at(chs, j + n) == ';' {
                    mask(chs, i..j + n + 1);
                    i = j + n + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Link destinations (the number in `@indicator/x/2023` is not prose) and the brackets around
/// link text (an empty `[](@…)` renders the same text in both languages), footnote markers
/// `[^1]`, citation markers `[12]`, reference labels and reference definitions.
fn mask_links(chs: &mut [Ch]) {
    let mut i = 0;
    while i + 1 < chs.len() {
        if chs[i].c == ']'
            && chs[i + 1].c == '('
            && let Some(close) = closing_paren(chs, i + 1)
        {
            if let Some(open) = opening_bracket(chs, i) {
                mask(chs, open..open + 1);
                if open > 0 && chs[open - 1].c == '!' {
                    mask(chs, open - 1..open);
                }
            }
            mask(chs, i..close + 1);
            i = close + 1;
            continue;
        }
        i += 1;
    }
    let mut i = 0;
    while i < chs.len() {
        if chs[i].c == '['
            && let Some(close) = find_char(chs, i + 1, ']', 200)
        {
            let inner = close - i - 1;
            let footnote = c_at(chs, i + 1) == '^';
            let definition = at_line_start(chs, i) && c_at(chs, close + 1) == ':';
            let citation = (1..=3).contains(&inner)
                && digit_run(chs, i + 1) == inner
                && !matches!(c_at(chs, close + 1), '(' | '[');
            let label = c_before(chs, i) == ']';
            if definition && !footnote {
                let end = line_end(chs, i);
                mask(chs, i..end);
                i = end;
                continue;
            }
            if footnote || citation || label {
                let end = close + 1 + usize::from(definition);
                mask(chs, i..end);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// The `)` closing the `(` at `open`, counting nested parentheses.
fn closing_paren(chs: &[Ch], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, ch) in chs.iter().enumerate().skip(open).take(2000) {
        match ch.c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            '\n' if c_at(chs, k + 1) == '\n' => return None,
            _ => {}
        }
    }
    None
}

/// The `[` opening the link text that the `]` at `close` ends, counting nested brackets.
fn opening_bracket(chs: &[Ch], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    let lowest = close.saturating_sub(2000);
    let mut k = close;
    while k > lowest {
        k -= 1;
        match chs[k].c {
            ']' => depth += 1,
            '[' if depth == 0 => return Some(k),
            '[' => depth -= 1,
            '\n' if c_before(chs, k) == '\n' => return None,
            _ => {}
        }
    }
    None
}

/// Bare URLs and e-mail addresses: their digits are not numbers.
fn mask_urls(chs: &mut [Ch]) {
    let mut i = 0;
    while i < chs.len() {
        // Every prefix starts with h, f or w: test them only there (this runs on every
        // character of every text).
        let url = matches!(chs[i].c, 'h' | 'H' | 'f' | 'F' | 'w' | 'W')
            && !c_before(chs, i).is_ascii_alphanumeric()
            && ["http://", "https://", "ftp://", "www."]
                .iter()
                .any(|p| matches_at_ci(chs, i, p));
        if url {
            let mut j = i;
            while j < chs.len()
                && chs[j].c.is_ascii_graphic()
                && !matches!(chs[j].c, '<' | '>' | '"')
            {
                j += 1;
            }
            // Trailing punctuation belongs to the sentence, not the URL.
            while j > i && matches!(chs[j - 1].c, '.' | ',' | ';' | ':' | '!' | '?' | ')') {
                j -= 1;
            }
            mask(chs, i..j);
            i = j.max(i + 1);
            continue;
        }
        if chs[i].c == '@' {
            let local =
                |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
            let mut s = i;
            while s > 0 && local(chs[s - 1].c) {
                s -= 1;
            }
            let mut e = i + 1;
            while e < chs.len()
                && (chs[e].c.is_ascii_alphanumeric() || matches!(chs[e].c, '.' | '-'))
            {
                e += 1;
            }
            while e > i + 1 && chs[e - 1].c == '.' {
                e -= 1;
            }
            let domain_has_dot = chs[i + 1..e].iter().any(|c| c.c == '.');
            if s < i && domain_has_dot {
                mask(chs, s..e);
                i = e;
                continue;
            }
        }
        i += 1;
    }
}

/// `〇零一二三四五六七八九十百千万亿两`, as a `match` (this is asked of every Chinese character).
fn is_zh_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

fn zh_numeral_run(chs: &[Ch], i: usize) -> usize {
    chs.iter()
        .skip(i)
        .take_while(|c| is_zh_numeral(c.c))
        .count()
}

/// Heading ordinals and list markers at the start of lines, and enumerators anywhere
/// (`（一）`, `(1)`): they number the text's structure, which translations renumber freely.
fn mask_markers(chs: &mut [Ch], parens: bool) {
    for i in 0..chs.len() {
        if i == 0 || chs[i - 1].c == '\n' {
            let (at, heading) = line_content_start(chs, i);
            if let Some(end) = marker_end(chs, at, heading) {
                mask(chs, at..end);
            }
        }
    }
    if !parens {
        return;
    }
    for i in 0..chs.len() {
        if chs[i].c == '(' {
            let d = digit_run(chs, i + 1);
            let z = zh_numeral_run(chs, i + 1);
            let n = if (1..=2).contains(&d) {
                d
            } else if (1..=3).contains(&z) {
                z
            } else {
                0
            };
            if n > 0 && c_at(chs, i + 1 + n) == ')' {
                mask(chs, i..i + n + 2);
            }
        }
    }
}

/// Where a line's text starts after quote markers, heading hashes, a list bullet and emphasis
/// (`> ## **（一）…`), and whether the line is a heading.
fn line_content_start(chs: &[Ch], line: usize) -> (usize, bool) {
    let mut j = skip_spaces(chs, line);
    while c_at(chs, j) == '>' {
        j = skip_spaces(chs, j + 1);
    }
    let hashes = run_len(chs, j, '#');
    let heading = (1..=6).contains(&hashes) && matches!(c_at(chs, j + hashes), ' ' | '\n');
    if heading {
        j = skip_spaces(chs, j + hashes);
    } else if matches!(c_at(chs, j), '-' | '*' | '+') && c_at(chs, j + 1) == ' ' {
        j = skip_spaces(chs, j + 2);
    }
    while matches!(c_at(chs, j), '*' | '_') {
        j += 1;
    }
    (skip_spaces(chs, j), heading)
}

/// The end of a structural marker at `j`, if there is one.
fn marker_end(chs: &[Ch], j: usize, heading: bool) -> Option<usize> {
    let d = digit_run(chs, j);
    if (1..=3).contains(&d) {
        let k = j + d;
        match c_at(chs, k) {
            // `1、` `1)` ; `1.` unless it is a decimal point (`3.5亿元…`)
            '、' | ')' => return Some(k + 1),
            '.' if !is_digit(c_at(chs, k + 1)) => return Some(k + 1),
            // Multi-level section numbers in headings: `## 2.1 Scope`, `### 1.2.3.`
            '.' if heading => {
                let mut e = k;
                while c_at(chs, e) == '.' && is_digit(c_at(chs, e + 1)) {
                    e += 1 + digit_run(chs, e + 1);
                }
                match c_at(chs, e) {
                    '.' => return Some(e + 1),
                    ' ' | '\n' => return Some(e),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let z = zh_numeral_run(chs, j);
    if z > 0 && c_at(chs, j + z) == '、' {
        return Some(j + z + 1);
    }
    if c_at(chs, j) == '第' {
        let k = j + 1;
        let n = zh_numeral_run(chs, k).max(digit_run(chs, k));
        if n > 0 {
            let after = c_at(chs, k + n);
            if matches!(after, '章' | '节' | '编' | '篇' | '条' | '款' | '部') {
                let extra = usize::from(after == '部' && c_at(chs, k + n + 1) == '分');
                return Some(k + n + 1 + extra);
            }
        }
    }
    for word in ["Chapter ", "Part ", "Section ", "Article ", "Art. "] {
        if matches_at(chs, j, word) {
            let k = j + word.chars().count();
            let d = digit_run(chs, k);
            if d > 0 {
                return Some(k + d);
            }
            let w = chs
                .iter()
                .skip(k)
                .take_while(|c| c.c.is_ascii_alphabetic())
                .count();
            let name: String = chs[k..k + w]
                .iter()
                .map(|c| c.c.to_ascii_lowercase())
                .collect();
            if cardinal(&name).is_some() || ordinal_word(&name).is_some() {
                return Some(k + w);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
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

fn encode_date(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> f64 {
    f64::from(y.unwrap_or(0)) * 10_000.0
        + f64::from(m.unwrap_or(0)) * 100.0
        + f64::from(d.unwrap_or(0))
}

fn decode_date(v: f64) -> (Option<u32>, Option<u32>, Option<u32>) {
    let v = if v.is_finite() && v > 0.0 {
        v as u64
    } else {
        0
    };
    let part = |x: u64| u32::try_from(x).ok().filter(|&x| x != 0);
    (part(v / 10_000), part(v / 100 % 100), part(v % 100))
}

/// A run of digits with optional `,` thousands groups and decimals.
/// A short ASCII word on the stack.
struct AsciiWord {
    buf: [u8; 40],
    len: usize,
}

impl std::ops::Deref for AsciiWord {
    type Target = str;
    fn deref(&self) -> &str {
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl AsciiWord {
    fn as_str(&self) -> &str {
        self
    }

    // Without going through `str`, whose conversion checks the bytes again.
    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The word in lower case, on the stack too: this runs for every word of English text.
    fn lower(&self) -> AsciiWord {
        let mut buf = self.buf;
        buf[..self.len].make_ascii_lowercase();
        AsciiWord { buf, len: self.len }
    }
}

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

/// Parsed numbers and where scanning continues.
struct Step {
    qs: Vec<Q>,
    next: usize,
}

struct Scanner<'a> {
    text: &'a str,
    chs: Vec<Ch>,
    /// Inside a short quotation (`“两个确保”`, `"two guarantees"`): a set phrase, whose numerals
    /// in words are names, not quantities.
    quoted: Vec<bool>,
}

const ZH_MEASURES: &str = "个项家名件起次年天日倍类批条人所座部份种位届场支台套张户亩吨周岁轮期款只篇本册门辆艘架幅组队处层级片块笔宗例株棵斤克枚道间栋元";
const ZH_MEASURES_2: [&str; 9] = [
    "小时", "分钟", "公斤", "公里", "公顷", "方面", "平方", "千克", "环节",
];
/// Set phrases that look like counts (numeral + measure word) but are names.
const ZH_SET_PHRASES: [&str; 14] = [
    "两个确保",
    "两个维护",
    "两个毫不动摇",
    "两个一百年",
    "两个结合",
    "三个代表",
    "三个一批",
    "四个意识",
    "四个自信",
    "四个全面",
    "三位一体",
    "四位一体",
    "五位一体",
    "五个一",
];

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
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

    fn run(&self, lang: Lang) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.chs.len() {
            let step = match lang {
                Lang::Zh => self.zh_step(i),
                Lang::En => self.en_step(i),
            };
            match step {
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

    // --- shared pieces ---------------------------------------------------------------------

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

    /// A code token around `i`: letters, digits and inner `-/._` (`5G`, `COVID-19`, `GB/T`).
    fn code_around(&self, i: usize) -> Q {
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
    fn glued_to_letter(&self, i: usize) -> bool {
        let b = self.before(i);
        b.is_ascii_alphabetic()
            || (matches!(b, '-' | '/' | '_') && i >= 2 && self.c(i - 2).is_ascii_alphabetic())
    }

    /// A number with leading zeros (`0574-12345678`, `02`) or too many digits: compared by text.
    fn digit_code(&self, i: usize) -> Q {
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

    /// `2023-03-10`, `2023/3/10`, `2023.03.10`.
    fn iso_date(&self, i: usize) -> Option<Q> {
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

    fn int(&self, i: usize, len: usize) -> Option<u32> {
        let s: String = (i..i + len).map(|k| self.c(k)).collect();
        s.parse().ok()
    }

    /// `9:00` (minutes after midnight).
    fn time_at(&self, i: usize, lit: &Literal) -> Option<Q> {
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
    fn dot_date(&self, i: usize, lit: &Literal) -> Option<Q> {
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

    /// A bracketed year followed by a serial number up to `号`: a case number
    /// (`（2023）浙02民初123号`) or a document number (`甬政办发〔2024〕6号`).
    fn bracketed_code(&self, i: usize) -> Option<Step> {
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

    /// Parses the range that may follow `a` (`5—7`, `5 to 7`, `between 5 and 7`).
    fn with_range(&self, a: Q, lang: Lang) -> Step {
        if a.kind != Kind::Code
            && !a.ignored
            && let Some(b_start) = self.range_connector(&a, lang)
        {
            let b = match lang {
                Lang::Zh => self.zh_single(b_start),
                Lang::En => self.en_single(b_start),
            };
            if let Some(b) = b
                && !b.ignored
                && let Some((lo, hi)) = join_range(a.clone(), b, lang)
            {
                let next = hi.end;
                return Step {
                    qs: vec![lo, hi],
                    next,
                };
            }
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

    /// A whole English word `w` at `k` (case-insensitive).
    fn word_at(&self, k: usize, w: &str) -> bool {
        let n = w.chars().count();
        matches_at_ci(&self.chs, k, w)
            && !self.before(k).is_ascii_alphabetic()
            && !self.c(k + n).is_ascii_alphabetic()
    }

    fn between_before(&self, start: usize) -> bool {
        let mut k = start;
        while k > 0 && self.c(k - 1) == ' ' {
            k -= 1;
        }
        k >= 7 && self.word_at(k - 7, "between")
    }

    fn in_quote(&self, i: usize) -> bool {
        self.quoted.get(i).copied().unwrap_or(false)
    }

    // --- Chinese -----------------------------------------------------------------------------

    fn zh_step(&self, i: usize) -> Option<Step> {
        let c = self.c(i);
        if c == MASK {
            return None;
        }
        if let Some(step) = self.bracketed_code(i) {
            return Some(step);
        }
        let (_, d) = self.sign_at(i);
        if is_digit(self.c(d)) && (d > i || !is_digit(self.before(i))) {
            return Some(match self.zh_single(i) {
                Some(q) => self.with_range(q, Lang::Zh),
                None => self.skip_token(d),
            });
        }
        match c {
            '百' if self.at(i, "百分之") => self.zh_percent_words(i),
            '第' => self.zh_ordinal(i),
            '每' => self.zh_per_base(i),
            _ if is_zh_numeral(c) => self.zh_numeral(i),
            _ => None,
        }
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

    /// One number in Chinese text starting at `i` (a digit or its sign).
    fn zh_single(&self, i: usize) -> Option<Q> {
        let (sign, d) = self.sign_at(i);
        if !is_digit(self.c(d)) {
            return None;
        }
        if self.glued_to_letter(d) {
            return Some(self.code_around(d));
        }
        if let Some(q) = self.iso_date(d) {
            return Some(q);
        }
        let lit = self.literal(d)?;
        if lit.long || lit.leading_zero {
            return Some(self.digit_code(d));
        }
        if let Some(q) = self.time_at(d, &lit).or_else(|| self.dot_date(d, &lit)) {
            return Some(q);
        }
        let j = lit.end;
        if self.c(j) == '.' && is_digit(self.c(j + 1)) {
            return Some(self.code_around(d));
        }
        if self.c(j).is_ascii_alphabetic() {
            return Some(self.glued_suffix(i, d, &lit, sign));
        }
        let raw = sign * lit.value;
        let mut k = j;
        if matches!(self.c(k), '余' | '多') {
            k += 1;
        }
        let (scale, after_scale) = self.zh_scale(k);
        let has_scale = after_scale > k;
        let text_end = if has_scale { after_scale } else { j };
        let mut q = Q::number(
            scaled(raw, scale),
            scaled(lit.precision(), scale),
            i,
            text_end,
            Written::Digits,
        );
        q.raw = raw;
        q.scale = scale;
        q.explicit_scale = has_scale;
        q.plain_int = lit.plain_int() && !has_scale && sign > 0.0;
        let mut u = text_end;
        if matches!(self.c(u), '余' | '多' | '来') {
            u += 1;
        }
        if self.c(text_end) == '%' {
            q.kind = Kind::Percent;
            q.end = text_end + 1;
        } else if self.c(text_end) == '‰' {
            q.kind = Kind::Percent;
            q.value /= 10.0;
            q.precision /= 10.0;
            q.end = text_end + 1;
        } else if self.at(u, "个百分点") || self.at(u, "百分点") {
            q.kind = Kind::PercentagePoint;
            q.end = u + if self.at(u, "个") { 4 } else { 3 };
        } else if q.plain_int && lit.int_digits == 4 && self.c(j) == '年' {
            return Some(self.zh_year(i, lit.value as u32, j + 1));
        } else if q.plain_int && (1.0..=12.0).contains(&lit.value) && self.c(j) == '月' {
            return Some(self.zh_month_day(i, None, lit.value as u32, j + 1));
        } else if q.plain_int
            && let Some(tenths) = self.zh_tenths(i, j, lit.value, Written::Digits)
        {
            return Some(tenths);
        } else if q.plain_int && matches!(self.c(j), '日' | '号') {
            q.day_unit = true;
            q.unit = self.zh_time_unit(u);
        } else {
            q.unit = self.zh_time_unit(u);
        }
        Some(q)
    }

    /// The time unit of a duration at `k` (`天`, `个工作日`, `周`, `个月`, `年`, `小时`). A bare
    /// `月` is a month of the year, not a duration, and `年` after four digits is a year.
    fn zh_time_unit(&self, k: usize) -> Option<Unit> {
        let counted = self.c(k) == '个';
        let k = if counted { k + 1 } else { k };
        let k = if self.at(k, "工作") { k + 2 } else { k };
        match self.c(k) {
            '天' | '日' => Some(Unit::Day),
            '周' => Some(Unit::Week),
            '星' if self.at(k, "星期") => Some(Unit::Week),
            '月' if counted => Some(Unit::Month),
            '年' => Some(Unit::Year),
            '小' if self.at(k, "小时") => Some(Unit::Hour),
            _ => None,
        }
    }

    /// `万`, `亿`, `千`, `百`, `十万`, `千万`, `万亿` … after digits.
    fn zh_scale(&self, k: usize) -> (f64, usize) {
        const TWO: [(&str, f64); 7] = [
            ("十万", 1e5),
            ("百万", 1e6),
            ("千万", 1e7),
            ("十亿", 1e9),
            ("百亿", 1e10),
            ("千亿", 1e11),
            ("万亿", 1e12),
        ];
        for (s, v) in TWO {
            if self.at(k, s) {
                return (v, k + 2);
            }
        }
        match self.c(k) {
            '万' => (1e4, k + 1),
            '亿' => (1e8, k + 1),
            // `千米`, `千克`, `千瓦` are units; `百分之`, `百分点` are percentages.
            '千' if !matches!(self.c(k + 1), '米' | '克' | '瓦') => (1e3, k + 1),
            '百' if self.c(k + 1) != '分' => (1e2, k + 1),
            _ => (1.0, k),
        }
    }

    /// `2023年`, `2023年3月`, `2023年3月10日`; `j` is just after `年`.
    fn zh_year(&self, i: usize, year: u32, j: usize) -> Q {
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
    fn zh_month_day(&self, i: usize, year: Option<u32>, month: u32, j: usize) -> Q {
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

    /// Digits followed directly by letters: a unit (`5kg`, `2600kg`) or a code (`5G`).
    fn glued_suffix(&self, i: usize, d: usize, lit: &Literal, sign: f64) -> Q {
        let j = lit.end;
        let w = self.ascii_word(j);
        let scale = match &*w {
            "k" => Some(1e3),
            "m" | "mn" if self.c(j + w.len()) != '²' => Some(1e6),
            "bn" => Some(1e9),
            _ => None,
        };
        if let Some(scale) = scale {
            let mut q = Q::number(
                scaled(sign * lit.value, scale),
                scaled(lit.precision(), scale),
                i,
                j + w.len(),
                Written::Digits,
            );
            q.raw = sign * lit.value;
            q.scale = scale;
            q.explicit_scale = true;
            return q;
        }
        if is_unit_abbreviation(&w) {
            let mut q = Q::number(sign * lit.value, lit.precision(), i, j, Written::Digits);
            q.plain_int = lit.plain_int();
            return q;
        }
        self.code_around(d)
    }

    /// The ASCII word starting at `j` (at most 40 letters), without allocating: this runs
    /// for every word of every English text.
    fn ascii_word(&self, j: usize) -> AsciiWord {
        let mut word = AsciiWord {
            buf: [0; 40],
            len: 0,
        };
        for c in self.chs.iter().skip(j).take(40) {
            if !c.c.is_ascii_alphabetic() {
                break;
            }
            word.buf[word.len] = c.c as u8;
            word.len += 1;
        }
        word
    }

    /// `百分之六十`, `百分之3.5`, `百分之三点五`.
    fn zh_percent_words(&self, i: usize) -> Option<Step> {
        let k = i + 3;
        if let Some(lit) = self.literal(k) {
            let q = Q {
                kind: Kind::Percent,
                ..Q::number(lit.value, lit.precision(), i, lit.end, Written::Digits)
            };
            return Some(Step {
                next: q.end,
                qs: vec![q],
            });
        }
        let z = zh_numeral_run(&self.chs, k);
        let whole = self.zh_value(k, z)?;
        let mut value = whole as f64;
        let mut precision = 1.0;
        let mut end = k + z;
        if self.c(end) == '点' {
            let digits: Vec<u64> = self
                .chs
                .iter()
                .skip(end + 1)
                .map_while(|c| zh_digit(c.c))
                .take(10)
                .collect();
            for (n, dig) in digits.iter().enumerate() {
                precision = 10f64.powi(-(n as i32 + 1));
                value += *dig as f64 * precision;
            }
            if !digits.is_empty() {
                end += 1 + digits.len();
            }
        }
        let q = Q {
            kind: Kind::Percent,
            ..Q::number(value, precision, i, end, Written::Words)
        };
        Some(Step {
            next: end,
            qs: vec![q],
        })
    }

    /// `第三`, `第28届`: an ordinal (soft). `第一` and `第三方` are not quantities.
    fn zh_ordinal(&self, i: usize) -> Option<Step> {
        let k = i + 1;
        let (value, end, written) = if let Some(lit) = self.literal(k) {
            if !lit.plain_int() || lit.long {
                return None;
            }
            (lit.value, lit.end, Written::Digits)
        } else {
            let z = zh_numeral_run(&self.chs, k);
            (self.zh_value(k, z)? as f64, k + z, Written::Words)
        };
        let q = if value <= 1.0 || (value == 3.0 && self.c(end) == '方') {
            Q::ignored(i, end)
        } else {
            Q {
                kind: Kind::Ordinal,
                ..Q::number(value, 1.0, i, end, written)
            }
        };
        Some(Step {
            next: end,
            qs: vec![q],
        })
    }

    /// `每万人口`, `每10万人`: the base of a rate, which English says as `per ten thousand` or
    /// leaves out; skipped on both sides.
    fn zh_per_base(&self, i: usize) -> Option<Step> {
        let k = i + 1;
        let (value, end) = if let Some(lit) = self.literal(k) {
            let (scale, e) = self.zh_scale(lit.end);
            (scaled(lit.value, scale), e)
        } else {
            let z = zh_numeral_run(&self.chs, k);
            (self.zh_value(k, z)? as f64, k + z)
        };
        is_power_of_ten(value).then_some(Step {
            qs: vec![Q::ignored(i, end)],
            next: end,
        })
    }

    /// The value of the Chinese numeral of `len` characters at `k`.
    fn zh_value(&self, k: usize, len: usize) -> Option<u64> {
        if len == 0 || k + len > self.chs.len() {
            return None;
        }
        let run: Vec<char> = self.chs[k..k + len].iter().map(|c| c.c).collect();
        parse_zh_numeral(&run)
    }

    /// A number in Chinese numerals. Only counted when a measure word follows (`三家`, `十二项`,
    /// `十大事件`) or it is a month or a year; a numeral in a set phrase (`一站式`, `三合一`,
    /// `十四五`, `两个确保`) is skipped.
    fn zh_numeral(&self, i: usize) -> Option<Step> {
        let r = zh_numeral_run(&self.chs, i);
        let skip = Step {
            qs: Vec::new(),
            next: i + r,
        };
        // `数十家`, `几十个`, `上百家`, `成千上万`: vague, not a number.
        if r > 20 || matches!(self.before(i), '数' | '几' | '上' | '成' | '若') {
            return Some(skip);
        }
        if self.in_quote(i) || ZH_SET_PHRASES.iter().any(|p| self.at(i, p)) {
            return Some(skip);
        }
        // 二〇二三年
        if r == 4
            && self.c(i + r) == '年'
            && self.chs[i..i + r].iter().all(|c| zh_digit(c.c).is_some())
        {
            let year = self.chs[i..i + r]
                .iter()
                .filter_map(|c| zh_digit(c.c))
                .fold(0u64, |acc, d| acc * 10 + d);
            let q = Q {
                written: Written::Words,
                ..Q::of_kind(Kind::Year, year as f64, i, i + r + 1)
            };
            return Some(Step {
                next: q.end,
                qs: vec![q],
            });
        }
        // A bare `万`, `百`, `千万` is a unit (`万件`) or an idiom (`千家万户`), not a count.
        let has_digit =
            self.c(i) == '十' || self.chs[i..i + r].iter().any(|c| zh_digit(c.c).is_some());
        // … unless it is approximate: `千余家` (over a thousand), `超亿元`, `近百家`.
        let approximate = matches!(self.c(i + r), '余' | '多')
            || matches!(self.before(i), '超' | '近' | '逾' | '过' | '破');
        let Some(value) = self.zh_value(i, r).filter(|_| has_digit || approximate) else {
            return Some(skip);
        };
        let k = i + r;
        if let Some(step) = self.zh_numeral_range(i, r, value) {
            return Some(step);
        }
        if self.c(k) == '月' && (1..=12).contains(&value) {
            return Some(self.zh_numeral_month(i, value as u32, k + 1));
        }
        if let Some(q) = self.zh_tenths(i, k, value as f64, Written::Words) {
            return Some(Step {
                next: q.end,
                qs: vec![q],
            });
        }
        // `一` is an article or an idiom far more often than a count; `零部件` is not zero parts.
        if value <= 1 || !self.measure_follows(k) {
            return Some(skip);
        }
        let mut q = Q::number(value as f64, 1.0, i, k, Written::Words);
        q.unit = self.zh_time_unit(self.after_approx(k));
        Some(Step {
            next: k,
            qs: vec![q],
        })
    }

    fn after_approx(&self, k: usize) -> usize {
        if matches!(self.c(k), '余' | '多' | '来') {
            k + 1
        } else {
            k
        }
    }

    /// `四成`, `3成`: tenths, a percentage (`近四成` ≈ `nearly 40%`). Not `成员`, `成立`,
    /// `成千上万`, nor `一成不变`.
    fn zh_tenths(&self, i: usize, k: usize, value: f64, written: Written) -> Option<Q> {
        const NOT_TENTHS: &str = "员立为果本功效绩交熟长就型品都年人分千套批像份材色器药";
        if self.c(k) != '成' || !(2.0..=9.0).contains(&value) || NOT_TENTHS.contains(self.c(k + 1))
        {
            return None;
        }
        Some(Q {
            kind: Kind::Percent,
            ..Q::number(value * 10.0, 10.0, i, k + 1, written)
        })
    }

    fn zh_numeral_month(&self, i: usize, month: u32, j: usize) -> Step {
        let j = if self.c(j) == '份' { j + 1 } else { j };
        let mut q = self.zh_month_day(i, None, month, j);
        q.written = Written::Words;
        Step {
            next: q.end,
            qs: vec![q],
        }
    }

    /// `三至五年`: two numerals joined by a range connector, the second with a measure word.
    fn zh_numeral_range(&self, i: usize, r: usize, low: u64) -> Option<Step> {
        let k = i + r;
        if !matches!(self.c(k), '至' | '到' | '—' | '~' | '-') {
            return None;
        }
        let b = k + 1;
        let rb = zh_numeral_run(&self.chs, b);
        let high = self.zh_value(b, rb)?;
        if !self.measure_follows(b + rb) || low >= high {
            return None;
        }
        let mut lo = Q::number(low as f64, 1.0, i, k, Written::Words);
        let mut hi = Q::number(high as f64, 1.0, b, b + rb, Written::Words);
        lo.part = Part::RangeLow;
        hi.part = Part::RangeHigh;
        hi.unit = self.zh_time_unit(self.after_approx(b + rb));
        lo.unit = hi.unit;
        Some(Step {
            next: b + rb,
            qs: vec![lo, hi],
        })
    }

    /// A measure word (`家`, `项`, `个` …, or `大` before a noun as in `十大事件`) at `k`,
    /// after an optional `余`/`多`.
    fn measure_follows(&self, k: usize) -> bool {
        let k = if matches!(self.c(k), '余' | '多' | '来') {
            k + 1
        } else {
            k
        };
        let c = self.c(k);
        ZH_MEASURES.contains(c)
            || ZH_MEASURES_2.iter().any(|m| self.at(k, m))
            || (c == '大' && is_ideograph(self.c(k + 1)))
    }

    // --- English -----------------------------------------------------------------------------

    fn en_step(&self, i: usize) -> Option<Step> {
        let c = self.c(i);
        if c == MASK {
            return None;
        }
        if let Some(step) = self.bracketed_code(i) {
            return Some(step);
        }
        let (_, d) = self.sign_at(i);
        if is_digit(self.c(d)) && (d > i || !is_digit(self.before(i))) {
            return Some(match self.en_single(i) {
                Some(q) => self.with_range(q, Lang::En),
                None => self.skip_token(d),
            });
        }
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
    fn en_single(&self, i: usize) -> Option<Q> {
        if self.c(i).is_ascii_alphabetic() {
            return self.en_words(i);
        }
        let (sign, d) = self.sign_at(i);
        if !is_digit(self.c(d)) {
            return None;
        }
        if self.glued_to_letter(d) {
            return Some(self.code_around(d));
        }
        if let Some(q) = self.iso_date(d) {
            return Some(q);
        }
        let lit = self.literal(d)?;
        if lit.long || lit.leading_zero {
            return Some(self.digit_code(d));
        }
        if let Some(q) = self.time_at(d, &lit).or_else(|| self.dot_date(d, &lit)) {
            return Some(q);
        }
        let j = lit.end;
        if self.c(j) == '.' && is_digit(self.c(j + 1)) {
            return Some(self.code_around(d));
        }
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
        let raw = sign * lit.value;
        let (scale, scale_end) = self.en_scale(j);
        let has_scale = scale_end > j;
        let mut q = Q::number(
            scaled(raw, scale),
            scaled(lit.precision(), scale),
            i,
            scale_end,
            Written::Digits,
        );
        q.raw = raw;
        q.scale = scale;
        q.explicit_scale = has_scale;
        q.plain_int = lit.plain_int() && !has_scale && sign > 0.0;
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
    fn word_before(&self, i: usize) -> String {
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

    /// `10 March`, `10 March 2023`, `10th of March`: `j` is just after the day.
    fn en_day_month(&self, i: usize, day: f64, j: usize) -> Option<Q> {
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

    /// `March`, `March 10`, `March 10, 2023`, `March 2023` (`May` only with a day or year).
    fn en_month_date(&self, i: usize, w: &str, m: u32) -> Option<Q> {
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
            } else {
                match lower.as_str() {
                    // Saturating: `one hundred hundred hundred …` must not overflow.
                    "hundred" => current = current.max(1).saturating_mul(100),
                    "thousand" => {
                        total = total.saturating_add(current.max(1).saturating_mul(1_000));
                        current = 0;
                    }
                    "million" => {
                        total = total.saturating_add(current.max(1).saturating_mul(1_000_000));
                        current = 0;
                    }
                    "billion" => {
                        total = total.saturating_add(current.max(1).saturating_mul(1_000_000_000));
                        current = 0;
                    }
                    "dozen" => current = current.max(1).saturating_mul(12),
                    "and"
                        if any
                            && self.word_number_continues(k + n)
                            && current.is_multiple_of(100) =>
                    {
                        k = skip_spaces(&self.chs, k + n);
                        continue;
                    }
                    _ => break,
                }
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

struct WordNumber {
    value: u64,
    end: usize,
    ordinal: bool,
    fraction: bool,
}

/// Positions inside a short quotation (at most 12 characters between the marks).
fn short_quotes(chs: &[Ch]) -> Vec<bool> {
    let mut quoted = vec![false; chs.len()];
    for i in 0..chs.len() {
        let close = match chs[i].c {
            '“' => '”',
            '「' => '」',
            '『' => '』',
            '"' => '"',
            _ => continue,
        };
        if let Some(k) = chs
            .iter()
            .skip(i + 1)
            .take(13)
            .position(|c| c.c == close || c.c == '\n')
            && chs[i + 1 + k].c == close
        {
            for q in quoted.iter_mut().take(i + 1 + k).skip(i + 1) {
                *q = true;
            }
        }
    }
    quoted
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

/// Whether an English number in words can start with the word `w` (`lower` in lower case):
/// a month (a date), `a`/`an` (`a hundred`), a cardinal or an ordinal.
fn starts_word_number(w: &str, lower: &str) -> bool {
    month(w).is_some()
        || matches!(lower, "a" | "an")
        || cardinal(lower).is_some()
        || ordinal_word(lower).is_some()
}

fn month(w: &str) -> Option<u32> {
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

fn cardinal(w: &str) -> Option<u64> {
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

fn ordinal_word(w: &str) -> Option<u64> {
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

fn zh_digit(c: char) -> Option<u64> {
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

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/// The mentions of each side that have no counterpart on the other.
fn unmatched(zh: Vec<Mention>, en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let (zh, en) = pair_codes(zh, en);
    let zh = expand_codes(zh);
    let en = expand_codes(en);
    let (zh, en) = pair_values(zh, en);
    drop_lone_soft(zh, en)
}

/// Identical codes agree (`（2023）浙02民初123号` written the same way in both).
fn pair_codes(zh: Vec<Mention>, mut en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let mut left = Vec::with_capacity(zh.len());
    for m in zh {
        if m.kind == Kind::Code {
            let key = code_key(&m.text);
            if let Some(p) = en
                .iter()
                .position(|e| e.kind == Kind::Code && code_key(&e.text) == key)
            {
                en.remove(p);
                continue;
            }
        }
        left.push(m);
    }
    (left, en)
}

fn code_key(text: &str) -> String {
    text.chars()
        .map(normalise)
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            _ => c.to_ascii_uppercase(),
        })
        .collect()
}

/// A code the other side does not have is compared by its numbers: `（2023）浙02民初123号`
/// against `(2023) Zhe 02 Min Chu No. 123`, `5G` against `5G` written differently.
fn expand_codes(ms: Vec<Mention>) -> Vec<Mention> {
    let mut out = Vec::with_capacity(ms.len());
    for m in ms {
        if m.kind != Kind::Code {
            out.push(m);
            continue;
        }
        let mut run: Option<(usize, String)> = None;
        let chars: Vec<(usize, char)> = m.text.char_indices().collect();
        for (idx, &(at, c)) in chars.iter().enumerate() {
            let n = normalise(c);
            if is_digit(n) {
                run.get_or_insert_with(|| (at, String::new())).1.push(n);
            }
            let last = idx + 1 == chars.len();
            if (!is_digit(n) || last)
                && let Some((s, digits)) = run.take()
            {
                let e = if is_digit(n) { at + c.len_utf8() } else { at };
                out.push(code_part(&m, s, e, &digits));
            }
        }
    }
    out
}

fn code_part(code: &Mention, s: usize, e: usize, digits: &str) -> Mention {
    let value = if digits.len() <= 15 {
        digits.parse::<f64>().ok()
    } else {
        None
    };
    Mention {
        value: value.unwrap_or(0.0),
        kind: if value.is_some() {
            Kind::Number
        } else {
            Kind::Code
        },
        text: code.text.get(s..e).unwrap_or(digits).to_string(),
        range: code.range.start + s..code.range.start + e,
        precision: 1.0,
        written: Written::Digits,
        part: Part::Single,
        unit: None,
    }
}

/// Greedy multiset matching: exact agreements first, then the closest pairs.
fn pair_values(zh: Vec<Mention>, en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let mut zh_used = vec![false; zh.len()];
    let mut en_used = vec![false; en.len()];
    pair_exact(&zh, &en, &mut zh_used, &mut en_used);
    pair_closest(&zh, &en, &mut zh_used, &mut en_used);
    let keep = |ms: Vec<Mention>, used: &[bool]| {
        ms.into_iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(m, _)| m)
            .collect::<Vec<_>>()
    };
    (keep(zh, &zh_used), keep(en, &en_used))
}

/// Pairs mentions of the same value through an index by value: long texts repeat values, and
/// comparing every pair would cost quadratic time and memory.
fn pair_exact(zh: &[Mention], en: &[Mention], zh_used: &mut [bool], en_used: &mut [bool]) {
    let key = |m: &Mention| {
        let class = match m.kind {
            Kind::Percent => 1u8,
            Kind::Date => 2,
            Kind::Time => 3,
            Kind::Code => 4,
            _ => 0,
        };
        (class, (m.value + 0.0).to_bits()) // `+ 0.0` turns -0 into 0
    };
    let mut by_value: std::collections::HashMap<(u8, u64), Vec<usize>> =
        std::collections::HashMap::new();
    for (b, e) in en.iter().enumerate() {
        by_value.entry(key(e)).or_default().push(b);
    }
    for (a, z) in zh.iter().enumerate() {
        let Some(list) = by_value.get_mut(&key(z)) else {
            continue;
        };
        let exact = |b: &usize| agreement(z, &en[*b]).is_some_and(|cost| cost < 1e-6);
        if let Some(pos) = list.iter().position(exact) {
            let b = list.swap_remove(pos);
            zh_used[a] = true;
            en_used[b] = true;
        }
    }
}

/// Pairs what is left, closest first (rounding: `286.37亿` with `28.64 billion`). Above a
/// size that only a pathological text reaches, each zh mention takes its closest en mention
/// in turn instead, which needs no memory for the candidate pairs.
fn pair_closest(zh: &[Mention], en: &[Mention], zh_used: &mut [bool], en_used: &mut [bool]) {
    let zh_left: Vec<usize> = (0..zh.len()).filter(|&a| !zh_used[a]).collect();
    let en_left: Vec<usize> = (0..en.len()).filter(|&b| !en_used[b]).collect();
    if zh_left.len().saturating_mul(en_left.len()) > 250_000 {
        for &a in &zh_left {
            let best = en_left
                .iter()
                .filter(|&&b| !en_used[b])
                .filter_map(|&b| agreement(&zh[a], &en[b]).map(|cost| (cost, b)))
                .min_by(|x, y| x.0.total_cmp(&y.0));
            if let Some((_, b)) = best {
                zh_used[a] = true;
                en_used[b] = true;
            }
        }
        return;
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &a in &zh_left {
        for &b in &en_left {
            if let Some(cost) = agreement(&zh[a], &en[b]) {
                candidates.push((cost, a, b));
            }
        }
    }
    candidates.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, a, b) in candidates {
        if !zh_used[a] && !en_used[b] {
            zh_used[a] = true;
            en_used[b] = true;
        }
    }
}

/// `Some(cost)` when the two mentions can be translations of each other; a lower cost is a
/// closer match.
fn agreement(a: &Mention, b: &Mention) -> Option<f64> {
    use Kind::*;
    let compatible = match (a.kind, b.kind) {
        (Code, _) | (_, Code) => false,
        (Date, Date) | (Time, Time) | (Percent, Percent) => true,
        (Number | Year | Ordinal | PercentagePoint, Number | Year | Ordinal | PercentagePoint) => {
            // A percentage point is a plain number in English (`3.2 points`), not a year.
            !matches!(
                (a.kind, b.kind),
                (PercentagePoint, Year | Ordinal) | (Year | Ordinal, PercentagePoint)
            )
        }
        _ => false,
    };
    if !compatible {
        return None;
    }
    if let (Some(x), Some(y)) = (a.unit, b.unit)
        && x != y
    {
        return None;
    }
    if a.kind == Date {
        return dates_agree(a.value, b.value).then_some(0.0);
    }
    let diff = (a.value - b.value).abs();
    let magnitude = a.value.abs().max(b.value.abs());
    let tolerance = a.precision.max(b.precision) / 2.0 + 1e-9 * magnitude.max(1.0);
    if diff > tolerance {
        return None;
    }
    let kind_penalty = if a.kind == b.kind { 0.0 } else { 1e-9 };
    Some(diff / magnitude.max(1e-12) + kind_penalty)
}

/// Dates agree when every part both state is the same (`10 March` agrees with `2023年3月10日`).
fn dates_agree(a: f64, b: f64) -> bool {
    let (ay, am, ad) = decode_date(a);
    let (by, bm, bd) = decode_date(b);
    let mut common = false;
    for (x, y) in [(ay, by), (am, bm), (ad, bd)] {
        if let (Some(x), Some(y)) = (x, y) {
            if x != y {
                return false;
            }
            common = true;
        }
    }
    common
}

/// A soft mention left over is only reported when the other side also has a number left over.
fn drop_lone_soft(zh: Vec<Mention>, en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let numeric = |m: &Mention| {
        matches!(
            m.kind,
            Kind::Number | Kind::Year | Kind::Ordinal | Kind::PercentagePoint
        )
    };
    let zh_numeric = zh.iter().any(numeric);
    let en_numeric = en.iter().any(numeric);
    let zh = zh
        .into_iter()
        .filter(|m| !m.is_soft() || en_numeric)
        .collect();
    let en = en
        .into_iter()
        .filter(|m| !m.is_soft() || zh_numeric)
        .collect();
    (zh, en)
}

// ---------------------------------------------------------------------------------------------
// Markdown blocks
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Heading(usize),
    Paragraph,
    ListItem,
    TableRow,
    Quote,
    Footnote,
}

#[derive(Clone, Debug)]
struct Block {
    kind: BlockKind,
    range: Range<usize>,
}

/// The document after its YAML front matter (`---` … `---`), if it has one.
fn body_range(doc: &str) -> Range<usize> {
    let first = doc.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return 0..doc.len();
    }
    let mut pos = 0;
    for (n, line) in doc.split_inclusive('\n').enumerate() {
        pos += line.len();
        let t = line.trim_end();
        if n > 0 && (t == "---" || t == "...") {
            return pos..doc.len();
        }
    }
    0..doc.len()
}

fn blocks(doc: &str) -> Vec<Block> {
    let body = body_range(doc);
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<usize> = None;
    let mut fence: Option<(char, usize)> = None;
    let mut pos = body.start;
    for line in doc.get(body.clone()).unwrap_or("").split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let end = start + text.len();
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        if let Some((c, n)) = fence {
            if trimmed.chars().take_while(|&x| x == c).count() >= n {
                fence = None;
            }
            continue;
        }
        if trimmed.is_empty() {
            open = None;
            continue;
        }
        if let Some(f) = fence_open(trimmed) {
            fence = Some(f);
            open = None;
            continue;
        }
        let kind = if indent <= 3 && heading_level(trimmed).is_some() {
            heading_level(trimmed).map(BlockKind::Heading)
        } else if trimmed.starts_with('|') {
            if is_table_separator(trimmed) {
                open = None;
                continue;
            }
            Some(BlockKind::TableRow)
        } else if is_thematic_break(trimmed) {
            open = None;
            continue;
        } else if trimmed.starts_with("[^") && trimmed.contains("]:") {
            Some(BlockKind::Footnote)
        } else if trimmed.starts_with('>') {
            match open.and_then(|ix| out.get(ix)) {
                Some(b) if b.kind == BlockKind::Quote => None,
                _ => Some(BlockKind::Quote),
            }
        } else if is_list_item(trimmed) {
            Some(BlockKind::ListItem)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                out.push(Block {
                    kind,
                    range: start..end,
                });
                open = match kind {
                    BlockKind::Heading(_) | BlockKind::TableRow => None,
                    _ => Some(out.len() - 1),
                };
            }
            None => match open.and_then(|ix| out.get_mut(ix)) {
                Some(block) => block.range.end = end,
                None => {
                    out.push(Block {
                        kind: BlockKind::Paragraph,
                        range: start..end,
                    });
                    open = Some(out.len() - 1);
                }
            },
        }
    }
    out
}

fn fence_open(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = line.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

fn heading_level(line: &str) -> Option<usize> {
    let n = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[n..];
    ((1..=6).contains(&n) && (rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')))
        .then_some(n)
}

fn is_table_separator(line: &str) -> bool {
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Three or more of one of `-`, `*`, `_`, and nothing else but white space.
fn is_thematic_break(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(mark @ ('-' | '*' | '_')) = marks.next() else {
        return false;
    };
    let mut n = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        n += 1;
    }
    n >= 3
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '+') => matches!(chars.next(), Some(' ' | '\t') | None),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            digits <= 9
                && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
        }
        _ => false,
    }
}

fn same_shape(a: &[Block], b: &[Block]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.kind == y.kind)
}

/// Blocks split before each heading.
fn sections(blocks: &[Block]) -> Vec<&[Block]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Heading(_)) && i > start {
            out.push(&blocks[start..i]);
            start = i;
        }
    }
    if start < blocks.len() {
        out.push(&blocks[start..]);
    }
    out
}

fn span_of(blocks: &[Block]) -> Range<usize> {
    match (blocks.first(), blocks.last()) {
        (Some(f), Some(l)) => f.range.start..l.range.end,
        _ => 0..0,
    }
}

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

    /// `(text, value, kind)` of each mention, for compact assertions.
    fn zh(text: &str) -> Vec<(String, f64, Kind)> {
        simple(extract_zh(text))
    }

    fn en(text: &str) -> Vec<(String, f64, Kind)> {
        simple(extract_en(text))
    }

    fn simple(ms: Vec<Mention>) -> Vec<(String, f64, Kind)> {
        ms.into_iter().map(|m| (m.text, m.value, m.kind)).collect()
    }

    fn values(ms: &[(String, f64, Kind)]) -> Vec<f64> {
        ms.iter().map(|m| m.1).collect()
    }

    #[track_caller]
    fn agree(z: &str, e: &str) {
        if let Some(m) = compare(z, e) {
            panic!("expected agreement: {m}\n  zh: {z}\n  en: {e}");
        }
    }

    /// The mismatch, checked to name `zh_only` and `en_only` (mention texts).
    #[track_caller]
    fn disagree(z: &str, e: &str, zh_only: &[&str], en_only: &[&str]) -> Mismatch {
        let Some(m) = compare(z, e) else {
            panic!("expected a mismatch\n  zh: {z}\n  en: {e}");
        };
        let texts = |ms: &[Mention]| ms.iter().map(|x| x.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&m.zh), zh_only, "zh side of {m}");
        assert_eq!(texts(&m.en), en_only, "en side of {m}");
        m
    }

    // --- Arabic numerals -----------------------------------------------------------------------

    /// Skipping the masking passes whose characters do not occur changes nothing: the same
    /// characters come out as when every pass runs.
    #[test]
    fn masking_passes_are_skipped_only_when_they_would_find_nothing() {
        let texts = [
            "plain prose with 12 numbers and no markup",
            "见`代码 12`和~~~\n围栏 3\n~~~之后",
            "a <b>tag</b> &amp; &#12345; <!-- 7 -->",
            "链接[文字](@indicator/x/2023)和[^1]、[12]",
            "see https://example.org/2023 or www.ipr.gov.cn/12 or a@b.cn",
            "全角ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ／１２ and ｈｔｔｐ：／／ｘ．ｃｎ／３",
            "（一）第一项 (2) 第二项 “两个确保” \"two\" 「三」",
            "1. list\n- item 3\n## 二、标题",
        ];
        for text in texts {
            let mut all: Vec<Ch> = text
                .char_indices()
                .map(|(i, c)| Ch {
                    c: normalise(c),
                    start: i as u32,
                })
                .collect();
            mask_code(&mut all);
            mask_html(&mut all);
            mask_links(&mut all);
            mask_urls(&mut all);
            mask_markers(&mut all, true);
            let (chs, seen) = prepare(text);
            let chars = |v: &[Ch]| v.iter().map(|c| c.c).collect::<String>();
            assert_eq!(chars(&chs), chars(&all), "{text}");
            let quoted = if seen.quote {
                short_quotes(&chs)
            } else {
                Vec::new()
            };
            let full = short_quotes(&all);
            for (i, q) in full.iter().enumerate() {
                assert_eq!(quoted.get(i).copied().unwrap_or(false), *q, "{text} at {i}");
            }
        }
    }

    #[test]
    fn thematic_breaks() {
        for yes in ["---", "***", "___", "- - -", " *  * * *", "_____"] {
            assert!(is_thematic_break(yes), "{yes:?}");
        }
        for no in ["", "--", "-*-", "--a", "—", "- - x", "==="] {
            assert!(!is_thematic_break(no), "{no:?}");
        }
    }

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

    #[test]
    fn full_width_digits_and_signs() {
        assert_eq!(values(&zh("受理案件６５件，占比６０％")), [65.0, 60.0]);
        agree("受理案件６５件，占比６０％", "65 cases, 60%");
        assert_eq!(values(&zh("同比增长-3.5%")), [-3.5]);
        assert_eq!(values(&en("a change of −3.5% and +2")), [-3.5, 2.0]);
        agree("同比增长-3.5%", "a change of -3.5%");
        disagree("同比增长-3.5%", "a change of 3.5%", &["-3.5%"], &["3.5%"]);
        // A hyphen between words and digits is not a sign.
        assert_eq!(en("COVID-19")[0].2, Kind::Code);
    }

    // --- Scale -----------------------------------------------------------------------------------

    #[test]
    fn wan_and_yi_scale() {
        assert_eq!(values(&zh("120万元")), [1_200_000.0]);
        assert_eq!(values(&zh("200亿元")), [20_000_000_000.0]);
        assert_eq!(values(&zh("63.18万件")), [631_800.0]);
        assert_eq!(values(&zh("3.5亿")), [350_000_000.0]);
        assert_eq!(values(&zh("4.6亿元")), [460_000_000.0]); // exact, no binary noise
        assert_eq!(
            values(&zh("1.5万亿元、3千万元、2万余件")),
            [1.5e12, 3e7, 20_000.0]
        );
        agree("120万元", "1.2 million yuan");
        agree("200亿元", "20 billion yuan");
        agree("63.18万件", "631.8 thousand");
        agree("63.18万件", "631,800");
        agree("3.5亿", "350 million");
        // `百分之` and `千米` are not scales.
        assert_eq!(values(&zh("5千米")), [5.0]);
    }

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
    fn wrong_scale_is_flagged() {
        disagree("120万元", "12 million yuan", &["120万"], &["12 million"]);
        disagree("3.5亿", "35 million", &["3.5亿"], &["35 million"]);
        disagree(
            "286.37亿元",
            "2.8637 billion yuan",
            &["286.37亿"],
            &["2.8637 billion"],
        );
    }

    #[test]
    fn rounding_tolerance() {
        agree("286.37亿元", "28.64 billion yuan");
        agree("286.37亿元", "28.637 billion yuan");
        agree("1234.5万元", "12.3 million yuan");
        agree("12.6万", "125,600");
        agree("占比28.6%", "29%");
        disagree("392件", "329", &["392"], &["329"]);
        disagree("1.2万", "12,600", &["1.2万"], &["12,600"]);
        disagree("1234件", "1.234", &["1234"], &["1.234"]);
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

    // --- Ranges ----------------------------------------------------------------------------------

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

    // --- Dates -----------------------------------------------------------------------------------

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

    // --- Chinese numerals ------------------------------------------------------------------------

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

    #[test]
    fn chinese_numerals_count_before_measure_words() {
        assert_eq!(values(&zh("三家企业承担十二项任务")), [3.0, 12.0]);
        assert_eq!(
            values(&zh("新设一百零五个服务站，覆盖二十四个乡镇")),
            [105.0, 24.0]
        );
        assert_eq!(values(&zh("十大事件")), [10.0]);
        assert_eq!(values(&zh("二〇二四年")), [2024.0]);
        agree(
            "三家企业承担十二项任务",
            "Three enterprises will carry out 12 tasks",
        );
        agree("十大事件", "ten major events");
        agree("连续三年", "three years running");
        agree("三至五年", "three to five years");
        assert!(extract_zh("三家企业").iter().all(Mention::is_soft));
    }

    #[test]
    fn chinese_set_phrases_are_not_numbers() {
        for z in [
            "一号改革工程",
            "三合一审判",
            "一站式服务",
            "十四五规划",
            "一带一路",
            "双循环",
            "坚持两个确保",
            "一是完善制度；二是强化协同",
            "四位一体",
            "数十家企业",
            "千家万户",
            "一批货物",
            "汽车零部件",
            "万件",
        ] {
            assert!(zh(z).is_empty(), "{z}: {:?}", zh(z));
        }
        // A numeral in a short quotation is a name.
        assert!(zh("“三个一批”").is_empty());
        // Approximate bare units are numbers: `千余家` is over a thousand.
        assert_eq!(values(&zh("千余家企业、超亿元")), [1000.0, 1e8]);
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

    // --- English words ---------------------------------------------------------------------------

    #[test]
    fn english_number_words() {
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

    // --- Masking ---------------------------------------------------------------------------------

    #[test]
    fn cross_references_and_links_are_masked() {
        assert!(
            zh("达到[](@indicator/invention-patents/2023)，见[](@measure/decision-2022/4)")
                .is_empty()
        );
        assert_eq!(values(&en("the [2024 report](@year/2024)")), [2024.0]);
        assert!(en("see [the site](https://example.org/2024/a-1) and ![](img/5.png)").is_empty());
        assert!(en("[text][ref12] and\n[ref12]: https://x.org/3").is_empty());
    }

    #[test]
    fn code_urls_html_and_footnotes_are_masked() {
        assert!(en("run `ipreport build --port 8000`").is_empty());
        assert!(en("```\nlet x = 42;\n```\n").is_empty());
        assert!(en("see https://ip.example.gov.cn/2024/report, or www.x5.cn").is_empty());
        assert!(en("write to ip2024@example.gov.cn").is_empty());
        assert!(en("<span class=\"n3\">x</span><!-- 12 -->&#12345;").is_empty());
        assert!(zh("倍数约为8.5倍[^1]。\n\n[^1]: 说明").len() == 1);
        assert!(en("a claim [12] in the text").is_empty());
    }

    #[test]
    fn structural_markers_are_masked() {
        for z in [
            "## 一、总体要求",
            "### （二）强化协同",
            "第三章 保护措施",
            "1. 加快建设",
            "1、加快建设",
            "（1）建立机制；（2）推行服务",
            "**（三）加强督考激励。**",
        ] {
            assert!(zh(z).is_empty(), "{z}: {:?}", zh(z));
        }
        for e in [
            "## 1. Facts",
            "### 2.1 Scope",
            "Chapter 3 Measures",
            "1. Build",
            "(1) set up; (2) introduce",
        ] {
            assert!(en(e).is_empty(), "{e}: {:?}", en(e));
        }
        // A number that starts a line is kept when it is not a marker.
        assert_eq!(values(&zh("3.5亿元用于……")), [3.5e8]);
        assert_eq!(values(&en("2023 was the first full year")), [2023.0]);
    }

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

    // --- Comparison ------------------------------------------------------------------------------

    #[test]
    fn soft_mentions_only_count_against_a_leftover() {
        // `两地` has no English number: not reported on its own.
        agree(
            "从甬蚌两地扩展到长三角",
            "from Ningbo and Bengbu to the Yangtze River Delta",
        );
        // … but a numeral that contradicts an English number is.
        disagree("连续三年", "for four years running", &["三"], &["four"]);
        disagree("三家企业", "2 enterprises", &["三"], &["2"]);
    }

    #[test]
    fn durations_compare_their_units() {
        agree("3年6个月", "3 years and 6 months");
        agree("为期6个月", "a six-month review");
        disagree("5—7天", "5–7 weeks", &["5", "7"], &["5", "7"]);
        // A unit only one side states does not matter.
        agree("3个月", "3");
    }

    #[test]
    fn multisets_not_sets() {
        agree("3家和3家", "3 and 3");
        disagree("3家和3家", "3", &["3"], &[]);
    }

    #[test]
    fn long_texts_match_in_bounded_time_and_memory() {
        // Repeated values go through the index by value, not through all pairs.
        let zh = "融资3.6亿元，增长12.5%，惠及2100余家。".repeat(3000);
        let en = "360 million yuan, up 12.5%, 2,100 firms. ".repeat(3000);
        assert!(compare(&zh, &en).is_none());
        let changed = en.replacen("2,100", "1,200", 1);
        disagree(&zh, &changed, &["2100"], &["1,200"]);
        // Many rounding matches left after the exact pass take the per-mention path.
        let zh = "1.2万件，".repeat(600);
        let en = "12,400 cases, ".repeat(600);
        assert!(compare(&zh, &en).is_none());
    }

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

    // --- Markdown --------------------------------------------------------------------------------

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

    #[test]
    fn markdown_blocks() {
        let doc = "# H\npara line 1\nline 2\n\n- item\n  more\n- item 2\n\n> quote\n> more\n\n```\ncode 5\n```\n| a | b |\n|---|---|\n[^1]: note\n";
        let kinds: Vec<BlockKind> = blocks(doc).iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Quote,
                BlockKind::TableRow,
                BlockKind::Footnote
            ]
        );
    }

    // --- Robustness ------------------------------------------------------------------------------

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

/// Whether [`quick_agree`] kept its promise for a pair: when it says the texts agree, the full
/// comparison finds no two numbers that differ. (It may skip a warning about a number that one
/// side's rules set aside and the other's do not, such as `第3` against a bare `3`: both texts
/// state the same digits.)
pub fn fast_path_is_sound(zh: &str, en: &str) -> bool {
    if !quick_agree(zh, en) {
        return true;
    }
    match compare(zh, en) {
        None => true,
        Some(m) => m.zh.is_empty() || m.en.is_empty(),
    }
}

/// A cheap test that two texts cannot disagree: both state exactly the same runs of digits,
/// and neither has anything else that can state a number (Chinese numerals, 万/亿 scales,
/// percent signs, English number words, units, signs, list markers, markup). When it says
/// yes, [`compare`] would find no two numbers that differ (see [`fast_path_is_sound`]); when
/// it says no, the full comparison runs. Most faithful translations of plain prose take the
/// fast path.
pub fn quick_agree(zh: &str, en: &str) -> bool {
    // The numerals the scanner reads, their financial and traditional forms, and percent signs.
    let states_number = |c: char| {
        is_zh_numeral(c)
            || matches!(
                c,
                '壹' | '贰'
                    | '叁'
                    | '肆'
                    | '伍'
                    | '陆'
                    | '柒'
                    | '捌'
                    | '玖'
                    | '拾'
                    | '佰'
                    | '仟'
                    | '萬'
                    | '億'
                    | '兩'
                    | '%'
                    | '％'
                    | '‰'
            )
    };
    // Besides the cardinals and ordinals the scanner reads (`three`, `twentieth`): words
    // that scale, multiply or make a number a share.
    const EN_WORDS: &[&str] = &[
        "dozen",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "percent",
        "half",
        "double",
        "twice",
        "per",
        "mn",
        "bn",
        "m",
        "k",
        "pct",
        "pp",
        "ppt",
        "ppts",
        "percentage",
        "point",
        "points",
    ];
    // Durations are compared by unit as well: leave them to the full comparison.
    const UNITS: &[&str] = &[
        "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
    ];
    if zh.chars().any(states_number) || en.contains(['%', '‰']) {
        return false;
    }
    let lower = en.to_ascii_lowercase();
    if lower.split(|c: char| !c.is_ascii_alphabetic()).any(|w| {
        EN_WORDS.contains(&w)
            || cardinal(w).is_some()
            || ordinal_word(w).is_some()
            || w.ends_with("teen")
            || w.ends_with("ieth")
    }) {
        return false;
    }
    // A letter glued to a digit may scale it or make it an ordinal (`350m`, `20k`, `1st`):
    // the full comparison reads those.
    let glued = |s: &str| {
        s.as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_alphabetic())
    };
    // A sign or dash before a digit makes it negative or the end of a range (`-12`, `5-7`).
    let signed = |s: &str| {
        let mut previous = ' ';
        s.chars().any(|c| {
            let found =
                c.is_ascii_digit() && matches!(previous, '-' | '+' | '−' | '－' | '–' | '—');
            previous = c;
            found
        })
    };
    // A number in brackets or before `)`, `、` or a full stop may be a list marker, which the
    // full comparison sets aside on one side and not the other (`1)`, `(2)`, `3、`, `4. `).
    let marker = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        chars.iter().enumerate().any(|(i, c)| {
            let next = chars.get(i + 1).copied();
            let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
            match c {
                ')' | '）' | '、' | ']' | '】' => after_digit,
                '.' | '．' => after_digit && !next.is_some_and(|n| n.is_ascii_digit()),
                '(' | '（' | '[' | '【' => next.is_some_and(|n| n.is_ascii_digit()),
                _ => false,
            }
        })
    };
    // In Chinese a unit after the digits can make them a date, a time or a duration (`2月`,
    // `3年`, `5天`), which English writes with words the full comparison reads; a year
    // (`2023年`) is written as digits in both.
    let zh_unit = {
        let chars: Vec<char> = zh.chars().collect();
        chars.iter().enumerate().any(|(i, &c)| {
            let digits = chars[..i]
                .iter()
                .rev()
                .take_while(|d| d.is_ascii_digit() || ('０'..='９').contains(*d))
                .count();
            digits > 0 && ("月日号时点分秒天周个小".contains(c) || (c == '年' && digits != 4))
        })
    };
    // Only plain prose takes the fast path: Markdown and other markup (code spans, headings,
    // links, tables), times and ratios (`10:30`), slashes and control characters are read by
    // rules that digit runs alone do not follow.
    let plain = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let digit_at = |j: usize| chars.get(j).is_some_and(|d| d.is_ascii_digit());
        chars.iter().enumerate().all(|(i, &c)| match c {
            ':' | '：' => !(digit_at(i + 1) || i > 0 && digit_at(i - 1)),
            _ => {
                c.is_alphanumeric()
                    || c == ' '
                    || c == '\n'
                    || ",.;!?，。；！？、“”‘’\"'《》（）()—–-…·%".contains(c)
            }
        })
    };
    if !plain(zh)
        || !plain(en)
        || zh_unit
        || glued(zh)
        || glued(en)
        || signed(zh)
        || signed(en)
        || marker(zh)
        || marker(en)
    {
        return false;
    }
    // A month's name states a date on its own (`in October`).
    if en
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| month(w).is_some())
    {
        return false;
    }
    let has_digits = en.chars().any(|c| c.is_ascii_digit());
    if has_digits
        && lower
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| UNITS.contains(&w))
    {
        return false;
    }
    let runs = |s: &str| -> Option<Vec<String>> {
        let mut runs = Vec::new();
        let mut cur = String::new();
        for c in s.chars() {
            let d = match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                _ => None,
            };
            match d {
                Some(d) => cur.push(d),
                // Separators and decimals make a number that the full scan must read.
                None if !cur.is_empty() && matches!(c, ',' | '.' | '，' | '．') => return None,
                None => {
                    if !cur.is_empty() {
                        runs.push(std::mem::take(&mut cur));
                    }
                }
            }
        }
        if !cur.is_empty() {
            runs.push(cur);
        }
        runs.sort();
        Some(runs)
    };
    match (runs(zh), runs(en)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod quick_tests {
    use super::*;

    #[test]
    fn fast_path_agrees_only_when_it_is_sure() {
        assert!(quick_agree(
            "2023年受理案件87件。",
            "In 2023 the office handled 87 cases."
        ));
        assert!(quick_agree("没有数字。", "No numbers."));
        assert!(!quick_agree("受理案件87件。", "It handled 78 cases."));
        assert!(!quick_agree(
            "投入120万元。",
            "Funding of 1.2 million yuan."
        ));
        assert!(!quick_agree("三家企业。", "Three firms."));
        assert!(!quick_agree("增长3.5%。", "Up 3.5%."));
        assert!(!quick_agree("共1,234件。", "1,234 items."));
        // Found by fuzzing: a month's name alone is a date the full comparison sees.
        assert!(!quick_agree("Oct", "Oct"));
        assert!(!quick_agree("1th\u{1}5", "1th\u{1}5"));
        assert!(!quick_agree("12", "-12|---\u{6}"));
        assert!(!quick_agree("\u{b}2 mn ", "\u{b}2 mn "));
        assert!(!quick_agree("`3` 共4件", "4 cases, `3`"));
        assert!(!quick_agree("10:30开会", "Met at 10:30"));
        assert!(quick_agree("如下：共有87件。", "As follows: 87 cases."));
        assert!(!quick_agree("投资2元。", "RMB 2 bn invested."));
        assert!(!quick_agree("提高3。", "Up 3 pp."));
        assert!(!quick_agree("1()", "1) "));
        assert!(!quick_agree("（1）完善制度。", "(1) Better rules."));
        assert!(!quick_agree("气温12度。", "A temperature of −12 degrees."));
        assert!(!quick_agree("投资350元。", "An investment of RMB 350m."));
        assert!(!quick_agree("春季召开。", "Held in October."));
        // Whenever the fast path agrees, the full comparison agrees too.
        for (zh, en) in [
            (
                "2023年受理案件87件。",
                "In 2023 the office handled 87 cases.",
            ),
            ("第4条", "Article 4"),
            ("Oct", "Oct"),
            ("1th\u{1}5", "1th\u{1}5"),
            ("投资350元。", "An investment of RMB 350m."),
            ("第1届", "the 1st session"),
            ("12", "-12|---\u{6}"),
            ("5-7天", "5-7 days"),
            ("`3` 4", "`4` 3"),
            ("1()", "1) "),
            ("（1）完善制度。", "(1) Better rules."),
            ("成立于2023。", "Founded in 2023."),
            ("春季召开。", "Held in October."),
            ("于五月召开。", "Held in May."),
        ] {
            if quick_agree(zh, en) {
                assert!(compare(zh, en).is_none(), "{zh} / {en}");
            }
        }
    }
}
