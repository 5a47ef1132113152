//! Markdown items: `<id>.<lang>.md` files with front matter (SPEC §2, §8, §9).
//!
//! One item has a file per language. Language-independent fields (dates, reference lists, …)
//! are written once, in the default language's file; a translation carries only its `title`
//! and body. A translation that repeats such a field must agree with the original.

use std::ops::Range;
use std::sync::Arc;

use super::fields::{Fields, Reader};
use super::layout::ItemKind;
use super::yaml::{self, Node, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::{self, CompileOptions, Origin};
use crate::model::{
    Achievement, Fragment, FreePage, Id, IpType, LangId, LangMap, LangText, Languages,
    MarkdownItem, Procedure, Text, TextValues, TypicalCase,
};
use crate::source::{FileId, SourceFile, SourceMap, Span};

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
    pub kind: ItemKind,
    pub year: i32,
    pub id: String,
    pub lang: LangId,
    /// Shared: watch mode hands out cached parses on every rebuild.
    pub front_matter: Option<Arc<Node>>,
    pub body: Arc<Fragment>,
}

/// Parses the front matter and compiles the body of one file.
pub fn parse_file(
    file: &SourceFile,
    file_id: FileId,
    (kind, year, id, lang): (ItemKind, i32, String, LangId),
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
    let compiled = compile_body(file, file_id, (kind, &id, lang), &split, allow_raw_html);
    diagnostics.extend(compiled.diagnostics);
    Some(MarkdownFile {
        file_id,
        kind,
        year,
        id,
        lang,
        front_matter,
        body: Arc::new(compiled.fragment),
    })
}

/// Compiles the body of an item's `.md` file, which starts where `split` says.
pub fn compile_body(
    file: &SourceFile,
    file_id: FileId,
    (kind, id, lang): (ItemKind, &str, LangId),
    split: &Split,
    allow_raw_html: bool,
) -> markdown::Compiled {
    // Achievements share their year's page: their headings' anchors carry the id.
    let heading_prefix = match kind {
        ItemKind::Achievement => format!("{id}-"),
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

/// Everything the assembly of one item needs.
pub struct Assembly<'a> {
    pub sources: &'a SourceMap,
    pub languages: &'a Languages,
    pub allow_raw_html: bool,
    pub diagnostics: Vec<Diagnostic>,
    /// Items whose original is broken are recorded here; references to them are not checked.
    pub incomplete: &'a mut crate::model::Incomplete,
}

/// Per-language values of text fields given in translation files: (key, language, value).
type Translations = Vec<(&'static str, LangId, LangText)>;

/// An empty mapping stands in for a missing front matter.
fn empty_map(file_id: FileId) -> Node {
    Node {
        value: Value::Map(Vec::new()),
        span: Span::file_start(file_id),
    }
}

/// A comparable rendering of a YAML value: `lead: amr` equals `lead: [amr]`.
fn canonical(node: &Node, file: &SourceFile) -> String {
    match &node.value {
        Value::Null => String::new(),
        Value::Str(s) => s.trim().to_string(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => file
            .text
            .get(node.span.start as usize..node.span.end as usize)
            .unwrap_or("")
            .trim()
            .to_string(),
        Value::Seq(items) if items.len() == 1 => canonical(&items[0], file),
        Value::Seq(items) => {
            let parts: Vec<String> = items.iter().map(|i| canonical(i, file)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Map(entries) => {
            let mut parts: Vec<String> = entries
                .iter()
                .map(|e| format!("{}: {}", e.key, canonical(&e.value, file)))
                .collect();
            parts.sort();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

impl Assembly<'_> {
    fn reader(&self, file_id: FileId) -> Reader<'_> {
        Reader {
            file: self.sources.get(file_id),
            file_id,
            languages: self.languages,
            allow_raw_html: self.allow_raw_html,
            diagnostics: Vec::new(),
        }
    }

    /// Builds the common part of an item and lets `read_fields` read the kind's
    /// language-independent fields from the default-language front matter.
    fn assemble<T>(
        &mut self,
        mut files: Vec<MarkdownFile>,
        what: &str,
        independent: &[&'static str],
        translatable: &[&'static str],
        read_fields: impl FnOnce(&mut Reader, &mut Fields) -> Option<T>,
    ) -> Option<(MarkdownItem, T, Translations)> {
        let Some(default_index) = files.iter().position(|f| f.lang.is_default()) else {
            let default = &self.languages.get(LangId::DEFAULT).code;
            let original_is_broken = files.first().is_some_and(|f| {
                f.kind.reference_name().is_some_and(|kind| {
                    self.incomplete
                        .items
                        .contains(&(kind, f.year, f.id.clone()))
                })
            });
            if original_is_broken {
                return None;
            }
            for f in &files {
                let file = self.sources.get(f.file_id);
                let original = file.display_path.replace(
                    &format!(".{}.md", self.languages.get(f.lang).code),
                    &format!(".{default}.md"),
                );
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::OrphanTranslation,
                        Span::file_start(f.file_id),
                        format!("translation without a {default} original"),
                    )
                    .with_help(format!(
                        "create {original} (the default-language file carries the item's fields), \
                         or rename this file if its id is misspelt"
                    )),
                );
            }
            return None;
        };
        let default = files.swap_remove(default_index);
        files.sort_by_key(|f| f.lang);
        let default_front = default
            .front_matter
            .clone()
            .unwrap_or_else(|| Arc::new(empty_map(default.file_id)));

        let mut r = self.reader(default.file_id);
        let Some(mut fields) = r.map(&default_front, what) else {
            self.diagnostics.append(&mut r.diagnostics);
            if let Some(kind) = default.kind.reference_name() {
                self.incomplete
                    .items
                    .insert((kind, default.year, default.id.clone()));
            }
            return None;
        };
        let title_node = fields.require("title", &mut r, what);
        let title_value = title_node.and_then(|n| r.string(n));
        let extra = read_fields(&mut r, &mut fields);
        for key in independent {
            fields.get(key);
        }
        fields.finish(&mut r, what);
        self.diagnostics.append(&mut r.diagnostics);

        let mut titles: LangMap<LangText> = LangMap::new(self.languages.len());
        if let (Some(text), Some(node)) = (title_value, title_node) {
            titles.set(
                LangId::DEFAULT,
                LangText {
                    text,
                    span: node.span,
                },
            );
        }
        let mut body = LangMap::new(self.languages.len());
        let mut file_ids = LangMap::new(self.languages.len());
        file_ids.set(LangId::DEFAULT, default.file_id);
        body.set(LangId::DEFAULT, default.body);

        let mut translations: Translations = Vec::new();
        for translation in files {
            let Some(front) = &translation.front_matter else {
                file_ids.set(translation.lang, translation.file_id);
                body.set(translation.lang, translation.body);
                continue;
            };
            let mut tr = self.reader(translation.file_id);
            if let Some(mut tf) = tr.map(front, what) {
                if let Some(node) = tf.get("title")
                    && let Some(text) = tr.string(node)
                {
                    titles.set(
                        translation.lang,
                        LangText {
                            text,
                            span: node.span,
                        },
                    );
                }
                for key in translatable {
                    if let Some(node) = tf.get(key)
                        && let Some(text) = tr.string(node)
                    {
                        translations.push((
                            key,
                            translation.lang,
                            LangText {
                                text,
                                span: node.span,
                            },
                        ));
                    }
                }
                for key in independent {
                    let Some(node) = tf.get(key) else { continue };
                    let original = default_front_entry(&default_front, key);
                    let theirs = canonical(node, self.sources.get(translation.file_id));
                    let ours = original
                        .map(|n| canonical(n, self.sources.get(default.file_id)))
                        .unwrap_or_default();
                    if theirs != ours {
                        let mut d = Diagnostic::new(
                            Code::ContradictingTranslation,
                            node.span,
                            format!("`{key}` differs from the default-language file"),
                        )
                        .with_help(format!(
                            "`{key}` is the same in every language: write it once, in the \
                             default-language file, and delete it here"
                        ));
                        if let Some(n) = original {
                            d = d.with_related(n.span, "the default-language file says");
                        } else {
                            d = d.with_related(
                                Span::file_start(default.file_id),
                                format!("the default-language file has no `{key}`"),
                            );
                        }
                        tr.error(d);
                    }
                }
                tf.finish(&mut tr, &format!("{what} translation"));
            }
            self.diagnostics.append(&mut tr.diagnostics);
            file_ids.set(translation.lang, translation.file_id);
            body.set(translation.lang, translation.body);
        }

        // A language without a file falls back to the default one (SPEC §2).
        let default_path = self.sources.get(default.file_id).display_path.clone();
        let default_code = self.languages.get(LangId::DEFAULT).code.clone();
        let converted = |code: &str| {
            code == "zh-Hant"
                && self
                    .languages
                    .find("zh")
                    .is_some_and(|zh| file_ids.get(zh).is_some())
        };
        for (lang, language) in self.languages.iter() {
            if file_ids.get(lang).is_some() || converted(&language.code) {
                continue;
            }
            let missing = default_path.replace(
                &format!(".{default_code}.md"),
                &format!(".{}.md", language.code),
            );
            self.diagnostics.push(
                Diagnostic::new(
                    Code::MissingTranslation,
                    Span::new(default.file_id, 0, 0),
                    format!("missing {} translation", language.code),
                )
                .with_help(format!(
                    "create {missing}; until then the {default_code} text is shown"
                )),
            );
        }
        for (lang, language) in self.languages.iter() {
            if file_ids.get(lang).is_some() && titles.get(lang).is_none() && !lang.is_default() {
                let file = *file_ids.get(lang)?;
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::MissingTranslation,
                        Span::file_start(file),
                        format!("missing {} title", language.code),
                    )
                    .with_help("add `title: …` to this file's front matter"),
                );
            }
        }

        let span = title_node.map_or(Span::file_start(default.file_id), |n| n.span);
        let item = MarkdownItem {
            id: Id {
                value: default.id,
                span: Span::file_start(default.file_id),
            },
            title: Text {
                span,
                values: TextValues::ByLanguage(titles),
            },
            body,
            files: file_ids,
        };
        Some((item, extra?, translations))
    }

    pub fn achievement(&mut self, files: Vec<MarkdownFile>) -> Option<Achievement> {
        let (item, (measures, departments, indicators), _) = self.assemble(
            files,
            "an achievement",
            &["measures", "departments", "indicators"],
            &[],
            |r, f| {
                Some((
                    r.references(f.get("measures")),
                    r.references(f.get("departments")),
                    r.references(f.get("indicators")),
                ))
            },
        )?;
        Some(Achievement {
            item,
            measures,
            departments,
            indicators,
        })
    }

    pub fn case(&mut self, files: Vec<MarkdownFile>) -> Option<TypicalCase> {
        type CaseFields = (
            Option<Text>,
            IpType,
            Procedure,
            Option<crate::model::Reference>,
            Option<jiff::civil::Date>,
            [Vec<crate::model::Reference>; 3],
        );
        let (item, fields, translations): (MarkdownItem, CaseFields, Translations) = self
            .assemble(
                files,
                "a case",
                &[
                    "ip_type",
                    "procedure",
                    "authority",
                    "decided",
                    "measures",
                    "departments",
                    "indicators",
                ],
                // A case number may be romanised in a translation.
                &["case_number"],
                |r, f| {
                    let what = "a case";
                    let case_number = f.get("case_number").and_then(|n| r.text(n));
                    let ip_type = f
                        .require("ip_type", r, what)
                        .and_then(|n| r.choice(n, "ip_type", IpType::NAMES, IpType::from_name));
                    let procedure = f.require("procedure", r, what).and_then(|n| {
                        r.choice(n, "procedure", Procedure::NAMES, Procedure::from_name)
                    });
                    let authority = r.reference(f.get("authority"));
                    let decided = f.get("decided").and_then(|n| r.date(n));
                    let lists = [
                        r.references(f.get("measures")),
                        r.references(f.get("departments")),
                        r.references(f.get("indicators")),
                    ];
                    Some((
                        case_number,
                        ip_type.unwrap_or(IpType::Other),
                        procedure.unwrap_or(Procedure::Other),
                        authority,
                        decided,
                        lists,
                    ))
                },
            )?;
        let (
            case_number,
            ip_type,
            procedure,
            authority,
            decided,
            [measures, departments, indicators],
        ) = fields;
        let case_number = with_translations(
            case_number,
            &translations,
            "case_number",
            self.languages.len(),
        );
        if procedure.is_court() && case_number.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::MissingCaseNumber,
                    item.title.span,
                    format!("a {} case has no case number", procedure.name()),
                )
                .with_help("add `case_number: （2023）浙02民初123号` (案号) to the front matter"),
            );
        }
        Some(TypicalCase {
            item,
            case_number,
            ip_type,
            procedure,
            authority,
            decided,
            measures,
            departments,
            indicators,
        })
    }

    pub fn page(&mut self, files: Vec<MarkdownFile>) -> Option<FreePage> {
        let (item, order, _) = self.assemble(files, "a page", &["order"], &[], |r, f| {
            Some(f.get("order").and_then(|n| r.integer(n)))
        })?;
        Some(FreePage { item, order })
    }

    /// `report.<lang>.md`: only a body; the title is in report.yaml.
    pub fn report_body(&mut self, files: Vec<MarkdownFile>) -> LangMap<Arc<Fragment>> {
        let mut body = LangMap::new(self.languages.len());
        for f in files {
            if let Some(front) = &f.front_matter {
                let mut r = self.reader(f.file_id);
                if let Some(fields) = r.map(front, "report.<lang>.md") {
                    fields.finish(
                        &mut r,
                        "report.<lang>.md (its title and fields are in report.yaml)",
                    );
                }
                self.diagnostics.append(&mut r.diagnostics);
            }
            body.set(f.lang, f.body);
        }
        body
    }
}

/// A text field of the original with the values translation files give for it.
fn with_translations(
    text: Option<Text>,
    translations: &Translations,
    key: &str,
    languages: usize,
) -> Option<Text> {
    let mut text = text?;
    let given: Vec<&(&str, LangId, LangText)> =
        translations.iter().filter(|t| t.0 == key).collect();
    if given.is_empty() {
        return Some(text);
    }
    let mut map = match text.values {
        TextValues::ByLanguage(map) => map,
        TextValues::Universal(s) => {
            let mut map = LangMap::new(languages);
            for lang in 0..languages {
                map.set(
                    LangId(lang),
                    LangText {
                        text: s.clone(),
                        span: text.span,
                    },
                );
            }
            map
        }
    };
    for (_, lang, value) in given {
        map.set(*lang, value.clone());
    }
    text.values = TextValues::ByLanguage(map);
    Some(text)
}

fn default_front_entry<'n>(front: &'n Node, key: &str) -> Option<&'n Node> {
    match &front.value {
        Value::Map(entries) => entries
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
            .filter(|n| !matches!(n.value, Value::Null)),
        _ => None,
    }
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
