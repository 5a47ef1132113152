//! How two spellings of one name compare when a table is read.
//!
//! Chinese input methods type full-width letters, digits and brackets (`ＰＣＴ`, `４８７１５`,
//! `（件）`) as readily as half-width ones, and tables are full of stray spaces (`有效发明专利
//! 拥有量`, a name padded to line up in Word). What a bureau means is the same either way.

/// `text` with full-width ASCII forms made half-width (`Ｐ` → `P`, `４` → `4`, `（` → `(`,
/// `％` → `%`) and the ideographic space made a plain one.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            // The full-width forms block mirrors ASCII `!`..=`~` at a fixed distance.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            // Minus signs that are not the ASCII hyphen.
            '\u{2212}' | '\u{2012}' | '\u{2013}' => '-',
            _ => c,
        })
        .collect()
}

/// `text` half-width, lower case, without any white space: the form in which names, headings
/// and units are compared.
pub fn folded(text: &str) -> String {
    half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Characters that take no room and come in with copied text: zero-width spaces and joiners,
/// the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_spaces_fold_away() {
        assert_eq!(folded("有效发明专利 拥有量"), "有效发明专利拥有量");
        assert_eq!(folded("ＰＣＴ国际专利申请量"), "pct国际专利申请量");
        assert_eq!(
            folded("  Valid\u{3000}invention patents "),
            "validinventionpatents"
        );
        assert_eq!(half_width("４８７１５件"), "48715件");
        assert_eq!(half_width("（万件）１５．６％"), "(万件)15.6%");
        assert_eq!(folded("\u{feff}指标\u{200b}"), "指标");
    }
}
