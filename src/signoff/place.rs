//! Where a value or a text is written, as the report names it: the file relative to the site
//! root, with the 1-based line and column that diagnostics use too.

use crate::source::{SourceMap, Span};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// Relative to the site root, `/`-separated (`content/years/2024/report.yaml`).
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Place {
    pub fn of(sources: &SourceMap, span: Span) -> Place {
        let file = sources.get(span.file);
        let (line, column) = file.line_col(span.start);
        Place {
            file: file.display_path.clone(),
            line,
            column,
        }
    }

    /// `content/years/2024/report.yaml:5`: the line an editor opens.
    pub fn file_line(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }

    /// `content/years/2024/report.yaml:5:22`, as diagnostics point.
    pub fn file_line_column(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}
