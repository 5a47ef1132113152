//! The indicator page's chart, read back from its SVG: every target of every plan drawn, the
//! years running over the values and targets only, and value labels clear of the targets'
//! lines (`tests/fixtures/chart/`: a target equal to a value, and an earlier plan).
//!
//! The chart has no viewBox: x is a percentage of its width, y a percentage of its height,
//! which is 20rem (the theme's `.chart`), and a text's `dy` is in em of its 0.875rem. A line
//! of text reaches at most 0.9em above its baseline and 0.25em below it.

use crate::common;

use ipreport::render::OutputFile;
use ipreport::session::{self, CompileOptions};

const HEIGHT_REM: f64 = 20.0;
const TEXT_REM: f64 = 0.875;
const ASCENT_EM: f64 = 0.9;
const DESCENT_EM: f64 = 0.25;

/// The chart of `invention-patents` in the fixture site with the chart overlay.
fn charts() -> Vec<String> {
    let dir = common::overlaid(&common::fixtures().join("chart"));
    let compiled = session::compile(dir.path(), CompileOptions::default());
    let report =
        ipreport::diagnostics::render_human(&compiled.diagnostics, &compiled.sources, false);
    assert!(compiled.diagnostics.is_empty(), "{report}");
    let output = compiled.output.expect("the site builds");
    [
        "indicators/invention-patents/index.html",
        "en/indicators/invention-patents/index.html",
    ]
    .iter()
    .map(|path| {
        let Some(OutputFile::Bytes(b)) = output.get(*path) else {
            panic!("no {path}");
        };
        let html = std::str::from_utf8(b).unwrap();
        let svg = &html[html.find("<svg class=\"chart\"").expect("a chart")..];
        svg[..svg.find("</svg>").unwrap() + 6].to_string()
    })
    .collect()
}

/// One element of the chart: its attributes and its text.
#[derive(Debug)]
struct Element {
    tag: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn class(&self) -> &str {
        self.attr("class").unwrap_or("")
    }

    /// A percentage attribute as a fraction.
    fn pct(&self, name: &str) -> f64 {
        let v = self
            .attr(name)
            .unwrap_or_else(|| panic!("no {name}: {self:?}"));
        v.strip_suffix('%').unwrap().parse::<f64>().unwrap() / 100.0
    }

    /// An `em` attribute (0 when absent).
    fn em(&self, name: &str) -> f64 {
        self.attr(name)
            .map_or(0.0, |v| v.strip_suffix("em").unwrap().parse().unwrap())
    }

    /// A text's top and bottom, in rem from the chart's top.
    fn text_span(&self) -> (f64, f64) {
        let baseline = self.pct("y") * HEIGHT_REM + self.em("dy") * TEXT_REM;
        (
            baseline - ASCENT_EM * TEXT_REM,
            baseline + DESCENT_EM * TEXT_REM,
        )
    }
}

/// The elements of an SVG written as the chart writes it (no nesting but `<text>` in it).
fn elements(svg: &str) -> Vec<Element> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with('/') {
            continue;
        }
        let end = rest.find('>').unwrap();
        let head = rest[..end].trim_end_matches('/');
        let (tag, mut attrs_text) = head.split_once(' ').unwrap_or((head, ""));
        let mut attrs = Vec::new();
        while let Some(eq) = attrs_text.find("=\"") {
            let name = attrs_text[..eq].trim().to_string();
            let value_start = eq + 2;
            let value_end = value_start + attrs_text[value_start..].find('"').unwrap();
            attrs.push((name, attrs_text[value_start..value_end].to_string()));
            attrs_text = &attrs_text[value_end + 1..];
        }
        let after = &rest[end + 1..];
        let text = after[..after.find('<').unwrap_or(0)].to_string();
        out.push(Element {
            tag: tag.to_string(),
            attrs,
            text,
        });
        rest = after;
    }
    out
}

#[test]
fn every_target_of_every_plan_is_drawn() {
    for svg in charts() {
        let els = elements(&svg);
        let marks = els.iter().filter(|e| e.class() == "target-mark").count();
        let labels: Vec<&str> = els
            .iter()
            .filter(|e| e.class() == "target-label")
            .map(|e| e.text.as_str())
            .collect();
        // 2022 and 2025 of the earlier plan; 2025 and 2026 of the 2024–2026 plan.
        assert_eq!(marks, 4, "{svg}");
        for level in ["30", "41", "45", "50"] {
            assert!(
                labels
                    .iter()
                    .any(|l| l.starts_with("≥ ") && l.contains(level)),
                "no target at {level},000: {labels:?}"
            );
        }
        // Each plan's targets are a staircase: the 2025 target of the 2024–2026 plan from
        // 2024, its 2026 target from 2025; the earlier plan's 2022 target is a marker alone
        // (its first year, 2021, is before the chart), its 2025 target a line from 2022.
        let lines = els.iter().filter(|e| e.class() == "target").count();
        assert_eq!(lines, 3, "{svg}");
        assert!(svg.contains("<desc"), "the chart describes itself");
    }
}

#[test]
fn the_years_run_over_the_values_and_the_targets_only() {
    for svg in charts() {
        let years: Vec<i32> = elements(&svg)
            .iter()
            .filter(|e| e.tag == "text" && e.class().split(' ').any(|c| c == "tick"))
            .filter_map(|e| e.text.parse().ok())
            .filter(|y| (1900..2100).contains(y))
            .collect();
        // Values 2023 and 2024, targets 2022, 2025 and 2026.
        assert_eq!(years, vec![2022, 2023, 2024, 2025, 2026], "{svg}");
    }
}

#[test]
fn a_value_equal_to_a_target_is_labelled_clear_of_the_target_line() {
    for svg in charts() {
        let els = elements(&svg);
        let lines: Vec<&Element> = els.iter().filter(|e| e.class() == "target").collect();
        let values: Vec<&Element> = els.iter().filter(|e| e.class() == "value").collect();
        assert_eq!(values.len(), 2);
        // The 2024 value, 41000, on the 2025 target's line, which starts at 2024.
        let value = values
            .iter()
            .find(|v| v.text.replace(',', "") == "41000")
            .expect("the 2024 value's label");
        let point = els
            .iter()
            .find(|e| e.tag == "circle" && e.attr("cx") == value.attr("x"))
            .expect("its point");
        let on_line = lines
            .iter()
            .find(|l| l.attr("y1") == point.attr("cy"))
            .expect("a target line through the point");
        assert!(on_line.pct("x1") <= point.pct("cx") && point.pct("cx") < on_line.pct("x2"));
        // No value label reaches a target line that runs under its point.
        for v in &values {
            let (top, bottom) = v.text_span();
            for l in &lines {
                let x = v.pct("x");
                if !(l.pct("x1") <= x && x <= l.pct("x2")) {
                    continue;
                }
                let y = l.pct("y1") * HEIGHT_REM;
                assert!(
                    y < top - 0.05 || y > bottom + 0.05,
                    "the label {:?} ({top:.2}–{bottom:.2} rem) is on the target line at {y:.2} rem",
                    v.text
                );
            }
        }
    }
}
