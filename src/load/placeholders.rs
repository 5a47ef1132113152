//! The values `ipreport new` writes that a real site must replace (W0111), and links to the
//! hosts reserved for examples (W0112), found in the raw text of each content file.
//!
//! The raw text is searched, not the model: a placeholder can sit in any value (a title, the
//! footer's contact line, a document number) and in Markdown, and the search gives the exact
//! place to change. It runs in the parse of each file, so watch mode searches only the files
//! it reads again (the load cache keeps each file's diagnostics with its parse).

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceFile, Span};

/// A value of the starter site and what to write in its place.
pub struct Placeholder {
    pub text: &'static str,
    pub write: &'static str,
}

/// Every placeholder value of the starter site (`src/cmd/starter/`), longest first so that
/// an address is reported as one placeholder, not as the city name inside it. A test in
/// `cmd::new` checks that each occurs in the starter, and that the starter has no other.
pub const PLACEHOLDERS: &[Placeholder] = &[
    Placeholder {
        text: "1 Renmin Road, Example City",
        write: "the publisher's postal address in English",
    },
    Placeholder {
        text: "示政办发〔2025〕1号",
        write: "the document number (文号) printed on the document, e.g. 甬政办发〔2025〕12号",
    },
    Placeholder {
        text: "示例市人民路1号",
        write: "the publisher's postal address (district, street and number)",
    },
    Placeholder {
        text: "0000-12345678",
        write: "the publisher's telephone number, with its area code",
    },
    Placeholder {
        text: "Example City",
        write: "the English name of the city or district, e.g. Ningbo",
    },
    Placeholder {
        text: "示例市",
        write: "the name of the city or district, e.g. 宁波市",
    },
];

/// W0111 and W0112 for one file.
pub fn scan(file: &SourceFile, id: FileId) -> Vec<Diagnostic> {
    let mut found = placeholders(&file.text, id);
    found.extend(example_hosts(&file.text, id));
    found
}

fn placeholders(text: &str, id: FileId) -> Vec<Diagnostic> {
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut found = Vec::new();
    for p in PLACEHOLDERS {
        for at in memchr::memmem::find_iter(text.as_bytes(), p.text) {
            let range = at..at + p.text.len();
            if taken
                .iter()
                .any(|t| t.start < range.end && range.start < t.end)
            {
                continue;
            }
            found.push(
                Diagnostic::new(
                    Code::StarterPlaceholder,
                    Span::new(id, range.start, range.end),
                    format!("`{}` is a placeholder of the starter site", p.text),
                )
                .with_help(format!("write {}", p.write)),
            );
            taken.push(range);
        }
    }
    found
}

/// Links (`http://…`, `https://…`) to a host reserved for examples.
fn example_hosts(text: &str, id: FileId) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for scheme in ["https://", "http://"] {
        for at in memchr::memmem::find_iter(text.as_bytes(), scheme) {
            let start = at + scheme.len();
            let len = text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .unwrap_or(text.len() - start);
            let host = text[start..start + len].trim_end_matches('.');
            if host.is_empty() || !is_reserved_example_host(host) {
                continue;
            }
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let help = if text[line_start..at].trim_start().starts_with("base_url") {
                "write the address the site will be published at, on the department's own domain"
            } else {
                "link to the real page, or remove the link"
            };
            found.push(
                Diagnostic::new(
                    Code::ExampleHost,
                    Span::new(id, start, start + host.len()),
                    format!("`{host}` is a host reserved for examples, not a real site"),
                )
                .with_help(help),
            );
        }
    }
    found
}

/// The example domains of RFC 2606 and RFC 6761 (`example.com`, `.net`, `.org`, the top-level
/// `.example`, `.test`, `.invalid`) and the Chinese government's `example.gov.cn` that the
/// starter uses, with their subdomains.
pub fn is_reserved_example_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    [
        "example.com",
        "example.net",
        "example.org",
        "example.gov.cn",
    ]
    .iter()
    .any(|d| under(d))
        || ["example", "test", "invalid"]
            .iter()
            .any(|tld| host.rsplit('.').next() == Some(tld))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_example_hosts() {
        for host in [
            "example.com",
            "www.example.org",
            "ip.example.gov.cn",
            "Example.NET",
            "evil.example",
            "site.test",
            "a.b.invalid",
        ] {
            assert!(is_reserved_example_host(host), "{host}");
        }
        for host in [
            "ip.test.gov.cn",
            "example.cn",
            "myexample.com",
            "amr.ningbo.gov.cn",
            "testing",
        ] {
            assert!(!is_reserved_example_host(host), "{host}");
        }
    }

    fn codes(text: &str) -> Vec<(Code, String)> {
        let file = SourceFile::new("x".into(), "x".into(), text.into());
        scan(&file, FileId(0))
            .into_iter()
            .map(|d| {
                let range = d.span.map_or(0..0, |s| s.start as usize..s.end as usize);
                (d.code, text[range].to_string())
            })
            .collect()
    }

    #[test]
    fn an_address_is_one_placeholder_and_the_city_another() {
        assert_eq!(
            codes("zh: 地址：示例市人民路1号　示例市"),
            vec![
                (Code::StarterPlaceholder, "示例市人民路1号".to_string()),
                (Code::StarterPlaceholder, "示例市".to_string()),
            ]
        );
    }

    #[test]
    fn links_to_example_hosts() {
        assert_eq!(
            codes(
                "base_url: https://ip.example.gov.cn/\n[a](http://www.example.com/x) https://ip.test.gov.cn/"
            ),
            vec![
                (Code::ExampleHost, "ip.example.gov.cn".to_string()),
                (Code::ExampleHost, "www.example.com".to_string()),
            ]
        );
    }
}
