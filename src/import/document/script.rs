//! Documents from Hong Kong, Macao, Taiwan or a government site that publishes in
//! Traditional characters: a site's `zh` texts are Simplified Chinese (its `zh-Hant` pages are
//! converted from them), so an imported Traditional text is converted to Simplified.

/// Characters found only in Traditional writing, and their Simplified forms: which set a
/// text uses more tells its script.
const TRADITIONAL: &str =
    "國產權區號發與們說實這對會時經為體機關設務進開點業專標質計劃範統證節織導護運營";
const SIMPLIFIED: &str =
    "国产权区号发与们说实这对会时经为体机关设务进开点业专标质计划范统证节织导护运营";

/// Whether `text` is written in Traditional characters.
pub fn is_traditional(text: &str) -> bool {
    let (mut traditional, mut simplified) = (0usize, 0usize);
    for c in text.chars() {
        if TRADITIONAL.contains(c) {
            traditional += 1;
        } else if SIMPLIFIED.contains(c) {
            simplified += 1;
        }
    }
    traditional > 10 && traditional > simplified * 4
}

pub fn to_simplified(text: &str) -> String {
    zhconv::zhconv(text, zhconv::Variant::ZhHans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_and_converts_traditional_text() {
        let hant = "海曙區國家知識產權強縣建設試點縣工作方案，提升知識產權創造質效，加強知識產權行政保護，發揮寧波市知識產權交易服務中心作用。";
        assert!(is_traditional(hant));
        assert!(!is_traditional(
            "海曙区国家知识产权强县建设试点县工作方案，提升知识产权创造质效。"
        ));
        assert_eq!(
            to_simplified("海曙區國家知識產權強縣建設試點縣工作方案"),
            "海曙区国家知识产权强县建设试点县工作方案"
        );
    }
}
