//! Which indicator a row names: by id, zh name or en name, exactly first, then folded (white
//! space and full-width forms ignored, see [`super::fold`]).

use std::collections::BTreeMap;

use super::fold::folded;
use crate::diagnostics::suggest::edit_distance;
use crate::model::{Indicator, TextValues};

/// What a name in a table was found to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// The indicator at this index of `indicators.yaml`.
    One(usize),
    /// Folded, the name is that of several indicators (their indexes).
    Several(Vec<usize>),
    None,
}

/// Every way the site's indicators may be named.
pub struct Names<'a> {
    indicators: &'a [Indicator],
    exact: BTreeMap<&'a str, usize>,
    folded: BTreeMap<String, Vec<usize>>,
}

/// An indicator's id and its name in every language.
fn spellings(indicator: &Indicator) -> Vec<&str> {
    let mut all = vec![indicator.id.value.as_str()];
    match &indicator.name.values {
        TextValues::Universal(name) => all.push(name),
        TextValues::ByLanguage(map) => all.extend(map.iter().map(|(_, t)| t.text.as_str())),
    }
    all
}

impl<'a> Names<'a> {
    pub fn new(indicators: &'a [Indicator]) -> Names<'a> {
        let mut exact = BTreeMap::new();
        let mut folded_names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, indicator) in indicators.iter().enumerate() {
            for name in spellings(indicator) {
                exact.entry(name).or_insert(i);
                let ids = folded_names.entry(folded(name)).or_default();
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
        Names {
            indicators,
            exact,
            folded: folded_names,
        }
    }

    pub fn find(&self, name: &str) -> Found {
        if let Some(&i) = self.exact.get(name.trim()) {
            return Found::One(i);
        }
        match self.folded.get(&folded(name)).map(Vec::as_slice) {
            Some([i]) => Found::One(*i),
            Some(several) if !several.is_empty() => Found::Several(several.to_vec()),
            _ => Found::None,
        }
    }

    /// The indicator whose name is closest to `name`, when one is close enough to be what
    /// was meant: a few edits away (`有效发明专利数` for `有效发明专利拥有量`), or one name
    /// holding the other (`发明专利拥有量`). Looser than a typo suggestion, since bureaus
    /// name indicators in their own words.
    pub fn closest(&self, name: &str) -> Option<usize> {
        let wanted = folded(name);
        let len = wanted.chars().count();
        if len < 2 {
            return None;
        }
        self.indicators
            .iter()
            .enumerate()
            .flat_map(|(i, indicator)| spellings(indicator).into_iter().map(move |s| (i, s)))
            .filter_map(|(i, spelling)| {
                let candidate = folded(spelling);
                let distance = edit_distance(&wanted, &candidate);
                let contains = candidate.contains(&wanted) || wanted.contains(&candidate);
                let near = distance * 2 <= len.max(candidate.chars().count());
                (contains || near).then_some((distance, i))
            })
            .min()
            .map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicators() -> Vec<Indicator> {
        crate::import::values::testing::indicators(
            "\
- id: invention-patents
  name: {zh: 有效发明专利拥有量, en: Valid invention patents}
  unit: {zh: 件, en: \"\"}
  kind: expected
  direction: up
- id: pct-applications
  name: {zh: PCT国际专利申请量, en: PCT international patent applications}
  unit: {zh: 件, en: \"\"}
  kind: expected
  direction: up
",
        )
    }

    #[test]
    fn names_are_found_exactly_then_folded() {
        let list = indicators();
        let names = Names::new(&list);
        assert_eq!(names.find("invention-patents"), Found::One(0));
        assert_eq!(names.find("有效发明专利拥有量"), Found::One(0));
        assert_eq!(names.find("Valid invention patents"), Found::One(0));
        assert_eq!(names.find("有效发明专利 拥有量"), Found::One(0));
        assert_eq!(names.find("ｐｃｔ国际专利申请量"), Found::One(1));
        assert_eq!(names.find("valid INVENTION patents"), Found::One(0));
        assert_eq!(names.find("发明专利"), Found::None);
    }

    #[test]
    fn close_names_are_suggested() {
        let list = indicators();
        let names = Names::new(&list);
        assert_eq!(names.closest("有效发明专利数"), Some(0));
        assert_eq!(names.closest("发明专利拥有量"), Some(0));
        assert_eq!(names.closest("PCT申请量"), Some(1));
        assert_eq!(names.closest("商标注册量"), None);
    }
}
