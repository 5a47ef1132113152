//! Checks that read the prose: Chinese typography, zh↔en numbers, translation coverage.

pub(crate) mod cache;
pub(crate) mod chinese;
pub mod coverage;
pub mod numbers;
pub(crate) mod pairs;
pub(crate) mod texts;
pub mod typography;
