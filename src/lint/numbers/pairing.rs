//! The comparison: the mentions of the two texts matched as multisets. Identical codes pair
//! first, then codes are compared by their digit runs, then values pair exactly and then
//! within rounding ([`agreement`]); a soft mention left over counts only against a leftover on
//! the other side.

use super::chars::{is_digit, normalise};
use super::scanner::decode_date;
use super::{Kind, Mention, Part, Written};

/// The mentions of each side that have no counterpart on the other.
pub(super) fn unmatched(zh: Vec<Mention>, en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let (zh, en) = pair_codes(zh, en);
    let zh = expand_codes(zh);
    let en = expand_codes(en);
    let (zh, en) = pair_values(zh, en);
    drop_lone_soft(zh, en)
}

/// Identical codes agree (`（2023）浙02民初123号` written the same way in both).
fn pair_codes(zh: Vec<Mention>, mut en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let mut left = Vec::with_capacity(zh.len());
    for m in zh {
        if m.kind == Kind::Code {
            let key = code_key(&m.text);
            if let Some(p) = en
                .iter()
                .position(|e| e.kind == Kind::Code && code_key(&e.text) == key)
            {
                en.remove(p);
                continue;
            }
        }
        left.push(m);
    }
    (left, en)
}

fn code_key(text: &str) -> String {
    text.chars()
        .map(normalise)
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            _ => c.to_ascii_uppercase(),
        })
        .collect()
}

/// A code the other side does not have is compared by its numbers: `（2023）浙02民初123号`
/// against `(2023) Zhe 02 Min Chu No. 123`, `5G` against `5G` written differently.
fn expand_codes(ms: Vec<Mention>) -> Vec<Mention> {
    let mut out = Vec::with_capacity(ms.len());
    for m in ms {
        if m.kind != Kind::Code {
            out.push(m);
            continue;
        }
        let mut run: Option<(usize, String)> = None;
        let chars: Vec<(usize, char)> = m.text.char_indices().collect();
        for (idx, &(at, c)) in chars.iter().enumerate() {
            let n = normalise(c);
            if is_digit(n) {
                run.get_or_insert_with(|| (at, String::new())).1.push(n);
            }
            let last = idx + 1 == chars.len();
            if (!is_digit(n) || last)
                && let Some((s, digits)) = run.take()
            {
                let e = if is_digit(n) { at + c.len_utf8() } else { at };
                out.push(code_part(&m, s, e, &digits));
            }
        }
    }
    out
}

fn code_part(code: &Mention, s: usize, e: usize, digits: &str) -> Mention {
    let value = if digits.len() <= 15 {
        digits.parse::<f64>().ok()
    } else {
        None
    };
    Mention {
        value: value.unwrap_or(0.0),
        kind: if value.is_some() {
            Kind::Number
        } else {
            Kind::Code
        },
        text: code.text.get(s..e).unwrap_or(digits).to_string(),
        range: code.range.start + s..code.range.start + e,
        precision: 1.0,
        written: Written::Digits,
        part: Part::Single,
        unit: None,
    }
}

/// Greedy multiset matching: exact agreements first, then the closest pairs.
fn pair_values(zh: Vec<Mention>, en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let mut zh_used = vec![false; zh.len()];
    let mut en_used = vec![false; en.len()];
    pair_exact(&zh, &en, &mut zh_used, &mut en_used);
    pair_closest(&zh, &en, &mut zh_used, &mut en_used);
    let keep = |ms: Vec<Mention>, used: &[bool]| {
        ms.into_iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(m, _)| m)
            .collect::<Vec<_>>()
    };
    (keep(zh, &zh_used), keep(en, &en_used))
}

/// Pairs mentions of the same value through an index by value: long texts repeat values, and
/// comparing every pair would cost quadratic time and memory.
fn pair_exact(zh: &[Mention], en: &[Mention], zh_used: &mut [bool], en_used: &mut [bool]) {
    let key = |m: &Mention| {
        let class = match m.kind {
            Kind::Percent => 1u8,
            Kind::Date => 2,
            Kind::Time => 3,
            Kind::Code => 4,
            _ => 0,
        };
        (class, (m.value + 0.0).to_bits()) // `+ 0.0` turns -0 into 0
    };
    let mut by_value: std::collections::HashMap<(u8, u64), Vec<usize>> =
        std::collections::HashMap::new();
    for (b, e) in en.iter().enumerate() {
        by_value.entry(key(e)).or_default().push(b);
    }
    for (a, z) in zh.iter().enumerate() {
        let Some(list) = by_value.get_mut(&key(z)) else {
            continue;
        };
        let exact = |b: &usize| agreement(z, &en[*b]).is_some_and(|cost| cost < 1e-6);
        if let Some(pos) = list.iter().position(exact) {
            let b = list.swap_remove(pos);
            zh_used[a] = true;
            en_used[b] = true;
        }
    }
}

/// Pairs what is left, closest first (rounding: `286.37亿` with `28.64 billion`). Above a
/// size that only a pathological text reaches, each zh mention takes its closest en mention
/// in turn instead, which needs no memory for the candidate pairs.
fn pair_closest(zh: &[Mention], en: &[Mention], zh_used: &mut [bool], en_used: &mut [bool]) {
    let zh_left: Vec<usize> = (0..zh.len()).filter(|&a| !zh_used[a]).collect();
    let en_left: Vec<usize> = (0..en.len()).filter(|&b| !en_used[b]).collect();
    if zh_left.len().saturating_mul(en_left.len()) > 250_000 {
        for &a in &zh_left {
            let best = en_left
                .iter()
                .filter(|&&b| !en_used[b])
                .filter_map(|&b| agreement(&zh[a], &en[b]).map(|cost| (cost, b)))
                .min_by(|x, y| x.0.total_cmp(&y.0));
            if let Some((_, b)) = best {
                zh_used[a] = true;
                en_used[b] = true;
            }
        }
        return;
    }
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &a in &zh_left {
        for &b in &en_left {
            if let Some(cost) = agreement(&zh[a], &en[b]) {
                candidates.push((cost, a, b));
            }
        }
    }
    candidates.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, a, b) in candidates {
        if !zh_used[a] && !en_used[b] {
            zh_used[a] = true;
            en_used[b] = true;
        }
    }
}

/// `Some(cost)` when the two mentions can be translations of each other; a lower cost is a
/// closer match.
fn agreement(a: &Mention, b: &Mention) -> Option<f64> {
    use Kind::*;
    let compatible = match (a.kind, b.kind) {
        (Code, _) | (_, Code) => false,
        (Date, Date) | (Time, Time) | (Percent, Percent) => true,
        (Number | Year | Ordinal | PercentagePoint, Number | Year | Ordinal | PercentagePoint) => {
            // A percentage point is a plain number in English (`3.2 points`), not a year.
            !matches!(
                (a.kind, b.kind),
                (PercentagePoint, Year | Ordinal) | (Year | Ordinal, PercentagePoint)
            )
        }
        _ => false,
    };
    if !compatible {
        return None;
    }
    if let (Some(x), Some(y)) = (a.unit, b.unit)
        && x != y
    {
        return None;
    }
    if a.kind == Date {
        return dates_agree(a.value, b.value).then_some(0.0);
    }
    let diff = (a.value - b.value).abs();
    let magnitude = a.value.abs().max(b.value.abs());
    let tolerance = a.precision.max(b.precision) / 2.0 + 1e-9 * magnitude.max(1.0);
    if diff > tolerance {
        return None;
    }
    let kind_penalty = if a.kind == b.kind { 0.0 } else { 1e-9 };
    Some(diff / magnitude.max(1e-12) + kind_penalty)
}

/// Dates agree when every part both state is the same (`10 March` agrees with `2023年3月10日`).
fn dates_agree(a: f64, b: f64) -> bool {
    let (ay, am, ad) = decode_date(a);
    let (by, bm, bd) = decode_date(b);
    let mut common = false;
    for (x, y) in [(ay, by), (am, bm), (ad, bd)] {
        if let (Some(x), Some(y)) = (x, y) {
            if x != y {
                return false;
            }
            common = true;
        }
    }
    common
}

/// A soft mention left over is only reported when the other side also has a number left over.
fn drop_lone_soft(zh: Vec<Mention>, en: Vec<Mention>) -> (Vec<Mention>, Vec<Mention>) {
    let numeric = |m: &Mention| {
        matches!(
            m.kind,
            Kind::Number | Kind::Year | Kind::Ordinal | Kind::PercentagePoint
        )
    };
    let zh_numeric = zh.iter().any(numeric);
    let en_numeric = en.iter().any(numeric);
    let zh = zh
        .into_iter()
        .filter(|m| !m.is_soft() || en_numeric)
        .collect();
    let en = en
        .into_iter()
        .filter(|m| !m.is_soft() || zh_numeric)
        .collect();
    (zh, en)
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::compare;
    use crate::lint::numbers::test_support::{agree, disagree};

    #[test]
    fn wrong_scale_is_flagged() {
        disagree("120万元", "12 million yuan", &["120万"], &["12 million"]);
        disagree("3.5亿", "35 million", &["3.5亿"], &["35 million"]);
        disagree(
            "286.37亿元",
            "2.8637 billion yuan",
            &["286.37亿"],
            &["2.8637 billion"],
        );
    }

    #[test]
    fn rounding_tolerance() {
        agree("286.37亿元", "28.64 billion yuan");
        agree("286.37亿元", "28.637 billion yuan");
        agree("1234.5万元", "12.3 million yuan");
        agree("12.6万", "125,600");
        agree("占比28.6%", "29%");
        disagree("392件", "329", &["392"], &["329"]);
        disagree("1.2万", "12,600", &["1.2万"], &["12,600"]);
        disagree("1234件", "1.234", &["1234"], &["1.234"]);
    }

    #[test]
    fn soft_mentions_only_count_against_a_leftover() {
        // `两地` has no English number: not reported on its own.
        agree(
            "从甬蚌两地扩展到长三角",
            "from Ningbo and Bengbu to the Yangtze River Delta",
        );
        // … but a numeral that contradicts an English number is.
        disagree("连续三年", "for four years running", &["三"], &["four"]);
        disagree("三家企业", "2 enterprises", &["三"], &["2"]);
    }

    #[test]
    fn durations_compare_their_units() {
        agree("3年6个月", "3 years and 6 months");
        agree("为期6个月", "a six-month review");
        disagree("5—7天", "5–7 weeks", &["5", "7"], &["5", "7"]);
        // A unit only one side states does not matter.
        agree("3个月", "3");
    }

    #[test]
    fn multisets_not_sets() {
        agree("3家和3家", "3 and 3");
        disagree("3家和3家", "3", &["3"], &[]);
    }

    #[test]
    fn long_texts_match_in_bounded_time_and_memory() {
        // Repeated values go through the index by value, not through all pairs.
        let zh = "融资3.6亿元，增长12.5%，惠及2100余家。".repeat(3000);
        let en = "360 million yuan, up 12.5%, 2,100 firms. ".repeat(3000);
        assert!(compare(&zh, &en).is_none());
        let changed = en.replacen("2,100", "1,200", 1);
        disagree(&zh, &changed, &["2100"], &["1,200"]);
        // Many rounding matches left after the exact pass take the per-mention path.
        let zh = "1.2万件，".repeat(600);
        let en = "12,400 cases, ".repeat(600);
        assert!(compare(&zh, &en).is_none());
    }
}
