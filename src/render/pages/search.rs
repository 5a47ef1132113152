//! The search page: what `search.js` needs to name results (their kinds' labels) and to
//! point a query with no results here at another language that has some.

use serde::Serialize;
use tera::Context;

use super::{home_crumb, with_page};
use crate::render::paths::PagePath;
use crate::render::search::DocKind;
use crate::render::text::Tx;
use crate::render::{Env, PageKind};

#[derive(Serialize)]
struct SearchPage {
    kinds: Vec<KindLabel>,
    others: Vec<OtherLanguage>,
}

/// A result kind's letter in the index and its name (`c` → 案例).
#[derive(Serialize)]
struct KindLabel {
    code: char,
    label: &'static str,
}

/// Another language's search page, offered when a query finds nothing here but there.
#[derive(Serialize)]
struct OtherLanguage {
    /// The `<html lang>` its index files are written with.
    html_lang: &'static str,
    /// Its search page, relative to this one.
    href: String,
    /// Its index folder, relative to this page.
    index: String,
    /// "试试英文站点": the words around its name, its name, and the name's language when the
    /// name is in that language rather than this page's.
    before: String,
    name: &'static str,
    name_lang: Option<&'static str>,
    after: String,
}

pub(super) fn search(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    let base = env.base(
        PageKind::Search,
        Tx::plain(env.label("search")),
        vec![home_crumb(env, here)],
        None,
    );
    let kinds = DocKind::ALL
        .iter()
        .map(|&kind| KindLabel {
            code: kind.code(),
            label: env.label(kind.label_key()),
        })
        .collect();
    let hint = env.label("search_other");
    let (before, after) = hint.split_once("{name}").unwrap_or((hint, ""));
    let others = env
        .site
        .languages
        .iter()
        .filter(|&(id, _)| id != env.lang)
        .map(|(_, language)| {
            let there = PagePath::new(language, &PageKind::Search.location(env.site));
            let href = here.href_to(&there, None);
            let name = env.label(&format!("language_name_{}", language.code));
            let name = if name.is_empty() {
                language.native_name
            } else {
                name
            };
            OtherLanguage {
                html_lang: language.html_lang,
                index: format!("{}data/", href.trim_end_matches("index.html")),
                href,
                before: before.to_string(),
                name,
                name_lang: (name == language.native_name).then_some(language.html_lang),
                after: after.to_string(),
            }
        })
        .collect();
    with_page(&base, &SearchPage { kinds, others })
}
