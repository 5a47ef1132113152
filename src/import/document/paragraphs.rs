//! The paragraphs of a document as its reader found them, and the clean-up both readers
//! share: white space, lines broken inside a sentence, full-width digits in numbering.

/// One paragraph of the document's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Where it starts: the line of a text file, or the paragraph of a Word file (from 1).
    pub at: usize,
}

/// The punctuation a Chinese sentence, heading or quotation may end with.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '。', '！', '？', '；', '：', '”', '’', '」', '』', '）', ')', '.', '!', '?', ';', ':',
    ])
}

/// Whether a line ends as prose does, with a full stop or the like; a title or a heading
/// ends without one (or with the bracket of its period: `工作方案(2024-2026年)`).
pub fn ends_prose(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '！', '？', '；', '.', '!', '?', ';'])
}

/// Joins the lines of one paragraph: nothing between two Chinese characters (a line break
/// in the middle of a Chinese sentence is no space), a space elsewhere.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim_matches(super::markers::is_blank);
        if line.is_empty() {
            continue;
        }
        let wide = |c: char| !c.is_ascii();
        let glue = match (out.chars().last(), line.chars().next()) {
            (None, _) => "",
            (Some(a), Some(b)) if wide(a) || wide(b) => "",
            _ => " ",
        };
        out.push_str(glue);
        out.push_str(line);
    }
    out
}

/// Collapses runs of white space inside a paragraph into one space, and drops the space
/// that text extracted from a PDF puts between Chinese characters and digits
/// (`达到 650 件` → `达到650件`).
pub fn tidy(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if super::markers::is_blank(c) {
            let start = i;
            while i < chars.len() && super::markers::is_blank(chars[i]) {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let keep = match (before, after) {
                (None, _) | (_, None) => false,
                (Some(a), Some(b)) => !(is_han(a) || is_han(b)) || (a.is_ascii() && b.is_ascii()),
            };
            if keep {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A Chinese character or a full-width mark: where spaces are not part of the text.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Paragraphs that were one sentence broken across lines (as in text taken from a PDF, where
/// every line of the page is a paragraph) joined again: a long paragraph that does not end a
/// sentence goes on in the next one, unless that one starts with numbering.
pub fn rejoin_broken(paragraphs: Vec<Paragraph>) -> Vec<Paragraph> {
    /// Shorter paragraphs without final punctuation are titles and headings.
    const LINE: usize = 25;
    let mut out: Vec<Paragraph> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        if let Some(last) = out.last_mut() {
            // Prose has commas; metadata lines (`索引号:…`) and titles have none.
            let prose = last.text.contains(['，', '。', '、', '；', ',']);
            let broken = prose && last.text.chars().count() >= LINE && !ends_sentence(&last.text);
            if broken && super::markers::marker(&p.text).is_none() {
                last.text = join_lines([last.text.as_str(), p.text.as_str()]);
                continue;
            }
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str, at: usize) -> Paragraph {
        Paragraph {
            text: text.into(),
            at,
        }
    }

    #[test]
    fn lines_join_without_spaces_between_chinese() {
        assert_eq!(
            join_lines(["关于加强知识产权保护", "激发社会创新活力的实施意见"]),
            "关于加强知识产权保护激发社会创新活力的实施意见"
        );
        assert_eq!(join_lines(["Work Plan", "2024"]), "Work Plan 2024");
    }

    #[test]
    fn spaces_from_a_pdf_go() {
        assert_eq!(tidy("年申请达到 650 件，版权"), "年申请达到650件，版权");
        assert_eq!(
            tidy("中共天水市委办公室 天水市人民政府办公室"),
            "中共天水市委办公室天水市人民政府办公室"
        );
        assert_eq!(tidy("PCT  applications\t2024"), "PCT applications 2024");
    }

    #[test]
    fn sentences_broken_across_lines_are_joined() {
        let joined = rejoin_broken(vec![
            p(
                "（二）强化行政保护。运用“互联网+”技术，建立侵权假冒线索发现机制。建立统一的侵",
                1,
            ),
            p("权判定支撑体系。明确判定标准。", 3),
            p("三、推进知识产权创造", 5),
            p("（八）深化专利战略工程。", 7),
        ]);
        assert_eq!(joined.len(), 3);
        assert!(
            joined[0]
                .text
                .ends_with("建立统一的侵权判定支撑体系。明确判定标准。")
        );
        assert_eq!(joined[1].at, 5);
    }
}
