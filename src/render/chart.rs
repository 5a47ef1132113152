//! Inline SVG charts, written by hand: deterministic, tiny, no script, no font loaded — CJK
//! labels use the page's own fonts. Each chart has a `<title>` and `<desc>`, and the page
//! shows the same numbers in a table beside it.

use super::text::escape;

/// What a chart says in the page's language.
pub struct ChartText<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Axis caption for the values (the unit).
    pub value_axis: &'a str,
    pub year_axis: &'a str,
    pub target: &'a str,
    /// `：` or `: `.
    pub colon: &'a str,
}

/// A value by year, and how to print it.
pub struct Series<'a> {
    pub points: Vec<(i32, f64)>,
    /// A plan target: year, value and its printed form.
    pub target: Option<(i32, f64, String)>,
    pub format: &'a dyn Fn(f64) -> String,
    /// The proof view's mark of each point's label, in the order of `points` (empty on
    /// built pages; see [`super::proof`]).
    pub marks: Vec<String>,
    /// The proof view's mark of the target's label.
    pub target_mark: String,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 52.0;

/// A round step giving about five ticks over `span`.
fn tick_step(span: f64) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let rough = span / 5.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let norm = rough / magnitude;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

/// The years and values a chart spans, and where they fall in its plot.
struct Frame {
    first: i32,
    last: i32,
    bottom: f64,
    top: f64,
    step: f64,
}

impl Frame {
    /// The frame around the series' points and its target; `None` for no years at all.
    fn of(series: &Series) -> Option<Frame> {
        let mut values: Vec<f64> = series.points.iter().map(|p| p.1).collect();
        if let Some((_, v, _)) = &series.target {
            values.push(*v);
        }
        values.retain(|v| v.is_finite());
        let mut years: Vec<i32> = series.points.iter().map(|p| p.0).collect();
        if let Some((y, _, _)) = &series.target {
            years.push(*y);
        }
        let (first, last) = (*years.iter().min()?, *years.iter().max()?);
        let max = values.iter().cloned().fold(0.0_f64, f64::max);
        let min = values.iter().cloned().fold(0.0_f64, f64::min);
        let step = tick_step(max - min);
        let top = (max / step).ceil() * step;
        let bottom = (min / step).floor() * step;
        let top = if top <= bottom { bottom + step } else { top };
        Some(Frame {
            first,
            last,
            bottom,
            top,
            step,
        })
    }

    fn plot_w() -> f64 {
        WIDTH - LEFT - RIGHT
    }

    fn x(&self, year: i32) -> f64 {
        if self.last == self.first {
            LEFT + Self::plot_w() / 2.0
        } else {
            LEFT + Self::plot_w() * f64::from(year - self.first) / f64::from(self.last - self.first)
        }
    }

    fn y(&self, v: f64) -> f64 {
        let plot_h = HEIGHT - TOP - BOTTOM;
        TOP + plot_h * (1.0 - (v - self.bottom) / (self.top - self.bottom))
    }
}

/// The line chart of an indicator page.
pub fn line_chart(id: &str, series: &Series, text: &ChartText) -> String {
    let Some(frame) = Frame::of(series) else {
        return String::new();
    };
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(text.title),
        escape(text.description)
    );
    value_axis(&mut svg, &frame, series, text);
    year_axis(&mut svg, &frame, text);
    if let Some(target) = &series.target {
        target_mark(&mut svg, &frame, target, &series.target_mark, text);
    }
    values(&mut svg, &frame, series);
    svg.push_str("</svg>");
    svg
}

/// The grid, its ticks and the unit.
fn value_axis(svg: &mut String, frame: &Frame, series: &Series, text: &ChartText) {
    let mut tick = frame.bottom;
    while tick <= frame.top + frame.step / 2.0 {
        let ty = frame.y(tick);
        svg.push_str(&format!(
            "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
             <text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            fmt(LEFT),
            fmt(ty),
            fmt(WIDTH - RIGHT),
            fmt(ty),
            fmt(LEFT - 8.0),
            fmt(ty + 4.0),
            escape(&(series.format)(tick))
        ));
        tick += frame.step;
    }
    svg.push_str(&format!(
        "<text class=\"axis\" x=\"{}\" y=\"{}\">{}</text>",
        fmt(LEFT - 70.0),
        fmt(TOP - 12.0),
        escape(text.value_axis)
    ));
}

fn year_axis(svg: &mut String, frame: &Frame, text: &ChartText) {
    for year in frame.first..=frame.last {
        svg.push_str(&format!(
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
            fmt(frame.x(year)),
            fmt(HEIGHT - BOTTOM + 20.0)
        ));
    }
    svg.push_str(&format!(
        "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        fmt(LEFT + Frame::plot_w() / 2.0),
        fmt(HEIGHT - 10.0),
        escape(text.year_axis)
    ));
}

/// The target: a dashed line at its value, a marker at its year.
fn target_mark(
    svg: &mut String,
    frame: &Frame,
    target: &(i32, f64, String),
    mark: &str,
    text: &ChartText,
) {
    let (ty, tv, label) = target;
    let (x, y) = (frame.x(*ty), frame.y(*tv));
    svg.push_str(&format!(
        "<line class=\"target\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
         <rect class=\"target-mark\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/>\
         <text class=\"target-label\" x=\"{}\" y=\"{}\" text-anchor=\"end\"{}>{}{}{}</text>",
        fmt(LEFT),
        fmt(y),
        fmt(WIDTH - RIGHT),
        fmt(y),
        fmt(x - 5.0),
        fmt(y - 5.0),
        fmt(x - 10.0),
        fmt(y - 8.0),
        mark,
        escape(text.target),
        escape(text.colon),
        escape(label)
    ));
}

/// The values: a line through them, and each one marked and labelled.
fn values(svg: &mut String, frame: &Frame, series: &Series) {
    let path: Vec<String> = series
        .points
        .iter()
        .filter(|p| p.1.is_finite())
        .map(|&(yr, v)| format!("{},{}", fmt(frame.x(yr)), fmt(frame.y(v))))
        .collect();
    if path.len() > 1 {
        svg.push_str(&format!(
            "<polyline class=\"line\" points=\"{}\"/>",
            path.join(" ")
        ));
    }
    for (n, &(yr, v)) in series.points.iter().enumerate() {
        if !v.is_finite() {
            continue;
        }
        let mark = series.marks.get(n).map_or("", String::as_str);
        svg.push_str(&format!(
            "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"4\"/>\
             <text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\"{mark}>{}</text>",
            fmt(frame.x(yr)),
            fmt(frame.y(v)),
            fmt(frame.x(yr)),
            fmt(frame.y(v) - 10.0),
            escape(&(series.format)(v))
        ));
    }
}

/// A small trend line for a table row; decorative, since the row shows the numbers.
pub fn sparkline(values: &[f64]) -> String {
    let values: Vec<f64> = values.iter().cloned().filter(|v| v.is_finite()).collect();
    if values.len() < 2 {
        return String::new();
    }
    let (w, h, pad) = (96.0, 24.0, 3.0);
    let max = values.iter().cloned().fold(f64::MIN, f64::max);
    let min = values.iter().cloned().fold(f64::MAX, f64::min);
    let span = if max > min { max - min } else { 1.0 };
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = pad + (w - 2.0 * pad) * i as f64 / (values.len() - 1) as f64;
            let y = h - pad - (h - 2.0 * pad) * (v - min) / span;
            format!("{},{}", fmt(x), fmt(y))
        })
        .collect();
    format!(
        "<svg class=\"sparkline\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         aria-hidden=\"true\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">\
         <polyline points=\"{}\"/></svg>",
        points.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(48715.0), 10000.0);
        assert_eq!(tick_step(100.0), 20.0);
        assert_eq!(tick_step(0.0), 1.0);
    }

    #[test]
    fn chart_is_accessible_and_escaped() {
        let f = |v: f64| format!("{v}<");
        let svg = line_chart(
            "c",
            &Series {
                points: vec![(2023, 10.0), (2024, 20.0)],
                target: Some((2026, 40.0, "≥ 40".into())),
                format: &f,
                marks: Vec::new(),
                target_mark: String::new(),
            },
            &ChartText {
                title: "有效发明专利",
                description: "2023–2024",
                value_axis: "件",
                year_axis: "年份",
                target: "目标",
                colon: "：",
            },
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">有效发明专利</title>"));
        assert!(svg.contains("class=\"target\""));
        assert!(svg.contains(">2026<"));
        assert!(!svg.contains("<<"), "{svg}");
        assert!(sparkline(&[1.0]).is_empty());
        assert!(sparkline(&[1.0, f64::NAN, 3.0]).contains("polyline"));
    }
}
