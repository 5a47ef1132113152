//! What is not prose, masked before extraction: inline and fenced code, HTML tags and
//! character references, link destinations and reference markers, bare URLs and e-mail
//! addresses, heading ordinals, list markers and enumerators. Masked characters become
//! [`MASK`], which no pattern matches across. Also the short quotations (`“两个确保”`) whose
//! numerals are names, not quantities.

use std::ops::Range;

use super::chars::{
    Ch, MASK, at_line_start, c_at, c_before, digit_run, find_char, is_digit, line_end, matches_at,
    matches_at_ci, normalise, run_len, skip_spaces, zh_numeral_run,
};
use super::words::{cardinal, ordinal_word};

fn mask(chs: &mut [Ch], r: Range<usize>) {
    let end = r.end.min(chs.len());
    for ch in chs.iter_mut().take(end).skip(r.start) {
        ch.c = MASK;
    }
}

/// Which of the characters that start a construct to mask occur in a text: a pass whose
/// characters do not occur has nothing to do (most paragraphs are plain prose). Masking only
/// ever replaces characters with [`MASK`], so what one pass leaves, the next may skip.
#[derive(Clone, Copy, Default)]
pub(super) struct Seen {
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
    pub(super) quote: bool,
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

/// The characters of `text`, which must be shorter than 4 GiB (see [`Scanner::new`](super::scanner::Scanner::new)), with
/// non-prose masked, and which constructs occur in it.
pub(super) fn prepare(text: &str) -> (Vec<Ch>, Seen) {
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

/// Positions inside a short quotation (at most 12 characters between the marks).
pub(super) fn short_quotes(chs: &[Ch]) -> Vec<bool> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::numbers::test_support::{en, values, zh};

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
}
