//! `ipreport import values|document`: what the import stages did, shown to the editor.

mod document;
mod values;

pub use document::{DocumentArgs, document, summary as document_summary};
pub use values::{ValuesArgs, report, values};
