//! Every text of a site, for the checks that read prose: typography, numbers, coverage.

use crate::model::{Fragment, LangMap, MdText, Site, Text};

/// Where a text belongs, for grouping (the translation coverage table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    /// Site-wide: settings, indicators, departments, documents, pages.
    Site,
    /// An item of a year (index into `site.years`).
    Year(usize),
}

/// The texts and Markdown bodies of one item (a case, an event, a measure…).
#[derive(Default)]
pub struct ItemTexts<'a> {
    pub texts: Vec<&'a Text>,
    /// `.md` bodies, one fragment per language.
    pub bodies: Vec<&'a LangMap<std::sync::Arc<Fragment>>>,
}

impl<'a> ItemTexts<'a> {
    fn text(&mut self, t: &'a Text) {
        self.texts.push(t);
    }

    fn opt(&mut self, t: Option<&'a Text>) {
        if let Some(t) = t {
            self.texts.push(t);
        }
    }

    fn md(&mut self, t: Option<&'a MdText>) {
        if let Some(t) = t {
            self.texts.push(&t.text);
        }
    }
}

/// Calls `f` for every item of the site with its texts.
pub fn each_item<'a>(site: &'a Site, mut f: impl FnMut(Owner, ItemTexts<'a>)) {
    let config = &site.config;
    let mut settings = ItemTexts::default();
    settings.text(&config.title);
    settings.opt(config.description.as_ref());
    settings.text(&config.publisher);
    settings.opt(config.footer.contact.as_ref());
    settings.opt(config.footer.text.as_ref());
    f(Owner::Site, settings);
    for ind in &site.indicators {
        let mut item = ItemTexts::default();
        item.text(&ind.name);
        item.text(&ind.unit);
        item.opt(ind.group.as_ref());
        item.md(ind.description.as_ref());
        f(Owner::Site, item);
    }
    for dept in &site.departments {
        let mut item = ItemTexts::default();
        item.text(&dept.name);
        item.opt(dept.full.as_ref());
        f(Owner::Site, item);
    }
    for doc in &site.documents {
        let mut item = ItemTexts::default();
        item.text(&doc.title);
        item.opt(doc.short.as_ref());
        item.opt(doc.measure_label.as_ref());
        for s in &doc.sections {
            item.text(&s.title);
        }
        f(Owner::Site, item);
        for m in &doc.measures {
            let mut item = ItemTexts::default();
            item.opt(m.title.as_ref());
            item.md(m.text.as_ref());
            f(Owner::Site, item);
        }
    }
    for page in &site.pages {
        f(
            Owner::Site,
            ItemTexts {
                texts: vec![&page.item.title],
                bodies: vec![&page.item.body],
            },
        );
    }
    for (y, year) in site.years.iter().enumerate() {
        let owner = Owner::Year(y);
        let mut report = ItemTexts::default();
        report.text(&year.report.title);
        report.opt(year.report.theme.as_ref());
        if let Some(summary) = &year.report.summary {
            // A summary from report.<lang>.md has only bodies; from YAML, a text.
            if summary.fragments.iter().any(|(_, f)| f.verbatim) {
                report.bodies.push(&summary.fragments);
            } else {
                report.text(&summary.text);
            }
        }
        f(owner, report);
        for a in &year.achievements {
            f(
                owner,
                ItemTexts {
                    texts: vec![&a.item.title],
                    bodies: vec![&a.item.body],
                },
            );
        }
        for c in &year.cases {
            let mut item = ItemTexts {
                texts: vec![&c.item.title],
                bodies: vec![&c.item.body],
            };
            item.opt(c.case_number.as_ref());
            f(owner, item);
        }
        for e in year.events.iter().flatten() {
            let mut item = ItemTexts::default();
            item.text(&e.title);
            item.md(e.summary.as_ref());
            f(owner, item);
        }
        for i in year.issues.iter().flatten() {
            let mut item = ItemTexts::default();
            item.text(&i.title);
            item.md(i.description.as_ref());
            item.opt(i.source.as_ref());
            item.md(i.actions.as_ref());
            f(owner, item);
        }
    }
}

/// Every item of the site with its texts, to check in parallel.
pub fn items(site: &Site) -> Vec<(Owner, ItemTexts<'_>)> {
    let mut items = Vec::new();
    each_item(site, |owner, texts| items.push((owner, texts)));
    items
}
