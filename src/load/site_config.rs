//! `content/site.yaml` (SPEC §3).

use super::fields::Reader;
use super::yaml::{Node, Value};
use crate::diagnostics::suggest::did_you_mean;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Footer, Languages, SUPPORTED_LANGUAGES, SiteConfig};
use crate::source::{FileId, SourceFile};

/// The `languages` list, read before anything else because every text depends on it. Falls back
/// to `[zh, en]` after reporting a problem, so that the other files can still be checked.
pub fn read_languages(
    file: &SourceFile,
    file_id: FileId,
    node: &Node,
) -> (Languages, Vec<Diagnostic>) {
    let fallback = || Languages::new(&["zh".to_string(), "en".to_string()]);
    let mut diagnostics = Vec::new();
    let Value::Map(entries) = &node.value else {
        return (fallback(), diagnostics);
    };
    let Some(entry) = entries.iter().find(|e| e.key == "languages") else {
        diagnostics.push(
            Diagnostic::new(Code::MissingKey, node.span, "site.yaml has no `languages`")
                .with_help("add `languages: [zh, en]` (the first is the default language)"),
        );
        return (fallback(), diagnostics);
    };
    let supported: Vec<&str> = SUPPORTED_LANGUAGES.iter().map(|(c, _, _)| *c).collect();
    let items: Vec<&Node> = match &entry.value.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Str(_) => vec![&entry.value],
        _ => {
            diagnostics.push(
                Diagnostic::new(
                    Code::WrongType,
                    entry.value.span,
                    "expected a list of language codes",
                )
                .with_help("write `languages: [zh, en]`"),
            );
            return (fallback(), diagnostics);
        }
    };
    let codes = language_codes(&items, &supported, &mut diagnostics);
    if codes.is_empty() {
        if diagnostics.is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    entry.value.span,
                    "no language is listed",
                )
                .with_help("write `languages: [zh, en]`"),
            );
        }
        return (fallback(), diagnostics);
    }
    let _ = file;
    let _ = file_id;
    (Languages::new(&codes), diagnostics)
}

/// The codes of the `languages` list that are supported, each once.
fn language_codes(
    items: &[&Node],
    supported: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for item in items.iter().copied() {
        let Value::Str(code) = &item.value else {
            diagnostics.push(Diagnostic::new(
                Code::WrongType,
                item.span,
                "expected a language code",
            ));
            continue;
        };
        if !supported.contains(&code.as_str()) {
            let help = did_you_mean(code, supported.iter().copied())
                .unwrap_or_else(|| format!("supported languages: {}", supported.join(", ")));
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    item.span,
                    format!("`{code}` is not a supported language"),
                )
                .with_help(help),
            );
            continue;
        }
        if codes.contains(code) {
            diagnostics.push(Diagnostic::new(
                Code::DuplicateId,
                item.span,
                format!("`{code}` is listed twice"),
            ));
            continue;
        }
        codes.push(code.clone());
    }
    codes
}

pub fn read(r: &mut Reader, node: &Node) -> Option<SiteConfig> {
    let what = "site.yaml";
    let mut f = r.map(node, what)?;
    f.get("languages"); // read by `read_languages`
    let title = f.require("title", r, what).and_then(|n| r.text(n));
    let description = f.get("description").and_then(|n| r.text(n));
    let publisher = f.require("publisher", r, what).and_then(|n| r.text(n));
    let base_url = f.get("base_url").and_then(|n| {
        let url = r.string(n)?;
        if url.starts_with("https://") || url.starts_with("http://") {
            Some(if url.ends_with('/') {
                url
            } else {
                format!("{url}/")
            })
        } else {
            r.error(
                Diagnostic::new(
                    Code::InvalidValue,
                    n.span,
                    format!("`{url}` is not an absolute URL"),
                )
                .with_help("write the published address, e.g. https://ip.example.gov.cn/"),
            );
            None
        }
    });
    let allow_raw_html = f
        .get("allow_raw_html")
        .and_then(|n| r.boolean(n))
        .unwrap_or(false);
    let footer = f
        .get("footer")
        .map(|n| read_footer(r, n))
        .unwrap_or_default();
    let key_figures = r.references(f.get("key_figures"));
    f.finish(r, what);
    Some(SiteConfig {
        file: r.file_id,
        title: title?,
        description,
        publisher: publisher?,
        base_url,
        allow_raw_html,
        footer,
        key_figures,
    })
}

fn read_footer(r: &mut Reader, node: &Node) -> Footer {
    let what = "the footer";
    let Some(mut f) = r.map(node, what) else {
        return Footer::default();
    };
    let footer = Footer {
        icp: f.get("icp").and_then(|n| r.string(n)),
        police: f.get("police").and_then(|n| r.string(n)),
        site_code: f.get("site_code").and_then(|n| r.string(n)),
        conac: f.get("conac").and_then(|n| r.url(n)),
        contact: f.get("contact").and_then(|n| r.text(n)),
        text: f.get("text").and_then(|n| r.text(n)),
    };
    f.finish(r, what);
    footer
}

/// The raw `allow_raw_html` flag, needed before Markdown texts elsewhere are compiled.
pub fn allows_raw_html(node: &Node) -> bool {
    let Value::Map(entries) = &node.value else {
        return false;
    };
    entries
        .iter()
        .any(|e| e.key == "allow_raw_html" && matches!(e.value.value, Value::Bool(true)))
}
