//! What search keeps of a rendered page, read from its HTML: the title, the words the index
//! finds (everything in `<main>` but navigation, charts and scripts) and the prose a result's
//! snippet is cut from. The prose leaves out what reads as a heap of words out of its place —
//! tables and fact lists ("单位 个 属性 预期性 方向 越高越好"), labels, dates, tags, link lists
//! of references — and keeps its blocks (paragraphs, items, headings) apart, so that a snippet
//! never runs two of them together.

/// Characters of prose kept per page for snippets.
pub const MAX_PROSE: usize = 3000;

/// Separates the blocks of [`Extracted::prose`].
pub const BLOCK: char = '\n';

use memchr::{memchr, memmem};

/// What search keeps of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The page's `<h1>`.
    pub title: String,
    /// Every word of `<main>` but navigation, charts and scripts, separated by single spaces.
    pub text: String,
    /// The page's prose, blocks separated by [`BLOCK`], at most [`MAX_PROSE`] characters.
    pub prose: String,
}

/// Elements left out altogether, with how they end: navigation, pictures and scripts.
const LEFT_OUT: [(&str, &str); 3] = [
    ("<nav", "</nav>"),
    ("<svg", "</svg>"),
    ("<script", "</script>"),
];

/// Elements whose words are found but never shown in a snippet: tables and fact lists run
/// their cells together, the title is shown above the snippet anyway.
const NOT_PROSE_TAGS: &[&str] = &[
    "table", "dl", "figure", "h1", "form", "button", "select", "textarea", "noscript",
];

/// The theme's classes of labels, dates, tags, numbers and link lists around the prose.
const NOT_PROSE_CLASSES: &[&str] = &[
    "refs",
    "related",
    "cited-by",
    "kicker",
    "dateline",
    "tags",
    "tag",
    "status",
    "kind",
    "visually-hidden",
    "pager",
    "more",
    "figures",
    "chapter-number",
    "case-number",
    "doc-number",
    "provisional",
    "theme-label",
    "muted",
    "toc",
    "breadcrumbs",
    "table-scroll",
    "open-data",
    "footnote-reference",
    "footnote-definition-label",
    "footnote-backref",
];

/// Elements inside a line of text: they neither end a word (`见<a>专利法</a>` is one run of
/// Chinese, so a query across the link still finds it) nor a block of prose. Every other tag
/// ends both.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "time"
            | "u"
            | "var"
    )
}

/// Elements without an end tag: prose can never leave one out (it would never end).
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Text from a rendered page: its title, its words and its prose (see [`Extracted`]).
///
/// The page comes as the bytes the template wrote; only its `<main>` is read, so only that
/// part is checked to be UTF-8 (the rest of a page is about half its size).
pub fn extract(html: &[u8]) -> Option<Extracted> {
    let start = memmem::find(html, b"<main")?;
    let end = memmem::find(&html[start..], b"</main>").map_or(html.len(), |e| start + e);
    let main = std::str::from_utf8(&html[start..end]).ok()?;
    let title = main
        .find("<h1")
        .and_then(|i| main[i..].find('>').map(|j| i + j + 1))
        .and_then(|i| main[i..].find("</h1>").map(|j| &main[i..i + j]))
        .map(strip_tags)
        .unwrap_or_default();
    let mut scan = Scan::with_capacity(main.len() / 2);
    // Byte positions: tags and the text between them are short, and `<`, `>` are ASCII, so
    // every position found is a character boundary.
    let bytes = main.as_bytes();
    let next = |from: usize, b: u8| memchr(b, &bytes[from..]).map_or(bytes.len(), |p| from + p);
    let mut i = 0;
    'outer: while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = next(i, b'<');
            scan.words(&main[i..end]);
            i = end;
            continue;
        }
        for (open, close) in LEFT_OUT {
            if bytes[i..].starts_with(open.as_bytes()) {
                i = memmem::find(&bytes[i..], close.as_bytes())
                    .map_or(bytes.len(), |e| i + e + close.len());
                scan.boundary();
                continue 'outer;
            }
        }
        let end = (next(i, b'>') + 1).min(bytes.len());
        scan.tag(&main[i..end]);
        i = end;
    }
    let (text, prose) = scan.finish();
    Some(Extracted { title, text, prose })
}

/// The two texts of a page as they are read.
struct Scan<'a> {
    text: String,
    prose: String,
    /// Characters in `prose` (it stops at [`MAX_PROSE`]).
    prose_chars: usize,
    /// The element whose words prose leaves out (by name), and how many of its kind are open.
    skipping: Option<(&'a str, u32)>,
}

impl<'a> Scan<'a> {
    fn with_capacity(n: usize) -> Scan<'a> {
        Scan {
            text: String::with_capacity(n),
            prose: String::new(),
            prose_chars: 0,
            skipping: None,
        }
    }

    fn prose_is_full(&self) -> bool {
        self.prose_chars >= MAX_PROSE
    }

    /// A run of text between two tags.
    fn words(&mut self, run: &str) {
        let before = self.text.len();
        decode_into(run, &mut self.text);
        if self.skipping.is_some() || self.prose_is_full() {
            return;
        }
        // The text's own folding may have dropped a leading space that prose, which skips
        // some of what the text holds, still needs.
        if run.chars().next().is_some_and(char::is_whitespace) {
            self.prose_chars += prose_space(&mut self.prose);
        }
        let piece = self.text[before..].trim_start_matches(' ');
        self.prose.push_str(piece);
        self.prose_chars += piece.chars().count();
    }

    /// An opening or closing tag (`tag` is all of it, `<` to `>`).
    fn tag(&mut self, tag: &'a str) {
        let (closing, name) = tag_name(tag);
        let inline = is_inline(name);
        if closing {
            if let Some((skipped, open)) = &mut self.skipping
                && *skipped == name
            {
                *open -= 1;
                if *open == 0 {
                    self.skipping = None;
                }
            }
            if !inline {
                self.boundary();
            }
            return;
        }
        if !inline {
            self.boundary();
        }
        let full = self.prose_is_full();
        match &mut self.skipping {
            Some((skipped, open)) if *skipped == name => *open += 1,
            Some(_) => {}
            // With the prose full, what it would leave out no longer matters.
            None if full => {}
            None if !name.is_empty() && !is_void(name) && leaves_prose(name, tag) => {
                self.skipping = Some((name, 1));
            }
            None => {}
        }
    }

    /// The end of a word, and of a block of prose.
    fn boundary(&mut self) {
        fold_space(&mut self.text);
        if self.skipping.is_none() && !self.prose_is_full() {
            if self.prose.ends_with(' ') {
                self.prose.pop();
                self.prose_chars -= 1;
            }
            if !self.prose.is_empty() && !self.prose.ends_with(BLOCK) {
                self.prose.push(BLOCK);
                self.prose_chars += 1;
            }
        }
    }

    fn finish(self) -> (String, String) {
        let mut prose = self.prose;
        if self.prose_chars > MAX_PROSE {
            prose.truncate(nth_char_start(&prose, MAX_PROSE));
        }
        let kept = prose.trim_end_matches([' ', BLOCK]).len();
        prose.truncate(kept);
        (finish_folded(self.text), prose)
    }
}

/// Where the `n`th character of `s` starts (its length if it has fewer): counting the bytes
/// that start a character is quicker than decoding each.
fn nth_char_start(s: &str, n: usize) -> usize {
    s.bytes()
        .enumerate()
        .filter(|&(_, b)| (b as i8) >= -0x40)
        .nth(n)
        .map_or(s.len(), |(i, _)| i)
}

/// A space in prose, unless at the start of a block or after one; the characters added.
fn prose_space(prose: &mut String) -> usize {
    if !prose.is_empty() && !prose.ends_with([' ', BLOCK]) {
        prose.push(' ');
        return 1;
    }
    0
}

/// Whether the tag closes an element, and the element's name (empty for `<!…>`).
fn tag_name(tag: &str) -> (bool, &str) {
    let rest = &tag[1.min(tag.len())..];
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let end = rest
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    (closing, &rest[..end])
}

/// Whether an element's words are kept out of the prose (see [`NOT_PROSE_TAGS`],
/// [`NOT_PROSE_CLASSES`]; what is hidden from screen readers is no prose either).
fn leaves_prose(name: &str, tag: &str) -> bool {
    NOT_PROSE_TAGS.contains(&name)
        || attributes(tag).any(|(attribute, value)| match attribute {
            "class" => value
                .split_ascii_whitespace()
                .any(|c| NOT_PROSE_CLASSES.contains(&c)),
            "aria-hidden" => value == "true",
            _ => false,
        })
}

/// The `name="value"` attributes of a tag as our templates and Markdown write them. A byte
/// scan from one `="` to the next: tags are short, and a substring search would cost more to
/// set up than to run.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let bytes = tag.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(p) = bytes[at..].iter().position(|&b| b == b'=') {
            let equals = at + p;
            at = equals + 1;
            if bytes.get(equals + 1) != Some(&b'"') {
                continue;
            }
            let start = equals + 2;
            let end = start + bytes[start..].iter().position(|&b| b == b'"')?;
            at = end + 1;
            let name_start = bytes[..equals]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(0, |s| s + 1);
            return Some((&tag[name_start..equals], &tag[start..end]));
        }
        None
    })
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        decode_into(&rest[..i], &mut out);
        rest = rest[i..].find('>').map_or("", |e| &rest[i + e + 1..]);
    }
    decode_into(rest, &mut out);
    finish_folded(out)
}

/// Decodes the entities our own escaping produces (and numeric ones), folding white space as
/// [`push_folded`] does.
fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = memchr(b'&', rest.as_bytes()) {
        push_folded(out, &rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let entity = end.map(|e| &rest[1..e]);
        let decoded = match entity {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") | Some("#39") => Some('\''),
            Some(e) if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (decoded, end) {
            (Some(c), Some(e)) => {
                push_folded(out, c.encode_utf8(&mut [0; 4]));
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    push_folded(out, rest);
}

/// Appends `s` with each run of white space as one space, none at the start of `out` and
/// none doubled across calls: the words come out separated by single spaces (the last
/// space, if any, is for [`finish_folded`] to drop).
fn push_folded(out: &mut String, s: &str) {
    // Byte by byte: white space outside ASCII starts with one of four lead bytes, so only
    // those characters are decoded (this runs over the text of every page).
    let bytes = s.as_bytes();
    let mut word = 0;
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        let space = match lead {
            b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => s[i..]
                .chars()
                .next()
                .filter(|c| c.is_whitespace())
                .map_or(0, char::len_utf8),
            _ => 0,
        };
        if space == 0 {
            // To the next character: its length is in its lead byte.
            i += match lead {
                0..0xC0 => 1,
                0xC0..0xE0 => 2,
                0xE0..0xF0 => 3,
                _ => 4,
            };
            continue;
        }
        out.push_str(&s[word..i]);
        fold_space(out);
        i += space;
        word = i;
    }
    out.push_str(&s[word..]);
}

/// A word boundary: one space, unless `out` is empty or already ends with one.
fn fold_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Drops the space [`push_folded`] may leave at the end.
fn finish_folded(mut out: String) -> String {
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_folds_as_unicode_defines_it() {
        let samples = [
            "",
            " ",
            "a",
            "  a  b\t\tc\n",
            "中文　全角空格\u{3000}和\u{00A0}不换行\u{2003}em\u{2028}行\u{85}下一行",
            "、。「」—…\u{200B}零宽",
            "x\u{1680}y\u{205F}z\u{202F}",
        ];
        for sample in samples {
            for prefix in ["", "p", "p "] {
                let mut fast = String::from(prefix);
                push_folded(&mut fast, sample);
                let mut plain = String::from(prefix);
                for (i, word) in sample.split(char::is_whitespace).enumerate() {
                    if i > 0 {
                        fold_space(&mut plain);
                    }
                    plain.push_str(word);
                }
                assert_eq!(fast, plain, "{sample:?} after {prefix:?}");
            }
        }
    }

    #[test]
    fn text_comes_from_main_without_navigation() {
        let html = "<html><body><nav>菜单</nav><main id=\"main\"><nav class=\"breadcrumbs\">首页</nav><h1>标题 &amp; 题</h1><p>正文<b>内容</b></p><svg><text>9</text></svg></main><footer>页脚</footer></body></html>";
        let page = extract(html.as_bytes()).unwrap();
        assert_eq!(page.title, "标题 & 题");
        // An inline element does not split a Chinese run: 文内 is a pair of the text.
        assert_eq!(page.text, "标题 & 题 正文内容");
        assert_eq!(page.prose, "正文内容");
    }

    #[test]
    fn prose_leaves_out_tables_facts_and_labels() {
        let html = concat!(
            "<main><header class=\"page-header\"><p class=\"kicker\">指标</p><h1>发明专利</h1>",
            "<dl class=\"facts\"><div><dt>单位</dt><dd>个</dd></div><div><dt>属性</dt><dd>预期性</dd></div></dl></header>",
            "<div class=\"prose\"><p>每万人口 <a href=\"x\">发明专利</a>拥有量。</p>\n<p>People&#39;s   court</p></div>",
            "<table class=\"data\"><caption>历年</caption><tr><th>2023</th><td>12</td></tr></table>",
            "<ul><li><a href=\"c\">一个案例</a> <span class=\"tags\"><span class=\"tag\">专利</span></span></li></ul>",
            "<div class=\"refs\"><span class=\"refs-label\">相关措施</span><ul><li>措施1</li></ul></div>",
            "<p class=\"dateline\"><time>2024年4月26日</time></p><br><p>末段</p></main>"
        );
        let page = extract(html.as_bytes()).unwrap();
        assert_eq!(
            page.prose,
            "每万人口 发明专利拥有量。\nPeople's court\n一个案例\n末段"
        );
        // The index still has every word.
        for word in [
            "单位",
            "预期性",
            "历年",
            "2023",
            "专利",
            "措施1",
            "2024年4月26日",
        ] {
            assert!(page.text.contains(word), "{word} not in {:?}", page.text);
        }
    }

    #[test]
    fn prose_survives_a_left_out_element_that_never_ends() {
        let page =
            extract("<main><p>前</p><img class=\"muted\" alt=\"\"><p>后</p></main>".as_bytes())
                .unwrap();
        assert_eq!(page.prose, "前\n后");
    }

    #[test]
    fn prose_is_kept_to_its_length() {
        let long = format!("<main><p>{}</p></main>", "字".repeat(MAX_PROSE + 50));
        let page = extract(long.as_bytes()).unwrap();
        assert_eq!(page.prose.chars().count(), MAX_PROSE);
        assert_eq!(page.text.chars().count(), MAX_PROSE + 50);
    }
}
