//! One `<id>.<lang>.md` file: its front matter, parsed, and its body, compiled. How the files of
//! one item (one per language) become the item is [`super::items`].

use std::ops::Range;
use std::sync::Arc;

use super::yaml::{self, Node};
use crate::diagnostics::{Code, Diagnostic};
use crate::entity::EntityKey;
use crate::markdown::{self, CompileOptions, Origin};
use crate::model::{Fragment, LangId};
use crate::source::{FileId, SourceFile, Span};

/// Where the front matter and the body are in a `.md` file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub front_matter: Option<Range<usize>>,
    pub body_start: usize,
}

/// Finds a leading `---` … `---` block. `Err` holds the span of an unterminated opening line.
pub fn split_front_matter(text: &str) -> Result<Split, Range<usize>> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            front_matter: None,
            body_start: 0,
        });
    }
    let mut pos = first_line_end;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                front_matter: Some(first_line_end..pos),
                body_start: line_end,
            });
        }
        pos = line_end;
    }
    Err(0..first_line_end.min(3))
}

/// One parsed `.md` file.
#[derive(Clone)]
pub struct MarkdownFile {
    pub file_id: FileId,
    /// The item (or for `report.<lang>.md`, the year's report) the file belongs to.
    pub entity: EntityKey,
    pub lang: LangId,
    /// Shared: watch mode hands out cached parses on every rebuild.
    pub front_matter: Option<Arc<Node>>,
    pub body: Arc<Fragment>,
}

/// Parses the front matter and compiles the body of one file.
pub fn parse_file(
    file: &SourceFile,
    file_id: FileId,
    (entity, lang): (EntityKey, LangId),
    allow_raw_html: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<MarkdownFile> {
    let split = match split_front_matter(&file.text) {
        Ok(split) => split,
        Err(range) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::FrontMatter,
                    Span::new(file_id, range.start, range.end),
                    "the front matter is not closed",
                )
                .with_help("end the front matter with a line holding only `---`"),
            );
            return None;
        }
    };
    let front_matter = match split.front_matter.clone() {
        Some(range) => match yaml::parse(file, file_id, range) {
            Ok(node) => {
                diagnostics.extend(yaml::comment_cuts(file, &node));
                Some(Arc::new(node))
            }
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        },
        None => None,
    };
    let compiled = compile_body(file, file_id, (&entity, lang), &split, allow_raw_html);
    diagnostics.extend(compiled.diagnostics);
    Some(MarkdownFile {
        file_id,
        entity,
        lang,
        front_matter,
        body: Arc::new(compiled.fragment),
    })
}

/// Compiles the body of an item's `.md` file, which starts where `split` says.
pub fn compile_body(
    file: &SourceFile,
    file_id: FileId,
    (entity, lang): (&EntityKey, LangId),
    split: &Split,
    allow_raw_html: bool,
) -> markdown::Compiled {
    // Achievements share their year's page: their headings' anchors carry the id.
    let heading_prefix = match entity {
        EntityKey::Achievement(_, id) => format!("{id}-"),
        _ => String::new(),
    };
    markdown::compile(
        &file.text[split.body_start..],
        lang,
        file,
        file_id,
        Origin::Verbatim {
            start: split.body_start,
        },
        &CompileOptions {
            heading_prefix: &heading_prefix,
            allow_raw_html,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let text = "---\ntitle: 标题\n---\n正文\n";
        let split = split_front_matter(text).unwrap();
        assert_eq!(&text[split.front_matter.clone().unwrap()], "title: 标题\n");
        assert_eq!(&text[split.body_start..], "正文\n");
        assert_eq!(
            split_front_matter("正文").unwrap(),
            Split {
                front_matter: None,
                body_start: 0
            }
        );
        assert!(split_front_matter("---\ntitle: x\n").is_err());
        // CRLF files split too.
        let split = split_front_matter("---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(split.body_start, 20);
    }
}
