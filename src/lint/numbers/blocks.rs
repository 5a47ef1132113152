//! Markdown blocks, for [`compare_markdown`](super::compare_markdown): the front matter, the
//! paragraphs, headings, list items, table rows, block quotes and footnote definitions of a
//! document, and its sections under headings.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BlockKind {
    Heading(usize),
    Paragraph,
    ListItem,
    TableRow,
    Quote,
    Footnote,
}

#[derive(Clone, Debug)]
pub(super) struct Block {
    pub(super) kind: BlockKind,
    pub(super) range: Range<usize>,
}

/// The document after its YAML front matter (`---` … `---`), if it has one.
pub(super) fn body_range(doc: &str) -> Range<usize> {
    let first = doc.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return 0..doc.len();
    }
    let mut pos = 0;
    for (n, line) in doc.split_inclusive('\n').enumerate() {
        pos += line.len();
        let t = line.trim_end();
        if n > 0 && (t == "---" || t == "...") {
            return pos..doc.len();
        }
    }
    0..doc.len()
}

pub(super) fn blocks(doc: &str) -> Vec<Block> {
    let body = body_range(doc);
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<usize> = None;
    let mut fence: Option<(char, usize)> = None;
    let mut pos = body.start;
    for line in doc.get(body.clone()).unwrap_or("").split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let end = start + text.len();
        let trimmed = text.trim_start();
        let indent = text.len() - trimmed.len();
        if let Some((c, n)) = fence {
            if trimmed.chars().take_while(|&x| x == c).count() >= n {
                fence = None;
            }
            continue;
        }
        if trimmed.is_empty() {
            open = None;
            continue;
        }
        if let Some(f) = fence_open(trimmed) {
            fence = Some(f);
            open = None;
            continue;
        }
        let kind = if indent <= 3 && heading_level(trimmed).is_some() {
            heading_level(trimmed).map(BlockKind::Heading)
        } else if trimmed.starts_with('|') {
            if is_table_separator(trimmed) {
                open = None;
                continue;
            }
            Some(BlockKind::TableRow)
        } else if is_thematic_break(trimmed) {
            open = None;
            continue;
        } else if trimmed.starts_with("[^") && trimmed.contains("]:") {
            Some(BlockKind::Footnote)
        } else if trimmed.starts_with('>') {
            match open.and_then(|ix| out.get(ix)) {
                Some(b) if b.kind == BlockKind::Quote => None,
                _ => Some(BlockKind::Quote),
            }
        } else if is_list_item(trimmed) {
            Some(BlockKind::ListItem)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                out.push(Block {
                    kind,
                    range: start..end,
                });
                open = match kind {
                    BlockKind::Heading(_) | BlockKind::TableRow => None,
                    _ => Some(out.len() - 1),
                };
            }
            None => match open.and_then(|ix| out.get_mut(ix)) {
                Some(block) => block.range.end = end,
                None => {
                    out.push(Block {
                        kind: BlockKind::Paragraph,
                        range: start..end,
                    });
                    open = Some(out.len() - 1);
                }
            },
        }
    }
    out
}

fn fence_open(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = line.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

fn heading_level(line: &str) -> Option<usize> {
    let n = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[n..];
    ((1..=6).contains(&n) && (rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')))
        .then_some(n)
}

fn is_table_separator(line: &str) -> bool {
    line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Three or more of one of `-`, `*`, `_`, and nothing else but white space.
fn is_thematic_break(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(mark @ ('-' | '*' | '_')) = marks.next() else {
        return false;
    };
    let mut n = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        n += 1;
    }
    n >= 3
}

fn is_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '+') => matches!(chars.next(), Some(' ' | '\t') | None),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            let rest = &line[digits..];
            digits <= 9
                && (rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")")
        }
        _ => false,
    }
}

pub(super) fn same_shape(a: &[Block], b: &[Block]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.kind == y.kind)
}

/// Blocks split before each heading.
pub(super) fn sections(blocks: &[Block]) -> Vec<&[Block]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::Heading(_)) && i > start {
            out.push(&blocks[start..i]);
            start = i;
        }
    }
    if start < blocks.len() {
        out.push(&blocks[start..]);
    }
    out
}

pub(super) fn span_of(blocks: &[Block]) -> Range<usize> {
    match (blocks.first(), blocks.last()) {
        (Some(f), Some(l)) => f.range.start..l.range.end,
        _ => 0..0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thematic_breaks() {
        for yes in ["---", "***", "___", "- - -", " *  * * *", "_____"] {
            assert!(is_thematic_break(yes), "{yes:?}");
        }
        for no in ["", "--", "-*-", "--a", "—", "- - x", "==="] {
            assert!(!is_thematic_break(no), "{no:?}");
        }
    }

    #[test]
    fn markdown_blocks() {
        let doc = "# H\npara line 1\nline 2\n\n- item\n  more\n- item 2\n\n> quote\n> more\n\n```\ncode 5\n```\n| a | b |\n|---|---|\n[^1]: note\n";
        let kinds: Vec<BlockKind> = blocks(doc).iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Quote,
                BlockKind::TableRow,
                BlockKind::Footnote
            ]
        );
    }
}
