//! Every text of a site, for the checks that read prose: typography, numbers, coverage. The
//! walk itself is the model's ([`crate::model::walk`]); here each item's texts are sorted into
//! texts to check as they are and Markdown bodies to check block by block.

use crate::model::walk::{TextOwner, TextRef, each_text};
use crate::model::{Fragment, LangMap, Site, Text};

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

/// Calls `f` for every item of the site with its texts.
pub fn each_item<'a>(site: &'a Site, mut f: impl FnMut(Owner, ItemTexts<'a>)) {
    each_item_of(site, |owner, texts| {
        f(owner.year().map_or(Owner::Site, Owner::Year), texts)
    });
}

/// Like [`each_item`], naming each item (for lists of what is left to translate).
pub fn each_item_of<'a>(site: &'a Site, mut f: impl FnMut(TextOwner, ItemTexts<'a>)) {
    each_text(site, |owner: TextOwner, item| {
        let mut texts = ItemTexts::default();
        for part in item.parts {
            match part {
                TextRef::Plain(text) => texts.texts.push(text),
                // A summary from report.<lang>.md is a body (its text is empty); Markdown
                // from YAML is checked as the text it was written as.
                TextRef::Markdown(md) if md.fragments.iter().any(|(_, f)| f.verbatim) => {
                    texts.bodies.push(&md.fragments)
                }
                TextRef::Markdown(md) => texts.texts.push(&md.text),
                TextRef::Body(body) => texts.bodies.push(body),
            }
        }
        f(owner, texts);
    });
}

/// Every item of the site with its texts, to check in parallel.
pub fn items(site: &Site) -> Vec<(Owner, ItemTexts<'_>)> {
    let mut items = Vec::new();
    each_item(site, |owner, texts| items.push((owner, texts)));
    items
}
