//! "Did you mean" suggestions by edit distance.

/// Levenshtein distance over characters, so that Chinese and ASCII count alike.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate, if it is close enough to be a plausible typo.
pub fn closest<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|&(d, _)| d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" or `None`.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(wrong, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(edit_distance("measurs", "measures"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("知识产权", "知识产品"), 1);
    }

    #[test]
    fn suggests_only_plausible_typos() {
        let keys = ["measures", "departments", "indicators", "title"];
        assert_eq!(closest("measurs", keys), Some("measures"));
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("zzzzzz", keys), None);
    }
}
