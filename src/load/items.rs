//! Markdown items: `<id>.<lang>.md` files with front matter (SPEC §2, §8, §9).
//!
//! One item has a file per language. Language-independent fields (dates, reference lists, …)
//! are written once, in the default language's file; a translation carries only its `title`
//! and body. A translation that repeats such a field must agree with the original.

use std::sync::Arc;

use super::fields::{Fields, Reader};
pub use super::markdown_file::MarkdownFile;
use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Achievement, Fragment, FreePage, Id, IpType, LangId, LangMap, LangText, Languages,
    MarkdownItem, Procedure, Text, TextValues, TypicalCase,
};
use crate::source::{FileId, SourceFile, SourceMap, Span};

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

/// The default-language file of an item, which translations are checked against.
struct Original<'a> {
    file: FileId,
    front: &'a Node,
}

/// What an item's files give, language by language, while they are read.
struct Parts {
    titles: LangMap<LangText>,
    body: LangMap<Arc<Fragment>>,
    files: LangMap<FileId>,
    translations: Translations,
}

impl Parts {
    fn new(languages: usize) -> Parts {
        Parts {
            titles: LangMap::new(languages),
            body: LangMap::new(languages),
            files: LangMap::new(languages),
            translations: Vec::new(),
        }
    }

    fn add_file(&mut self, lang: LangId, file: FileId, body: Arc<Fragment>) {
        self.files.set(lang, file);
        self.body.set(lang, body);
    }
}

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
        Reader::new(self.sources, file_id, self.languages, self.allow_raw_html)
    }

    /// Builds the common part of an item and lets `read_fields` read the kind's
    /// language-independent fields from the default-language front matter.
    fn assemble<T>(
        &mut self,
        files: Vec<MarkdownFile>,
        what: &str,
        independent: &[&'static str],
        translatable: &[&'static str],
        read_fields: impl FnOnce(&mut Reader, &mut Fields) -> Option<T>,
    ) -> Option<(MarkdownItem, T, Translations)> {
        let (default, translations) = self.original(files)?;
        let default_front = default
            .front_matter
            .clone()
            .unwrap_or_else(|| Arc::new(empty_map(default.file_id)));

        let mut r = self.reader(default.file_id);
        let Some(mut fields) = r.map(&default_front, what) else {
            self.diagnostics.append(&mut r.diagnostics);
            if default.entity.item_kind().is_some() {
                self.incomplete.insert(default.entity.clone());
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

        let mut parts = Parts::new(self.languages.len());
        if let (Some(text), Some(node)) = (title_value, title_node) {
            parts.titles.set(
                LangId::DEFAULT,
                LangText {
                    text,
                    span: node.span,
                },
            );
        }
        parts.add_file(default.lang, default.file_id, default.body.clone());
        let original = Original {
            file: default.file_id,
            front: &default_front,
        };
        for translation in translations {
            self.translation(
                translation,
                &original,
                what,
                (independent, translatable),
                &mut parts,
            );
        }
        self.missing_translations(default.file_id, &parts);

        let span = title_node.map_or(Span::file_start(default.file_id), |n| n.span);
        let id = default.entity.id().unwrap_or_default().to_string();
        let item = MarkdownItem {
            id: Id {
                value: id,
                span: Span::file_start(default.file_id),
            },
            title: Text {
                span,
                values: TextValues::ByLanguage(parts.titles),
            },
            body: parts.body,
            files: parts.files,
        };
        Some((item, extra?, parts.translations))
    }

    /// The default-language file of an item and its translations, in language order. An
    /// item without a default-language file is an error in each of its files, unless the
    /// original could not be read (its own error says so).
    fn original(
        &mut self,
        mut files: Vec<MarkdownFile>,
    ) -> Option<(MarkdownFile, Vec<MarkdownFile>)> {
        if let Some(default_index) = files.iter().position(|f| f.lang.is_default()) {
            let default = files.swap_remove(default_index);
            files.sort_by_key(|f| f.lang);
            return Some((default, files));
        }
        let default = &self.languages.get(LangId::DEFAULT).code;
        let original_is_broken = files
            .first()
            .is_some_and(|f| f.entity.item_kind().is_some() && self.incomplete.contains(&f.entity));
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
        None
    }

    /// Reads one translation file into `parts`: its title, the translatable fields it
    /// gives, and a check that it repeats no language-independent field differently.
    fn translation(
        &mut self,
        translation: MarkdownFile,
        original: &Original,
        what: &str,
        (independent, translatable): (&[&'static str], &[&'static str]),
        parts: &mut Parts,
    ) {
        let lang = translation.lang;
        if let Some(front) = &translation.front_matter {
            let mut tr = self.reader(translation.file_id);
            if let Some(mut tf) = tr.map(front, what) {
                if let Some(node) = tf.get("title")
                    && let Some(text) = tr.string(node)
                {
                    parts.titles.set(
                        lang,
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
                        parts.translations.push((
                            key,
                            lang,
                            LangText {
                                text,
                                span: node.span,
                            },
                        ));
                    }
                }
                for key in independent {
                    if let Some(node) = tf.get(key) {
                        self.contradiction(key, node, translation.file_id, original, &mut tr);
                    }
                }
                tf.finish(&mut tr, &format!("{what} translation"));
            }
            self.diagnostics.append(&mut tr.diagnostics);
        }
        parts.add_file(lang, translation.file_id, translation.body);
    }

    /// E0404 when a translation's language-independent `key` differs from the original's.
    fn contradiction(
        &self,
        key: &str,
        node: &Node,
        file: FileId,
        original: &Original,
        tr: &mut Reader,
    ) {
        let ours = default_front_entry(original.front, key);
        let theirs = canonical(node, self.sources.get(file));
        let expected = ours
            .map(|n| canonical(n, self.sources.get(original.file)))
            .unwrap_or_default();
        if theirs == expected {
            return;
        }
        let d = Diagnostic::new(
            Code::ContradictingTranslation,
            node.span,
            format!("`{key}` differs from the default-language file"),
        )
        .with_help(format!(
            "`{key}` is the same in every language: write it once, in the \
             default-language file, and delete it here"
        ));
        tr.error(match ours {
            Some(n) => d.with_related(n.span, "the default-language file says"),
            None => d.with_related(
                Span::file_start(original.file),
                format!("the default-language file has no `{key}`"),
            ),
        });
    }

    /// W0101 for each language without a file (it falls back to the default one, SPEC §2),
    /// and for each translation file without a title.
    fn missing_translations(&mut self, default_file: FileId, parts: &Parts) {
        let default_path = self.sources.get(default_file).display_path.clone();
        let default_code = self.languages.get(LangId::DEFAULT).code.clone();
        let converted = |code: &str| {
            code == "zh-Hant"
                && self
                    .languages
                    .find("zh")
                    .is_some_and(|zh| parts.files.get(zh).is_some())
        };
        for (lang, language) in self.languages.iter() {
            if parts.files.get(lang).is_some() || converted(&language.code) {
                continue;
            }
            let missing = default_path.replace(
                &format!(".{default_code}.md"),
                &format!(".{}.md", language.code),
            );
            self.diagnostics.push(
                Diagnostic::new(
                    Code::MissingTranslation,
                    Span::new(default_file, 0, 0),
                    format!("missing {} translation", language.code),
                )
                .with_help(format!(
                    "create {missing}; until then the {default_code} text is shown"
                )),
            );
        }
        for (lang, language) in self.languages.iter() {
            if lang.is_default() || parts.titles.get(lang).is_some() {
                continue;
            }
            if let Some(&file) = parts.files.get(lang) {
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
                    r.parties(f.get("departments")),
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
                read_case_fields,
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

/// The fields of a case besides its title, read from the default-language front matter.
type CaseFields = (
    Option<Text>,
    IpType,
    Procedure,
    Option<crate::model::Reference>,
    Option<jiff::civil::Date>,
    [Vec<crate::model::Reference>; 3],
);

fn read_case_fields(r: &mut Reader, f: &mut Fields) -> Option<CaseFields> {
    let what = "a case";
    let case_number = f.get("case_number").and_then(|n| r.text(n));
    let ip_type = f
        .require("ip_type", r, what)
        .and_then(|n| r.choice(n, "ip_type", IpType::NAMES, IpType::from_name));
    let procedure = f
        .require("procedure", r, what)
        .and_then(|n| r.choice(n, "procedure", Procedure::NAMES, Procedure::from_name));
    let authority = f.get("authority").and_then(|n| r.party(n));
    let decided = f.get("decided").and_then(|n| r.date(n));
    let lists = [
        r.references(f.get("measures")),
        r.parties(f.get("departments")),
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
