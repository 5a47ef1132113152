//! The structure of a document's body: which numbered headings are sections, which are
//! measures, which are implementation stages, and how the measures are numbered so that each
//! number is unique in the document and shows as the document shows it.

use super::markers::{Kind, Marker, marker};
use super::paragraphs::{Paragraph, tidy};

/// A document's body, ready to be written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub body: Body,
    pub stages: Vec<Stage>,
    /// The label of the measures of the most common numbering (`（{cn}）`, `{n}.`): zh, en.
    pub measure_label: Option<(String, &'static str)>,
    /// What the editor should know: what was left out, what was renumbered.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Sections(Vec<Section>),
    Measures(Vec<Measure>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Measures(Vec::new())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section {
    pub title: String,
    pub summary: Vec<String>,
    /// A label of its own, for measures numbered unlike the document's others.
    pub label: Option<(String, &'static str)>,
    pub measures: Vec<Measure>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measure {
    pub n: String,
    pub title: Option<String>,
    pub text: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage {
    pub title: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Vec<String>,
}

impl Outline {
    pub fn measures(&self) -> Vec<&Measure> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Measure>) {
            for s in sections {
                out.extend(&s.measures);
                walk(&s.sections, out);
            }
        }
        let mut out = Vec::new();
        match &self.body {
            Body::Measures(m) => out.extend(m),
            Body::Sections(s) => walk(s, &mut out),
        }
        out
    }
}

/// A measure's title is its first sentence when that is a heading's length.
const TITLE_CHARS: usize = 40;

/// A numbered paragraph and what belongs to it.
#[derive(Debug)]
struct Node {
    marker: Marker,
    body: Vec<String>,
    children: Vec<usize>,
    parent: Option<usize>,
}

/// Where the body of a document starts: its first numbered heading.
pub fn body_start(paragraphs: &[Paragraph]) -> Option<usize> {
    paragraphs
        .iter()
        .position(|p| marker(&p.text).is_some_and(|m| m.kind.rank().is_some()))
}

/// The outline of `body`, the paragraphs from the first numbered heading on.
pub fn read(body: &[Paragraph]) -> Outline {
    let mut notes = Vec::new();
    let body = without_end_matter(body, &mut notes);
    let nodes = tree(body);
    let mut outline = Outline {
        notes,
        ..Outline::default()
    };
    let roots: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].parent.is_none())
        .collect();
    let sectioned = roots.iter().any(|&i| !nodes[i].children.is_empty());
    let is_section =
        |i: usize| !nodes[i].children.is_empty() || (sectioned && nodes[i].parent.is_none());
    // The parts of an implementation section are stages, not measures.
    let staged: Vec<bool> = (0..nodes.len())
        .map(|i| stages_of(&nodes, i).is_some())
        .collect();
    let is_measure = |i: usize| !is_section(i) && !nodes[i].parent.is_some_and(|p| staged[p]);
    let numbers = Numbers::new(&nodes, &is_measure);
    outline.measure_label = numbers.dominant.map(Kind::label);
    if numbers.renumbered {
        outline.notes.push(
            "measure numbers repeat in ways that could not be told apart: the measures are numbered 1, 2, 3 … in order; check them against the original".into(),
        );
    }
    let builder = Builder {
        nodes: &nodes,
        numbers: &numbers,
        is_section: &is_section,
    };
    if sectioned {
        let mut sections = Vec::new();
        for &i in &roots {
            builder.section_or_stages(i, &mut sections, &mut outline);
        }
        outline.body = Body::Sections(sections);
    } else {
        outline.body = Body::Measures(roots.iter().map(|&i| builder.measure(i)).collect());
    }
    outline
}

/// The body without an attachment's title and what follows it (附件：…, 抄送：…) and without
/// a signature and date at its end.
fn without_end_matter<'a>(body: &'a [Paragraph], notes: &mut Vec<String>) -> &'a [Paragraph] {
    let mut end = body
        .iter()
        .position(|p| {
            let t = p.text.trim_start_matches(super::markers::is_blank);
            t.starts_with("附件") || t.starts_with("抄送") || t.starts_with("附：")
        })
        .unwrap_or(body.len());
    if end < body.len() {
        notes.push(format!(
            "the text from `{}` on ({} paragraph{}) was not imported: attachments and distribution lists are no part of the document's measures",
            short(&body[end].text),
            body.len() - end,
            if body.len() - end == 1 { "" } else { "s" }
        ));
    }
    // A date at the very end, and the signatures above it.
    if end > 0 && super::front::date(&body[end - 1].text).is_some() {
        end -= 1;
        while end > 0 && is_signature(&body[end - 1].text) {
            end -= 1;
        }
    }
    &body[..end]
}

fn is_signature(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 40 && !super::paragraphs::ends_sentence(text) && marker(text).is_none()
}

/// The first words of a paragraph, to name it in a note.
fn short(text: &str) -> String {
    let words: String = text.chars().take(16).collect();
    if text.chars().count() > 16 {
        format!("{words}…")
    } else {
        words
    }
}

/// The numbered paragraphs as a tree, each with the text that follows it.
fn tree(body: &[Paragraph]) -> Vec<Node> {
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for p in body {
        let m = marker(&p.text).filter(|m| {
            let Some(rank) = m.kind.rank() else {
                return false;
            };
            // Inside an article, only another article or a chapter is structure.
            let in_article = open.iter().any(|&i| nodes[i].marker.kind == Kind::Article);
            rank < u8::MAX
                && (!in_article || matches!(m.kind, Kind::Article | Kind::Chapter | Kind::Part))
        });
        let Some(m) = m else {
            let text = tidy(&p.text);
            match open.last() {
                Some(&i) => nodes[i].body.push(text),
                None => continue,
            }
            continue;
        };
        let rank = m.kind.rank().unwrap_or(u8::MAX);
        while let Some(&top) = open.last() {
            if nodes[top].marker.kind.rank().unwrap_or(u8::MAX) >= rank {
                open.pop();
            } else {
                break;
            }
        }
        let parent = open.last().copied();
        let index = nodes.len();
        nodes.push(Node {
            marker: Marker {
                rest: tidy(&m.rest),
                ..m
            },
            body: Vec::new(),
            children: Vec::new(),
            parent,
        });
        if let Some(parent) = parent {
            nodes[parent].children.push(index);
        }
        open.push(index);
    }
    nodes
}

/// The number each measure gets.
struct Numbers {
    /// By node.
    n: Vec<Option<String>>,
    /// The numbering most measures have.
    dominant: Option<Kind>,
    /// Measures whose numbering differs from the dominant one, by their section's node.
    labelled_sections: Vec<(usize, Kind)>,
    renumbered: bool,
}

impl Numbers {
    fn new(nodes: &[Node], is_measure: &dyn Fn(usize) -> bool) -> Numbers {
        let measures: Vec<usize> = (0..nodes.len()).filter(|&i| is_measure(i)).collect();
        let mut kinds: Vec<(Kind, usize)> = Vec::new();
        for &i in &measures {
            let kind = nodes[i].marker.kind;
            match kinds.iter_mut().find(|(k, _)| k.same_as(kind)) {
                Some((_, count)) => *count += 1,
                None => kinds.push((kind, 1)),
            }
        }
        // The first of the most common kinds: `max_by_key` would take the last.
        let dominant = kinds
            .iter()
            .fold(None::<(Kind, usize)>, |best, &(k, c)| match best {
                Some((_, bc)) if bc >= c => best,
                _ => Some((k, c)),
            })
            .map(|(k, _)| k);
        let path = |i: usize| {
            let mut parts = vec![nodes[i].marker.number];
            let mut p = nodes[i].parent;
            while let Some(j) = p {
                parts.push(nodes[j].marker.number);
                p = nodes[j].parent;
            }
            parts.reverse();
            parts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".")
        };
        let of_dominant = |i: usize| dominant.is_some_and(|d| nodes[i].marker.kind.same_as(d));
        let dominant_numbers: Vec<u32> = measures
            .iter()
            .filter(|&&i| of_dominant(i))
            .map(|&i| nodes[i].marker.number)
            .collect();
        let unique = dominant_numbers
            .iter()
            .enumerate()
            .all(|(k, n)| !dominant_numbers[..k].contains(n));
        let mut n = vec![None; nodes.len()];
        let mut labelled_sections: Vec<(usize, Kind)> = Vec::new();
        for &i in &measures {
            n[i] = Some(if of_dominant(i) && unique {
                nodes[i].marker.number.to_string()
            } else {
                path(i)
            });
            if !of_dominant(i)
                && let Some(parent) = nodes[i].parent
                && !labelled_sections.iter().any(|(s, _)| *s == parent)
            {
                labelled_sections.push((parent, nodes[i].marker.kind));
            }
        }
        let given: Vec<&String> = n.iter().flatten().collect();
        let renumbered = given
            .iter()
            .enumerate()
            .any(|(k, x)| given[..k].contains(x));
        if renumbered {
            for (k, &i) in measures.iter().enumerate() {
                n[i] = Some((k + 1).to_string());
            }
            labelled_sections.clear();
        }
        Numbers {
            n,
            dominant,
            labelled_sections,
            renumbered,
        }
    }
}

struct Builder<'a> {
    nodes: &'a [Node],
    numbers: &'a Numbers,
    is_section: &'a dyn Fn(usize) -> bool,
}

impl Builder<'_> {
    /// Node `i` as a section of `into`, or, when its parts are dated, as the stages.
    fn section_or_stages(&self, i: usize, into: &mut Vec<Section>, outline: &mut Outline) {
        if let Some(stages) = self.stages(i) {
            let node = &self.nodes[i];
            let kept = if node.body.is_empty() {
                String::new()
            } else {
                format!(
                    "; its opening text was not kept: “{}”",
                    short(&node.body.join(""))
                )
            };
            outline.notes.push(format!(
                "`{}` became the document's {} stages{kept}",
                node.marker.rest,
                stages.len()
            ));
            outline.stages.extend(stages);
            return;
        }
        let node = &self.nodes[i];
        let (title, mut summary) = split_heading(&node.marker.rest);
        summary.extend(node.body.iter().cloned());
        let mut section = Section {
            title: if title.is_empty() {
                shown_number(&node.marker)
            } else {
                title
            },
            summary,
            label: self
                .numbers
                .labelled_sections
                .iter()
                .find(|(s, _)| *s == i)
                .map(|(_, k)| k.label()),
            ..Section::default()
        };
        for &c in &node.children {
            if (self.is_section)(c) {
                self.section_or_stages(c, &mut section.sections, outline);
            } else {
                section.measures.push(self.measure(c));
            }
        }
        if section.measures.is_empty() && section.sections.is_empty() && section.summary.is_empty()
        {
            // Its content was a table, or nothing: an empty column fails inspections (E0403).
            outline.notes.push(format!(
                "`{}` has no text and no measures: it was left out",
                section.title
            ));
            return;
        }
        into.push(section);
    }

    fn stages(&self, i: usize) -> Option<Vec<Stage>> {
        stages_of(self.nodes, i)
    }

    fn measure(&self, i: usize) -> Measure {
        let node = &self.nodes[i];
        let n = self.numbers.n[i]
            .clone()
            .unwrap_or_else(|| node.marker.number.to_string());
        let rest = node.marker.rest.as_str();
        let (title, mut text) = if node.marker.kind == Kind::Article {
            (None, vec![rest.to_string()])
        } else {
            let (title, text) = split_heading(rest);
            if title.chars().count() <= TITLE_CHARS && !title.is_empty() {
                (Some(title), text)
            } else {
                (None, vec![rest.to_string()])
            }
        };
        text.retain(|t| !t.is_empty());
        text.extend(node.body.iter().cloned());
        // Sub-measures below the document's measures stay text of theirs.
        for &c in &node.children {
            let child = &self.nodes[c];
            text.push(format!(
                "{}{}",
                shown_number(&child.marker),
                child.marker.rest
            ));
            text.extend(child.body.iter().cloned());
        }
        Measure { n, title, text }
    }
}

/// The stages of an implementation section (四、实施步骤): its parts, each dated.
fn stages_of(nodes: &[Node], i: usize) -> Option<Vec<Stage>> {
    let node = &nodes[i];
    if node.children.is_empty() {
        return None;
    }
    node.children
        .iter()
        .map(|&c| {
            let child = &nodes[c];
            if !child.children.is_empty() {
                return None;
            }
            let (title, from, to, after) = dated(&child.marker.rest)?;
            let mut text: Vec<String> = after.into_iter().collect();
            text.extend(child.body.iter().cloned());
            Some(Stage {
                title,
                from: Some(from),
                to: Some(to),
                text,
            })
        })
        .collect()
}

/// The numbering as the document shows it: `一、`, `（二）`, `3.`, `第四条`.
fn shown_number(m: &Marker) -> String {
    let n = m.number.to_string();
    m.kind
        .label()
        .0
        .replace("{cn}", &crate::render::chinese_numeral(&n))
        .replace("{last}", &n)
}

/// A heading's title and the text after its first full stop: `加强组织领导。将……` →
/// (`加强组织领导`, [`将……`]).
fn split_heading(rest: &str) -> (String, Vec<String>) {
    match rest.find('。') {
        Some(p) => {
            let title = rest[..p].trim_end_matches(['；', '：', '，', ';', ':', ',']);
            let after = rest[p + '。'.len_utf8()..].trim();
            let text = if after.is_empty() {
                Vec::new()
            } else {
                vec![after.to_string()]
            };
            (title.to_string(), text)
        }
        None => (
            rest.trim_end_matches(['；', '：', ';', ':']).to_string(),
            Vec::new(),
        ),
    }
}

/// A stage's heading: `筹备动员阶段（2024年1月—2024年5月）` → (`筹备动员阶段`, `2024-01`,
/// `2024-05`, the text after the heading's full stop).
fn dated(rest: &str) -> Option<(String, String, String, Option<String>)> {
    let (heading, after) = match rest.find('。') {
        Some(p) => (
            &rest[..p],
            Some(rest[p + '。'.len_utf8()..].trim().to_string()),
        ),
        None => (rest, None),
    };
    let (span, dates) = date_range(heading)?;
    let mut title = String::new();
    title.push_str(&heading[..span.start]);
    title.push_str(&heading[span.end..]);
    let title = title
        .trim_matches(|c: char| super::markers::is_blank(c) || matches!(c, '：' | ':' | '，' | ','))
        .to_string();
    let show = |(y, m, d): (u32, u32, Option<u32>)| match d {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    };
    Some((
        title,
        show(dates.0),
        show(dates.1),
        after.filter(|a| !a.is_empty()),
    ))
}

type Day = (u32, u32, Option<u32>);

/// The range of months or days in a heading, with the byte span it takes (its brackets
/// included): `（2024年6月—2026年6月）`, `2024年1月至5月`.
fn date_range(text: &str) -> Option<(std::ops::Range<usize>, (Day, Day))> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut dates: Vec<(usize, usize, Day)> = Vec::new();
    let mut year: Option<u32> = None;
    let mut i = 0;
    let number = |i: usize| {
        let digits: String = chars[i..]
            .iter()
            .map(|&(_, c)| c)
            .take_while(char::is_ascii_digit)
            .collect();
        (!digits.is_empty()).then(|| (digits.parse::<u32>().ok(), digits.len()))
    };
    while i < chars.len() {
        let Some((Some(v), len)) = number(i) else {
            i += 1;
            continue;
        };
        let start = chars[i].0;
        let mut j = i + len;
        match chars.get(j).map(|&(_, c)| c) {
            Some('年') => {
                year = Some(v);
                j += 1;
                if let Some((Some(m), mlen)) = number(j)
                    && chars.get(j + mlen).map(|&(_, c)| c) == Some('月')
                {
                    let (day, end) = day_after(&chars, j + mlen + 1, &number);
                    dates.push((start, byte_at(&chars, end, text), (v, m, day)));
                    i = end;
                    continue;
                }
                i = j;
            }
            Some('月') => {
                let y = year?;
                let (day, end) = day_after(&chars, j + 1, &number);
                dates.push((start, byte_at(&chars, end, text), (y, v, day)));
                i = end;
            }
            _ => i = j,
        }
    }
    let [(a_start, _, from), (_, b_end, to)] = dates[..] else {
        return None;
    };
    let valid = |(_, m, d): Day| (1..=12).contains(&m) && d.is_none_or(|d| (1..=31).contains(&d));
    if !valid(from) || !valid(to) {
        return None;
    }
    // The brackets around the range go with it.
    let before = text[..a_start].trim_end();
    let after = &text[b_end..];
    let (start, end) = match (before.chars().last(), after.chars().next()) {
        (Some(o @ ('（' | '(')), Some(c @ ('）' | ')'))) => {
            (before.len() - o.len_utf8(), b_end + c.len_utf8())
        }
        _ => (a_start, b_end),
    };
    Some((start..end, (from, to)))
}

fn day_after(
    chars: &[(usize, char)],
    j: usize,
    number: &dyn Fn(usize) -> Option<(Option<u32>, usize)>,
) -> (Option<u32>, usize) {
    match number(j) {
        Some((Some(d), len)) if chars.get(j + len).map(|&(_, c)| c) == Some('日') => {
            (Some(d), j + len + 1)
        }
        _ => (None, j),
    }
}

fn byte_at(chars: &[(usize, char)], i: usize, text: &str) -> usize {
    chars.get(i).map_or(text.len(), |&(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(lines: &[&str]) -> Outline {
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

    fn sections(o: &Outline) -> &[Section] {
        match &o.body {
            Body::Sections(s) => s,
            Body::Measures(_) => panic!("no sections: {o:#?}"),
        }
    }

    #[test]
    fn a_plan_with_sections_subsections_stages_and_safeguards() {
        let o = outline(&[
            "一、指导思想",
            "坚持以习近平新时代中国特色社会主义思想为指导。",
            "二、主要任务",
            "（一）提升知识产权创造质效",
            "1.实施高价值专利培育工程。围绕高端制造业培育高价值专利。",
            "2.培育知识产权密集型企业集群。绘制产业知识产权图谱。",
            "（二）提升知识产权转化效益",
            "3.深入开展专利转化运用专项行动。梳理盘活存量专利。",
            "三、实施步骤",
            "分以下三个阶段开展：",
            "（一）筹备动员阶段（2024年1月—2024年5月）",
            "全面部署目标任务。",
            "（二）组织实施阶段（2024年6月—2026年6月）",
            "分解落实各项工作任务。",
            "四、保障措施",
            "（一）加强组织领导。由领导小组统筹协调。",
            "（二）建立合作机制。建立工作例会机制。",
            "附件：重点任务分工表",
            "序号 任务 责任单位",
        ]);
        let s = sections(&o);
        assert_eq!(s.len(), 3, "{o:#?}");
        assert_eq!(s[0].title, "指导思想");
        assert_eq!(
            s[0].summary,
            vec!["坚持以习近平新时代中国特色社会主义思想为指导。"]
        );
        assert_eq!(s[1].sections.len(), 2);
        let m = &s[1].sections[0].measures;
        assert_eq!(m[0].n, "1");
        assert_eq!(m[0].title.as_deref(), Some("实施高价值专利培育工程"));
        assert_eq!(m[0].text, vec!["围绕高端制造业培育高价值专利。"]);
        assert_eq!(s[1].sections[1].measures[0].n, "3");
        assert_eq!(o.measure_label, Some(("{last}.".to_string(), "{last}.")));
        // The safeguards restart at （一）: numbered 4.1, 4.2, labelled （{cn}）.
        assert_eq!(s[2].title, "保障措施");
        assert_eq!(s[2].label, Some(("（{cn}）".to_string(), "({last})")));
        assert_eq!(s[2].measures[1].n, "4.2");
        assert_eq!(s[2].measures[1].title.as_deref(), Some("建立合作机制"));
        // The dated parts are the stages.
        assert_eq!(o.stages.len(), 2);
        assert_eq!(o.stages[0].title, "筹备动员阶段");
        assert_eq!(o.stages[0].from.as_deref(), Some("2024-01"));
        assert_eq!(o.stages[1].to.as_deref(), Some("2026-06"));
        assert_eq!(o.stages[1].text, vec!["分解落实各项工作任务。"]);
        assert_eq!(o.measures().len(), 5);
        assert_eq!(o.notes.len(), 2, "{:#?}", o.notes);
        assert!(o.notes[0].contains("附件"), "{:#?}", o.notes);
    }

    #[test]
    fn measures_numbered_across_sections() {
        let o = outline(&[
            "一、总体要求",
            "以习近平新时代中国特色社会主义思想为指导。",
            "二、加强知识产权保护体系建设",
            "（一）严格司法保护。推动成立知识产权法院。",
            "（二）强化行政保护。建立侵权假冒线索发现机制。",
            "三、保障措施",
            "（三）强化组织领导。充分发挥领导小组协调作用。",
        ]);
        let s = sections(&o);
        assert_eq!(o.measure_label, Some(("（{cn}）".to_string(), "({last})")));
        assert_eq!(s[2].measures[0].n, "3");
        assert_eq!(s[2].label, None);
    }

    #[test]
    fn articles_keep_their_items_as_text() {
        let o = outline(&[
            "第一条　为了加强知识产权保护，制定本决定。",
            "第二条　市人民政府应当履行下列职责：",
            "（一）统筹协调；",
            "（二）督促检查。",
            "第三条　本决定自公布之日起施行。",
        ]);
        let Body::Measures(m) = &o.body else {
            panic!("{o:#?}")
        };
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].n, "2");
        assert_eq!(m[1].title, None);
        assert_eq!(
            m[1].text,
            vec![
                "市人民政府应当履行下列职责：",
                "（一）统筹协调；",
                "（二）督促检查。"
            ]
        );
        assert_eq!(
            o.measure_label,
            Some(("第{cn}条".to_string(), "Art. {last}"))
        );
    }

    #[test]
    fn restarting_numbers_become_dotted() {
        let o = outline(&[
            "一、强化保护",
            "（一）严格司法保护。推动。",
            "（二）强化行政保护。建立。",
            "二、促进运用",
            "（一）推进质押融资。扩大。",
        ]);
        let ns: Vec<&str> = o.measures().iter().map(|m| m.n.as_str()).collect();
        assert_eq!(ns, vec!["1.1", "1.2", "2.1"]);
    }

    #[test]
    fn a_signature_at_the_end_is_left_out() {
        let o = outline(&[
            "1.加强领导。统筹。",
            "2.强化保障。落实。",
            "宁波市人民政府",
            "2024年2月29日",
        ]);
        let Body::Measures(m) = &o.body else { panic!() };
        assert_eq!(m[1].text, vec!["落实。"]);
    }

    #[test]
    fn date_ranges() {
        let (span, (from, to)) = date_range("筹备动员阶段（2024年1月—2024年5月）").unwrap();
        assert_eq!(
            &"筹备动员阶段（2024年1月—2024年5月）"[span],
            "（2024年1月—2024年5月）"
        );
        assert_eq!((from, to), ((2024, 1, None), (2024, 5, None)));
        let (_, (from, to)) = date_range("2024年3月15日至6月30日").unwrap();
        assert_eq!((from, to), ((2024, 3, Some(15)), (2024, 6, Some(30))));
        assert!(date_range("到2026年底").is_none());
    }
}
