//! Every text of the site, item by item: one walk for everything that reads or changes the
//! site's prose.
//!
//! The typography and number checks, the translation coverage, the Simplified → Traditional
//! conversion and the resolution of `@` links in Markdown all go over "every text". Written
//! out in each of them, a text field added to the model could be missed by one of them and
//! silently escape a check or the conversion. They all call [`each_text`] or
//! [`each_text_mut`] instead, which are one walk written once (a macro gives it its shared and
//! its mutable form: the body is the same code).

use std::sync::Arc;

use super::{Fragment, LangMap, MdText, Owner, Reference, Site, Text};

/// The item a text belongs to, by position in the [`Site`]'s lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextOwner {
    /// `site.yaml`.
    Settings,
    Department(usize),
    /// An item that can cite others through the links in its texts.
    Item(Owner),
}

impl TextOwner {
    /// The year (index into `site.years`) the item belongs to, if any.
    pub fn year(self) -> Option<usize> {
        match self {
            TextOwner::Item(
                Owner::Report(year)
                | Owner::Achievement { year, .. }
                | Owner::Case { year, .. }
                | Owner::Event { year, .. }
                | Owner::Issue { year, .. },
            ) => Some(year),
            _ => None,
        }
    }

    /// The item as the owner of its texts' links; `None` for the texts of things no link
    /// can cite from (settings, departments).
    pub fn citing(self) -> Option<Owner> {
        match self {
            TextOwner::Item(owner) => Some(owner),
            _ => None,
        }
    }
}

macro_rules! text_walk {
    ($part:ident, $texts:ident, $walk:ident, $($m:ident)?) => {
        /// One text of an item.
        pub enum $part<'a> {
            /// A text (SPEC §2).
            Plain(&'a $($m)? Text),
            /// A Markdown text from YAML: its text and its compiled fragments.
            Markdown(&'a $($m)? MdText),
            /// The Markdown body of an item's `.md` files, one fragment per language.
            Body(&'a $($m)? LangMap<Arc<Fragment>>),
        }

        /// The texts of one item, in the order the model holds them.
        #[derive(Default)]
        pub struct $texts<'a> {
            pub parts: Vec<$part<'a>>,
        }

        impl<'a> $texts<'a> {
            fn text(mut self, text: &'a $($m)? Text) -> Self {
                self.parts.push($part::Plain(text));
                self
            }

            fn opt(mut self, text: &'a $($m)? Option<Text>) -> Self {
                if let Some(text) = text {
                    self.parts.push($part::Plain(text));
                }
                self
            }

            fn md(mut self, text: &'a $($m)? Option<MdText>) -> Self {
                if let Some(text) = text {
                    self.parts.push($part::Markdown(text));
                }
                self
            }

            fn body(mut self, body: &'a $($m)? LangMap<Arc<Fragment>>) -> Self {
                self.parts.push($part::Body(body));
                self
            }

            /// The names of the parties named in free text in a list of parties.
            fn named(mut self, refs: &'a $($m)? Vec<Reference>) -> Self {
                for r in refs {
                    if let Some(name) = &$($m)? r.name {
                        self.parts.push($part::Plain(name));
                    }
                }
                self
            }
        }

        /// Calls `f` for every item of the site that holds texts, with those texts.
        pub fn $walk<'a>(site: &'a $($m)? Site, mut f: impl FnMut(TextOwner, $texts<'a>)) {
            let Site {
                config,
                indicators,
                departments,
                documents,
                years,
                pages,
                ..
            } = site;
            let super::SiteConfig {
                title,
                description,
                publisher,
                footer,
                ..
            } = config;
            let super::Footer { contact, text, .. } = footer;
            f(
                TextOwner::Settings,
                $texts::default()
                    .text(title)
                    .opt(description)
                    .text(publisher)
                    .opt(contact)
                    .opt(text),
            );
            for (i, indicator) in indicators.into_iter().enumerate() {
                let super::Indicator {
                    name,
                    unit,
                    group,
                    description,
                    ..
                } = indicator;
                f(
                    TextOwner::Item(Owner::Indicator(i)),
                    $texts::default().text(name).text(unit).opt(group).md(description),
                );
            }
            for (d, department) in departments.into_iter().enumerate() {
                let super::Department { name, full, .. } = department;
                f(TextOwner::Department(d), $texts::default().text(name).opt(full));
            }
            for (d, document) in documents.into_iter().enumerate() {
                let super::Document {
                    title,
                    short,
                    measure_label,
                    summary,
                    issuer,
                    targets,
                    sections,
                    measures,
                    stages,
                    ..
                } = document;
                let mut own = $texts::default()
                    .text(title)
                    .opt(short)
                    .opt(measure_label)
                    .md(summary)
                    .named(issuer);
                for section in sections {
                    let super::Section {
                        title,
                        summary,
                        label,
                        ..
                    } = section;
                    own = own.text(title).md(summary).opt(label);
                }
                for target in targets {
                    let super::PlanTarget { note, source, .. } = target;
                    own = own.opt(note).opt(source);
                }
                for stage in stages {
                    let super::Stage { title, text, .. } = stage;
                    own = own.text(title).md(text);
                }
                f(TextOwner::Item(Owner::Document(d)), own);
                for (m, measure) in measures.into_iter().enumerate() {
                    let super::Measure {
                        title, text, lead, ..
                    } = measure;
                    f(
                        TextOwner::Item(Owner::Measure { doc: d, measure: m }),
                        $texts::default().opt(title).md(text).named(lead),
                    );
                }
            }
            for (p, page) in pages.into_iter().enumerate() {
                let super::MarkdownItem { title, body, .. } = &$($m)? page.item;
                f(TextOwner::Item(Owner::Page(p)), $texts::default().text(title).body(body));
            }
            for (y, year) in years.into_iter().enumerate() {
                let super::Year {
                    report,
                    achievements,
                    cases,
                    events,
                    issues,
                    ..
                } = year;
                let super::Report {
                    title,
                    theme,
                    summary,
                    values,
                    ..
                } = report;
                let mut own = $texts::default().text(title).opt(theme).md(summary);
                for value in values {
                    own = own.opt(&$($m)? value.source);
                }
                f(TextOwner::Item(Owner::Report(y)), own);
                for (index, achievement) in achievements.into_iter().enumerate() {
                    let super::Achievement {
                        item, departments, ..
                    } = achievement;
                    let super::MarkdownItem { title, body, .. } = item;
                    f(
                        TextOwner::Item(Owner::Achievement { year: y, index }),
                        $texts::default().text(title).body(body).named(departments),
                    );
                }
                for (index, case) in cases.into_iter().enumerate() {
                    let super::TypicalCase {
                        item,
                        case_number,
                        authority,
                        departments,
                        ..
                    } = case;
                    let super::MarkdownItem { title, body, .. } = item;
                    let mut texts = $texts::default()
                        .text(title)
                        .body(body)
                        .opt(case_number)
                        .named(departments);
                    if let Some(super::Reference { name: Some(name), .. }) = authority {
                        texts = texts.text(name);
                    }
                    f(TextOwner::Item(Owner::Case { year: y, index }), texts);
                }
                if let Some(events) = events {
                    for (index, event) in events.into_iter().enumerate() {
                        let super::Event {
                            title,
                            summary,
                            departments,
                            ..
                        } = event;
                        f(
                            TextOwner::Item(Owner::Event { year: y, index }),
                            $texts::default().text(title).md(summary).named(departments),
                        );
                    }
                }
                if let Some(issues) = issues {
                    for (index, issue) in issues.into_iter().enumerate() {
                        let super::IssueItem {
                            title,
                            description,
                            source,
                            actions,
                            responsible,
                            ..
                        } = issue;
                        f(
                            TextOwner::Item(Owner::Issue { year: y, index }),
                            $texts::default()
                                .text(title)
                                .md(description)
                                .opt(source)
                                .md(actions)
                                .named(responsible),
                        );
                    }
                }
            }
        }
    };
}

text_walk!(TextRef, ItemTexts, each_text,);
text_walk!(TextMut, ItemTextsMut, each_text_mut, mut);

#[cfg(test)]
mod tests {
    use super::*;

    /// Both walks visit the same items with the same number of texts.
    #[test]
    fn the_shared_and_the_mutable_walk_agree() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(root, &Default::default());
        let mut site = loaded.site.expect("the example site loads");
        let mut shared = Vec::new();
        each_text(&site, |owner, t| shared.push((owner, t.parts.len())));
        let mut mutable = Vec::new();
        each_text_mut(&mut site, |owner, t| mutable.push((owner, t.parts.len())));
        assert_eq!(shared, mutable);
        assert!(
            shared
                .iter()
                .any(|(o, ..)| matches!(o, TextOwner::Item(Owner::Issue { .. })))
        );
        assert!(
            shared
                .iter()
                .any(|(o, ..)| matches!(o, TextOwner::Item(Owner::Measure { .. })))
        );
    }
}
