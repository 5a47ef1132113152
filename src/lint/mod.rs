//! Checks that read the prose: Chinese typography, zh↔en numbers, translation coverage.

pub mod cache;
pub mod chinese;
pub mod coverage;
pub mod numbers;
pub mod pairs;
pub mod texts;
pub mod typography;
