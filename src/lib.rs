//! ipreport: a static-site generator for intellectual-property protection annual reports.
//!
//! The pipeline: [`load`] (files → typed model with spans) → [`resolve`] (references,
//! backlinks, domain checks) → [`render`] (model + templates → pages, pure) → [`output`]
//! (write only what changed, in an order that never breaks links).

pub mod atomic;
pub mod cmd;
pub mod diagnostics;
pub mod encoding;
pub mod entity;
pub mod fix;
pub mod import;
pub mod lint;
pub mod load;
pub(crate) mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub(crate) mod resolve;
pub mod serve;
pub mod session;
pub mod signoff;
pub mod source;
mod timings;
pub mod watch;
