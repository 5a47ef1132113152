//! Terms: what the index is made of, and the same tokenizer, stemmer and hash as
//! `search.js` (the two must agree, or a query misses what the index holds).

use std::borrow::Cow;
use std::collections::HashMap;

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
pub(super) struct Terms {
    /// Han pairs, by their two code points packed into one number.
    pairs: HashMap<u64, u32, Fx>,
    words: HashMap<Box<str>, u32, Fx>,
    /// Each term's text, and whether it is a Han pair.
    pub list: Vec<(Box<str>, bool)>,
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
pub(super) const WORD_SHARDS: u32 = 28;

/// Han pairs are spread by hash; words by their first character, so that all words with a
/// prefix are in one shard.
pub(super) fn shard_of(term: &str, han_shards: u32) -> u32 {
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

/// A term's documents, each with its [`Posting`] value.
pub(super) type Postings = Vec<(u32, u32)>;

/// A term's value in one page: twice its count in the text, plus 1 when the title has it.
/// The title is what a page is about; `search.js` adds it to the score apart from the count
/// (a title weighs the same on a long page as on a short one, where a count does not).
pub(super) struct Posting;

impl Posting {
    pub const IN_TITLE: u32 = 1;
    pub const PER_OCCURRENCE: u32 = 2;

    /// The count in the text of a value.
    pub fn count(value: u32) -> u32 {
        value / Posting::PER_OCCURRENCE
    }
}

/// The terms of a language's pages, counted.
#[derive(Default)]
pub(super) struct Counted {
    pub terms: Terms,
    /// By term number; each term's pages in the order they were counted.
    pub postings: Vec<Postings>,
    /// Terms per page, by page number, for ranking: a word in a short page weighs more than
    /// in a long one.
    pub lengths: Vec<u32>,
    /// A page's value of each term (see `Posting`), by term number, while it is counted...
    values: Vec<u32>,
    /// ...and the terms it has.
    seen: Vec<u32>,
}

impl Counted {
    /// Counts the terms of page `id` (its title and its text). Pages may come in any order.
    pub fn add(&mut self, id: u32, title: &str, text: &str) {
        let Counted {
            terms,
            postings,
            lengths,
            values,
            seen,
        } = self;
        let mut add = |term: u32, in_title: bool| {
            let t = term as usize;
            if t >= values.len() {
                values.resize(t + 1, 0);
            }
            if values[t] == 0 {
                seen.push(term);
            }
            if in_title {
                values[t] |= Posting::IN_TITLE;
            } else {
                values[t] += Posting::PER_OCCURRENCE;
            }
        };
        each_term(title, terms, |t| add(t, true));
        each_term(text, terms, |t| add(t, false));
        postings.resize_with(terms.list.len(), Vec::new);
        let mut length = 0;
        for &term in seen.iter() {
            let value = std::mem::take(&mut values[term as usize]);
            postings[term as usize].push((id, value));
            length += Posting::count(value);
        }
        seen.clear();
        let id = id as usize;
        if id >= lengths.len() {
            lengths.resize(id + 1, 0);
        }
        lengths[id] = length;
    }
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
    }

    #[test]
    fn hash_matches_the_browser() {
        // FNV-1a of UTF-16 units; search.js computes the same.
        assert_eq!(term_hash("商业"), 2580180761);
        assert_eq!(term_hash("patent"), 2124635383);
    }
}
