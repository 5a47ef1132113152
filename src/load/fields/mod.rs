//! Reading typed values out of [`Node`]s, reporting every problem as a diagnostic.
//!
//! Each reader returns `None` (or an empty list) after reporting, so that loading goes on and
//! a run shows all problems of a file at once. Ids are [`ids`], texts (one per language, or
//! one for all) are [`texts`].

mod ids;
mod texts;

pub use ids::{invalid_id_help, is_valid_id};

use jiff::civil::Date;

use super::yaml::{Entry, Node, Value};
use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Id, Languages, Reference};
use crate::source::{FileId, SourceFile, Span};

/// Context for reading one file.
pub struct Reader<'a> {
    pub file: &'a SourceFile,
    pub file_id: FileId,
    pub languages: &'a Languages,
    pub allow_raw_html: bool,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// A reader for the file `file_id` of `sources`.
    pub fn new(
        sources: &'a crate::source::SourceMap,
        file_id: FileId,
        languages: &'a Languages,
        allow_raw_html: bool,
    ) -> Reader<'a> {
        Reader {
            file: sources.get(file_id),
            file_id,
            languages,
            allow_raw_html,
            diagnostics: Vec::new(),
        }
    }
}

/// The keys of one mapping; records which keys the loader asked for, so that
/// [`Fields::finish`] can report the rest as unknown with a suggestion.
pub struct Fields<'n> {
    entries: &'n [Entry],
    pub span: Span,
    known: Vec<&'static str>,
    /// Required keys that are absent, with what the mapping is; reported by `finish` unless
    /// a misspelt key accounts for them.
    missing: Vec<(&'static str, String)>,
}

impl<'n> Fields<'n> {
    /// The value of `key`, or `None` if absent or empty (`key:` with nothing after it).
    pub fn get(&mut self, key: &'static str) -> Option<&'n Node> {
        self.known.push(key);
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
            .filter(|n| !matches!(n.value, Value::Null))
    }

    /// Like [`Fields::get`]; a missing key is reported by [`Fields::finish`].
    pub fn require(&mut self, key: &'static str, _r: &mut Reader, what: &str) -> Option<&'n Node> {
        let value = self.get(key);
        if value.is_none() {
            self.missing.push((key, what.to_string()));
        }
        value
    }

    /// The entry for a key, with the key's own span (for errors about the key).
    pub fn entry(&self, key: &str) -> Option<&'n Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn entries(&self) -> &'n [Entry] {
        self.entries
    }

    /// Reports keys that no `get` asked for, and required keys that are missing (unless an
    /// unknown key is a misspelling of one: `titel` explains the missing `title`).
    pub fn finish(self, r: &mut Reader, what: &str) {
        let mut explained: Vec<&str> = Vec::new();
        for entry in self.entries {
            if self.known.contains(&entry.key.as_str()) {
                continue;
            }
            if let Some(c) =
                crate::diagnostics::suggest::closest(&entry.key, self.known.iter().copied())
            {
                explained.push(c);
            }
            let help = did_you_mean(&entry.key, self.known.iter().copied()).unwrap_or_else(|| {
                let mut keys = self.known.clone();
                keys.sort_unstable();
                keys.dedup();
                format!("{what} may have: {}", keys.join(", "))
            });
            r.error(
                Diagnostic::new(
                    Code::UnknownKey,
                    entry.key_span,
                    format!("unknown key `{}` in {what}", entry.key),
                )
                .with_help(help),
            );
        }
        for (key, owner) in &self.missing {
            let present = self.entries.iter().any(|e| e.key == *key);
            if explained.contains(key) {
                continue;
            }
            let message = if present {
                format!("`{key}` of {owner} is empty")
            } else {
                format!("{owner} has no `{key}`")
            };
            r.error(
                Diagnostic::new(Code::MissingKey, self.span, message)
                    .with_help(format!("add `{key}: …` to {owner}")),
            );
        }
    }
}

impl Reader<'_> {
    pub fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn wrong_type(&mut self, node: &Node, expected: &str, help: Option<String>) {
        self.error(
            Diagnostic::new(
                Code::WrongType,
                node.span,
                format!("expected {expected}, found {}", node.value.kind_name()),
            )
            .with_optional_help(help),
        );
    }

    /// The mapping in `node`, reporting duplicate keys.
    pub fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, &format!("a mapping for {what}"), None);
            return None;
        };
        for (i, entry) in entries.iter().enumerate() {
            if let Some(first) = entries[..i].iter().find(|e| e.key == entry.key) {
                self.error(
                    Diagnostic::new(
                        Code::DuplicateKey,
                        entry.key_span,
                        format!("`{}` is written twice in {what}", entry.key),
                    )
                    .with_related(first.key_span, "first written here")
                    .with_help("keep one of them"),
                );
            }
        }
        Some(Fields {
            entries,
            span: node.span,
            known: Vec::new(),
            missing: Vec::new(),
        })
    }

    /// The raw source of a scalar, for values YAML typed as numbers where we want text.
    fn raw<'s>(&'s self, node: &Node) -> &'s str {
        let text = &self.file.text;
        let (s, e) = (node.span.start as usize, node.span.end as usize);
        text.get(s..e).unwrap_or("").trim()
    }

    /// A string; numbers and booleans are taken as written (`n: 4`, `site_code: 3302000000`).
    pub fn string(&mut self, node: &Node) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(self.raw(node).to_string()),
            _ => {
                self.wrong_type(node, "a string", None);
                None
            }
        }
    }

    pub fn id(&mut self, node: &Node, what: &str) -> Option<Id> {
        let value = self.string(node)?;
        if !is_valid_id(&value) {
            self.error(
                Diagnostic::new(
                    Code::InvalidId,
                    node.span,
                    format!("`{value}` is not a valid {what} id"),
                )
                .with_help(invalid_id_help(&value)),
            );
            return None;
        }
        Some(Id {
            value,
            span: node.span,
        })
    }

    /// An external address: only `http(s)://` is accepted, so that no `javascript:` or
    /// `file:` link reaches a published page.
    pub fn url(&mut self, node: &Node) -> Option<String> {
        let value = self.string(node)?;
        let lower = value.trim().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return Some(value.trim().to_string());
        }
        self.error(
            Diagnostic::new(
                Code::InvalidValue,
                node.span,
                format!("`{value}` is not a web address"),
            )
            .with_help("write the full address starting with https:// or http://"),
        );
        None
    }

    pub fn date(&mut self, node: &Node) -> Option<Date> {
        let value = self.string(node)?;
        match value.parse::<Date>() {
            Ok(d) if value.len() == 10 => Some(d),
            _ => {
                self.error(
                    Diagnostic::new(
                        Code::InvalidValue,
                        node.span,
                        format!("`{value}` is not a date"),
                    )
                    .with_help("write dates as YYYY-MM-DD, e.g. 2024-04-26"),
                );
                None
            }
        }
    }

    pub fn number(&mut self, node: &Node) -> Option<f64> {
        match node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            Value::Str(ref s) if s.trim().parse::<f64>().is_ok() => {
                self.wrong_type(
                    node,
                    "a number",
                    Some(format!("write the number without quotes: {}", s.trim())),
                );
                None
            }
            _ => {
                self.wrong_type(
                    node,
                    "a number",
                    Some("write plain digits, e.g. 3966 or 12.5, without the unit".into()),
                );
                None
            }
        }
    }

    pub fn integer(&mut self, node: &Node) -> Option<i64> {
        match node.value {
            Value::Int(i) => Some(i),
            _ => {
                self.wrong_type(node, "a whole number", None);
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, "true or false", None);
                None
            }
        }
    }

    /// One of a fixed set of names.
    pub fn choice<T>(
        &mut self,
        node: &Node,
        what: &str,
        names: &[&str],
        from_name: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = self.string(node)?;
        if let Some(v) = from_name(&value) {
            return Some(v);
        }
        let help = did_you_mean(&value, names.iter().copied())
            .unwrap_or_else(|| format!("{what} is one of: {}", names.join(", ")));
        self.error(
            Diagnostic::new(
                Code::InvalidValue,
                node.span,
                format!("`{value}` is not a valid {what}"),
            )
            .with_help(help),
        );
        None
    }

    /// The items of a list; a single scalar counts as a list of one (`lead: amr`).
    pub fn list<'n>(&mut self, node: &'n Node) -> Vec<&'n Node> {
        match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Map(_) => {
                self.wrong_type(node, "a list", None);
                Vec::new()
            }
            Value::Null => Vec::new(),
            Value::Str(raw) => match crate::load::yaml::slips::bracket_list(raw) {
                Some((offset, bracket)) => {
                    let at = node.span.start as usize + offset;
                    self.error(
                        Diagnostic::new(
                            Code::WrongType,
                            Span::new(self.file_id, at, at + bracket.len_utf8()),
                            format!("a list written with the full-width bracket `{bracket}`"),
                        )
                        .with_help("YAML lists use half-width brackets: write `[a, b]`"),
                    );
                    Vec::new()
                }
                None => vec![node],
            },
            _ => vec![node],
        }
    }

    /// A list of references as written (`[decision-2022/4, amr]`).
    pub fn references(&mut self, node: Option<&Node>) -> Vec<Reference> {
        let Some(node) = node else {
            return Vec::new();
        };
        self.list(node)
            .into_iter()
            .filter_map(|item| {
                let raw = self.string(item)?;
                Some(Reference::new(raw.trim(), item.span))
            })
            .collect()
    }

    pub fn reference(&mut self, node: Option<&Node>) -> Option<Reference> {
        let node = node?;
        let raw = self.string(node)?;
        Some(Reference::new(raw.trim(), node.span))
    }

    /// Parties (`issuer`, `lead`, `responsible`, `departments`): department ids, or bodies
    /// named in free text (`{zh: 天水市委办公室, en: …}`, or a Chinese name, which no id can
    /// be) that have no page on this site.
    pub fn parties(&mut self, node: Option<&Node>) -> Vec<Reference> {
        let Some(node) = node else {
            return Vec::new();
        };
        let items = match &node.value {
            Value::Map(_) => vec![node],
            _ => self.list(node),
        };
        items
            .into_iter()
            .filter_map(|item| self.party(item))
            .collect()
    }

    /// One party (a case's `authority`): a department id or a body named in free text.
    pub fn party(&mut self, node: &Node) -> Option<Reference> {
        match &node.value {
            Value::Map(_) => self.text(node).map(|t| Reference::named(t, node.span)),
            Value::Str(s) if !s.is_ascii() => {
                self.text(node).map(|t| Reference::named(t, node.span))
            }
            _ => {
                let raw = self.string(node)?;
                Some(Reference::new(raw.trim(), node.span))
            }
        }
    }
}
