//! Site languages.

/// Index of a language in `site.yaml`'s `languages` list; `LangId(0)` is the default language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangId(pub usize);

impl LangId {
    pub const DEFAULT: LangId = LangId(0);

    pub fn is_default(self) -> bool {
        self == LangId::DEFAULT
    }
}

/// A language the site is published in.
#[derive(Clone, Debug)]
pub struct Language {
    /// The code used in file names and `site.yaml` (`zh`, `en`, `zh-Hant`).
    pub code: String,
    /// The BCP 47 tag for `<html lang>` and `hreflang` (`zh-CN`, `en`, `zh-Hant`).
    pub html_lang: &'static str,
    /// The language's name in itself, for the switcher.
    pub native_name: &'static str,
    /// Folder under the output root: empty for the default language.
    pub url_prefix: String,
}

/// The codes SPEC §3 supports, with their HTML tag and native name.
pub const SUPPORTED: &[(&str, &str, &str)] = &[
    ("zh", "zh-CN", "中文"),
    ("en", "en", "English"),
    ("zh-Hant", "zh-Hant", "繁體中文"),
];

#[derive(Clone, Debug)]
pub struct Languages {
    list: Vec<Language>,
}

impl Languages {
    /// Builds the list from codes already checked against [`SUPPORTED`].
    pub fn new(codes: &[String]) -> Languages {
        let list = codes
            .iter()
            .enumerate()
            .filter_map(|(i, code)| {
                SUPPORTED
                    .iter()
                    .find(|(c, _, _)| c == code)
                    .map(|&(c, html_lang, native_name)| Language {
                        code: c.to_string(),
                        html_lang,
                        native_name,
                        url_prefix: if i == 0 {
                            String::new()
                        } else {
                            format!("{c}/")
                        },
                    })
            })
            .collect();
        Languages { list }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, id: LangId) -> &Language {
        &self.list[id.0]
    }

    pub fn ids(&self) -> impl Iterator<Item = LangId> + '_ {
        (0..self.list.len()).map(LangId)
    }

    pub fn iter(&self) -> impl Iterator<Item = (LangId, &Language)> {
        self.list.iter().enumerate().map(|(i, l)| (LangId(i), l))
    }

    pub fn find(&self, code: &str) -> Option<LangId> {
        self.list.iter().position(|l| l.code == code).map(LangId)
    }

    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|l| l.code.as_str())
    }

    /// Whether a language is Chinese (Simplified or Traditional): number display and
    /// typography rules follow it.
    pub fn is_chinese(&self, id: LangId) -> bool {
        self.get(id).code.starts_with("zh")
    }
}
