//! What every page's template gets: language, navigation, switcher, head metadata, footer.

use serde::Serialize;

use super::links::Link;
use super::paths::PagePath;
use super::text::Tx;
use super::{Env, PageKind};
use crate::model::LangId;

#[derive(Serialize)]
pub struct Alternate {
    pub code: String,
    pub html_lang: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct NavItem {
    pub title: Tx,
    pub href: String,
    pub current: bool,
}

/// The metadata government-site inspections read (SPEC §3).
#[derive(Serialize, Default)]
pub struct Meta {
    pub site_name: String,
    pub site_domain: String,
    pub site_id_code: String,
    pub column_name: Option<String>,
    pub article_title: Option<String>,
    pub pub_date: Option<String>,
    pub content_source: Option<String>,
    pub description: Option<String>,
}

#[derive(Serialize)]
pub struct Footer {
    pub publisher: Tx,
    pub icp: Option<String>,
    pub police: Option<String>,
    pub police_code: Option<String>,
    pub site_code: Option<String>,
    pub conac: Option<String>,
    pub contact: Option<Tx>,
    pub text: Option<Tx>,
}

/// The per-page part of every template's context. The parts that are the same on every page
/// of a language (labels, site title, footer) are built once, by [`site_constants`].
pub struct Base<'a> {
    pub lang: &'a str,
    pub html_lang: &'static str,
    pub kind: &'static str,
    /// Relative prefix to the output root.
    pub root: String,
    pub home_href: String,
    /// The search page, where the header's search box sends its query.
    pub search_href: String,
    pub css_href: String,
    /// The site's icon (browsers ask for `/favicon.ico` without one).
    pub icon_href: String,
    /// The language's Atom feed, when the site has a `base_url`.
    pub feed_href: Option<String>,
    pub conac_img: String,
    pub nav: Vec<NavItem>,
    pub alternates: Vec<Alternate>,
    pub meta: Meta,
    /// The page's own title (the `<h1>`); empty on the home page.
    pub title: Tx,
    /// `<title>`.
    pub head_title: String,
    pub breadcrumbs: Vec<Link>,
    /// The page's publication date, shown on every page.
    pub published: Option<String>,
    /// What the top margin of each printed page says (see [`print_title`]), as a CSS string.
    pub print_title: String,
}

impl Base<'_> {
    /// The entries of a template's context. Each field is inserted under its own name (what
    /// the templates use); the pattern names every field, so that a new one cannot be left
    /// out. Inserting them one by one spares the map of the whole struct, keyed by copies of
    /// the names, that serializing it would build first.
    pub fn context(&self) -> tera::Context {
        let Base {
            lang,
            html_lang,
            kind,
            root,
            home_href,
            search_href,
            css_href,
            icon_href,
            feed_href,
            conac_img,
            nav,
            alternates,
            meta,
            title,
            head_title,
            breadcrumbs,
            published,
            print_title,
        } = self;
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("html_lang", html_lang);
        ctx.insert("kind", kind);
        ctx.insert("root", root);
        ctx.insert("home_href", home_href);
        ctx.insert("search_href", search_href);
        ctx.insert("css_href", css_href);
        ctx.insert("icon_href", icon_href);
        ctx.insert("feed_href", feed_href);
        ctx.insert("conac_img", conac_img);
        ctx.insert("nav", nav);
        ctx.insert("alternates", alternates);
        ctx.insert("meta", meta);
        ctx.insert("title", title);
        ctx.insert("head_title", head_title);
        ctx.insert("breadcrumbs", breadcrumbs);
        ctx.insert("published", published);
        ctx.insert("print_title", print_title);
        ctx
    }
}

/// Context entries shared by every page of a language, converted to template values once:
/// a value's maps are reference-counted, so each page only clones a pointer.
pub fn site_constants(env: &Env) -> Vec<(&'static str, tera::Value)> {
    let config = &env.site.config;
    let footer = &config.footer;
    let footer = Footer {
        publisher: env.tx(&config.publisher),
        icp: footer.icp.clone(),
        police_code: footer
            .police
            .as_ref()
            .map(|p| p.chars().filter(char::is_ascii_digit).collect()),
        police: footer.police.clone(),
        site_code: footer.site_code.clone(),
        conac: footer.conac.clone(),
        contact: env.tx_opt(footer.contact.as_ref()),
        text: env.tx_opt(footer.text.as_ref()),
    };
    vec![
        ("t", tera::Value::from_serializable(env.ui)),
        (
            "site_title",
            tera::Value::from_serializable(&env.tx(&config.title)),
        ),
        (
            "site_description",
            tera::Value::from_serializable(&env.tx_opt(config.description.as_ref())),
        ),
        ("footer", tera::Value::from_serializable(&footer)),
    ]
}

/// Which navigation entry a page belongs to.
fn section_of(kind: PageKind) -> Option<PageKind> {
    match kind {
        PageKind::Home => Some(PageKind::Home),
        PageKind::Indicators | PageKind::Indicator(_) => Some(PageKind::Indicators),
        PageKind::Documents | PageKind::Document(_) => Some(PageKind::Documents),
        PageKind::Departments | PageKind::Department(_) => Some(PageKind::Departments),
        PageKind::Page(p) => Some(PageKind::Page(p)),
        PageKind::Search => Some(PageKind::Search),
        PageKind::Year(y)
        | PageKind::Case { year: y, .. }
        | PageKind::Events(y)
        | PageKind::Issues(y)
        | PageKind::Print(y) => Some(PageKind::Year(y)),
        PageKind::NotFound => None,
    }
}

fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home",
        PageKind::Year(_) => "year",
        PageKind::Case { .. } => "case",
        PageKind::Events(_) => "events",
        PageKind::Issues(_) => "issues",
        PageKind::Print(_) => "print",
        PageKind::Indicators => "indicators",
        PageKind::Indicator(_) => "indicator",
        PageKind::Documents => "documents",
        PageKind::Document(_) => "document",
        PageKind::Departments => "departments",
        PageKind::Department(_) => "department",
        PageKind::Page(_) => "page",
        PageKind::Search => "search",
        PageKind::NotFound => "not-found",
    }
}

/// Whether a page is an article (one text with a date) rather than a list.
fn is_article(kind: PageKind) -> bool {
    matches!(
        kind,
        PageKind::Year(_)
            | PageKind::Print(_)
            | PageKind::Case { .. }
            | PageKind::Document(_)
            | PageKind::Page(_)
    )
}

/// The title a printed page carries in its top margin: the year's report on the pages of a
/// year, else the page's own title (the site's on the home page).
fn print_title(env: &Env, kind: PageKind, title: &Tx, site_title: &Tx) -> String {
    let text = match kind {
        PageKind::Year(y)
        | PageKind::Print(y)
        | PageKind::Case { year: y, .. }
        | PageKind::Events(y)
        | PageKind::Issues(y) => env.plain(&env.site.years[y].report.title),
        _ if title.text.is_empty() => &site_title.text,
        _ => &title.text,
    };
    css_string(text)
}

/// A CSS string literal of `text` that is safe inside a `<style>` element: quotes and
/// backslashes escaped, `<` and `>` (which could end the element) and control characters
/// written as code points.
fn css_string(text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if matches!(c, '<' | '>' | '&') || c.is_control() => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\{:x} ", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The host of `base_url`, for `SiteDomain`.
fn domain(base_url: &str) -> String {
    base_url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("")
        .to_string()
}

impl Env<'_> {
    fn nav(&self, here: &PagePath, kind: PageKind) -> Vec<NavItem> {
        let current = section_of(kind);
        let mut items = Vec::new();
        let mut push = |title: Tx, to: PageKind| {
            items.push(NavItem {
                title,
                href: here.href_to(&self.path(to), None),
                current: current == Some(to),
            });
        };
        push(Tx::plain(self.label("home")), PageKind::Home);
        if let Some(latest) = self.site.years.last() {
            let label = if self.is_chinese() {
                format!("{}年度报告", latest.year)
            } else {
                format!("{} report", latest.year)
            };
            push(Tx::plain(label), PageKind::Year(self.site.years.len() - 1));
        }
        push(Tx::plain(self.label("indicators")), PageKind::Indicators);
        if !self.site.documents.is_empty() {
            push(Tx::plain(self.label("documents")), PageKind::Documents);
        }
        if !self.site.departments.is_empty() {
            push(
                Tx::plain(self.label("all_departments")),
                PageKind::Departments,
            );
        }
        for (p, page) in self.site.pages.iter().enumerate() {
            push(self.tx(&page.item.title), PageKind::Page(p));
        }
        // The search entry is the header's search box (header.html), or on the search page a
        // link to itself.
        items
    }

    fn alternates(&self, kind: PageKind) -> Vec<Alternate> {
        let here = self.path(kind);
        self.site
            .languages
            .iter()
            .map(|(id, lang)| {
                let there = super::PagePath::new(lang, &kind.location(self.site));
                let href = if kind == PageKind::NotFound {
                    format!("{}{}404.html", here.root(), lang.url_prefix)
                } else {
                    here.href_to(&there, None)
                };
                Alternate {
                    code: lang.code.clone(),
                    html_lang: lang.html_lang,
                    name: lang.native_name,
                    href,
                    current: id == self.lang,
                }
            })
            .collect()
    }

    /// The base context of a page; `title`, `breadcrumbs` and dates come from the page.
    pub fn base(
        &self,
        kind: PageKind,
        title: Tx,
        breadcrumbs: Vec<Link>,
        published: Option<jiff::civil::Date>,
    ) -> Base<'_> {
        let site = self.site;
        let here = self.path(kind);
        let config = &site.config;
        let site_title = self.tx(&config.title);
        let publisher = self.tx(&config.publisher);
        let head_title = if title.text.is_empty() {
            site_title.text.clone()
        } else {
            [title.text.as_str(), " - ", &site_title.text].concat()
        };
        let print_title = print_title(self, kind, &title, &site_title);
        let meta = Meta {
            site_name: site_title.text.clone(),
            site_domain: config.base_url.as_deref().map(domain).unwrap_or_default(),
            site_id_code: config.footer.site_code.clone().unwrap_or_default(),
            column_name: (!is_article(kind)).then(|| {
                if title.text.is_empty() {
                    site_title.text.clone()
                } else {
                    title.text.clone()
                }
            }),
            article_title: is_article(kind).then(|| title.text.clone()),
            pub_date: is_article(kind)
                .then(|| published.map(|d| format!("{d} 00:00")))
                .flatten(),
            content_source: is_article(kind).then(|| publisher.text.clone()),
            description: config
                .description
                .as_ref()
                .map(|d| self.plain(d).to_string()),
        };
        Base {
            lang: &self.language().code,
            html_lang: self.language().html_lang,
            kind: kind_name(kind),
            root: here.root(),
            home_href: here.href_to(&self.path(PageKind::Home), None),
            search_href: here.href_to(&self.path(PageKind::Search), None),
            css_href: here.href_to_file("assets/style.css"),
            icon_href: here.href_to_file("assets/favicon.svg"),
            feed_href: config
                .base_url
                .as_ref()
                .map(|_| here.href_to_file(&[&self.language().url_prefix, "feed.xml"].concat())),
            conac_img: here.href_to_file("assets/conac.svg"),
            nav: self.nav(&here, kind),
            alternates: self.alternates(kind),
            meta,
            title,
            head_title,
            breadcrumbs,
            published: published.map(|d| self.date(d)),
            print_title,
        }
    }

    /// A date in the page's language: `2024年4月26日` / `26 April 2024`.
    pub fn date(&self, d: jiff::civil::Date) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        use super::text::push_int;
        let mut text = String::with_capacity(20);
        if self.is_chinese() {
            push_int(&mut text, d.year().into());
            text.push('年');
            push_int(&mut text, d.month().into());
            text.push('月');
            push_int(&mut text, d.day().into());
            text.push('日');
        } else {
            push_int(&mut text, d.day().into());
            text.push(' ');
            text.push_str(MONTHS[(d.month() - 1) as usize]);
            text.push(' ');
            push_int(&mut text, d.year().into());
        }
        text
    }

    /// The default language's id, for "the original" notes.
    pub fn default_lang(&self) -> LangId {
        LangId::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_cannot_end_the_style_element_or_the_string() {
        assert_eq!(css_string("2023年白皮书"), "\"2023年白皮书\"");
        assert_eq!(
            css_string("a \"b\" \\ </style>\n"),
            "\"a \\\"b\\\" \\\\ \\3c /style\\3e \\a \""
        );
    }
}
