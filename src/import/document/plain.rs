//! The paragraphs of a text file: what Word's "save as text", WPS or a copy from a PDF or a
//! web page gives, in any of the encodings offices use.

use std::path::Path;

use super::paragraphs::{Paragraph, rejoin_broken};
use crate::diagnostics::{Code, Diagnostic};
use crate::encoding::Encoding;

pub struct Text {
    pub paragraphs: Vec<Paragraph>,
    pub encoding: Encoding,
    /// Lines of tables (`a | b | c`, or cells separated by tabs) that were left out.
    pub table_lines: usize,
}

pub fn read(path: &Path, display: &str) -> Result<Text, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::at_path(
            Code::ImportDocumentUnreadable,
            display,
            format!("cannot read {display}: {err}"),
        )
        .with_help("check the file's name and folder")
    })?;
    let decoded = crate::encoding::decode(&bytes).ok_or_else(|| {
        Diagnostic::at_path(
            Code::ImportDocumentUnreadable,
            display,
            format!("{display} is not text in UTF-8, UTF-16 or GBK/GB18030"),
        )
        .with_help("import the Word file itself (.docx), or save the document as text (.txt) again")
    })?;
    let (paragraphs, table_lines) = lines(&decoded.text);
    Ok(Text {
        paragraphs: rejoin_broken(paragraphs),
        encoding: decoded.encoding,
        table_lines,
    })
}

/// Each non-blank line is a paragraph, without the `#` of a Markdown heading; table lines are
/// counted and left out.
fn lines(text: &str) -> (Vec<Paragraph>, usize) {
    let mut paragraphs = Vec::new();
    let mut table_lines = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_matches(super::markers::is_blank);
        let line = line.trim_start_matches('#').trim_start();
        if line.is_empty() {
            continue;
        }
        if is_table_row(line) {
            table_lines += 1;
            continue;
        }
        paragraphs.push(Paragraph {
            text: line.to_string(),
            at: i + 1,
        });
    }
    (paragraphs, table_lines)
}

/// `序号 | 主要指标 | 2023年实现值 |`, or three cells separated by tabs.
fn is_table_row(line: &str) -> bool {
    line.matches('|').count() >= 2 || line.matches('\t').count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_headings_and_tables() {
        let (p, tables) = lines(
            "# 关于全面加强知识产权工作的实施意见\n\n序号 | 主要指标 | 2023年实现值 |\n1 | 高价值发明专利拥有量(件) | 1335 |\n\n## 一、总体要求\n　　以习近平新时代中国特色社会主义思想为指导。\n",
        );
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "关于全面加强知识产权工作的实施意见",
                "一、总体要求",
                "以习近平新时代中国特色社会主义思想为指导。"
            ]
        );
        assert_eq!(p[1].at, 6);
        assert_eq!(tables, 2);
    }
}
