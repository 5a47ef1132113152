//! CSV and tab-separated text into a [`Table`], each field with its span in the decoded text.
//!
//! Offices export CSV from Excel (comma-separated, GBK or UTF-8 with a byte-order mark) and
//! "Unicode text" (tab-separated UTF-16); the decoding is [`crate::encoding`]'s, the
//! separator is whichever of comma, tab and semicolon the first lines use most. Fields follow
//! RFC 4180: a field in double quotes may hold separators, line breaks and `""` for a quote.

use super::table::{Cell, CellValue, Origin, Place, Row, Table};
use crate::encoding::Encoding;
use crate::source::{FileId, SourceFile};

/// The file extensions read as delimited text.
pub const EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];

/// The table of a decoded text file, `id` being its place in the source map.
pub fn table(file: &SourceFile, id: FileId, encoding: Encoding) -> Table {
    let separator = separator(&file.text);
    let mut rows = Vec::new();
    let mut fields = Fields {
        text: &file.text,
        at: 0,
        separator,
    };
    while let Some(record) = fields.record() {
        let cells = record
            .into_iter()
            .map(|field| Cell {
                place: Place::Csv {
                    line: file.line_col(field.start as u32).0,
                    span: crate::source::Span::new(id, field.start, field.end),
                },
                value: if field.value.is_empty() {
                    CellValue::Empty
                } else {
                    CellValue::Text(field.value)
                },
            })
            .collect();
        rows.push(Row { cells });
    }
    Table {
        origin: Origin::Csv {
            file: file.display_path.clone(),
            encoding,
        },
        rows,
    }
}

/// The separator the first lines use most (outside quotes); a comma when they use none.
fn separator(text: &str) -> char {
    let sample: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let mut counts = [(',', 0usize), ('\t', 0), (';', 0)];
    let mut quoted = false;
    for c in sample.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(s, _)| *s == c) {
            entry.1 += 1;
        }
    }
    // The first of the most used wins, so a tie goes to the comma.
    counts
        .iter()
        .fold(
            (',', 0),
            |best, &(s, n)| if n > best.1 { (s, n) } else { best },
        )
        .0
}

/// One field: its value (quotes removed) and the byte range of its text.
struct Field {
    value: String,
    start: usize,
    end: usize,
}

/// Reads records one at a time.
struct Fields<'a> {
    text: &'a str,
    at: usize,
    separator: char,
}

impl Fields<'_> {
    /// The next record (line), or `None` at the end of the text.
    fn record(&mut self) -> Option<Vec<Field>> {
        if self.at >= self.text.len() {
            return None;
        }
        let mut record = Vec::new();
        loop {
            let field = self.field();
            record.push(field);
            match self.text[self.at..].chars().next() {
                Some(c) if c == self.separator => self.at += c.len_utf8(),
                Some('\r') => {
                    self.at += 1;
                    if self.text[self.at..].starts_with('\n') {
                        self.at += 1;
                    }
                    return Some(record);
                }
                Some('\n') => {
                    self.at += 1;
                    return Some(record);
                }
                _ => return Some(record),
            }
        }
    }

    fn field(&mut self) -> Field {
        let start = self.at;
        let rest = &self.text[start..];
        if !rest.starts_with('"') {
            let len = rest
                .find([self.separator, '\n', '\r'])
                .unwrap_or(rest.len());
            self.at += len;
            return Field {
                value: rest[..len].to_string(),
                start,
                end: self.at,
            };
        }
        let mut value = String::new();
        let mut chars = rest.char_indices().skip(1).peekable();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            if c != '"' {
                value.push(c);
            } else if chars.peek().is_some_and(|&(_, next)| next == '"') {
                value.push('"');
                chars.next();
            } else {
                end = i + 1;
                break;
            }
        }
        // Text after the closing quote, before the separator, is kept as Excel keeps it.
        let tail = &rest[end..];
        let tail_len = tail
            .find([self.separator, '\n', '\r'])
            .unwrap_or(tail.len());
        value.push_str(&tail[..tail_len]);
        self.at = start + end + tail_len;
        Field {
            value,
            start,
            end: self.at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<Vec<String>> {
        let file = SourceFile::new("v.csv".into(), "v.csv".into(), text.to_string());
        table(&file, FileId(0), Encoding::Utf8)
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.value.text()).collect())
            .collect()
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        let rows = cells("指标,数值\r\n\"有效发明专利拥有量\",\"48,715\"\n\"a \"\"b\"\"\nc\",2\n");
        assert_eq!(
            rows,
            vec![
                vec!["指标", "数值"],
                vec!["有效发明专利拥有量", "48,715"],
                vec!["a \"b\"\nc", "2"],
            ]
        );
    }

    #[test]
    fn tabs_and_semicolons_are_found() {
        assert_eq!(cells("指标\t数值\na,b\t1\n")[1], vec!["a,b", "1"]);
        assert_eq!(cells("指标;数值\nx;1,5\n")[1], vec!["x", "1,5"]);
        assert_eq!(cells("x\n")[0], vec!["x"]);
    }

    #[test]
    fn fields_know_their_line_and_text() {
        let text = "标题\n\n指标,数值\n专利, 12 \n";
        let file = SourceFile::new("v.csv".into(), "v.csv".into(), text.to_string());
        let t = table(&file, FileId(0), Encoding::Utf8);
        assert_eq!(t.rows.len(), 4);
        assert!(t.rows[1].is_blank());
        let Place::Csv { line, span } = t.rows[3].cells[1].place else {
            panic!()
        };
        assert_eq!(line, 4);
        assert_eq!(&text[span.start as usize..span.end as usize], " 12 ");
    }
}
