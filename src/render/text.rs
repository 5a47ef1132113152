//! Localised text and compiled Markdown as HTML for one page.

use serde::Serialize;

use super::Env;
use super::paths::{PagePath, locate};
use crate::model::{Fragment, LangId, LangMap, MdText, SlotKind, Target, Text, ValueForm};

/// Appends the decimal digits of `n`, as `n.to_string()` writes them. Paths, anchors, dates
/// and the search index join many short numbers into text; `format!` costs ten times as much
/// for each.
#[inline]
pub fn push_u32(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// Like [`push_u32`], for any integer.
pub fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    match u32::try_from(n.unsigned_abs()) {
        Ok(small) => push_u32(out, small),
        // Past 32 bits (a large amount in plain units), which is rare.
        Err(_) => {
            use std::fmt::Write;
            let _ = write!(out, "{}", n.unsigned_abs());
        }
    }
}

/// `prefix`, the digits of `n` and `suffix`, joined (see [`push_int`]).
pub fn with_int(prefix: &str, n: i64, suffix: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + 20 + suffix.len());
    out.push_str(prefix);
    push_int(&mut out, n);
    out.push_str(suffix);
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(text, &mut out);
    out
}

/// [`escape`] into `out`. The characters escaped are ASCII, so the text is searched byte by
/// byte and copied between them in runs.
pub fn escape_into(text: &str, out: &mut String) {
    let mut copied = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
}

/// A text ready for a template: `text` for attributes and `<title>` (the template escapes it),
/// `html` for content, already escaped, wrapped in `<span lang>` when it falls back to another
/// language so that screen readers switch voice.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tx {
    pub text: String,
    pub html: String,
}

impl Tx {
    pub fn plain(text: impl Into<String>) -> Tx {
        let text = text.into();
        Tx {
            html: escape(&text),
            text,
        }
    }

    /// Text already in the page's language, with markup (formatted values with links).
    pub fn with_html(text: impl Into<String>, html: String) -> Tx {
        Tx {
            text: text.into(),
            html,
        }
    }
}

impl Env<'_> {
    /// The text for the page's language, marked when it falls back.
    pub fn tx(&self, text: &Text) -> Tx {
        match text.get(self.lang) {
            Some(l) if l.fallback => {
                let html_lang = self.site.languages.get(l.lang).html_lang;
                Tx {
                    text: l.text.to_string(),
                    html: format!("<span lang=\"{html_lang}\">{}</span>", escape(l.text)),
                }
            }
            Some(l) => Tx::plain(l.text),
            None => Tx::default(),
        }
    }

    pub fn tx_opt(&self, text: Option<&Text>) -> Option<Tx> {
        text.map(|t| self.tx(t)).filter(|t| !t.text.is_empty())
    }

    /// The plain text for the page's language.
    pub fn plain<'t>(&self, text: &'t Text) -> &'t str {
        text.or_empty(self.lang)
    }

    /// Compiled Markdown of the page's language (or the default one, marked with its `lang`),
    /// with every cross-reference made relative to `page`.
    pub fn markdown(
        &self,
        fragments: &LangMap<std::sync::Arc<Fragment>>,
        page: &PagePath,
    ) -> String {
        let Some((fragment, used)) = fragments.get_or_default(self.lang) else {
            return String::new();
        };
        let html = self.materialize(fragment, page);
        if used == self.lang || fragment.lang == self.lang {
            html
        } else {
            let html_lang = self.site.languages.get(used).html_lang;
            format!("<div lang=\"{html_lang}\">{html}</div>")
        }
    }

    pub fn md_text(&self, text: Option<&MdText>, page: &PagePath) -> Option<String> {
        text.map(|t| self.markdown(&t.fragments, page))
            .filter(|h| !h.is_empty())
    }

    /// Fills a fragment's slots for `page`.
    pub fn materialize(&self, fragment: &Fragment, page: &PagePath) -> String {
        let mut out = String::with_capacity(fragment.html.len() + fragment.slots.len() * 40);
        let mut pos = 0;
        for slot in &fragment.slots {
            out.push_str(&fragment.html[pos..slot.at]);
            pos = slot.at;
            let Some(target) = self.links.get(fragment, slot.reference) else {
                continue;
            };
            match slot.kind {
                SlotKind::Proof => {
                    // A figure from the data is styled as text, not as a link (see the theme).
                    if matches!(
                        target,
                        Target::IndicatorValue { .. } | Target::PlanTarget { .. }
                    ) {
                        out.push_str(" class=\"figure\"");
                    }
                    if self.proof.is_some() {
                        let form = fragment
                            .refs
                            .get(slot.reference)
                            .map(|r| ValueForm::of_destination(&r.raw))
                            .unwrap_or(ValueForm::WithUnit);
                        out.push_str(&self.proof_of(target, &form));
                    }
                }
                SlotKind::Href => {
                    let (to, anchor) = locate(self.site, self.language(), target);
                    escape_into(&page.href_to(&to, anchor.as_deref()), &mut out);
                }
                SlotKind::LinkText => {
                    let form = fragment
                        .refs
                        .get(slot.reference)
                        .map(|r| ValueForm::of_destination(&r.raw))
                        .unwrap_or(ValueForm::WithUnit);
                    let text = match target {
                        // Prose cites a document in book-title marks.
                        Target::Document(d) => {
                            self.touch(target);
                            self.document_title(d)
                        }
                        _ => self.link_text_as(target, &form),
                    };
                    out.push_str(&text.html)
                }
            }
        }
        out.push_str(&fragment.html[pos..]);
        // The Markdown engine labels footnote back-links in English.
        const BACK: &str = "aria-label=\"Back to reference ";
        if fragment.html.contains(BACK) {
            let own;
            let ui = if fragment.lang == self.lang {
                self.ui
            } else {
                own = super::ui::labels(&self.site.languages.get(fragment.lang).code);
                &own
            };
            if let Some(label) = ui.get("footnote_back") {
                out = out.replace(BACK, &format!("aria-label=\"{label} "));
            }
        }
        out
    }

    /// The text that fills an empty link to `target` (SPEC §12): a title, a measure's label,
    /// or a formatted value.
    pub fn link_text(&self, target: Target) -> Tx {
        self.link_text_as(target, &ValueForm::WithUnit)
    }

    /// Like [`Env::link_text`], a value shown in `form` (`@indicator/x/2024/change`).
    pub fn link_text_as(&self, target: Target, form: &ValueForm) -> Tx {
        self.touch(target);
        let site = self.site;
        match target {
            Target::Document(d) => self.tx(&site.documents[d].title),
            Target::Measure { doc, measure } => self.measure_label(doc, measure),
            Target::Indicator(i) => self.tx(&site.indicators[i].name),
            Target::IndicatorValue { indicator, year } => {
                Tx::plain(self.value_as(indicator, year, form).unwrap_or_default())
            }
            Target::PlanTarget { doc, target } => {
                let t = &site.documents[doc].targets[target];
                match t.indicator.target {
                    Some(Target::Indicator(i)) => {
                        Tx::plain(self.target_as(i, t, form).unwrap_or_default())
                    }
                    _ => Tx::default(),
                }
            }
            Target::Year(y) => self.tx(&site.years[y].report.title),
            Target::Achievement { year, index } => {
                self.tx(&site.years[year].achievements[index].item.title)
            }
            Target::Case { year, index } => self.tx(&site.years[year].cases[index].item.title),
            Target::Event { year, index } => site.years[year]
                .events
                .as_ref()
                .map(|e| self.tx(&e[index].title))
                .unwrap_or_default(),
            Target::Issue { year, index } => site.years[year]
                .issues
                .as_ref()
                .map(|i| self.tx(&i[index].title))
                .unwrap_or_default(),
            Target::Department(d) => self.tx(&site.departments[d].name),
            Target::Page(p) => self.tx(&site.pages[p].item.title),
        }
    }

    /// The proof view's mark of a value `target` shown in `form` (empty for other targets).
    fn proof_of(&self, target: Target, form: &ValueForm) -> String {
        match target {
            Target::IndicatorValue { indicator, year } => match form {
                ValueForm::Change | ValueForm::ChangePercent => {
                    self.proof_derived(indicator, year, "change")
                }
                ValueForm::Completion => self.proof_derived(indicator, year, "completion"),
                _ => self.proof_value(indicator, year),
            },
            Target::PlanTarget { doc, target } => {
                let t = &self.site.documents[doc].targets[target];
                match t.indicator.target {
                    Some(Target::Indicator(i)) => self.proof_target(i, doc, t),
                    _ => String::new(),
                }
            }
            _ => String::new(),
        }
    }

    /// `《决定》第4条` / `the Decision, Art. 4` (SPEC §5, §12).
    pub fn measure_label(&self, doc: usize, measure: usize) -> Tx {
        let document = &self.site.documents[doc];
        let short_tx = match &document.short {
            Some(short) => self.tx(short),
            // Chinese cites a document by its title in book-title marks.
            None if self.is_chinese() => {
                let title = self.tx(&document.title);
                if title.text.starts_with('《') {
                    title
                } else {
                    Tx::with_html(
                        ["《", &title.text, "》"].concat(),
                        ["《", &title.html, "》"].concat(),
                    )
                }
            }
            None => self.tx(&document.title),
        };
        let label = self.measure_number_label(doc, measure);
        let between = if self.is_chinese() { "" } else { ", " };
        Tx::with_html(
            [short_tx.text.as_str(), between, &label].concat(),
            [short_tx.html.as_str(), between, &escape(&label)].concat(),
        )
    }

    /// A document's title as prose cites it: in Chinese in book-title marks 《…》, unless
    /// the title has them already.
    pub fn document_title(&self, d: usize) -> Tx {
        let title = self.tx(&self.site.documents[d].title);
        if !self.is_chinese() || title.text.starts_with('《') {
            return title;
        }
        Tx::with_html(format!("《{}》", title.text), format!("《{}》", title.html))
    }

    /// The value of `indicator` in `year` (an index into `site.years`) in `form`.
    fn value_as(&self, indicator: usize, y: usize, form: &ValueForm) -> Option<String> {
        let site = self.site;
        let ind = &site.indicators[indicator];
        let v = site.years[y].value(indicator)?;
        let chinese = self.is_chinese();
        let zh_unit = ind.unit.or_empty(LangId::DEFAULT);
        Some(match form {
            ValueForm::WithUnit => self.value(indicator, v),
            ValueForm::Number => super::number::format_bare(ind, v, self.lang, chinese),
            ValueForm::Natural if chinese => super::number::natural_zh(v, zh_unit),
            ValueForm::InUnit(unit) if chinese => super::number::in_unit_zh(v, zh_unit, unit),
            ValueForm::Natural | ValueForm::InUnit(_) => self.value(indicator, v),
            ValueForm::Change | ValueForm::ChangePercent => {
                let previous = self.value_in(indicator, site.years[y].year - 1)?;
                let change = self.change_of(indicator, v, previous);
                match form {
                    ValueForm::Change if !change.points => change.with_unit,
                    _ => change.percent?,
                }
            }
            ValueForm::Completion => {
                let plan = self.target_for(indicator, site.years[y].year)?;
                self.completion(indicator, plan.target, v)?
            }
        })
    }

    /// A plan's target in `form`; its completion is measured with the latest value not after
    /// the target year.
    fn target_as(
        &self,
        indicator: usize,
        t: &crate::model::PlanTarget,
        form: &ValueForm,
    ) -> Option<String> {
        let ind = &self.site.indicators[indicator];
        let chinese = self.is_chinese();
        let zh_unit = ind.unit.or_empty(LangId::DEFAULT);
        let growth = t.op == crate::model::TargetOp::Growth;
        Some(match form {
            ValueForm::Number if !growth => {
                super::number::format_bare(ind, t.value, self.lang, chinese)
            }
            ValueForm::Natural if chinese && !growth => super::number::natural_zh(t.value, zh_unit),
            ValueForm::InUnit(unit) if chinese && !growth => {
                super::number::in_unit_zh(t.value, zh_unit, unit)
            }
            ValueForm::Completion => {
                let latest = self
                    .site
                    .years
                    .iter()
                    .rev()
                    .filter(|y| y.year <= t.year)
                    .find_map(|y| y.value(indicator))?;
                self.completion(indicator, t, latest)?
            }
            _ => self.target_text(indicator, t),
        })
    }

    /// `第4条`, `Art. 4`, `（二十四）`: the label of the measure's section (or of a section
    /// around it), else the document's `measure_label`, else the default. In a label `{n}` is
    /// the measure's number, `{last}` its last part (`3.2` → `2`) and `{cn}` that part in
    /// Chinese numerals (`二`).
    pub fn measure_number_label(&self, doc: usize, measure: usize) -> String {
        let document = &self.site.documents[doc];
        let m = &document.measures[measure];
        let mut section = m.section;
        let mut label = None;
        while let Some(s) = section {
            let here = &document.sections[s];
            if let Some(l) = &here.label {
                label = Some(l);
                break;
            }
            section = here.parent;
        }
        let pattern = match label.or(document.measure_label.as_ref()) {
            Some(label) => self.plain(label).to_string(),
            None if self.is_chinese() => "第{n}项".to_string(),
            None => "item {n}".to_string(),
        };
        let last = m.n.rsplit('.').next().unwrap_or(&m.n);
        // Each link to a measure asks for its label: replace only what the pattern has.
        let mut label = pattern.replace("{n}", &m.n);
        if label.contains("{last}") {
            label = label.replace("{last}", last);
        }
        if label.contains("{cn}") {
            label = label.replace("{cn}", &chinese_numeral(last));
        }
        label
    }

    /// A formatted value of an indicator in the page's language.
    pub fn value(&self, indicator: usize, value: f64) -> String {
        super::number::format_value(
            &self.site.indicators[indicator],
            value,
            self.lang,
            self.is_chinese(),
        )
    }

    pub fn lang_id(&self) -> LangId {
        self.lang
    }
}

/// `24` → `二十四`; numbers that are not whole (`2.3`, `12a`) are returned unchanged.
pub fn chinese_numeral(n: &str) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let Ok(v) = n.parse::<u32>() else {
        return n.to_string();
    };
    if v >= 10000 {
        return n.to_string();
    }
    if v < 10 {
        return DIGITS[v as usize].to_string();
    }
    let units = [(1000, "千"), (100, "百"), (10, "十")];
    let mut out = String::new();
    let mut rest = v;
    let mut pending_zero = false;
    for (size, name) in units {
        let d = rest / size;
        rest %= size;
        if d > 0 {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            // 十 alone for 10–19 at the start: 十二, not 一十二.
            if !(size == 10 && d == 1 && out.is_empty()) {
                out.push_str(DIGITS[d as usize]);
            }
            out.push_str(name);
        } else if !out.is_empty() && rest > 0 {
            pending_zero = true;
        }
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push_str(DIGITS[rest as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_joined_as_to_string_writes_them() {
        for n in [0, 7, -7, 2024, i64::MAX, i64::MIN] {
            assert_eq!(with_int("y", n, "/"), format!("y{n}/"));
        }
    }

    #[test]
    fn escapes_markup_characters_and_keeps_the_rest() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("专利 & “商标”"), "专利 &amp; “商标”");
        assert_eq!(
            escape("<a href=\"x\">'b'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;b&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("&&"), "&amp;&amp;");
    }

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("1", "一"),
            ("10", "十"),
            ("12", "十二"),
            ("20", "二十"),
            ("24", "二十四"),
            ("100", "一百"),
            ("105", "一百零五"),
            ("110", "一百一十"),
            ("1005", "一千零五"),
            ("2.3", "2.3"),
        ];
        for (n, cn) in cases {
            assert_eq!(chinese_numeral(n), cn, "{n}");
        }
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
