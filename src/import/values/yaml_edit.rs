//! Writing values into `report.yaml`'s `indicators:` map in place.
//!
//! The file is an editor's: its comments, key order, quoting and spacing are theirs, and a
//! diff of an import must show the numbers that changed and nothing else. So the file is
//! never serialised again: each value's bytes are replaced at the span the loader's YAML tree
//! gives, and indicators not yet in the map are inserted after its last entry, in its own
//! style (a line at the entries' indentation in a block map, `, id: value` in a flow map).

use super::decimal::Decimal;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::yaml::{Entry, Node, Value};
use crate::source::{SourceFile, Span, floor_char_boundary};

/// A value as report.yaml holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The text in the file (`9650`, `"9650"`, or empty for a key without a value).
    pub text: String,
    /// The number it stands for, when it is one.
    pub number: Option<Decimal>,
}

/// One indicator's value that an edit changed or added.
#[derive(Clone, Debug)]
pub struct Changed {
    pub id: String,
    /// `None` when the indicator was not in the map.
    pub old: Option<Written>,
    pub new: Decimal,
}

/// The edited text and what changed in it.
#[derive(Debug)]
pub struct Edit {
    pub text: String,
    pub changed: Vec<Changed>,
    /// Ids whose value was already the one imported.
    pub unchanged: Vec<String>,
}

/// The `indicators:` values of a report's tree, by id.
pub fn values(file: &SourceFile, tree: &Node) -> Vec<(String, Written)> {
    let Some(Value::Map(entries)) = indicators(tree).map(|e| &e.value.value) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|e| Some((e.key.clone(), written(file, value_node(&e.value)?))))
        .collect()
}

fn indicators(tree: &Node) -> Option<&Entry> {
    match &tree.value {
        Value::Map(entries) => entries.iter().find(|e| e.key == "indicators"),
        _ => None,
    }
}

/// The node holding a value: the value itself, or the `value` entry of a mapping
/// (`invention-patents: {value: 3966, provisional: true}`).
fn value_node(node: &Node) -> Option<&Node> {
    match &node.value {
        Value::Map(entries) => entries.iter().find(|e| e.key == "value").map(|e| &e.value),
        Value::Seq(_) => None,
        _ => Some(node),
    }
}

fn written(file: &SourceFile, node: &Node) -> Written {
    let text = slice(file, node.span).to_string();
    let number = match node.value {
        // The digits as written are the exact value; a form like `1e3` goes through f64.
        Value::Int(i) => Decimal::parse(&text).or(Decimal::parse(&i.to_string())),
        Value::Float(f) => Decimal::parse(&text).or_else(|| Decimal::from_yaml_number(f)),
        _ => None,
    };
    Written { text, number }
}

fn slice(file: &SourceFile, span: Span) -> &str {
    file.text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("")
}

/// One replacement of the text: `range` becomes `with`.
struct Splice {
    at: usize,
    end: usize,
    with: String,
}

/// Writes `new` (id, value) into the report `file` parsed as `tree`.
pub fn edit(file: &SourceFile, tree: &Node, new: &[(String, Decimal)]) -> Result<Edit, Diagnostic> {
    let newline = if file.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut splices = Vec::new();
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    let mut added = Vec::new();
    let map = match indicators(tree) {
        Some(entry) => Some(map_of(file, entry)?),
        None => None,
    };
    let entries: &[Entry] = map.map_or(&[], |(entries, _)| entries);
    for (id, value) in new {
        let Some(entry) = entries.iter().find(|e| e.key == *id) else {
            added.push((id.as_str(), *value));
            changed.push(Changed {
                id: id.clone(),
                old: None,
                new: *value,
            });
            continue;
        };
        let (splice, old) = replace_value(file, entry, *value)?;
        match splice {
            Some(splice) => {
                splices.push(splice);
                changed.push(Changed {
                    id: id.clone(),
                    old: Some(old),
                    new: *value,
                });
            }
            None => unchanged.push(id.clone()),
        }
    }
    if !added.is_empty() {
        match (indicators(tree), map) {
            (Some(_), Some((entries, Style::Block))) if !entries.is_empty() => {
                splices.push(append_block(file, entries, &added, newline));
            }
            (Some(entry), Some((entries, Style::Flow))) => {
                splices.push(append_flow(&entry.value, entries, &added));
            }
            (Some(entry), _) => splices.extend(fill_empty_key(file, entry, &added, newline)),
            (None, _) => splices.push(new_key(file, tree, &added, newline)?),
        }
    }
    Ok(Edit {
        text: apply(&file.text, splices),
        changed,
        unchanged,
    })
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Style {
    Block,
    Flow,
}

/// The entries of the `indicators:` map and how it is written; an empty key is a map with
/// no entries yet.
fn map_of<'t>(file: &SourceFile, entry: &'t Entry) -> Result<(&'t [Entry], Style), Diagnostic> {
    match &entry.value.value {
        Value::Map(entries) => {
            let flow = file.text.as_bytes().get(entry.value.span.start as usize) == Some(&b'{');
            Ok((entries, if flow { Style::Flow } else { Style::Block }))
        }
        Value::Null => Ok((&[], Style::Block)),
        other => Err(Diagnostic::new(
            Code::ImportReportNotEditable,
            entry.value.span,
            format!(
                "`indicators:` is {}, not a mapping of values",
                other.kind_name()
            ),
        )
        .with_help(
            "write the values as `indicators:` followed by lines `  <indicator-id>: <value>`",
        )),
    }
}

/// The splice that writes `value` over an entry's value, `None` when it holds it already;
/// and the value it held.
fn replace_value(
    file: &SourceFile,
    entry: &Entry,
    value: Decimal,
) -> Result<(Option<Splice>, Written), Diagnostic> {
    let node = value_node(&entry.value).ok_or_else(|| {
        Diagnostic::new(
            Code::ImportReportNotEditable,
            entry.value.span,
            format!(
                "the value of `{}` is {} without a `value:`",
                entry.key,
                entry.value.value.kind_name()
            ),
        )
        .with_help(format!(
            "write it as `{}: <number>` or `{{value: <number>, …}}`",
            entry.key
        ))
    })?;
    let old = written(file, node);
    if old.number == Some(value) {
        return Ok((None, old));
    }
    let splice = if old.text.is_empty() {
        // `id:` with nothing after it: the value goes after the colon.
        let at = after_colon(file, node, entry);
        Splice {
            at,
            end: at,
            with: format!(" {value}"),
        }
    } else {
        Splice {
            at: node.span.start as usize,
            end: node.span.end as usize,
            with: value.to_string(),
        }
    };
    Ok((Some(splice), old))
}

/// Just after the `:` that follows an entry's key (of `node`'s entry, `value:` inside a
/// mapping value, or the entry itself).
fn after_colon(file: &SourceFile, node: &Node, entry: &Entry) -> usize {
    let key_end = match &entry.value.value {
        Value::Map(inner) => inner
            .iter()
            .find(|e| std::ptr::eq(&e.value, node))
            .map_or(entry.key_span.end, |e| e.key_span.end),
        _ => entry.key_span.end,
    } as usize;
    let key_end = floor_char_boundary(&file.text, key_end);
    file.text[key_end..]
        .find(':')
        .map_or(key_end, |i| key_end + i + 1)
}

/// Where the line holding `offset` ends, after its line break (or at the end of the text).
/// An offset just after a line break (where a multi-line value's span may end) ends its line.
fn line_end(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset);
    if offset > 0 && text[..offset].ends_with('\n') {
        return offset;
    }
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// Byte column of `offset` on its line.
fn column(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset);
    offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

fn lines(added: &[(&str, Decimal)], indent: &str, newline: &str) -> String {
    added
        .iter()
        .map(|(id, value)| format!("{indent}{id}: {value}{newline}"))
        .collect()
}

/// New lines after a block map's last entry, at the indentation of its entries.
fn append_block(
    file: &SourceFile,
    entries: &[Entry],
    added: &[(&str, Decimal)],
    newline: &str,
) -> Splice {
    let text = &file.text;
    let first = entries[0].key_span.start as usize;
    let indent = " ".repeat(column(text, first));
    let last = &entries[entries.len() - 1];
    let last_end = last.value.span.end.max(last.key_span.end) as usize;
    let at = line_end(text, last_end);
    let lead = if text[..at].ends_with('\n') {
        ""
    } else {
        newline
    };
    Splice {
        at,
        end: at,
        with: format!("{lead}{}", lines(added, &indent, newline)),
    }
}

/// `, id: value` after a flow map's last entry, or `id: value` inside an empty `{}`.
fn append_flow(map: &Node, entries: &[Entry], added: &[(&str, Decimal)]) -> Splice {
    let items: Vec<String> = added
        .iter()
        .map(|(id, value)| format!("{id}: {value}"))
        .collect();
    let items = items.join(", ");
    match entries.last() {
        Some(last) => {
            let at = last.value.span.end.max(last.key_span.end) as usize;
            Splice {
                at,
                end: at,
                with: format!(", {items}"),
            }
        }
        None => {
            let at = map.span.start as usize + 1;
            Splice {
                at,
                end: at,
                with: items,
            }
        }
    }
}

/// Entries under an `indicators:` key that has none yet (`indicators:` or `indicators: ~`).
fn fill_empty_key(
    file: &SourceFile,
    entry: &Entry,
    added: &[(&str, Decimal)],
    newline: &str,
) -> Vec<Splice> {
    let text = &file.text;
    let colon = after_colon(file, &entry.value, entry);
    let mut splices = Vec::new();
    let mut end = colon;
    if !slice(file, entry.value.span).is_empty() {
        // `~` or `null` would contradict the entries below it.
        end = entry.value.span.end as usize;
        splices.push(Splice {
            at: colon,
            end,
            with: String::new(),
        });
    }
    let at = line_end(text, end);
    let lead = if text[..at].ends_with('\n') {
        ""
    } else {
        newline
    };
    let indent = " ".repeat(column(text, entry.key_span.start as usize) + 2);
    splices.push(Splice {
        at,
        end: at,
        with: format!("{lead}{}", lines(added, &indent, newline)),
    });
    splices
}

/// An `indicators:` key with the values, at the end of a report that has none.
fn new_key(
    file: &SourceFile,
    tree: &Node,
    added: &[(&str, Decimal)],
    newline: &str,
) -> Result<Splice, Diagnostic> {
    let text = &file.text;
    let block_map = matches!(tree.value, Value::Map(_) | Value::Null)
        && text.as_bytes().get(tree.span.start as usize) != Some(&b'{');
    if !block_map {
        return Err(Diagnostic::new(
            Code::ImportReportNotEditable,
            tree.span,
            "report.yaml is not a mapping of keys on their own lines",
        )
        .with_help("write report.yaml as `title: …` and the other keys on lines of their own"));
    }
    let at = text.len();
    let lead = if text.is_empty() || text.ends_with('\n') {
        ""
    } else {
        newline
    };
    Ok(Splice {
        at,
        end: at,
        with: format!("{lead}indicators:{newline}{}", lines(added, "  ", newline)),
    })
}

/// `text` with every splice made (they do not overlap).
fn apply(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|s| (s.at, s.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut from = 0;
    for s in splices {
        // Spans are the parser's and fall on character boundaries; clamping keeps a slip
        // from panicking (and `verify` in mod.rs from letting it through).
        let at = floor_char_boundary(text, s.at).max(from);
        let end = floor_char_boundary(text, s.end).max(at);
        out.push_str(&text[from..at]);
        out.push_str(&s.with);
        from = end;
    }
    out.push_str(&text[from..]);
    out
}
