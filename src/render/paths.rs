//! Where each page lives and how one page links to another.
//!
//! A page's location is its folder relative to the output root, ending in `/` (`2023/cases/x/`,
//! `en/indicators/`; the home page is the empty string). Links are always relative and always
//! end in `index.html`, so the site works under any sub-path and straight from disk
//! (`file://`), where a link to a folder would show a directory listing.

use super::text::{push_int, with_int};
use crate::model::{Language, Site, Target};

/// The folder of a page, relative to the output root.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PagePath(String);

impl PagePath {
    pub fn new(lang: &Language, rest: &str) -> PagePath {
        PagePath::joined(lang, &[rest])
    }

    /// The language's folder and `parts` one after the other: one allocation, no formatting
    /// (every link of every page is located).
    fn joined(lang: &Language, parts: &[&str]) -> PagePath {
        let prefix = &lang.url_prefix;
        let mut path =
            String::with_capacity(prefix.len() + parts.iter().map(|p| p.len()).sum::<usize>());
        path.push_str(prefix);
        for part in parts {
            path.push_str(part);
        }
        PagePath(path)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// How many folders deep the page is.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }

    /// `../` repeated to reach the output root from this page.
    pub fn root(&self) -> String {
        "../".repeat(self.depth())
    }

    /// The output file of the page.
    pub fn file(&self) -> String {
        format!("{}index.html", self.0)
    }

    /// A relative link from this page to `to` (a page folder) and an optional anchor: up to
    /// the folders both share, then down.
    pub fn href_to(&self, to: &PagePath, anchor: Option<&str>) -> String {
        if self == to
            && let Some(a) = anchor
        {
            return format!("#{a}");
        }
        // Every page links to dozens of others: no allocation but the result.
        let mut from = self.0.split_terminator('/').peekable();
        let mut dest = to.0.split_terminator('/').peekable();
        while let (Some(a), Some(b)) = (from.peek(), dest.peek())
            && a == b
        {
            from.next();
            dest.next();
        }
        let ups = from.count();
        let mut href = String::with_capacity(3 * ups + to.0.len() + 11);
        for _ in 0..ups {
            href.push_str("../");
        }
        for segment in dest {
            href.push_str(segment);
            href.push('/');
        }
        href.push_str("index.html");
        if let Some(a) = anchor {
            href.push('#');
            href.push_str(a);
        }
        href
    }

    /// A relative link to a file at `path` under the output root (`assets/style.css`).
    pub fn href_to_file(&self, path: &str) -> String {
        let mut href = self.root();
        href.push_str(path);
        href
    }
}

/// The page of a target and the anchor on it.
pub fn locate(site: &Site, lang: &Language, target: Target) -> (PagePath, Option<String>) {
    let year = |y: usize| with_int("", site.years[y].year.into(), "");
    let at = |parts: &[&str]| PagePath::joined(lang, parts);
    match target {
        Target::Document(d) => (at(&["documents/", &site.documents[d].id.value, "/"]), None),
        Target::Measure { doc, measure } => (
            at(&["documents/", &site.documents[doc].id.value, "/"]),
            Some(measure_anchor(&site.documents[doc].measures[measure].n)),
        ),
        Target::Indicator(i) => (
            at(&["indicators/", &site.indicators[i].id.value, "/"]),
            None,
        ),
        Target::IndicatorValue { indicator, year: y } => (
            at(&["indicators/", &site.indicators[indicator].id.value, "/"]),
            Some(with_int("y", site.years[y].year.into(), "")),
        ),
        Target::PlanTarget { doc, target } => {
            let t = &site.documents[doc].targets[target];
            let indicator = match t.indicator.target {
                Some(Target::Indicator(i)) => site.indicators[i].id.value.as_str(),
                _ => t.indicator.raw.as_str(),
            };
            (
                at(&["indicators/", indicator, "/"]),
                Some({
                    let mut anchor = ["target-", &site.documents[doc].id.value, "-"].concat();
                    push_int(&mut anchor, t.year.into());
                    anchor
                }),
            )
        }
        Target::Year(y) => (at(&[&year(y), "/"]), None),
        Target::Achievement { year: y, index } => (
            at(&[&year(y), "/"]),
            Some(site.years[y].achievements[index].item.id.value.clone()),
        ),
        Target::Case { year: y, index } => (
            at(&[
                &year(y),
                "/cases/",
                &site.years[y].cases[index].item.id.value,
                "/",
            ]),
            None,
        ),
        Target::Event { year: y, index } => {
            (at(&[&year(y), "/events/"]), Some((index + 1).to_string()))
        }
        Target::Issue { year: y, index } => (
            at(&[&year(y), "/issues/"]),
            site.years[y]
                .issues
                .as_ref()
                .map(|list| list[index].id.value.clone()),
        ),
        Target::Department(d) => (
            at(&["departments/", &site.departments[d].id.value, "/"]),
            None,
        ),
        Target::Page(p) => (at(&[&site.pages[p].item.id.value, "/"]), None),
    }
}

/// `#m-<n>` of SPEC §13.
pub fn measure_anchor(n: &str) -> String {
    ["m-", n].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(prefix: &str) -> Language {
        Language {
            code: "en".into(),
            html_lang: "en",
            native_name: "English",
            url_prefix: prefix.into(),
        }
    }

    #[test]
    fn relative_links() {
        let zh = lang("");
        let en = lang("en/");
        let home = PagePath::new(&zh, "");
        let case = PagePath::new(&en, "2023/cases/x/");
        assert_eq!(case.depth(), 4);
        assert_eq!(home.href_to(&case, None), "en/2023/cases/x/index.html");
        assert_eq!(case.href_to(&home, None), "../../../../index.html");
        assert_eq!(
            case.href_to(&PagePath::new(&en, "documents/d/"), Some("m-4")),
            "../../../documents/d/index.html#m-4"
        );
        assert_eq!(
            case.href_to(&PagePath::new(&en, "2023/"), None),
            "../../index.html"
        );
        assert_eq!(
            PagePath::new(&en, "2023/").href_to(&PagePath::new(&en, "2023/events/"), Some("1")),
            "events/index.html#1"
        );
        assert_eq!(case.href_to(&case, Some("a")), "#a");
        assert_eq!(home.href_to_file("assets/style.css"), "assets/style.css");
    }
}
