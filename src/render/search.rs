//! Full-text search, built at build time for each language and queried in the browser.
//!
//! Chinese has no spaces, so Chinese text is indexed by overlapping character pairs
//! (`商业秘密` → 商业 业秘 秘密): any query of two or more characters finds the pages that
//! contain it, without a dictionary. Other text is indexed by lower-cased words, lightly
//! stemmed (`patents` → `patent`), and queried by prefix. The index is split into shards
//! written as small JavaScript files that the search page loads with `<script>` tags — not
//! `fetch` — so search works from `file://` as well as over http, under any sub-path.
//! `assets/search.js` holds the same tokenizer for queries.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write;

/// One page to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchDoc {
    /// Relative to the output root (`2023/cases/x/index.html`).
    pub url: String,
    pub title: String,
    pub text: String,
}

/// What one language's index covers: its pages in site order (a page's position is its id in
/// the index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// `<html lang>` of the language, written into every index file.
    pub html_lang: String,
    /// The language's URL prefix (`""`, `"en/"`).
    pub prefix: String,
    /// Output paths of the pages to index.
    pub pages: Vec<String>,
}

/// The index files of every language in `plans`; `doc` gives the text of a page by its path.
pub fn index_files<'d>(
    plans: &[Plan],
    doc: impl Fn(&str) -> Option<&'d SearchDoc> + Sync,
) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    let per_language: Vec<Vec<(String, Vec<u8>)>> = plans
        .par_iter()
        .map(|plan| {
            let docs: Vec<&SearchDoc> = plan.pages.iter().filter_map(|p| doc(p)).collect();
            build(&plan.html_lang, &plan.prefix, &docs)
        })
        .collect();
    per_language.into_iter().flatten().collect()
}

/// Pages per text chunk: results load only the chunks of the pages they show.
const CHUNK: usize = 50;
/// Text kept per page for snippets.
const MAX_TEXT: usize = 3000;

/// A Han character (not punctuation): these are indexed in pairs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A light English stemmer, the same as in `search.js`: plural and verb endings only, so
/// that `patents`, `patented` and `patenting` meet `patent`.
pub fn stem(word: &str) -> Cow<'_, str> {
    let w = word;
    let n = w.len();
    if !w.is_ascii() || n <= 3 {
        return Cow::Borrowed(w);
    }
    if let Some(s) = w.strip_suffix("ies").filter(|_| n > 4) {
        return Cow::Owned(format!("{s}y"));
    }
    Cow::Borrowed(if w.ends_with("sses") {
        &w[..n - 2]
    } else if let Some(s) = w.strip_suffix("ing").filter(|s| s.len() >= 4) {
        s
    } else if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() >= 4) {
        s
    } else if let Some(s) = w
        .strip_suffix("es")
        .filter(|s| s.ends_with(['x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
    {
        s
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        &w[..n - 1]
    } else {
        w
    })
}

/// The terms seen while indexing, each numbered once (densely, from 0): counting then needs
/// no hashing beyond finding a term's number.
#[derive(Default)]
struct Terms {
    /// Han pairs, by their two code points packed into one number.
    pairs: HashMap<u64, u32, Fx>,
    words: HashMap<Box<str>, u32, Fx>,
    /// Each term's text, and whether it is a Han pair.
    list: Vec<(Box<str>, bool)>,
}

impl Terms {
    fn pair(&mut self, first: char, second: char) -> u32 {
        let list = &mut self.list;
        *self
            .pairs
            .entry((u64::from(first) << 32) | u64::from(second))
            .or_insert_with(|| {
                list.push(([first, second].iter().collect::<String>().into(), true));
                list.len() as u32 - 1
            })
    }

    fn word(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push((word.into(), false));
        self.words.insert(word.into(), id);
        id
    }
}

/// FxHash (as in rustc): a fast hash for small integer keys, enough for counting terms.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(buf));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = std::hash::BuildHasherDefault<FxHasher>;

/// Calls `f` with the number of each term of `text`: each pair of adjacent Han characters,
/// and each run of other letters and digits, lower-cased and stemmed.
fn each_term(text: &str, terms: &mut Terms, mut f: impl FnMut(u32)) {
    let mut previous_han: Option<char> = None;
    let mut word = String::new();
    let flush = |word: &mut String, terms: &mut Terms, f: &mut dyn FnMut(u32)| {
        if !word.is_empty() {
            f(terms.word(&stem(word)));
            word.clear();
        }
    };
    for c in text.chars() {
        if is_han(c) {
            flush(&mut word, terms, &mut f);
            if let Some(p) = previous_han {
                f(terms.pair(p, c));
            }
            previous_han = Some(c);
        } else {
            previous_han = None;
            // ASCII first: most of an English page, and `to_lowercase` costs a table lookup.
            if c.is_ascii_alphanumeric() {
                word.push(c.to_ascii_lowercase());
            } else if !c.is_ascii() && c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else {
                flush(&mut word, terms, &mut f);
            }
        }
    }
    flush(&mut word, terms, &mut f);
}

#[cfg(test)]
/// The terms of a text: Han pairs and stemmed words, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut table = Terms::default();
    let mut found = Vec::new();
    each_term(text, &mut table, |t| found.push(t));
    found
        .into_iter()
        .map(|t| table.list[t as usize].0.to_string())
        .collect()
}

/// 32-bit FNV-1a over UTF-16 code units, the same as in `search.js`, to pick a term's shard.
pub fn term_hash(term: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for unit in term.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Shards for words: one per letter, one for digits, one for the rest.
const WORD_SHARDS: u32 = 28;

/// Han pairs are spread by hash; words by their first character, so that all words with a
/// prefix are in one shard.
fn shard_of(term: &str, han_shards: u32) -> u32 {
    let first = term.chars().next().unwrap_or(' ');
    if is_han(first) {
        term_hash(term) % han_shards
    } else if first.is_ascii_lowercase() {
        han_shards + (first as u32 - 'a' as u32)
    } else if first.is_ascii_digit() {
        han_shards + 26
    } else {
        han_shards + WORD_SHARDS - 1
    }
}

/// Text from a rendered page: the title and the words of `<main>`, without the navigation
/// inside it and without charts.
pub fn extract(html: &str) -> Option<(String, String)> {
    let start = html.find("<main")?;
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |e| start + e);
    let main = &html[start..end];
    let title = main
        .find("<h1")
        .and_then(|i| main[i..].find('>').map(|j| i + j + 1))
        .and_then(|i| main[i..].find("</h1>").map(|j| &main[i..i + j]))
        .map(strip_tags)
        .unwrap_or_default();
    let mut text = String::with_capacity(main.len() / 2);
    // Byte positions: tags and the text between them are short, and `<`, `>` are ASCII, so
    // every position found is a character boundary.
    let bytes = main.as_bytes();
    let next = |from: usize, b: u8| {
        bytes[from..]
            .iter()
            .position(|&x| x == b)
            .map_or(bytes.len(), |p| from + p)
    };
    let mut i = 0;
    'outer: while i < bytes.len() {
        if bytes[i] != b'<' {
            let end = next(i, b'<');
            decode_into(&main[i..end], &mut text);
            i = end;
            continue;
        }
        // Skip elements that are navigation or pictures, not content.
        for (open, close) in [
            ("<nav", "</nav>"),
            ("<svg", "</svg>"),
            ("<script", "</script>"),
        ] {
            if bytes[i..].starts_with(open.as_bytes()) {
                i = main[i..]
                    .find(close)
                    .map_or(bytes.len(), |e| i + e + close.len());
                continue 'outer;
            }
        }
        // Block ends separate words.
        fold_space(&mut text);
        i = (next(i, b'>') + 1).min(bytes.len());
    }
    Some((title, finish_folded(text)))
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
    while let Some(i) = rest.bytes().position(|b| b == b'&') {
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

/// Appends a number in decimal, without the formatting machinery: an index has millions.
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// JSON of a string, for the data files.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A term's documents with the number of times it occurs in each.
type Postings = Vec<(u32, u32)>;

/// Postings per shard a Chinese shard aims at (~100 KB of data file).
const POSTINGS_PER_SHARD: usize = 16_000;

/// The terms of a language's pages, counted.
#[derive(Default)]
struct Counted {
    terms: Terms,
    /// By term number.
    postings: Vec<Postings>,
    /// Terms per page, for ranking: a word in a short page weighs more than in a long one.
    lengths: Vec<u32>,
}

impl Counted {
    /// Counts the terms of `docs`, numbered from 0.
    fn of(docs: &[&SearchDoc]) -> Counted {
        let mut counted = Counted::default();
        // A page's count of each term, by term number, and the terms it has.
        let mut counts: Vec<u32> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for (id, doc) in (0u32..).zip(docs) {
            let mut add = |term: u32, weight: u32| {
                let t = term as usize;
                if t >= counts.len() {
                    counts.resize(t + 1, 0);
                }
                if counts[t] == 0 {
                    seen.push(term);
                }
                counts[t] += weight;
            };
            // The title weighs more than the body.
            each_term(&doc.title, &mut counted.terms, |t| add(t, 5));
            each_term(&doc.text, &mut counted.terms, |t| add(t, 1));
            counted
                .postings
                .resize_with(counted.terms.list.len(), Vec::new);
            let mut length = 0;
            for &term in &seen {
                let count = std::mem::take(&mut counts[term as usize]);
                counted.postings[term as usize].push((id, count));
                length += count;
            }
            seen.clear();
            counted.lengths.push(length);
        }
        counted
    }
}

/// One shard of the index: its terms, each with the documents it is in.
fn shard_file(lang: &str, shard: usize, mut entries: Vec<(Box<str>, Postings)>) -> Vec<u8> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut body = format!("IPSEARCH.shard({},{shard},{{", json(lang));
    for (i, (term, list)) in entries.iter_mut().enumerate() {
        list.sort_unstable();
        if i > 0 {
            body.push(',');
        }
        // Document ids as deltas, each followed by its count.
        let _ = write!(body, "{}:[", json(term));
        let mut last = 0;
        for (j, (doc, count)) in list.iter().enumerate() {
            if j > 0 {
                body.push(',');
            }
            push_number(&mut body, doc - last);
            body.push(',');
            push_number(&mut body, *count);
            last = *doc;
        }
        body.push(']');
    }
    body.push_str("});\n");
    body.into_bytes()
}

/// One chunk of the documents: address, title and the start of the text, for the results.
fn chunk_file(lang: &str, k: usize, chunk: &[&SearchDoc]) -> Vec<u8> {
    let mut body = format!("IPSEARCH.chunk({},{k},[", json(lang));
    for (i, doc) in chunk.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        let end = doc
            .text
            .char_indices()
            .nth(MAX_TEXT)
            .map_or(doc.text.len(), |(i, _)| i);
        let _ = write!(
            body,
            "[{},{},{}]",
            json(&doc.url),
            json(&doc.title),
            json(&doc.text[..end])
        );
    }
    body.push_str("]);\n");
    body.into_bytes()
}

/// The index of one language: `search/data/…` under the language's folder.
pub fn build(lang: &str, prefix: &str, docs: &[&SearchDoc]) -> Vec<(String, Vec<u8>)> {
    use rayon::prelude::*;
    // Counting is one pass (the languages are counted in parallel); writing the shards and
    // chunks is spread over the cores.
    let Counted {
        terms,
        postings,
        lengths,
    } = Counted::of(docs);
    let han_postings: usize = terms
        .list
        .iter()
        .zip(&postings)
        .filter(|((_, pair), _)| *pair)
        .map(|(_, list)| list.len())
        .sum();
    let han_shards = (han_postings / POSTINGS_PER_SHARD).clamp(1, 4096) as u32;
    let mut shards: Vec<Vec<(Box<str>, Postings)>> =
        vec![Vec::new(); (han_shards + WORD_SHARDS) as usize];
    for ((term, _), list) in terms.list.into_iter().zip(postings) {
        shards[shard_of(&term, han_shards) as usize].push((term, list));
    }
    let dir = format!("{prefix}search/data");
    // Every shard is written, empty ones too: the browser asks for the shard of any term
    // typed, and a missing file would read as a broken index rather than "nothing found".
    let mut files: Vec<(String, Vec<u8>)> = shards
        .into_par_iter()
        .enumerate()
        .map(|(shard, entries)| {
            (
                format!("{dir}/s{shard}.js"),
                shard_file(lang, shard, entries),
            )
        })
        .collect();
    files.par_extend(
        docs.par_chunks(CHUNK)
            .enumerate()
            .map(|(k, chunk)| (format!("{dir}/c{k}.js"), chunk_file(lang, k, chunk))),
    );
    let lengths: Vec<String> = lengths.iter().map(u32::to_string).collect();
    let meta = format!(
        "IPSEARCH.meta({},{{\"docs\":{},\"chunk\":{CHUNK},\"hanShards\":{han_shards},\"lengths\":[{}]}});\n",
        json(lang),
        docs.len(),
        lengths.join(",")
    );
    files.push((format!("{dir}/meta.js"), meta.into_bytes()));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_indexed_in_pairs_and_english_by_stemmed_words() {
        assert_eq!(
            terms("商业秘密保护"),
            vec!["商业", "业秘", "秘密", "密保", "保护"]
        );
        assert_eq!(
            terms("Patents, patented; WIPO 2023"),
            vec!["patent", "patent", "wipo", "2023"]
        );
        assert_eq!(terms("案"), Vec::<String>::new());
        assert_eq!(
            terms("专利Patents商标権、Ärzte"),
            vec!["专利", "patent", "商标", "标権", "ärzte"]
        );
        assert_eq!(stem("cases"), "case");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("policies"), "policy");
        assert_eq!(stem("business"), "business");
        assert_eq!(stem("mediation"), "mediation");
        for n in [0, 7, 10, 4_294_967_295] {
            let mut s = String::from("x");
            push_number(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

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
        let (title, text) = extract(html).unwrap();
        assert_eq!(title, "标题 & 题");
        assert_eq!(text, "标题 & 题 正文 内容");
    }

    #[test]
    fn shards_hold_every_term() {
        let docs = [
            SearchDoc {
                url: "a/index.html".into(),
                title: "商业秘密".into(),
                text: "patent cases".into(),
            },
            SearchDoc {
                url: "b/index.html".into(),
                title: "调解".into(),
                text: "商业秘密保护".into(),
            },
        ];
        let files = build("zh-CN", "", &docs.iter().collect::<Vec<_>>());
        let all: String = files
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        assert!(all.contains("\"商业\":[0,5,1,1]"), "{all}");
        assert!(all.contains("\"patent\":[0,1]"));
        assert!(all.contains("IPSEARCH.meta(\"zh-CN\",{\"docs\":2"));
        assert!(files.iter().all(|(p, _)| p.starts_with("search/data/")));
        // One Han shard for so few terms, plus every word shard, empty or not.
        let shards = files.iter().filter(|(p, _)| p.contains("/s")).count();
        assert_eq!(shards, 1 + WORD_SHARDS as usize);
        assert!(all.contains("IPSEARCH.shard(\"zh-CN\",1,{});"), "{all}");
    }

    #[test]
    fn hash_matches_the_browser() {
        // FNV-1a of UTF-16 units; search.js computes the same.
        assert_eq!(term_hash("商业"), 2580180761);
        assert_eq!(term_hash("patent"), 2124635383);
    }
}
