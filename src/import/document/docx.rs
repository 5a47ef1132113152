//! The paragraphs of a Word file (`.docx`): a zip archive whose `word/document.xml` holds
//! the body. Word splits a sentence across many runs (`w:r`) wherever formatting, spelling
//! marks or revisions change, and may number paragraphs with `w:numPr` instead of text: the
//! runs are joined, and the number Word shows is put back in front of the text.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::numbering::{Numbering, attribute, text_attribute};
use super::paragraphs::{Paragraph, join_lines};
use crate::diagnostics::{Code, Diagnostic};

/// Larger parts are refused: a real document's XML is a few megabytes, and a zip that
/// inflates to gigabytes is not a document.
const MAX_PART: u64 = 256 * 1024 * 1024;

/// The paragraphs of the document's body, and how many tables it skipped.
pub struct Body {
    pub paragraphs: Vec<Paragraph>,
    pub tables: usize,
}

pub fn read(path: &Path, display: &str) -> Result<Body, Diagnostic> {
    let unreadable = |message: String, help: &str| {
        Diagnostic::at_path(Code::ImportDocumentUnreadable, display, message).with_help(help)
    };
    let file = std::fs::File::open(path).map_err(|err| {
        unreadable(
            format!("cannot read {display}: {err}"),
            "check the file's name and folder",
        )
    })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|_| {
        if is_old_word(path) {
            unreadable(
                format!("{display} is a Word 97–2003 document (.doc), which cannot be read"),
                "open it in Word or WPS and save it as a Word document (.docx), then import that",
            )
        } else {
            unreadable(
                format!("{display} is not a Word document (.docx): it is no zip archive"),
                "save the document from Word or WPS as .docx, or as text (.txt), and import that",
            )
        }
    })?;
    let document = part(&mut archive, "word/document.xml").ok_or_else(|| {
        unreadable(
            format!("{display} has no word/document.xml: it is no Word document"),
            "save the document from Word or WPS as .docx, or as text (.txt), and import that",
        )
    })?;
    let mut numbering = part(&mut archive, "word/numbering.xml")
        .map(|xml| Numbering::parse(&xml))
        .unwrap_or_default();
    let styles = part(&mut archive, "word/styles.xml")
        .map(|xml| style_numbering(&xml))
        .unwrap_or_default();
    body(&document, &mut numbering, &styles).map_err(|err| {
        unreadable(
            format!("{display}: word/document.xml is not well-formed XML ({err})"),
            "open the document in Word or WPS, save it again as .docx, and import that",
        )
    })
}

/// A file of the old binary Word format starts with the OLE signature.
fn is_old_word(path: &Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn part<R: std::io::Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
    let entry = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    entry.take(MAX_PART).read_to_end(&mut bytes).ok()?;
    String::from_utf8(bytes).ok()
}

/// The list (`numId`, `ilvl`) that each paragraph style numbers its paragraphs with, as
/// heading styles often do.
fn style_numbering(xml: &str) -> HashMap<String, (u32, u8)> {
    let mut styles = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style: Option<String> = None;
    let mut num: (Option<u32>, u8) = (None, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                "style" => {
                    style = text_attribute(&e, "styleId");
                    num = (None, 0);
                }
                "numId" => num.0 = attribute(&e, "val"),
                "ilvl" => num.1 = attribute(&e, "val").map_or(0, |v| v.min(8) as u8),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                if let (Some(id), (Some(n), level)) = (style.take(), num)
                    && n != 0
                {
                    styles.insert(id, (n, level));
                }
            }
            Ok(_) => {}
        }
    }
    styles
}

/// A paragraph being read: its text so far and its numbering.
#[derive(Default)]
struct Open {
    lines: Vec<String>,
    num_id: Option<u32>,
    level: u8,
    style: Option<String>,
}

fn body(
    xml: &str,
    numbering: &mut Numbering,
    styles: &HashMap<String, (u32, u8)>,
) -> Result<Body, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut walk = Walk {
        numbering,
        styles,
        out: Body {
            paragraphs: Vec::new(),
            tables: 0,
        },
        open: Vec::new(),
        count: 0,
        table_depth: 0,
        hidden: 0,
        in_text: false,
    };
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) => walk.start(&e),
            Event::Empty(e) => paragraph_mark(&mut walk.open, &e),
            Event::End(e) => walk.end(e.local_name().as_ref()),
            Event::Text(t) if walk.shows_text() => push_text(&mut walk.open, &t.xml10_content()),
            Event::GeneralRef(r) if walk.shows_text() => {
                if let Some(c) = entity(&r) {
                    push_text(&mut walk.open, c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    Ok(walk.out)
}

/// Where the reading of the body stands.
struct Walk<'a> {
    numbering: &'a mut Numbering,
    styles: &'a HashMap<String, (u32, u8)>,
    out: Body,
    /// Paragraphs nest: a text box inside a paragraph holds paragraphs of its own.
    open: Vec<Open>,
    /// Paragraphs seen, for `Paragraph::at`.
    count: usize,
    table_depth: usize,
    /// Inside text that Word does not show: deleted revisions, field codes, the fallback copy
    /// of a drawing's text.
    hidden: usize,
    in_text: bool,
}

impl Walk<'_> {
    fn shows_text(&self) -> bool {
        self.in_text && self.hidden == 0
    }

    fn start(&mut self, e: &quick_xml::events::BytesStart) {
        match e.local_name().as_ref() {
            "tbl" => {
                if self.table_depth == 0 {
                    self.out.tables += 1;
                }
                self.table_depth += 1;
            }
            "p" => self.open.push(Open::default()),
            "t" => self.in_text = true,
            "delText" | "instrText" | "Fallback" => self.hidden += 1,
            "numId" | "ilvl" | "pStyle" | "tab" | "br" | "cr" => paragraph_mark(&mut self.open, e),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "tbl" => self.table_depth = self.table_depth.saturating_sub(1),
            "t" => self.in_text = false,
            "delText" | "instrText" | "Fallback" => self.hidden = self.hidden.saturating_sub(1),
            "p" => self.close_paragraph(),
            _ => {}
        }
    }

    /// A paragraph ends: its text, with the number Word shows in front of it (counted even
    /// for an empty paragraph, as Word counts it).
    fn close_paragraph(&mut self) {
        let Some(p) = self.open.pop() else { return };
        self.count += 1;
        if self.table_depth > 0 {
            return;
        }
        let text = join_lines(p.lines.iter().map(String::as_str));
        let list = p
            .num_id
            .map(|n| (n, p.level))
            .or_else(|| p.style.as_ref().and_then(|s| self.styles.get(s).copied()));
        let label = list.and_then(|(n, level)| self.numbering.next(n, level));
        if text.trim().is_empty() {
            return;
        }
        let text = match label {
            Some(label) => format!("{label}{text}"),
            None => text,
        };
        self.out.paragraphs.push(Paragraph {
            text,
            at: self.count,
        });
    }
}

/// `&amp;`, `&#x4E00;`: the character an entity or a character reference stands for.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

fn push_text(open: &mut [Open], text: &str) {
    if let Some(p) = open.last_mut() {
        match p.lines.last_mut() {
            Some(line) => line.push_str(text),
            None => p.lines.push(text.to_string()),
        }
    }
}

/// The marks inside a paragraph that are elements: its list, its style, tabs and breaks.
fn paragraph_mark(open: &mut [Open], e: &quick_xml::events::BytesStart) {
    let Some(p) = open.last_mut() else { return };
    match e.local_name().as_ref() {
        "numId" => p.num_id = attribute(e, "val").filter(|&n| n != 0),
        "ilvl" => p.level = attribute(e, "val").map_or(0, |v| v.min(8) as u8),
        "pStyle" => p.style = text_attribute(e, "val"),
        "tab" => push_text(open, " "),
        "br" | "cr" => p.lines.push(String::new()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn paragraphs(body_xml: &str) -> Vec<String> {
        let xml = format!(r#"<w:document {NS}><w:body>{body_xml}</w:body></w:document>"#);
        body(&xml, &mut Numbering::default(), &HashMap::new())
            .expect("well-formed")
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn runs_are_joined_and_hidden_text_left_out() {
        let got = paragraphs(
            r#"<w:p><w:r><w:t>（一）严格</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>司法</w:t></w:r>
               <w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>
               <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>
               <w:r><w:t xml:space="preserve">保护。A &amp; B</w:t></w:r></w:p>
               <w:p/>
               <w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
               <w:p><w:r><w:t>关于加强知识产权保护</w:t><w:br/><w:t>激发社会创新活力的实施意见</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            got,
            vec![
                "（一）严格司法保护。A & B",
                "关于加强知识产权保护激发社会创新活力的实施意见"
            ]
        );
    }
}
