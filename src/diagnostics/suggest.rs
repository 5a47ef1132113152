//! "Did you mean" suggestions by edit distance.

/// Edit distance over characters (so that Chinese and ASCII count alike) in which swapping two
/// neighbours counts as one edit, the commonest typo (`titel`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// The closest candidate, if it is close enough to be a plausible typo.
pub fn closest<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // One edit per three letters, at least one: `fr` is not a typo of `en`, nor `foo` of `doc`.
    let len = wrong.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|&(d, c)| d <= limit && d < len.min(c.chars().count()))
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
        assert_eq!(closest("fr", ["zh", "en"]), None);
        assert_eq!(closest("foo", ["doc", "page"]), None);
        assert_eq!(
            closest("coordinaton", ["coordination"]),
            Some("coordination")
        );
        assert_eq!(edit_distance("titel", "title"), 1);
    }
}
