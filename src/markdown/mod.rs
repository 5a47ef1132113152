//! Markdown → [`Fragment`]: parse once, collect `@` cross-references with their source spans,
//! and render HTML with slots for what depends on the page (relative `href`s, link text).
//!
//! The engine is comrak with its CJK-friendly emphasis: under plain CommonMark,
//! `**（一）完善组织领导。**市委…` is not bold, because a closing `**` preceded by punctuation
//! (`。`) and followed by a letter (`市`) is not "right-flanking". Chinese official documents
//! write exactly this everywhere.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, create_formatter, parse_document};
use std::collections::HashSet;
use std::fmt::Write;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Fragment, LangId, Reference, Slot, SlotKind};
use crate::source::{SourceFile, Span};

/// Where a piece of Markdown sits in its file, to turn comrak's positions into spans.
#[derive(Clone, Copy, Debug)]
pub enum Origin {
    /// The Markdown is the file's text from `start` (a line start) on: a `.md` body.
    Verbatim { start: usize },
    /// The Markdown is the value of a YAML scalar at `span`; positions are found by searching
    /// the raw scalar, since quoting and folding shift them.
    YamlScalar { span: Span },
}

/// What differs between the places Markdown is compiled.
pub struct CompileOptions<'a> {
    /// Prepended to heading ids so that several fragments can share a page (`01-coordination-`).
    pub heading_prefix: &'a str,
    pub allow_raw_html: bool,
}

fn comrak_options(allow_raw_html: bool) -> Options<'static> {
    let mut o = Options::default();
    o.extension.cjk_friendly_emphasis = true;
    o.extension.table = true;
    o.extension.footnotes = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.render.r#unsafe = allow_raw_html;
    // Raw HTML is shown as text rather than silently dropped, so the editor sees it.
    o.render.escape = !allow_raw_html;
    o
}

/// Output of [`compile`] before it is stored in the site.
pub struct Compiled {
    pub fragment: Fragment,
    pub diagnostics: Vec<Diagnostic>,
}

/// Goes over the parsed document once: numbers the `@` links (the formatter finds each again
/// by its index), drops HTML comments (the editor's notes to themselves) and reports the first
/// raw HTML (W0107). Returns the references with whether their link text is empty.
fn mark_nodes<'a>(
    root: &'a comrak::nodes::AstNode<'a>,
    locator: &Locator,
    options: &CompileOptions,
) -> (Vec<(Reference, bool)>, Vec<Diagnostic>) {
    let mut refs = Vec::new();
    let mut diagnostics = Vec::new();
    let mut seen_raw_html = false;
    let mut comments = Vec::new();
    for node in root.descendants() {
        let mut data = node.data_mut();
        let sourcepos = data.sourcepos;
        match &mut data.value {
            NodeValue::Link(link) if link.url.starts_with('@') => {
                let span = locator.span(sourcepos, &link.url, refs_with(&refs, &link.url));
                let empty_text = node.first_child().is_none();
                refs.push((Reference::new(link.url.clone(), span), empty_text));
                // The formatter finds the reference again by its index.
                link.url = format!("@{}", refs.len() - 1);
            }
            // A comment is the editor's note to themselves: dropped, not shown.
            NodeValue::HtmlInline(html) if is_comment(html) => {
                data.value = NodeValue::Text(String::new().into());
            }
            NodeValue::HtmlBlock(block) if is_comment(&block.literal) => {
                comments.push(node);
            }
            NodeValue::HtmlInline(_) | NodeValue::HtmlBlock(_)
                if !options.allow_raw_html && !seen_raw_html =>
            {
                seen_raw_html = true;
                let span = locator.span(sourcepos, "<", 0);
                diagnostics.push(
                    Diagnostic::new(Code::RawHtml, span, "raw HTML in Markdown is shown as text")
                        .with_help(
                            "write Markdown instead, or set `allow_raw_html: true` in site.yaml \
                             if this site really needs raw HTML",
                        ),
                );
            }
            _ => {}
        }
    }

    for comment in comments {
        comment.detach();
    }
    (refs, diagnostics)
}

/// Compiles one Markdown text.
pub fn compile(
    source: &str,
    lang: LangId,
    file: &SourceFile,
    file_id: crate::source::FileId,
    origin: Origin,
    options: &CompileOptions,
) -> Compiled {
    let comrak = comrak_options(options.allow_raw_html);
    let arena = Arena::new();
    let root = parse_document(&arena, source, &comrak);
    let locator = Locator {
        file,
        file_id,
        origin,
        source,
    };

    let (refs, diagnostics) = mark_nodes(root, &locator, options);

    let state = FormatState {
        heading_prefix: options.heading_prefix.to_string(),
        ..FormatState::default()
    };
    let mut raw = String::with_capacity(source.len() * 3 / 2);
    // Writing into a String cannot fail.
    let state = RefFormatter::format_document(root, &comrak, &mut raw, state).unwrap_or_default();
    let (html, slots) = extract_slots(raw);

    Compiled {
        fragment: Fragment {
            lang,
            html,
            slots,
            refs: refs.into_iter().map(|(r, _)| r).collect(),
            source: source.to_string(),
            origin: match origin {
                Origin::Verbatim { start } => Span::new(file_id, start, start + source.len()),
                Origin::YamlScalar { span } => span,
            },
            verbatim: matches!(origin, Origin::Verbatim { .. }),
            heading_ids: state.heading_ids,
        },
        diagnostics,
    }
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// How many references with this destination come before, to find the n-th occurrence.
fn refs_with(refs: &[(Reference, bool)], url: &str) -> usize {
    refs.iter().filter(|(r, _)| r.raw == url).count()
}

#[derive(Default)]
struct FormatState {
    heading_prefix: String,
    heading_ids: Vec<String>,
    used: HashSet<String>,
}

create_formatter!(RefFormatter<FormatState>, {
    NodeValue::Link(ref link) => |context, node, entering| {
        if let Some(index) = link.url.strip_prefix('@') {
            if entering {
                // NUL never survives comrak's parsing (CommonMark replaces it with U+FFFD), so
                // these markers cannot come from the text.
                write!(context, "<a\0P{index}\0 href=\"\0H{index}\0\"")?;
                if !link.title.is_empty() {
                    context.write_str(" title=\"")?;
                    comrak::html::escape(context, &link.title)?;
                    context.write_str("\"")?;
                }
                context.write_str(">")?;
                if node.first_child().is_none() {
                    write!(context, "\0T{index}\0")?;
                }
            } else {
                context.write_str("</a>")?;
            }
        } else if is_neutralised(context, &link.url) {
            // A `javascript:` (or similar) address: the text stays, as text, rather than a
            // link to nowhere that reloads the page when clicked.
        } else {
            return comrak::html::format_node_default(context, node, entering);
        }
    },
    NodeValue::Image(ref image) => |context, node, entering| {
        if !is_neutralised(context, &image.url) {
            return comrak::html::format_node_default(context, node, entering);
        }
        // An image whose address is refused shows its description, not a broken image.
        if entering {
            return Ok(comrak::html::ChildRendering::Plain);
        }
    },
    NodeValue::Heading(ref heading) => |context, node, entering| {
        if entering {
            let id = unique_heading_id(&mut context.user, &heading_text(node));
            write!(context, "<h{} id=\"", heading.level)?;
            comrak::html::escape(context, &id)?;
            context.write_str("\">")?;
        } else {
            writeln!(context, "</h{}>", heading.level)?;
        }
    },
});

/// Whether comrak would empty the address (`href=""`, `src=""`) as dangerous.
fn is_neutralised<T>(context: &comrak::html::Context<T>, url: &str) -> bool {
    !context.options.render.r#unsafe && comrak::html::dangerous_url(url)
}

fn heading_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => text.push_str(t),
            NodeValue::Code(c) => text.push_str(&c.literal),
            _ => {}
        }
    }
    text
}

fn unique_heading_id(state: &mut FormatState, text: &str) -> String {
    let base = format!("{}{}", state.heading_prefix, slugify(text));
    let mut id = base.clone();
    let mut n = 1;
    while !state.used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    state.heading_ids.push(id.clone());
    id
}

/// A heading anchor that keeps Chinese: letters and digits of any script stay, white space
/// becomes `-`, other punctuation goes. `（一）完善组织领导` → `一完善组织领导`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').to_string();
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// Removes the `\0P3\0` / `\0H3\0` / `\0T3\0` markers and records where they were.
fn extract_slots(raw: String) -> (String, Vec<Slot>) {
    if !raw.contains('\0') {
        return (raw, Vec::new());
    }
    let mut html = String::with_capacity(raw.len());
    let mut slots = Vec::new();
    let mut parts = raw.split('\0');
    if let Some(first) = parts.next() {
        html.push_str(first);
    }
    while let (Some(marker), Some(after)) = (parts.next(), parts.next()) {
        let kind = match marker.as_bytes().first() {
            Some(b'H') => SlotKind::Href,
            Some(b'P') => SlotKind::Proof,
            _ => SlotKind::LinkText,
        };
        if let Ok(reference) = marker[1..].parse() {
            slots.push(Slot {
                at: html.len(),
                reference,
                kind,
            });
        }
        html.push_str(after);
    }
    (html, slots)
}

/// Turns comrak source positions into spans in the file.
struct Locator<'a> {
    file: &'a SourceFile,
    file_id: crate::source::FileId,
    origin: Origin,
    source: &'a str,
}

impl Locator<'_> {
    /// The span of a node; `needle` and `occurrence` find it in a YAML scalar.
    fn span(&self, pos: comrak::nodes::Sourcepos, needle: &str, occurrence: usize) -> Span {
        match self.origin {
            Origin::Verbatim { start } => {
                let (first_line, _) = self.file.line_col(start as u32);
                // CommonMark also ends a line at a lone `\r`, which the source map does not:
                // keep the position inside the Markdown and on a character.
                let end = (start + self.source.len()).min(self.file.text.len());
                let at = |line: usize, col: usize| {
                    let mut offset =
                        (self.file.line_start(first_line + line.max(1) - 1) + col.max(1) - 1)
                            .min(end);
                    while !self.file.text.is_char_boundary(offset) {
                        offset -= 1;
                    }
                    offset
                };
                let from = at(pos.start.line, pos.start.column);
                let to = at(pos.end.line, pos.end.column + 1);
                Span::new(self.file_id, from, to.max(from))
            }
            Origin::YamlScalar { span } => {
                let raw = &self.file.text[span.start as usize..span.end as usize];
                match raw.match_indices(needle).nth(occurrence) {
                    Some((i, _)) => {
                        // Widen to the whole `[text](@…)` when it is on the raw line.
                        let before = &raw[..i];
                        let open = before
                            .rfind("](")
                            .and_then(|close| before[..close].rfind('['));
                        let from = span.start as usize + open.unwrap_or(i);
                        let end_in_raw = raw[i..].find(')').map_or(i + needle.len(), |e| i + e + 1);
                        Span::new(self.file_id, from, span.start as usize + end_in_raw)
                    }
                    None => {
                        let _ = self.source;
                        span
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_str(md: &str) -> Compiled {
        let file = SourceFile::new("t.md".into(), "t.md".into(), md.to_string());
        compile(
            md,
            LangId(0),
            &file,
            crate::source::FileId(0),
            Origin::Verbatim { start: 0 },
            &CompileOptions {
                heading_prefix: "",
                allow_raw_html: false,
            },
        )
    }

    /// Found by fuzzing: a lone `\r` ends a line for CommonMark but not for the source map,
    /// and the raw-HTML warning pointed past the end of the file.
    #[test]
    fn spans_stay_inside_the_text_with_lone_carriage_returns() {
        for md in [
            "\r<?<Un&\0\0\n",
            "a\r\r<b>\r知识</b>\r",
            "\r\r\r[x](@case/2023/y)",
        ] {
            let c = compile_str(md);
            for d in &c.diagnostics {
                let span = d.span.expect("a span");
                assert!(
                    span.start <= span.end && span.end as usize <= md.len(),
                    "{md:?}: {d:?}"
                );
                assert!(md.is_char_boundary(span.start as usize));
                assert!(md.is_char_boundary(span.end as usize));
            }
            for r in &c.fragment.refs {
                assert!(r.span.end as usize <= md.len(), "{md:?}");
            }
        }
    }

    #[test]
    fn cjk_emphasis_next_to_chinese_punctuation_is_bold() {
        let c = compile_str("**（一）完善组织领导。**市委市政府高度重视。\n");
        assert!(
            c.fragment
                .html
                .contains("<strong>（一）完善组织领导。</strong>市委"),
            "{}",
            c.fragment.html
        );
        let c = compile_str("这是**“重要”**文字。\n");
        assert!(
            c.fragment.html.contains("<strong>“重要”</strong>文字"),
            "{}",
            c.fragment.html
        );
    }

    #[test]
    fn references_become_slots_with_exact_spans() {
        let md = "第一行\n\n市委高度重视……（[](@measure/decision-2022/4)）和[《决定》](@doc/decision-2022)。\n";
        let c = compile_str(md);
        let f = &c.fragment;
        assert_eq!(f.refs.len(), 2);
        assert_eq!(f.refs[0].raw, "@measure/decision-2022/4");
        let start = md.find("[](").unwrap();
        let end = md.find("）和").unwrap();
        assert_eq!(
            (f.refs[0].span.start as usize, f.refs[0].span.end as usize),
            (start, end)
        );
        // An empty link gets an href slot and a text slot; a link with text only an href slot.
        let kinds: Vec<_> = f.slots.iter().map(|s| (s.reference, s.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (0, SlotKind::Proof),
                (0, SlotKind::Href),
                (0, SlotKind::LinkText),
                (1, SlotKind::Proof),
                (1, SlotKind::Href)
            ]
        );
        assert!(!f.html.contains('\0'));
        assert!(f.html.contains("<a href=\"\">《决定》</a>"));
    }

    #[test]
    fn headings_keep_chinese_and_are_unique() {
        let c = compile_str("### 完善组织领导\n\n### 完善组织领导\n\n## Facts & Outcome\n");
        assert_eq!(
            c.fragment.heading_ids,
            vec!["完善组织领导", "完善组织领导-1", "facts-outcome"]
        );
        assert!(
            c.fragment
                .html
                .contains("<h3 id=\"完善组织领导\">完善组织领导</h3>")
        );
    }

    #[test]
    fn tables_and_footnotes_render() {
        let c = compile_str("| 项目 | 数值 |\n|---|---|\n| a | 1 |\n\n注[^1]。\n\n[^1]: 说明。\n");
        assert!(c.fragment.html.contains("<table>"));
        assert!(c.fragment.html.contains("footnote"));
    }

    #[test]
    fn html_comments_are_dropped_silently() {
        let c =
            compile_str("正文<!-- 待定：数字待核实 -->继续。\n\n<!--\n整段备注\n-->\n\n后文。\n");
        assert!(c.diagnostics.is_empty());
        assert!(!c.fragment.html.contains("待定"), "{}", c.fragment.html);
        assert!(!c.fragment.html.contains("整段备注"), "{}", c.fragment.html);
        assert!(c.fragment.html.contains("正文继续。"));
        assert!(c.fragment.html.contains("后文。"));
        assert!(!c.fragment.html.contains("<p></p>"));
    }

    #[test]
    fn raw_html_is_escaped_and_warned_about() {
        let c = compile_str("a <script>alert(1)</script> b\n");
        assert!(!c.fragment.html.contains("<script>"));
        assert_eq!(c.diagnostics.len(), 1);
        assert_eq!(c.diagnostics[0].code, Code::RawHtml);
    }

    #[test]
    fn refused_links_and_images_become_their_text() {
        let c = compile_str(
            "[点我](javascript:alert(1)) 和 ![示意图](javascript:x) [好](https://a.cn/)\n",
        );
        let html = &c.fragment.html;
        assert!(
            html.contains("<p>点我 和 示意图 <a href=\"https://a.cn/\">好</a></p>"),
            "{html}"
        );
        assert!(
            !html.contains("href=\"\"") && !html.contains("<img"),
            "{html}"
        );
    }

    #[test]
    fn nul_in_text_cannot_forge_a_slot() {
        let c = compile_str("a\0H0\0b [](@doc/x)\n");
        // The link's own three: proof, href, text.
        assert_eq!(c.fragment.slots.len(), 3);
        assert_eq!(c.fragment.refs.len(), 1);
    }

    #[test]
    fn slug_rules() {
        assert_eq!(slugify("（一）完善组织领导"), "一完善组织领导");
        assert_eq!(slugify("  Hello, World  "), "hello-world");
        assert_eq!(slugify("！！"), "section");
    }
}
