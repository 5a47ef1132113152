//! The index's data files: JavaScript calls (`IPSEARCH.shard(…)`, `.chunk(…)`, `.meta(…)`)
//! that `search.js` loads with `<script>` tags, so that they load from `file://` too.

use std::fmt::Write;

use super::terms::Postings;
use super::{DocKind, SearchDoc};
use crate::render::text::push_u32;

/// JSON of a string, for the data files.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// One shard of the index: its terms, each with the documents it is in.
pub(super) fn shard_file(
    lang: &str,
    shard: usize,
    mut entries: Vec<(Box<str>, Postings)>,
) -> Vec<u8> {
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
            push_u32(&mut body, doc - last);
            body.push(',');
            push_u32(&mut body, *count);
            last = *doc;
        }
        body.push(']');
    }
    body.push_str("});\n");
    body.into_bytes()
}

/// One chunk of the documents, what a result shows: address, title, prose for the snippet
/// and, for what belongs to a year, the year (`[url,title,prose]` or `[url,title,prose,2023]`).
pub(super) fn chunk_file(lang: &str, k: usize, chunk: &[&SearchDoc]) -> Vec<u8> {
    let mut body = format!("IPSEARCH.chunk({},{k},[", json(lang));
    for (i, doc) in chunk.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        let _ = write!(
            body,
            "[{},{},{}",
            json(&doc.url),
            json(&doc.title),
            json(&doc.prose)
        );
        if let Some(year) = doc.year {
            let _ = write!(body, ",{year}");
        }
        body.push(']');
    }
    body.push_str("]);\n");
    body.into_bytes()
}

/// What the browser needs before it can rank: the number of documents, each one's length
/// and kind (one letter each, see [`DocKind::code`]), and which kinds are listings and copies
/// (see [`DocKind::is_listing`], [`DocKind::is_copy`]).
pub(super) fn meta_file(
    lang: &str,
    docs: &[&SearchDoc],
    lengths: &[u32],
    chunk: usize,
    han_shards: u32,
) -> Vec<u8> {
    let mut body = format!(
        "IPSEARCH.meta({},{{\"docs\":{},\"chunk\":{chunk},\"hanShards\":{han_shards},\"lengths\":[",
        json(lang),
        docs.len()
    );
    for (i, &length) in lengths.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        push_u32(&mut body, length);
    }
    body.push_str("],\"kinds\":\"");
    body.extend(docs.iter().map(|d| d.kind.code()));
    let codes = |which: fn(&DocKind) -> bool| -> String {
        DocKind::ALL
            .iter()
            .filter(|k| which(k))
            .map(|k| k.code())
            .collect()
    };
    let _ = writeln!(
        body,
        "\",\"listings\":\"{}\",\"copies\":\"{}\"}});",
        codes(|k| k.is_listing()),
        codes(|k| k.is_copy())
    );
    body.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 4_294_967_295] {
            let mut s = String::from("x");
            push_u32(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }
}
