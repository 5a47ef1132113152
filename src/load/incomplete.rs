//! What could not be read completely: files that could not be read or have errors, and year
//! folders that are misnamed. Their own errors are reported; references into them are then
//! not reported again as unknown (one mistake, one error).

use super::layout::Role;
use super::parse::Parsed;
use crate::diagnostics::Diagnostic;
use crate::model::Incomplete;

pub fn incomplete<'r>(
    parsed: &[(&'r Role, Option<Parsed>, Vec<Diagnostic>)],
    unreadable: &[&'r Role],
    broken_years: &[i32],
    default_language: &str,
) -> Incomplete {
    let mut incomplete = Incomplete::default();
    for &year in broken_years {
        incomplete.insert_year(year);
    }
    let broken = parsed
        .iter()
        .filter(|(_, _, ds)| ds.iter().any(Diagnostic::is_error))
        .map(|(role, _, _)| *role);
    for role in broken.chain(unreadable.iter().copied()) {
        let counts = match &role.lang {
            None => true,
            // An item is known by its default-language file; a translation with errors
            // leaves the item whole.
            Some(lang) => lang == default_language && role.entity.item_kind().is_some(),
        };
        if counts {
            incomplete.insert(role.entity.clone());
        }
    }
    incomplete
}
