//! Traditional Chinese: when `site.yaml` lists `zh-Hant`, every text and Markdown body that
//! has no `zh-Hant` version of its own gets one converted from `zh`, phrase by phrase.
//!
//! The converter is zhconv's OpenCC table for plain Traditional Chinese (never regional
//! vocabulary: zh-TW would turn 知识产权 into 智慧財產權), followed by a short glossary of the
//! forms official texts use where OpenCC differs.

use std::sync::Arc;

use crate::markdown::{self, CompileOptions, Origin};
use crate::model::walk::{TextMut, each_text_mut};
use crate::model::{Fragment, LangId, LangMap, LangText, MdText, Site, Text, TextValues};
use crate::source::{SourceFile, SourceMap};

/// `(OpenCC's output, the official form)`.
const GLOSSARY: &[(&str, &str)] = &[
    // 发布 is 發布 in official Traditional texts; OpenCC writes 發佈.
    ("發佈", "發布"),
    // The number unit and the cloud: OpenCC leaves these ambiguous characters as they are.
    ("万", "萬"),
    ("云", "雲"),
];

/// Simplified → Traditional.
pub fn to_traditional(text: &str) -> String {
    let mut converted = zhconv::zhconv(text, zhconv::Variant::ZhHant);
    for (from, to) in GLOSSARY {
        if converted.contains(from) {
            converted = converted.replace(from, to);
        }
    }
    converted
}

/// Markdown source Simplified → Traditional, its link destinations as they are: a reference
/// names ids and units (`@indicator/x/2024/万件`), which the resolver reads in `zh`.
pub fn markdown_to_traditional(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    let mut rest = source;
    while let Some(open) = rest.find("](") {
        let start = open + 2;
        let Some(len) = rest[start..].find([')', '\n']) else {
            break;
        };
        out.push_str(&to_traditional(&rest[..start]));
        out.push_str(&rest[start..start + len]);
        rest = &rest[start + len..];
    }
    out.push_str(&to_traditional(rest));
    out
}

struct Converter<'a> {
    zh: LangId,
    hant: LangId,
    sources: &'a SourceMap,
    allow_raw_html: bool,
}

impl Converter<'_> {
    fn text(&self, text: &mut Text) {
        match &mut text.values {
            TextValues::ByLanguage(map) => {
                if map.get(self.hant).is_none()
                    && let Some(zh) = map.get(self.zh)
                {
                    let converted = LangText {
                        text: to_traditional(&zh.text),
                        span: zh.span,
                    };
                    map.set(self.hant, converted);
                }
            }
            // A string for every language: proper nouns and case numbers, which Traditional
            // pages still write in Traditional characters.
            TextValues::Universal(s) => {
                let converted = to_traditional(s);
                if converted != *s {
                    let mut map = LangMap::new(self.hant.0 + 1);
                    for lang in 0..=self.hant.0.max(self.zh.0) {
                        map.set(
                            LangId(lang),
                            LangText {
                                text: s.clone(),
                                span: text.span,
                            },
                        );
                    }
                    map.set(
                        self.hant,
                        LangText {
                            text: converted,
                            span: text.span,
                        },
                    );
                    text.values = TextValues::ByLanguage(map);
                }
            }
        }
    }

    /// Compiles the converted `zh` Markdown as the `zh-Hant` version. Its problems are the
    /// `zh` original's, already reported, so the converted copy's are dropped.
    fn fragments(&self, fragments: &mut LangMap<Arc<Fragment>>) {
        if fragments.get(self.hant).is_some() {
            return;
        }
        let Some(zh) = fragments.get(self.zh) else {
            return;
        };
        let file = self.sources.get(zh.origin.file);
        let hant = derive(zh, file, self.hant, self.allow_raw_html);
        fragments.set(self.hant, Arc::new(hant));
    }

    fn md(&self, text: &mut MdText) {
        self.text(&mut text.text);
        self.fragments(&mut text.fragments);
    }
}

/// The prefix a fragment's heading ids were made with (`01-coordination-`), so that the
/// converted copy's ids match: the ids are ASCII prefixes plus the heading text.
fn common_heading_prefix(fragment: &Fragment) -> String {
    let Some(first) = fragment.heading_ids.first() else {
        return String::new();
    };
    match first.find(|c: char| !c.is_ascii()) {
        Some(i) => first[..i].to_string(),
        None => String::new(),
    }
}

/// The `zh-Hant` text of a `zh` Markdown text without a traditional version of its own;
/// `file` holds the `zh` text.
pub fn derive(zh: &Fragment, file: &SourceFile, hant: LangId, allow_raw_html: bool) -> Fragment {
    let origin = if zh.verbatim {
        Origin::Verbatim {
            start: zh.origin.start as usize,
        }
    } else {
        Origin::YamlScalar { span: zh.origin }
    };
    let heading_prefix = common_heading_prefix(zh);
    markdown::compile(
        &markdown_to_traditional(&zh.source),
        hant,
        file,
        zh.origin.file,
        origin,
        &CompileOptions {
            heading_prefix: &heading_prefix,
            allow_raw_html,
        },
    )
    .fragment
}

/// Fills in `zh-Hant` wherever it is missing, if the site has both `zh` and `zh-Hant`.
pub fn fill(site: &mut Site, sources: &SourceMap) {
    let (Some(zh), Some(hant)) = (site.languages.find("zh"), site.languages.find("zh-Hant")) else {
        return;
    };
    let c = Converter {
        zh,
        hant,
        sources,
        allow_raw_html: site.config.allow_raw_html,
    };
    each_text_mut(site, |_, item| {
        for part in item.parts {
            match part {
                TextMut::Plain(text) => c.text(text),
                TextMut::Markdown(md) => c.md(md),
                TextMut::Body(body) => c.fragments(body),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_aware_with_official_forms() {
        assert_eq!(to_traditional("知识产权"), "知識產權");
        assert_eq!(to_traditional("发布"), "發布");
        assert_eq!(to_traditional("里程碑"), "里程碑");
        assert_eq!(to_traditional("头发"), "頭髮");
        assert_eq!(to_traditional("1.24万件"), "1.24萬件");
        assert_eq!(
            to_traditional("（2023）浙02民初123号"),
            "（2023）浙02民初123號"
        );
    }

    #[test]
    fn link_destinations_stay_as_written() {
        assert_eq!(
            markdown_to_traditional(
                "达到[](@indicator/invention-patents/2024/万件)，见[发布](@doc/x)。"
            ),
            "達到[](@indicator/invention-patents/2024/万件)，見[發布](@doc/x)。"
        );
    }
}
