//! Import: what editors receive from other offices, turned into content files.
//!
//! [`values`] writes the indicator values of a bureau's workbook or CSV file into a year's
//! `report.yaml`; [`document`] turns a Word file or a text file of an official document into
//! `documents/<id>.yaml` with its numbered measures. Like the other stages, neither prints
//! anything: `cmd::import` shows what they did.

pub mod document;
pub mod values;
