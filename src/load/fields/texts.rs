//! Reading texts (SPEC §2): one string for every language, or a map by language, and Markdown
//! texts, compiled as they are read; values that differ per language.

use super::Reader;
use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Code, Diagnostic};
use crate::load::yaml::{Node, Value};
use crate::markdown::{self, CompileOptions, Origin};
use crate::model::{LangId, LangMap, LangText, MdText, PerLanguage, Text, TextValues};

impl Reader<'_> {
    /// A **text** (SPEC §2): a plain string for all languages, or a map by language.
    pub fn text(&mut self, node: &Node) -> Option<Text> {
        match &node.value {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                let s = self.string(node)?;
                Some(Text::universal(s, node.span))
            }
            Value::Map(entries) => {
                let mut map: LangMap<LangText> = LangMap::new(self.languages.len());
                for (i, entry) in entries.iter().enumerate() {
                    let Some(lang) = self.languages.find(&entry.key) else {
                        if let Some(d) = self.comma_in_text(entries, i) {
                            self.error(d);
                            continue;
                        }
                        let help =
                            did_you_mean(&entry.key, self.languages.codes()).unwrap_or_else(|| {
                                format!(
                                    "site.yaml lists the languages: {}",
                                    self.languages.codes().collect::<Vec<_>>().join(", ")
                                )
                            });
                        self.error(
                            Diagnostic::new(
                                Code::UnknownLanguage,
                                entry.key_span,
                                format!("`{}` is not one of the site's languages", entry.key),
                            )
                            .with_help(help),
                        );
                        continue;
                    };
                    if entries[..i].iter().any(|e| e.key == entry.key) {
                        self.error(Diagnostic::new(
                            Code::DuplicateKey,
                            entry.key_span,
                            format!("the `{}` text is written twice", entry.key),
                        ));
                        continue;
                    }
                    if matches!(entry.value.value, Value::Null) {
                        continue;
                    }
                    if let Some(s) = self.string(&entry.value) {
                        map.set(
                            lang,
                            LangText {
                                text: s,
                                span: entry.value.span,
                            },
                        );
                    }
                }
                let text = Text {
                    span: node.span,
                    values: TextValues::ByLanguage(map),
                };
                self.check_languages(&text);
                Some(text)
            }
            _ => {
                self.wrong_type(
                    node,
                    "a text",
                    Some("write a string, or one per language: {zh: …, en: …}".into()),
                );
                None
            }
        }
    }

    /// `{zh: …, en: Annual reports, typical cases}`: the comma ended the `en` entry and
    /// `typical cases` became a key. Said as that, not as an unknown language.
    fn comma_in_text(&self, entries: &[crate::load::yaml::Entry], i: usize) -> Option<Diagnostic> {
        let entry = &entries[i];
        let previous = entries[..i].last()?;
        let comma = crate::load::yaml::slips::comma_in_text(
            &self.file.text,
            entry.key_span.start as usize,
            &entry.key,
        )?;
        let before = match &previous.value.value {
            Value::Str(s) => s.clone(),
            _ => String::new(),
        };
        Some(
            Diagnostic::new(
                Code::YamlSyntax,
                crate::source::Span::new(self.file_id, comma, comma + 1),
                format!(
                    "this comma ends the `{}` text: `{}` is read as another entry",
                    previous.key, entry.key
                ),
            )
            .with_label("in `{zh: …, en: …}` a comma separates the entries")
            .with_help(format!(
                "put the text in quotes to keep its comma: `{}: \"{before}, {}\"`",
                previous.key, entry.key
            )),
        )
    }

    /// Reports a text without its default-language value (an error: the default pages would
    /// have nothing to show) and missing translations (warnings).
    fn check_languages(&mut self, text: &Text) {
        let TextValues::ByLanguage(map) = &text.values else {
            return;
        };
        let default = self.languages.get(LangId::DEFAULT).code.clone();
        if map.get(LangId::DEFAULT).is_none() {
            self.error(
                Diagnostic::new(
                    Code::MissingKey,
                    text.span,
                    format!("this text has no `{default}` value"),
                )
                .with_help(format!(
                    "`{default}` is the default language (the first in site.yaml): every text \
                     needs it"
                )),
            );
        }
        let has_zh = self
            .languages
            .find("zh")
            .is_some_and(|zh| map.get(zh).is_some());
        for (lang, language) in self.languages.iter() {
            if lang.is_default() || map.get(lang).is_some() || map.get(LangId::DEFAULT).is_none() {
                continue;
            }
            // Traditional Chinese is converted from Simplified when not given.
            if language.code == "zh-Hant" && has_zh {
                continue;
            }
            self.error(
                Diagnostic::new(
                    Code::MissingTranslation,
                    text.span,
                    format!("missing {} translation", language.code),
                )
                .with_help(format!(
                    "add `{}: …`; until then the {default} text is shown",
                    language.code
                )),
            );
        }
    }

    /// A **markdown text**: a text whose values are compiled as Markdown.
    pub fn md_text(&mut self, node: &Node, heading_prefix: &str) -> Option<MdText> {
        let text = self.text(node)?;
        let mut fragments = LangMap::new(self.languages.len());
        let options = CompileOptions {
            heading_prefix,
            allow_raw_html: self.allow_raw_html,
        };
        match &text.values {
            TextValues::Universal(s) => {
                for lang in self.languages.ids() {
                    let compiled = markdown::compile(
                        s,
                        lang,
                        self.file,
                        self.file_id,
                        Origin::YamlScalar { span: text.span },
                        &options,
                    );
                    if lang.is_default() {
                        self.diagnostics.extend(compiled.diagnostics);
                    }
                    fragments.set(lang, std::sync::Arc::new(compiled.fragment));
                }
            }
            TextValues::ByLanguage(map) => {
                for (lang, value) in map.iter() {
                    let compiled = markdown::compile(
                        &value.text,
                        lang,
                        self.file,
                        self.file_id,
                        Origin::YamlScalar { span: value.span },
                        &options,
                    );
                    self.diagnostics.extend(compiled.diagnostics);
                    fragments.set(lang, std::sync::Arc::new(compiled.fragment));
                }
            }
        }
        Some(MdText { text, fragments })
    }

    /// `scale` or `decimals`: one value, or a map by language.
    pub fn per_language<T: Copy>(
        &mut self,
        node: Option<&Node>,
        default: T,
        read: impl Fn(&mut Self, &Node) -> Option<T>,
    ) -> PerLanguage<T> {
        let mut result = PerLanguage {
            all: default,
            by_language: LangMap::new(self.languages.len()),
        };
        let Some(node) = node else {
            return result;
        };
        if let Value::Map(entries) = &node.value {
            for entry in entries {
                match self.languages.find(&entry.key) {
                    Some(lang) => {
                        if let Some(v) = read(self, &entry.value) {
                            result.by_language.set(lang, v);
                        }
                    }
                    None => {
                        let help = did_you_mean(&entry.key, self.languages.codes());
                        self.error(
                            Diagnostic::new(
                                Code::UnknownLanguage,
                                entry.key_span,
                                format!("`{}` is not one of the site's languages", entry.key),
                            )
                            .with_optional_help(help),
                        );
                    }
                }
            }
        } else if let Some(v) = read(self, node) {
            result.all = v;
        }
        result
    }
}
