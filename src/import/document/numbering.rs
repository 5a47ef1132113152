//! Word's automatic numbering (`word/numbering.xml`): a paragraph with `w:numPr` shows a
//! number that is not in its text — `一、`, `（一）`, `1.` — and that number is what tells
//! a section from a measure. This turns each numbered paragraph's list level into the text
//! Word shows, counting as Word counts.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::render::chinese_numeral;

/// How one level of a list shows its counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Decimal,
    FullWidth,
    /// 一、二、… 十一
    Chinese,
    /// 甲、乙、丙 …
    HeavenlyStem,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Circled,
    /// A bullet or no number: nothing a section or a measure could be told by.
    Nothing,
}

impl Format {
    fn from_name(name: &str) -> Format {
        match name {
            "decimal" | "decimalZero" => Format::Decimal,
            "decimalFullWidth" | "decimalFullWidth2" => Format::FullWidth,
            "chineseCounting"
            | "chineseCountingThousand"
            | "chineseLegalSimplified"
            | "ideographDigital"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand" => Format::Chinese,
            "ideographTraditional" => Format::HeavenlyStem,
            "lowerLetter" => Format::LowerLetter,
            "upperLetter" => Format::UpperLetter,
            "lowerRoman" => Format::LowerRoman,
            "upperRoman" => Format::UpperRoman,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circled,
            _ => Format::Nothing,
        }
    }

    fn show(self, n: u32) -> String {
        match self {
            Format::Decimal => n.to_string(),
            Format::FullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
            Format::Chinese => chinese_numeral(&n.to_string()),
            Format::HeavenlyStem => {
                const STEMS: [char; 10] =
                    ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
                STEMS[(n.max(1) as usize - 1) % 10].to_string()
            }
            Format::LowerLetter | Format::UpperLetter => {
                let base = if self == Format::LowerLetter {
                    b'a'
                } else {
                    b'A'
                };
                char::from(base + ((n.max(1) - 1) % 26) as u8).to_string()
            }
            Format::LowerRoman => roman(n).to_lowercase(),
            Format::UpperRoman => roman(n),
            Format::Circled => char::from_u32('①' as u32 + n.clamp(1, 20) - 1)
                .map(String::from)
                .unwrap_or_default(),
            Format::Nothing => String::new(),
        }
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[derive(Clone, Debug)]
struct Level {
    start: u32,
    format: Format,
    /// `%1、`, `（%1）`, `%1.%2`: the counters of the levels named.
    text: String,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: Format::Decimal,
            text: String::new(),
        }
    }
}

/// A list instance (`w:num`): its abstract definition and the starts it overrides.
#[derive(Clone, Debug, Default)]
struct List {
    abstract_id: u32,
    start_overrides: HashMap<u8, u32>,
}

/// The lists of a Word document, and where each one's counters stand.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    lists: HashMap<u32, List>,
    counters: HashMap<u32, [u32; 9]>,
}

impl Numbering {
    /// Reads `word/numbering.xml`. What it cannot read is left out: a paragraph of an unknown
    /// list shows no number, as its text alone is still worth importing.
    pub fn parse(xml: &str) -> Numbering {
        let mut numbering = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<u32> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut list: Option<(u32, List)> = None;
        let mut override_level: Option<u8> = None;
        loop {
            let event = match reader.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(event) => event,
            };
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abstract_id = attribute(&e, "abstractNumId"),
                    "lvl" if abstract_id.is_some() => {
                        level = attribute(&e, "ilvl").map(|i| (i as u8, Level::default()));
                    }
                    "start" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, attribute(&e, "val")) {
                            l.start = v;
                        } else if let (Some((_, list)), Some(i), Some(v)) =
                            (&mut list, override_level, attribute(&e, "val"))
                        {
                            list.start_overrides.insert(i, v);
                        }
                    }
                    "startOverride" => {
                        if let (Some((_, list)), Some(i), Some(v)) =
                            (&mut list, override_level, attribute(&e, "val"))
                        {
                            list.start_overrides.insert(i, v);
                        }
                    }
                    "numFmt" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, text_attribute(&e, "val")) {
                            l.format = Format::from_name(&v);
                        }
                    }
                    "lvlText" => {
                        if let (Some((_, l)), Some(v)) = (&mut level, text_attribute(&e, "val")) {
                            l.text = v;
                        }
                    }
                    "num" => {
                        list = attribute(&e, "numId").map(|id| (id, List::default()));
                    }
                    "abstractNumId" => {
                        if let (Some((_, list)), Some(v)) = (&mut list, attribute(&e, "val")) {
                            list.abstract_id = v;
                        }
                    }
                    "lvlOverride" => override_level = attribute(&e, "ilvl").map(|i| i as u8),
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let (Some(id), Some((i, l))) = (abstract_id, level.take()) {
                            let levels = numbering.abstracts.entry(id).or_default();
                            let i = usize::from(i.min(8));
                            if levels.len() <= i {
                                levels.resize(i + 1, Level::default());
                            }
                            levels[i] = l;
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, l)) = list.take() {
                            numbering.lists.insert(id, l);
                        }
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        numbering
    }

    /// The number Word shows before the next paragraph of list `num_id` at `level`
    /// (`一、`, `（二）`, `3.`), counting it; `None` for a bullet or an unknown list.
    pub fn next(&mut self, num_id: u32, level: u8) -> Option<String> {
        let list = self.lists.get(&num_id)?;
        let levels = self.abstracts.get(&list.abstract_id)?;
        let level = usize::from(level.min(8));
        let start = |i: usize| {
            list.start_overrides
                .get(&(i as u8))
                .copied()
                .or_else(|| levels.get(i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(num_id).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            start(level)
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let this = levels.get(level)?;
        if this.format == Format::Nothing || this.text.is_empty() {
            return None;
        }
        let mut shown = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let counter = if counters[i] == 0 {
                        start(i)
                    } else {
                        counters[i]
                    };
                    let format = levels.get(i).map_or(Format::Decimal, |l| l.format);
                    shown.push_str(&format.show(counter));
                }
                _ => shown.push(c),
            }
        }
        Some(shown)
    }
}

/// A numeric attribute (`w:val="3"`), by its local name.
pub fn attribute(e: &BytesStart, name: &str) -> Option<u32> {
    text_attribute(e, name).and_then(|v| v.trim().parse().ok())
}

/// An attribute's text, by its local name.
pub fn text_attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>"#;

    #[test]
    fn counts_as_word_does() {
        let mut n = Numbering::parse(XML);
        assert_eq!(n.next(1, 0).as_deref(), Some("一、"));
        assert_eq!(n.next(1, 1).as_deref(), Some("（一）"));
        assert_eq!(n.next(1, 2).as_deref(), Some("1."));
        assert_eq!(n.next(1, 2).as_deref(), Some("2."));
        assert_eq!(n.next(1, 1).as_deref(), Some("（二）"));
        // A deeper level starts again under a new parent.
        assert_eq!(n.next(1, 2).as_deref(), Some("1."));
        assert_eq!(n.next(1, 0).as_deref(), Some("二、"));
        assert_eq!(n.next(1, 1).as_deref(), Some("（一）"));
        // Bullets and unknown lists show nothing; an override sets the start.
        assert_eq!(n.next(2, 0), None);
        assert_eq!(n.next(9, 0), None);
        assert_eq!(n.next(3, 0).as_deref(), Some("四、"));
    }

    #[test]
    fn formats() {
        assert_eq!(Format::Chinese.show(24), "二十四");
        assert_eq!(Format::FullWidth.show(12), "１２");
        assert_eq!(Format::UpperRoman.show(14), "XIV");
        assert_eq!(Format::HeavenlyStem.show(3), "丙");
        assert_eq!(Format::Circled.show(2), "②");
    }
}
