//! Compiled Markdown that does not yet know which page it is on.
//!
//! The same achievement text appears on pages at different depths and in its own language
//! only, so a fragment keeps the HTML with *slots* where a cross-reference's `href` (relative
//! to the page) or its filled-in link text go; [`crate::render`] fills them per page.

use super::{LangId, Reference};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// Inside a link's opening tag, where the proof view marks a value's source
    /// (see [`crate::render::proof`]); empty on built pages.
    Proof,
    /// The value of an `href` attribute.
    Href,
    /// The text of a link written with empty text (`[](@measure/x/4)`).
    LinkText,
}

/// A place in [`Fragment::html`] to fill in.
#[derive(Clone, Copy, Debug)]
pub struct Slot {
    /// Byte offset in `html`.
    pub at: usize,
    /// Index into [`Fragment::refs`].
    pub reference: usize,
    pub kind: SlotKind,
}

#[derive(Clone, Debug)]
pub struct Fragment {
    /// The language the Markdown is written in.
    pub lang: LangId,
    pub html: String,
    pub slots: Vec<Slot>,
    pub refs: Vec<Reference>,
    /// The Markdown source, for the checks that compare languages.
    pub source: String,
    /// Where the source is in its file: for a `.md` body, from the body's first byte (the
    /// source is the file's text from there on); for a YAML text, the scalar.
    pub origin: crate::source::Span,
    /// Whether `source` is verbatim file text from `origin.start` (a `.md` body), so that an
    /// offset in it is an offset in the file.
    pub verbatim: bool,
    /// Heading ids used in the fragment (for anchors and the internal link check).
    pub heading_ids: Vec<String>,
}
