//! What stands before a document's first numbered heading: the red header, the document
//! number (文号), the notice that transmits it (印发《…》的通知, its addressees, its issuers and
//! date), the title, and the preamble (为……，制定本方案。). Government sites also put a block of
//! metadata on top (文件编号:…, 成文日期:…).

use super::markers::is_blank;
use super::paragraphs::{Paragraph, ends_prose};
use crate::lint::numbers::parse_zh_numeral;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Front {
    pub title: Option<String>,
    pub number: Option<String>,
    pub issuers: Vec<String>,
    pub date: Option<(i32, u32, u32)>,
    /// Paragraphs of prose before the first heading, after the title.
    pub preamble: Vec<Paragraph>,
}

/// Titles are longer than issuers, but neither is a paragraph of prose.
const TITLE_CHARS: usize = 80;
const ISSUER_CHARS: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    /// The red header (`中共宁波市委办公厅文件`), addressees, remarks in brackets, metadata
    /// that is not needed.
    Skip,
    Number,
    Date,
    /// The notice's own title or body, which names the document in 《》.
    Transmits,
    /// A short line without final punctuation: a title, an issuer.
    Short,
    Prose,
}

pub fn read(paragraphs: &[Paragraph]) -> Front {
    let mut front = Front::default();
    let mut kinds = Vec::with_capacity(paragraphs.len());
    let mut quoted: Vec<Option<String>> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        let text = p
            .text
            .trim_start_matches(['-', '•', '·'])
            .trim_matches(is_blank);
        let (kind, title) = classify(text, &mut front);
        kinds.push(kind);
        quoted.push(title);
    }
    let dated = kinds.iter().rposition(|k| *k == Line::Date);
    // A notice transmits the document before it is signed and dated; after that, a title in
    // 《》 is one the document cites.
    for (i, kind) in kinds.iter_mut().enumerate() {
        if *kind == Line::Transmits && dated.is_none_or(|d| i > d) {
            *kind = short_or_prose(&paragraphs[i].text);
        }
    }
    if let Some(d) = dated {
        front.issuers = signatures(&paragraphs[..d], &kinds[..d]);
    }
    // The title follows the notice (or opens the document), and the preamble the title.
    let start = dated.map_or(0, |d| d + 1);
    let mut title_lines: Vec<&str> = Vec::new();
    let mut i = start;
    while i < paragraphs.len() && matches!(kinds[i], Line::Short | Line::Skip | Line::Number) {
        let text = paragraphs[i].text.trim_matches(is_blank);
        if kinds[i] == Line::Short {
            let title = super::paragraphs::join_lines(title_lines.iter().copied());
            if title_lines.is_empty() || !is_complete_title(&title) {
                title_lines.push(text);
            } else if front.issuers.is_empty() && is_body_name(text) {
                // 关于……的报告 / 市市场监督管理局: the body that reports.
                front.issuers.push(text.to_string());
            } else {
                break;
            }
        }
        i += 1;
    }
    let transmitted = dated.and_then(|d| quoted[..d].iter().flatten().next().cloned());
    front.title = transmitted
        .or_else(|| {
            (!title_lines.is_empty())
                .then(|| super::paragraphs::join_lines(title_lines.iter().copied()))
        })
        .map(|t| typeset_title(&t));
    front.preamble = paragraphs[i..]
        .iter()
        .zip(&kinds[i..])
        .filter(|(_, k)| matches!(k, Line::Prose | Line::Short | Line::Transmits))
        .map(|(p, _)| p.clone())
        .collect();
    front
}

/// The names signed above the date: the short lines just before it, several names on a line
/// apart by spaces.
fn signatures(paragraphs: &[Paragraph], kinds: &[Line]) -> Vec<String> {
    let mut i = paragraphs.len();
    let mut lines = Vec::new();
    while i > 0 && kinds[i - 1] == Line::Short {
        let text = paragraphs[i - 1].text.trim_matches(is_blank);
        if text.chars().count() > ISSUER_CHARS {
            break;
        }
        lines.push(text);
        i -= 1;
    }
    lines.reverse();
    lines
        .iter()
        .flat_map(|line| line.split(is_blank))
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// A title is complete when it ends with the word of its kind, or with its period in
/// brackets: the next short line is no part of it.
fn is_complete_title(title: &str) -> bool {
    let t = title.trim_end();
    if t.ends_with(')') || t.ends_with('）') {
        return true;
    }
    const ENDS: &[&str] = &[
        "报告",
        "意见",
        "方案",
        "决定",
        "规划",
        "纲要",
        "条例",
        "办法",
        "规定",
        "细则",
        "通知",
        "计划",
        "要点",
        "决议",
        "公告",
        "通报",
        "批复",
        "函",
        "白皮书",
        "清单",
    ];
    ENDS.iter().any(|e| t.ends_with(e))
}

/// The name of a body: 市市场监督管理局, 天水市人民政府办公室, 宁波市中级人民法院.
fn is_body_name(text: &str) -> bool {
    const ENDS: &[&str] = &[
        "局",
        "委员会",
        "常委会",
        "政府",
        "办公室",
        "办公厅",
        "法院",
        "检察院",
        "厅",
        "委",
        "部",
        "中心",
        "小组",
        "署",
        "会",
    ];
    text.chars().count() <= ISSUER_CHARS && ENDS.iter().any(|e| text.ends_with(e))
}

fn short_or_prose(text: &str) -> Line {
    let text = text.trim_matches(is_blank);
    if text.chars().count() <= TITLE_CHARS && !ends_prose(text) {
        Line::Short
    } else {
        Line::Prose
    }
}

/// A title as official documents set it: `工作方案(2024-2026年)` → `工作方案（2024—2026年）`.
fn typeset_title(title: &str) -> String {
    let chinese = title
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if !chinese {
        return title.to_string();
    }
    let chars: Vec<char> = title.chars().collect();
    let digit = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(char::is_ascii_digit)
    };
    let mut out = String::with_capacity(title.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => out.push('（'),
            ')' => out.push('）'),
            // A range of years: 2024-2026, 2024－2026, 2024–2026.
            '-' | '－' | '–' if digit(i.checked_sub(1)) && digit(Some(i + 1)) => out.push('—'),
            c => out.push(c),
        }
    }
    out
}

fn classify(text: &str, front: &mut Front) -> (Line, Option<String>) {
    if let Some((key, value)) = metadata(text) {
        let value = value.trim_matches(is_blank);
        let number_key = matches!(
            key.as_str(),
            "文件编号" | "文件編號" | "文号" | "文號" | "发文字号" | "發文字號"
        );
        let date_key = matches!(
            key.as_str(),
            "成文日期" | "发布日期" | "發布日期" | "印发日期" | "印發日期"
        );
        if number_key && front.number.is_none() && !value.is_empty() {
            front.number = Some(value.to_string());
        } else if date_key && front.date.is_none() {
            front.date = date(value);
        }
        return (Line::Skip, None);
    }
    let chars = text.chars().count();
    if let Some(number) = document_number(text).filter(|_| chars <= ISSUER_CHARS) {
        front.number.get_or_insert(number);
        return (Line::Number, None);
    }
    if let Some(d) = date(text) {
        front.date = Some(d);
        return (Line::Date, None);
    }
    if let Some(title) = transmitted_title(text) {
        return (Line::Transmits, Some(title));
    }
    // 各区县（市）党委、人民政府：, 市人大常委会：
    let before_colon = text.trim_end_matches(['：', ':']);
    let addressees = before_colon.len() < text.len() && !before_colon.contains(['。', '；', ';']);
    let remark = (text.starts_with('（') && text.ends_with('）'))
        || (text.starts_with('(') && text.ends_with(')'));
    let header = text.ends_with("文件") && chars <= ISSUER_CHARS;
    if addressees || remark || header {
        return (Line::Skip, None);
    }
    (short_or_prose(text), None)
}

/// `文件编号:海政办发〔2024〕6号` → (`文件编号`, `海政办发〔2024〕6号`): a short key of Chinese
/// characters, spaces inside it ignored (`索 引 号`).
fn metadata(text: &str) -> Option<(String, &str)> {
    let colon = text.find([':', '：'])?;
    let key: String = text[..colon].chars().filter(|c| !is_blank(*c)).collect();
    let count = key.chars().count();
    let han = key.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if !(2..=12).contains(&count) || !han {
        return None;
    }
    // An addressee line (`各区县（市）党委：`) ends with its colon; metadata has a value.
    let value = &text[colon + text[colon..].chars().next()?.len_utf8()..];
    const KEYS: &[&str] = &[
        "索引号",
        "索引號",
        "文件编号",
        "文件編號",
        "文号",
        "文號",
        "发文字号",
        "發文字號",
        "成文日期",
        "发布日期",
        "發布日期",
        "印发日期",
        "印發日期",
        "发布单位",
        "發布單位",
        "发文机关",
        "發文機關",
        "主题分类",
        "主題分類",
        "公开方式",
        "公開方式",
        "有效性",
        "政策原文",
        "政策解读",
        "政策解讀",
        "规范性文件统一编号",
        "規范性文件統一編號",
        "统一编号",
        "統一編號",
        "发布机构",
        "發布機構",
        "时效",
        "時效",
    ];
    KEYS.contains(&key.as_str()).then_some((key, value))
}

/// `甬党办〔2020〕77号`, also with `[2020]`, `［2020］` or `（2020）`, and 號.
pub fn document_number(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &open) in chars.iter().enumerate() {
        if !matches!(open, '〔' | '[' | '［' | '（' | '(' | '【') {
            continue;
        }
        let year: String = chars[i + 1..].iter().take(4).collect();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let close = i + 5;
        if !matches!(
            chars.get(close),
            Some('〕' | ']' | '］' | '）' | ')' | '】')
        ) {
            continue;
        }
        let digits = chars[close + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 || !matches!(chars.get(close + 1 + digits), Some('号' | '號')) {
            continue;
        }
        let prefix = chars[..i]
            .iter()
            .rev()
            .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(*c))
            .count();
        if prefix == 0 {
            continue;
        }
        return Some(chars[i - prefix..close + 2 + digits].iter().collect());
    }
    None
}

/// A line that is a date and nothing else: `2021年12月23日`, `二〇二一年十二月二十三日`, or
/// `2024-02-29` in metadata.
pub fn date(text: &str) -> Option<(i32, u32, u32)> {
    let text = text.trim_matches(is_blank);
    let ymd = if let Some((y, rest)) = text.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日')?;
        (y, m, d)
    } else {
        let mut parts = text.splitn(3, ['-', '/', '.']);
        (parts.next()?, parts.next()?, parts.next()?)
    };
    let year = digits(ymd.0)?;
    let month = digits(ymd.1).or_else(|| numeral(ymd.1))?;
    let day = digits(ymd.2).or_else(|| numeral(ymd.2))?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    let valid = (1900..=2200).contains(&year) && (1..=days).contains(&day);
    valid.then_some((year as i32, month, day))
}

/// `2021`, `２０２１` or `二〇二一`: digit by digit.
fn digits(s: &str) -> Option<u32> {
    let s = s.trim_matches(is_blank);
    if s.is_empty() || s.chars().count() > 4 {
        return None;
    }
    s.chars().try_fold(0u32, |acc, c| {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            '〇' | '○' | '零' => 0,
            c => {
                let v = parse_zh_numeral(&[c])?;
                u32::try_from(v).ok().filter(|v| *v < 10)?
            }
        };
        Some(acc * 10 + d)
    })
}

fn numeral(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.trim_matches(is_blank).chars().collect();
    parse_zh_numeral(&chars).and_then(|v| u32::try_from(v).ok())
}

/// The title a notice transmits: `现将《X》印发给你们`, `《X》已经市政府同意`, `印发《X》的通知`.
fn transmitted_title(text: &str) -> Option<String> {
    let transmits = ["印发", "印發", "已经", "已經", "现将", "現將", "同意"]
        .iter()
        .any(|w| text.contains(w));
    if !transmits {
        return None;
    }
    let start = text.find('《')?;
    let mut depth = 0;
    for (i, c) in text[start..].char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    let inner = &text[start + '《'.len_utf8()..start + i];
                    let title: String = inner.chars().filter(|c| !is_blank(*c)).collect();
                    return (!title.is_empty()).then_some(title);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(lines: &[&str]) -> Front {
        let paragraphs: Vec<Paragraph> = lines
            .iter()
            .enumerate()
            .map(|(i, t)| Paragraph {
                text: t.to_string(),
                at: i + 1,
            })
            .collect();
        read(&paragraphs)
    }

    #[test]
    fn a_notice_that_transmits_an_opinion() {
        let f = front(&[
            "市委办发〔2021〕45号",
            "中共天水市委办公室 天水市人民政府办公室",
            "印发《关于加强知识产权保护激发社会",
            "创新活力的实施意见》的通知",
            "各县区党委和人民政府,市委各部门,驻市有关单位:",
            "现将《关于加强知识产权保护激发社会创新活力的实施意见》印发给你们,请结合实际认真抓好贯彻落实。",
            "中共天水市委办公室 天水市人民政府办公室",
            "2021年12月23日",
            "关于加强知识产权保护",
            "激发社会创新活力的实施意见",
            "为深入贯彻习近平总书记重要讲话精神,结合我市实际,提出如下实施意见。",
        ]);
        assert_eq!(
            front_title(&f),
            "关于加强知识产权保护激发社会创新活力的实施意见"
        );
        assert_eq!(f.number.as_deref(), Some("市委办发〔2021〕45号"));
        assert_eq!(
            f.issuers,
            vec!["中共天水市委办公室", "天水市人民政府办公室"]
        );
        assert_eq!(f.date, Some((2021, 12, 23)));
        assert_eq!(f.preamble.len(), 1);
        assert!(f.preamble[0].text.starts_with("为深入贯彻"));
    }

    fn front_title(f: &Front) -> &str {
        f.title.as_deref().unwrap_or_default()
    }

    #[test]
    fn metadata_on_top_and_a_title_over_two_lines() {
        let f = front(&[
            "- 索 引 號:002943395/2024-87587",
            "- 文件編號:海政辦發〔2024〕6號",
            "- 成文日期:2024-02-29",
            "各鎮(鄉)人民政府、街道辦事處,區政府各部門、各直屬單位:",
            "《海曙區國家知識產權強縣建設試點縣工作方案(2024-2026年)》已經區政府同意,現印發給你們,請結合實際認真貫徹落實。",
            "寧波市海曙區人民政府辦公室",
            "2024年2月29日",
            "海曙區國家知識產權強縣建設試點縣",
            "工作方案(2024-2026年)",
            "為高質量推進我區國家知識產權強縣建設試點縣建設工作,制定本方案。",
        ]);
        assert_eq!(
            front_title(&f),
            "海曙區國家知識產權強縣建設試點縣工作方案（2024—2026年）"
        );
        assert_eq!(f.number.as_deref(), Some("海政辦發〔2024〕6號"));
        assert_eq!(f.issuers, vec!["寧波市海曙區人民政府辦公室"]);
        assert_eq!(f.date, Some((2024, 2, 29)));
        assert_eq!(f.preamble.len(), 1);
    }

    #[test]
    fn a_document_without_a_notice() {
        let f = front(&[
            "中共宁波市委办公厅文件",
            "关于全面加强知识产权工作的实施意见",
            "为贯彻落实中央精神，提出如下意见。",
        ]);
        assert_eq!(front_title(&f), "关于全面加强知识产权工作的实施意见");
        assert_eq!(f.issuers, Vec::<String>::new());
        assert_eq!(f.preamble.len(), 1);
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(
            document_number("甬政办发[2024]6号").as_deref(),
            Some("甬政办发[2024]6号")
        );
        assert_eq!(document_number("2024年6号"), None);
        assert_eq!(date("二〇二一年十二月二十三日"), Some((2021, 12, 23)));
        assert_eq!(date("2024年2月30日"), None);
        assert_eq!(date("2024年2月29日"), Some((2024, 2, 29)));
        assert_eq!(date("2024年全市"), None);
    }
}
