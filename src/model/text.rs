//! Localised values (SPEC §2).

use super::lang::LangId;
use crate::source::Span;

/// One value per language, indexed by [`LangId`]; absent languages are `None`.
#[derive(Clone, Debug, Default)]
pub struct LangMap<T> {
    values: Vec<Option<T>>,
}

impl<T> LangMap<T> {
    pub fn new(languages: usize) -> LangMap<T> {
        LangMap {
            values: (0..languages).map(|_| None).collect(),
        }
    }

    pub fn get(&self, lang: LangId) -> Option<&T> {
        self.values.get(lang.0).and_then(Option::as_ref)
    }

    pub fn set(&mut self, lang: LangId, value: T) {
        if lang.0 >= self.values.len() {
            self.values.resize_with(lang.0 + 1, || None);
        }
        self.values[lang.0] = Some(value);
    }

    pub fn iter(&self) -> impl Iterator<Item = (LangId, &T)> {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (LangId(i), v)))
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (LangId, &mut T)> {
        self.values
            .iter_mut()
            .enumerate()
            .filter_map(|(i, v)| v.as_mut().map(|v| (LangId(i), v)))
    }

    /// The value in `lang`, else in the default language, with the language actually used.
    pub fn get_or_default(&self, lang: LangId) -> Option<(&T, LangId)> {
        self.get(lang)
            .map(|v| (v, lang))
            .or_else(|| self.get(LangId::DEFAULT).map(|v| (v, LangId::DEFAULT)))
    }
}

/// A text value in one language, with the span of the YAML scalar it came from.
#[derive(Clone, Debug)]
pub struct LangText {
    pub text: String,
    pub span: Span,
}

/// A **text** of SPEC §2: either one string for every language or a map by language.
#[derive(Clone, Debug)]
pub struct Text {
    /// Span of the whole value (the map, or the plain string).
    pub span: Span,
    pub values: TextValues,
}

#[derive(Clone, Debug)]
pub enum TextValues {
    /// A plain string: the same in every language (proper nouns, numbers, case numbers).
    Universal(String),
    ByLanguage(LangMap<LangText>),
}

/// The text chosen for one language.
#[derive(Clone, Copy, Debug)]
pub struct Localized<'a> {
    pub text: &'a str,
    /// The language the text is really in; differs from the requested one on fallback.
    pub lang: LangId,
    pub fallback: bool,
}

impl Text {
    pub fn universal(text: impl Into<String>, span: Span) -> Text {
        Text {
            span,
            values: TextValues::Universal(text.into()),
        }
    }

    /// The value for `lang`, falling back to the default language. `None` only if neither
    /// exists (the loader reports that as an error).
    pub fn get(&self, lang: LangId) -> Option<Localized<'_>> {
        match &self.values {
            TextValues::Universal(s) => Some(Localized {
                text: s,
                lang,
                fallback: false,
            }),
            TextValues::ByLanguage(map) => map.get_or_default(lang).map(|(v, used)| Localized {
                text: &v.text,
                lang: used,
                fallback: used != lang,
            }),
        }
    }

    /// The text in `lang` or the default language, or an empty string.
    pub fn or_empty(&self, lang: LangId) -> &str {
        self.get(lang).map_or("", |l| l.text)
    }

    /// Whether the text has its own value in `lang`.
    pub fn has(&self, lang: LangId) -> bool {
        match &self.values {
            TextValues::Universal(_) => true,
            TextValues::ByLanguage(map) => map.get(lang).is_some(),
        }
    }

    /// The span of the value for `lang`, or of the whole text.
    pub fn span_of(&self, lang: LangId) -> Span {
        match &self.values {
            TextValues::ByLanguage(map) => map.get(lang).map_or(self.span, |v| v.span),
            TextValues::Universal(_) => self.span,
        }
    }
}
