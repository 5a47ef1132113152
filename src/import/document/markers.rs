//! The numbering that starts a paragraph of a Chinese official document: `第三章`, `一、`,
//! `（一）`, `1.` / `1．` / `1、`, `第四条`, and the sub-items `（1）` and `①` that stay text.

use crate::lint::numbers::parse_zh_numeral;

/// A kind of numbering, in the order of GB/T 9704 (党政机关公文格式): a chapter holds sections
/// of `一、`, those hold `（一）`, those `1.`. An article (`第X条`) is the unit of a regulation
/// or a decision, and whatever is numbered inside it is its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `第一章`
    Chapter,
    /// `第一节`
    Part,
    /// `一、`
    CnComma,
    /// `（一）` or `(一)`
    ParenCn,
    /// `1.`, `1．` or `1、`, with the separator the document uses.
    Arabic(char),
    /// `第一条`
    Article,
    /// `（1）`: a sub-item, kept in its measure's text.
    ParenArabic,
    /// `①`: a sub-item, kept in its measure's text.
    Circled,
}

impl Kind {
    /// Where the kind stands in the hierarchy; `None` for the sub-items that are text.
    pub fn rank(self) -> Option<u8> {
        Some(match self {
            Kind::Chapter => 0,
            Kind::Part => 1,
            Kind::CnComma => 2,
            Kind::ParenCn => 3,
            Kind::Arabic(_) => 4,
            Kind::Article => 5,
            Kind::ParenArabic | Kind::Circled => return None,
        })
    }

    /// Whether two markers are of one kind (`1.` and `1、` are).
    pub fn same_as(self, other: Kind) -> bool {
        match (self, other) {
            (Kind::Arabic(_), Kind::Arabic(_)) => true,
            _ => self == other,
        }
    }

    /// The `measure_label` (or a section's `label`) that shows numbers as the document does:
    /// `(zh, en)`. `{last}` is the last part of a dotted number, so that `5.2` of a part
    /// numbered again from one shows as `2.` or `(2)`, as in the document.
    pub fn label(self) -> (String, &'static str) {
        match self {
            Kind::Chapter => ("第{cn}章".into(), "Chapter {last}"),
            Kind::Part => ("第{cn}节".into(), "Section {last}"),
            Kind::CnComma => ("{cn}、".into(), "{last}."),
            Kind::ParenCn => ("（{cn}）".into(), "({last})"),
            Kind::Arabic(sep) => (format!("{{last}}{sep}"), "{last}."),
            Kind::Article => ("第{cn}条".into(), "Art. {last}"),
            Kind::ParenArabic => ("（{last}）".into(), "({last})"),
            Kind::Circled => ("（{last}）".into(), "({last})"),
        }
    }
}

/// The numbering at the start of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub kind: Kind,
    pub number: u32,
    /// The paragraph after its numbering, trimmed.
    pub rest: String,
}

const CN_NUMERAL: &str = "零〇一二三四五六七八九十百千两壹贰叁肆伍陆柒捌玖拾貳參陸";

/// The numbering that starts `text`, if any.
pub fn marker(text: &str) -> Option<Marker> {
    let text = text.trim_start_matches(is_blank);
    let chars: Vec<char> = text.chars().collect();
    let found = article_like(&chars)
        .or_else(|| cn_comma(&chars))
        .or_else(|| parenthesised(&chars))
        .or_else(|| arabic(&chars))
        .or_else(|| circled(&chars))?;
    let (kind, number, used) = found;
    let rest: String = chars[used..].iter().collect();
    Some(Marker {
        kind,
        number,
        rest: rest
            .trim_matches(|c: char| is_blank(c) || c == '\t')
            .to_string(),
    })
}

/// White space, the ideographic space included.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn cn_value(chars: &[char]) -> Option<u32> {
    let plain: Vec<char> = chars
        .iter()
        .map(|&c| match c {
            '拾' => '十',
            '貳' => '贰',
            '參' => '叁',
            '陸' => '陆',
            c => c,
        })
        .collect();
    parse_zh_numeral(&plain).and_then(|v| u32::try_from(v).ok())
}

fn digits_value(chars: &[char]) -> Option<u32> {
    if chars.is_empty() || chars.len() > 3 {
        return None;
    }
    chars.iter().try_fold(0u32, |acc, &c| {
        let d = ascii_digit(c)?;
        Some(acc * 10 + d)
    })
}

/// `0`–`9`, full-width `０`–`９` too.
fn ascii_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// `第三章`, `第一节`, `第四条` (Chinese numerals or digits).
fn article_like(chars: &[char]) -> Option<(Kind, u32, usize)> {
    if chars.first() != Some(&'第') {
        return None;
    }
    let end = chars[1..]
        .iter()
        .position(|&c| !(CN_NUMERAL.contains(c) || ascii_digit(c).is_some()))?
        + 1;
    let number = cn_value(&chars[1..end]).or_else(|| digits_value(&chars[1..end]))?;
    let kind = match chars.get(end)? {
        '章' => Kind::Chapter,
        '节' | '節' => Kind::Part,
        '条' | '條' => Kind::Article,
        _ => return None,
    };
    Some((kind, number, end + 1))
}

/// `一、`
fn cn_comma(chars: &[char]) -> Option<(Kind, u32, usize)> {
    let end = chars.iter().position(|&c| !CN_NUMERAL.contains(c))?;
    if end == 0 || end > 4 || chars[end] != '、' {
        return None;
    }
    Some((Kind::CnComma, cn_value(&chars[..end])?, end + 1))
}

/// `（一）`, `(一)`, `（1）`, `(1)`.
fn parenthesised(chars: &[char]) -> Option<(Kind, u32, usize)> {
    if !matches!(chars.first(), Some('（' | '(')) {
        return None;
    }
    let close = chars.iter().take(6).position(|&c| c == '）' || c == ')')?;
    let inner = &chars[1..close];
    if let Some(n) = cn_value(inner).filter(|_| inner.iter().all(|&c| CN_NUMERAL.contains(c))) {
        return Some((Kind::ParenCn, n, close + 1));
    }
    Some((Kind::ParenArabic, digits_value(inner)?, close + 1))
}

/// `1.`, `1．`, `1、` — but not a decimal (`1.5亿元`) or a year (`2024年`).
fn arabic(chars: &[char]) -> Option<(Kind, u32, usize)> {
    let end = chars.iter().position(|&c| ascii_digit(c).is_none())?;
    let number = digits_value(&chars[..end])?;
    let sep = chars[end];
    if !matches!(sep, '.' | '．' | '、') {
        return None;
    }
    if chars
        .get(end + 1)
        .is_some_and(|&c| ascii_digit(c).is_some())
    {
        return None;
    }
    Some((Kind::Arabic(sep), number, end + 1))
}

/// `①`–`⑳`.
fn circled(chars: &[char]) -> Option<(Kind, u32, usize)> {
    let c = *chars.first()?;
    ('①'..='⑳')
        .contains(&c)
        .then(|| (Kind::Circled, c as u32 - '①' as u32 + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Option<(Kind, u32, String)> {
        marker(text).map(|m| (m.kind, m.number, m.rest))
    }

    #[test]
    fn the_numberings_of_official_documents() {
        assert_eq!(
            m("一、总体要求"),
            Some((Kind::CnComma, 1, "总体要求".into()))
        );
        assert_eq!(
            m("（二十二）强化组织领导。充分发挥"),
            Some((Kind::ParenCn, 22, "强化组织领导。充分发挥".into()))
        );
        assert_eq!(
            m("(三)抓住关键环节"),
            Some((Kind::ParenCn, 3, "抓住关键环节".into()))
        );
        assert_eq!(
            m("1. 强化制度"),
            Some((Kind::Arabic('.'), 1, "强化制度".into()))
        );
        assert_eq!(m("12．推动"), Some((Kind::Arabic('．'), 12, "推动".into())));
        assert_eq!(m("３、加强"), Some((Kind::Arabic('、'), 3, "加强".into())));
        assert_eq!(
            m("第四条　市人民政府"),
            Some((Kind::Article, 4, "市人民政府".into()))
        );
        assert_eq!(m("第十二条 县级"), Some((Kind::Article, 12, "县级".into())));
        assert_eq!(m("第二章 保护"), Some((Kind::Chapter, 2, "保护".into())));
        assert_eq!(m("（1）专利"), Some((Kind::ParenArabic, 1, "专利".into())));
        assert_eq!(m("②商标"), Some((Kind::Circled, 2, "商标".into())));
        assert_eq!(
            m("　　二、主要任务"),
            Some((Kind::CnComma, 2, "主要任务".into()))
        );
    }

    #[test]
    fn prose_that_only_looks_numbered() {
        for text in [
            "1.5亿元的质押融资",
            "2024年全市",
            "第一时间处置",
            "一是加强",
            "（此件公开发布）",
            "十四五期间",
            "",
        ] {
            assert_eq!(m(text), None, "{text}");
        }
    }

    #[test]
    fn labels_follow_the_document() {
        assert_eq!(Kind::ParenCn.label().0, "（{cn}）");
        assert_eq!(Kind::Arabic('、').label().0, "{last}、");
        assert_eq!(Kind::Article.label(), ("第{cn}条".into(), "Art. {last}"));
    }
}
