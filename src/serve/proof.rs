//! The proof view in served pages: the marks of where each value comes from, put back into
//! the page read from disk (see [`crate::render::proof`]), and the script and style of the
//! "校对 / Proof" button, added to every page before `</body>`. Neither ever reaches the
//! files `build` writes.

use crate::render::proof::MarkTable;

const SCRIPT: &str = include_str!("proof.js");
const STYLE: &str = include_str!("proof.css");

/// The output file a request path names (`/2023/` → `2023/index.html`), for the mark table.
pub fn output_path(request_path: &str) -> String {
    let mut path = percent_decode(request_path.trim_start_matches('/'));
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    path
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A served page: the file's bytes with its proof marks (when they are of this version of
/// the file), `extra` (the error overlay, if any) and the proof view's script before
/// `</body>`.
pub fn decorate(page: &[u8], path: &str, marks: &MarkTable, extra: Option<&str>) -> String {
    let marked = marks.get(path).and_then(|m| m.splice(page));
    let html = String::from_utf8_lossy(marked.as_deref().unwrap_or(page));
    let client = format!("<style>{STYLE}</style><script>{SCRIPT}</script>");
    let extra = extra.unwrap_or("");
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{client}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}{client}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::proof::{CLOSE, OPEN, strip};

    #[test]
    fn request_paths_name_output_files() {
        assert_eq!(output_path("/"), "index.html");
        assert_eq!(output_path("/2023/"), "2023/index.html");
        assert_eq!(output_path("/en/2023/index.html"), "en/2023/index.html");
        assert_eq!(output_path("/a%20b/"), "a b/index.html");
        assert_eq!(output_path("/%zz/"), "%zz/index.html");
    }

    #[test]
    fn a_page_gets_its_marks_and_the_script() {
        let (clean, marks) = strip(format!(
            "<body><td{OPEN} data-source=\"r.yaml:2\"{CLOSE}>1</td></body>"
        ));
        let table = MarkTable::default();
        table.set("2023/index.html", marks);
        let page = decorate(clean.as_bytes(), "2023/index.html", &table, None);
        assert!(page.starts_with("<body><td data-source=\"r.yaml:2\">1</td><style>"));
        assert!(page.ends_with("</script></body>"));
        // Another version of the file (rebuilt since) is sent as it is.
        let other = decorate(b"<body><td>2</td></body>", "2023/index.html", &table, None);
        assert!(other.starts_with("<body><td>2</td><style>"));
    }
}
