//! The imported document as `documents/<id>.yaml` text (SPEC §5 and the guide's section 8):
//! every text in the default language only, in block form, so that the translator adds an
//! `en:` line under each `zh:` line.

use std::fmt::Write as _;

use super::outline::{Body, Measure, Outline, Section, Stage};

/// What the document's header says.
pub struct Header<'a> {
    pub title: &'a str,
    pub short: Option<&'a str>,
    pub kind: &'a str,
    pub number: Option<&'a str>,
    /// Department ids of the site, or names.
    pub issuers: &'a [Party],
    pub date: Option<(i32, u32, u32)>,
    pub period: Option<(i32, i32)>,
    pub summary: &'a [String],
}

pub enum Party {
    Department(String),
    Named(String),
}

pub fn yaml(file: &str, lang: &str, header: &Header, outline: &Outline) -> String {
    let mut w = Writer {
        out: String::new(),
        lang,
    };
    w.line(
        0,
        &format!(
            "# Imported from {} by `ipreport import document`.",
            one_line(file)
        ),
    );
    w.line(
        0,
        "# The translations are left to the translator: `ipreport check` lists each missing one (W0101).",
    );
    w.text(0, "title", header.title);
    if let Some(short) = header.short {
        w.text(0, "short", short);
    }
    w.line(0, &format!("kind: {}", header.kind));
    if let Some(number) = header.number {
        w.line(0, &format!("number: {}", quoted(number)));
    }
    if !header.issuers.is_empty() {
        w.line(0, "issuer:");
        for party in header.issuers {
            match party {
                Party::Department(id) => w.line(1, &format!("- {id}")),
                Party::Named(name) => w.line(1, &format!("- {}", quoted(name))),
            }
        }
    }
    if let Some((y, m, d)) = header.date {
        w.line(0, &format!("date: {y:04}-{m:02}-{d:02}"));
    }
    if let Some((from, to)) = header.period {
        w.line(0, &format!("period: [{from}, {to}]"));
    }
    if let Some((zh, en)) = &outline.measure_label {
        w.line(
            0,
            &format!(
                "measure_label: {{{lang}: {}, en: {}}}",
                quoted(zh),
                quoted(en)
            ),
        );
    }
    w.markdown(0, "summary", header.summary);
    match &outline.body {
        Body::Sections(sections) => {
            w.line(0, "sections:");
            for s in sections {
                w.section(1, s);
            }
        }
        Body::Measures(measures) => {
            w.line(0, "measures:");
            for m in measures {
                w.measure(1, m);
            }
        }
    }
    if !outline.stages.is_empty() {
        w.line(0, "stages:");
        for s in &outline.stages {
            w.stage(1, s);
        }
    }
    w.out
}

struct Writer<'a> {
    out: String,
    lang: &'a str,
}

impl Writer<'_> {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `key:` and the text in the default language under it.
    fn text(&mut self, depth: usize, key: &str, text: &str) {
        self.line(depth, &format!("{key}:"));
        let lang = self.lang;
        self.line(depth + 1, &format!("{lang}: {}", quoted(text)));
    }

    /// `key:` and Markdown paragraphs as a literal block, one paragraph per line.
    fn markdown(&mut self, depth: usize, key: &str, paragraphs: &[String]) {
        if paragraphs.is_empty() {
            return;
        }
        self.line(depth, &format!("{key}:"));
        let lang = self.lang;
        self.line(depth + 1, &format!("{lang}: |-"));
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            self.line(depth + 2, &markdown_escaped(&one_line(p)));
        }
    }

    /// A list item's first key after its `- `.
    fn item(&mut self, depth: usize, first: &str) {
        self.line(depth.saturating_sub(1), &format!("  - {first}"));
    }

    fn section(&mut self, depth: usize, s: &Section) {
        self.item(depth, "title:");
        let lang = self.lang;
        self.line(depth + 2, &format!("{lang}: {}", quoted(&s.title)));
        self.markdown(depth + 1, "summary", &s.summary);
        if let Some((zh, en)) = &s.label {
            self.line(
                depth + 1,
                &format!("label: {{{lang}: {}, en: {}}}", quoted(zh), quoted(en)),
            );
        }
        if !s.measures.is_empty() {
            self.line(depth + 1, "measures:");
            for m in &s.measures {
                self.measure(depth + 2, m);
            }
        }
        if !s.sections.is_empty() {
            self.line(depth + 1, "sections:");
            for sub in &s.sections {
                self.section(depth + 2, sub);
            }
        }
    }

    fn measure(&mut self, depth: usize, m: &Measure) {
        self.item(depth, &format!("n: {}", quoted(&m.n)));
        if let Some(title) = &m.title {
            self.text(depth + 1, "title", title);
        }
        self.markdown(depth + 1, "text", &m.text);
    }

    fn stage(&mut self, depth: usize, s: &Stage) {
        self.item(depth, "title:");
        let lang = self.lang;
        self.line(depth + 2, &format!("{lang}: {}", quoted(&s.title)));
        if let Some(from) = &s.from {
            self.line(depth + 1, &format!("from: {from}"));
        }
        if let Some(to) = &s.to {
            self.line(depth + 1, &format!("to: {to}"));
        }
        self.markdown(depth + 1, "text", &s.text);
    }
}

/// A YAML double-quoted scalar: always safe, whatever the text.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Control characters and line breaks as spaces: a block line is one paragraph.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The text as Markdown that shows it as it is: the characters Markdown would read as
/// emphasis, code, links or HTML are escaped, and so is a paragraph that would start a list
/// or a heading.
pub fn markdown_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let starts_list = digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')'));
    if starts_list {
        out.insert(digits, '\\');
    } else if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_markdown_would_read_otherwise() {
        assert_eq!(markdown_escaped("1.5倍"), "1\\.5倍");
        assert_eq!(markdown_escaped("- 开展"), "\\- 开展");
        assert_eq!(
            markdown_escaped("a*b_c [1] <b>"),
            "a\\*b\\_c \\[1\\] \\<b\\>"
        );
        assert_eq!(markdown_escaped("“互联网+”"), "“互联网+”");
    }

    #[test]
    fn quoting() {
        assert_eq!(quoted("甬党办〔2020〕77号"), "\"甬党办〔2020〕77号\"");
        assert_eq!(quoted("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
    }
}
