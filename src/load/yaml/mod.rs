//! YAML → a tree of [`Node`]s that keep their byte spans.
//!
//! We do not deserialize straight into the model with `#[serde(deny_unknown_fields)]`: serde
//! stops at the first problem, and SPEC §15 asks for every problem at once, each with its own
//! code and a "did you mean". So the YAML is read into this generic tree first and the model
//! is built from it by [`super::fields`], which reports all unknown keys and wrong types.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Location, Options, Spanned};

/// Content files never nest deeper than a handful of levels; a limit well below what the
/// parser's recursion can take turns a pathological file into a diagnostic, not a crash.
pub const MAX_DEPTH: usize = 24;
/// Most YAML nodes one content file may hold.
pub const MAX_NODES: usize = 5_000_000;
use std::fmt;

pub(crate) mod slips;

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceFile, Span};

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Value {
    /// How the value is called in "expected …, found …" messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// The tree as serde-saphyr gives it, with positions relative to the parsed text.
struct RawNode(RawValue);

enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<RawNode>>),
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawNode;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Null))
            }
            fn visit_none<E>(self) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Null))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
                RawNode::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawNode, E> {
                Ok(RawNode(match i64::try_from(v) {
                    Ok(v) => RawValue::Int(v),
                    Err(_) => RawValue::Float(v as f64),
                }))
            }
            fn visit_i128<E>(self, v: i128) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Float(v as f64)))
            }
            fn visit_u128<E>(self, v: u128) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Float(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Str(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Str(v)))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<RawNode, E> {
                Ok(RawNode(RawValue::Str(
                    String::from_utf8_lossy(v).into_owned(),
                )))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
                    items.push(item);
                }
                Ok(RawNode(RawValue::Seq(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
                    let value = map.next_value::<Spanned<RawNode>>()?;
                    entries.push((key, value));
                }
                Ok(RawNode(RawValue::Map(entries)))
            }
        }
        deserializer.deserialize_any(RawVisitor)
    }
}

/// Converts positions relative to `text[base..]` into file spans.
/// Says which of the parser's limits a file ran into, in an editor's terms.
fn budget_message(breach: &BudgetBreach) -> (String, &'static str) {
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("YAML nested more than {MAX_DEPTH} levels deep"),
            "content files need only a few levels: check the indentation",
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. } => (
            "YAML uses too many `&anchors` or `*aliases`".to_string(),
            "write the values out; content files do not need anchors",
        ),
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => (
            format!("YAML file holds more than {MAX_NODES} values"),
            "split the list over several files, or shorten it",
        ),
        BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => (
            "YAML file holds more text than can be read (over 64 MiB)".to_string(),
            "move long prose into Markdown files",
        ),
        _ => (
            "YAML file exceeds what a content file may hold".to_string(),
            "content files need one plain document without anchors, tags or includes",
        ),
    }
}

struct Converter<'a> {
    file: &'a SourceFile,
    file_id: FileId,
    base: usize,
    text: &'a str,
}

impl Converter<'_> {
    fn offset(&self, loc: &Location) -> usize {
        let span = loc.span();
        match span.byte_offset() {
            Some(off) => self.base + off as usize,
            None => {
                // Positions without byte offsets: fall back to line and column.
                let (first_line, _) = self.file.line_col(self.base as u32);
                self.file.offset_of(
                    first_line + (loc.line() as usize).max(1) - 1,
                    loc.column() as usize,
                )
            }
        }
    }

    fn span(&self, loc: &Location) -> Span {
        let start = self.offset(loc);
        let len = loc.span().byte_len().unwrap_or(0) as usize;
        let end = (start + len).min(self.base + self.text.len());
        Span::new(self.file_id, start, end)
    }

    /// A collection's span reaches to its last child, and to the closing bracket of a flow
    /// collection, so that a caret marks all of it.
    fn collection_span(&self, span: Span, last_end: Option<u32>) -> Span {
        let text = &self.file.text;
        let start = span.start as usize;
        let mut end = last_end.map_or(span.end, |e| e.max(span.end)) as usize;
        let close = match text.as_bytes().get(start) {
            Some(b'[') => Some(']'),
            Some(b'{') => Some('}'),
            _ => None,
        };
        if let (Some(close), Some(rest)) = (close, text.get(end..))
            && let Some(i) = rest.find(close)
        {
            let between = &rest[..i];
            if between
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '"' | '\''))
            {
                end += i + 1;
            }
        }
        Span::new(span.file, start, end)
    }

    fn node(&self, raw: Spanned<RawNode>) -> Node {
        let span = self.span(&raw.referenced);
        let value = match raw.value.0 {
            RawValue::Null => Value::Null,
            RawValue::Bool(b) => Value::Bool(b),
            RawValue::Int(i) => Value::Int(i),
            RawValue::Float(f) => Value::Float(f),
            RawValue::Str(s) => Value::Str(s),
            RawValue::Seq(items) => Value::Seq(items.into_iter().map(|n| self.node(n)).collect()),
            RawValue::Map(entries) => Value::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        let key_span = self.span(&k.referenced);
                        let key = match k.value.0 {
                            RawValue::Str(s) => s,
                            // Non-string keys (`2023:`) are read as written.
                            _ => self.file.text[key_span.start as usize..key_span.end as usize]
                                .to_string(),
                        };
                        Entry {
                            key,
                            key_span,
                            value: self.node(v),
                        }
                    })
                    .collect(),
            ),
        };
        let span = match &value {
            Value::Seq(items) => self.collection_span(span, items.last().map(|n| n.span.end)),
            Value::Map(entries) => self.collection_span(
                span,
                entries.last().map(|e| e.value.span.end.max(e.key_span.end)),
            ),
            _ => span,
        };
        Node { value, span }
    }
}

/// Parses `file.text[range]` as one YAML document.
pub fn parse(
    file: &SourceFile,
    file_id: FileId,
    range: std::ops::Range<usize>,
) -> Result<Node, Diagnostic> {
    let text = &file.text[range.clone()];
    let conv = Converter {
        file,
        file_id,
        base: range.start,
        text,
    };
    match serde_saphyr::from_str_with_options::<Spanned<RawNode>>(text, options()) {
        Ok(raw) => Ok(conv.node(raw)),
        Err(err) => Err(syntax_error(&conv, &err, range.start)),
    }
}

fn options() -> Options {
    let mut options = Options::default();
    // Duplicates reach our visitor and are reported with both places by `fields`.
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    // `yes`/`no`/`on`/`off` stay strings: an English title "No" must not become `false`.
    options.strict_booleans = true;
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    // The defaults suit untrusted network input; a content file listing every
    // department or event of a large office may legitimately hold hundreds of
    // thousands of nodes. Alias and anchor limits stay as they are: those are
    // what stop an expansion bomb.
    budget.max_nodes = MAX_NODES;
    budget.max_events = 4 * MAX_NODES;
    options.budget = Some(budget);
    options
}

/// The parser's error as an editor's diagnostic: a budget breach, one of the usual slips, an
/// unclosed bracket pointed at where it opens, or the parser's own message with a hint.
fn syntax_error(conv: &Converter, err: &serde_saphyr::Error, start: usize) -> Diagnostic {
    let (file, file_id, text) = (conv.file, conv.file_id, conv.text);
    if let serde_saphyr::Error::Budget { breach, .. } = err.without_snippet() {
        let at = err.location().map_or(start, |l| conv.offset(&l));
        let (message, help) = budget_message(breach);
        return Diagnostic::new(Code::YamlSyntax, Span::new(file_id, at, at), message)
            .with_help(help);
    }
    let span = match err.location() {
        Some(loc) => {
            let at = conv.offset(&loc);
            Span::new(file_id, at, at)
        }
        None => Span::new(file_id, start, start),
    };
    let inner = err.without_snippet().to_string();
    // The message ends in " at line L, column C", which the caret already shows.
    let message = match inner.rfind(" at line ") {
        Some(i) => inner[..i].to_string(),
        None => inner,
    };
    // The usual slips (full-width punctuation, a tab) are said as what they are.
    let error_at = span.start as usize - start;
    if let Some(slip) = slips::explain(text, error_at, &message) {
        let at = start + slip.at.start..start + slip.at.end;
        let mut d = Diagnostic::new(
            Code::YamlSyntax,
            Span::new(file_id, at.start, at.end),
            format!("YAML syntax error: {}", slip.message),
        )
        .with_help(slip.help);
        if file.line_col(at.start as u32).0 != file.line_col(span.start).0 {
            d = d.with_related(span, "the YAML parser noticed it here");
        }
        return d;
    }
    // An unclosed `{` or `[` is noticed lines later; point at the bracket itself.
    if (message.contains("flow mapping") || message.contains("flow sequence"))
        && let Some(open) = unclosed_bracket(text, span.start as usize - start)
    {
        let at = start + open;
        let (bracket, closing) = if text.as_bytes()[open] == b'{' {
            ("{", "}")
        } else {
            ("[", "]")
        };
        return Diagnostic::new(
            Code::YamlSyntax,
            Span::new(file_id, at, at + 1),
            format!("YAML syntax error: this `{bracket}` is not closed"),
        )
        .with_related(span, "the YAML parser noticed it here")
        .with_help(format!(
            "close it with `{closing}` at the end of the value, or check for a missing comma"
        ));
    }
    Diagnostic::new(
        Code::YamlSyntax,
        span,
        format!("YAML syntax error: {message}"),
    )
    .with_help(yaml_hint(&message))
}

/// W0110 for every unquoted text that a `#` cut short: `title: 典型案例 #3 某公司案` is the
/// title "典型案例" followed by a comment, which the editor did not mean. A comment written
/// as comments are (`# ` with a space, or nothing after the `#`) is left alone.
pub fn comment_cuts(file: &SourceFile, node: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    cuts_in(file, node, &mut out);
    out
}

fn cuts_in(file: &SourceFile, node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Seq(items) => items.iter().for_each(|n| cuts_in(file, n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| cuts_in(file, &e.value, out)),
        Value::Str(value) => {
            if let Some(d) = comment_cut(file, node.span, value) {
                out.push(d);
            }
        }
        _ => {}
    }
}

fn comment_cut(file: &SourceFile, span: Span, value: &str) -> Option<Diagnostic> {
    let text = &file.text;
    let (start, end) = (span.start as usize, span.end as usize);
    // Quoted and block scalars keep their `#`.
    if end <= start || matches!(text.as_bytes().get(start), Some(b'"' | b'\'' | b'|' | b'>')) {
        return None;
    }
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let rest = &text[end..line_end];
    let comment = rest.trim_start_matches([' ', '\t']);
    if comment.len() == rest.len() || !comment.starts_with('#') {
        return None;
    }
    let after = comment[1..].trim_end_matches('\r');
    if after.is_empty() || after.starts_with([' ', '\t', '#']) {
        return None;
    }
    let at = line_end - comment.len();
    let kept = after.trim_end();
    Some(
        Diagnostic::new(
            Code::CommentInValue,
            Span::new(span.file, at, at + 1 + kept.len()),
            format!("`#{kept}` is read as a comment, so the value ends at `{value}`"),
        )
        .with_label("a space and `#` start a comment in YAML")
        .with_help(format!(
            "put the whole value in quotes to keep it: \"{value} #{kept}\"; a comment meant \
             as one is written `# …`, with a space"
        )),
    )
}

/// The last `{` or `[` before `until` that is not closed, skipping quoted strings and comments.
fn unclosed_bracket(text: &str, until: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut stack = Vec::new();
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < until.min(bytes.len()) {
        let b = bytes[i];
        let after_separator =
            i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b'{' | b',' | b':' | b'\n');
        match quote {
            Some(q) if b == b'\\' && q == b'"' => i += 1,
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' if after_separator => quote = Some(b),
                b'#' if after_separator => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'{' | b'[' => stack.push(i),
                b'}' | b']' => {
                    stack.pop();
                }
                _ => {}
            },
        }
        i += 1;
    }
    stack.pop()
}

fn yaml_hint(message: &str) -> String {
    if message.contains("tab") {
        "YAML does not allow tabs for indentation: use spaces".into()
    } else if message.contains("flow mapping") || message.contains("flow sequence") {
        "a `{…}` or `[…]` is not closed, or a comma is missing between its items".into()
    } else if message.contains("quote") {
        "a quoted string is not closed: add the closing quote".into()
    } else if message.contains("indent") || message.contains("':'") {
        "check the indentation: keys of one mapping line up, list items start with `- ` \
         at the same column; quote values that contain `: `"
            .into()
    } else if message.contains("tab") {
        "YAML does not allow tabs for indentation: use spaces".into()
    } else {
        "fix the YAML at the marked place; values containing `: `, `#`, `[` or `{` need quotes"
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Node, Diagnostic> {
        let file = SourceFile::new("t.yaml".into(), "t.yaml".into(), text.to_string());
        parse(&file, FileId(0), 0..text.len())
    }

    #[test]
    fn spans_are_byte_ranges_in_the_file() {
        let text = "title: {zh: 宁波市, en: Ningbo}\nn: 4\n";
        let node = parse_str(text).unwrap();
        let Value::Map(entries) = &node.value else {
            panic!()
        };
        let Value::Map(title) = &entries[0].value.value else {
            panic!()
        };
        let zh = &title[0].value;
        assert_eq!(
            &text[zh.span.start as usize..zh.span.end as usize],
            "宁波市"
        );
        assert!(matches!(entries[1].value.value, Value::Int(4)));
        assert_eq!(
            entries[1].key_span.start,
            text.find("\nn:").unwrap() as u32 + 1
        );
    }

    #[test]
    fn syntax_errors_are_diagnostics_with_a_place() {
        let err = parse_str("title: {zh: 宁波市, en: Ningbo\nn: 4\n").unwrap_err();
        assert_eq!(err.code, Code::YamlSyntax);
        assert!(err.message.starts_with("YAML syntax error"));
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn a_hash_that_cuts_a_text_short_is_pointed_out() {
        let text = "title: 典型案例 #3 某公司案\nn: 4 # a comment\nq: \"a #b\"\nc: x #\n";
        let file = SourceFile::new("t.yaml".into(), "t.yaml".into(), text.to_string());
        let node = parse(&file, FileId(0), 0..text.len()).unwrap();
        let cuts = comment_cuts(&file, &node);
        assert_eq!(cuts.len(), 1, "{cuts:?}");
        let d = &cuts[0];
        assert_eq!(d.code, Code::CommentInValue);
        let span = d.span.unwrap();
        assert_eq!(&text[span.start as usize..span.end as usize], "#3 某公司案");
        assert!(d.message.contains("`典型案例`"), "{}", d.message);
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("\"典型案例 #3 某公司案\"")
        );
    }

    #[test]
    fn duplicate_keys_reach_the_tree() {
        let node = parse_str("a: 1\na: 2\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries.len(), 2);
    }

    #[test]
    fn yes_stays_a_string() {
        let node = parse_str("a: yes\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert!(matches!(&entries[0].value.value, Value::Str(s) if s == "yes"));
    }

    #[test]
    fn offsets_apply_to_embedded_yaml() {
        let text = "---\ntitle: 标题\n---\nbody";
        let file = SourceFile::new("t.md".into(), "t.md".into(), text.to_string());
        let node = parse(&file, FileId(0), 4..18).unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(file.line_col(entries[0].key_span.start), (2, 1));
    }
}
