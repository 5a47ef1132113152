//! Inline SVG charts, written by hand: deterministic, tiny, no script, no font loaded — CJK
//! labels use the page's own fonts. Each chart has a `<title>` and `<desc>`, and the page
//! shows the same numbers in a table beside it.
//!
//! The line chart has no `viewBox`, so nothing in it is scaled: it is as wide as its column
//! and [`HEIGHT_REM`] tall (the theme's `.chart`), places things at percentages of its width
//! and height, and offsets its texts from their points in `em`, their size being set by the
//! theme in `rem`. Its labels thus keep their size at every width and grow with the page's
//! text (大字号); [`place`] puts each where it crosses no line, marker or other label.

mod place;

use place::{Anchor, Obstacles, TEXT_REM, Text, WIDTHS, regular_width, text_width};

use super::text::escape;

/// What a chart says in the page's language.
pub struct ChartText<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Axis caption for the values (the unit).
    pub value_axis: &'a str,
    pub year_axis: &'a str,
    /// The legend's word for the targets' markers (目标).
    pub target: &'a str,
}

/// A plan's target, drawn as a dashed line at its level from the year the target is set
/// from (the plan's first year, or the year of its target before) to the target's year,
/// where a square marks it.
pub struct ChartTarget {
    pub year: i32,
    /// Where its line starts (`None`: with the chart).
    pub from: Option<i32>,
    /// The level the target asks for in its year.
    pub level: f64,
    /// Its printed form (`≥ 60000`).
    pub label: String,
    /// The proof view's mark of its label (empty on built pages; see [`super::proof`]).
    pub mark: String,
}

/// A value by year, the targets set for it, and how to print a value.
pub struct Series<'a> {
    pub points: Vec<(i32, f64)>,
    /// Every target of every plan for the indicator.
    pub targets: Vec<ChartTarget>,
    pub format: &'a dyn Fn(f64) -> String,
    /// The proof view's mark of each point's label, in the order of `points` (empty on
    /// built pages).
    pub marks: Vec<String>,
}

/// The chart's height in rem (the theme's `.chart { height }`), and the `height` attribute
/// it has without the theme (at 16 px a rem).
pub const HEIGHT_REM: f64 = 20.0;
const HEIGHT_PX: f64 = 320.0;
/// The highest and lowest grid lines, in rem from the top.
const PLOT_TOP: f64 = 2.6;
const PLOT_BOTTOM: f64 = 16.4;
/// The lowest a value or target label may reach, in rem: above the years.
const LABELS_BOTTOM: f64 = 17.0;
/// The baselines of the unit, the years and the year caption, in rem.
const UNIT_Y: f64 = 1.1;
const YEARS_Y: f64 = 18.0;
const CAPTION_Y: f64 = 19.5;
/// The first and last years' positions, as fractions of the width (the first further right
/// when the values' tick labels, which stand above their grid lines at the left edge, need
/// more room: see [`Frame::x_first`]).
const X_FIRST: f64 = 0.08;
const X_LAST: f64 = 0.92;
/// The width the room for the tick labels is made at, in rem (a 390 px phone with 大字号),
/// and the most of the width it takes.
const GUTTER_AT: f64 = WIDTHS[1];
const GUTTER_MAX: f64 = 0.3;
/// A point's and a target's marker, in px (and, for keeping labels clear, in rem).
const POINT_RADIUS: f64 = 4.0;
const TARGET_SIZE: f64 = 10.0;
const MARKER_REM: f64 = 0.3;
/// The least room between two years' labels, in rem.
const YEAR_GAP: f64 = 0.4;

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

/// A fraction as a percentage: `0.0825` → `8.25%`.
fn pct(fraction: f64) -> String {
    format!("{:.2}%", fraction * 100.0)
}

/// A height in rem from the top as a percentage of the chart's height.
fn y_pct(rem: f64) -> String {
    pct(rem / HEIGHT_REM)
}

/// A length in em, for `dx` and `dy`.
fn em(x: f64) -> String {
    format!("{x:.2}em")
}

/// The years and values a chart spans, and where they fall in it.
struct Frame {
    first: i32,
    last: i32,
    bottom: f64,
    top: f64,
    step: f64,
    /// Where the first year is, as a fraction of the width.
    x_first: f64,
}

impl Frame {
    /// The frame around the series' points and targets: the years from the first to the
    /// last that has either, the values from the lowest (or 0) to the highest; `None` for
    /// nothing to draw.
    fn of(series: &Series) -> Option<Frame> {
        let mut frame = Frame::span(series)?;
        frame.x_first = frame.x_first(series);
        Some(frame)
    }

    fn span(series: &Series) -> Option<Frame> {
        let points = series.points.iter().filter(|p| p.1.is_finite());
        let targets = series.targets.iter().filter(|t| t.level.is_finite());
        let values: Vec<f64> = points
            .clone()
            .map(|p| p.1)
            .chain(targets.clone().map(|t| t.level))
            .collect();
        let years: Vec<i32> = points.map(|p| p.0).chain(targets.map(|t| t.year)).collect();
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
            x_first: X_FIRST,
        })
    }

    /// The values of the grid lines, from the lowest.
    fn ticks(&self) -> Vec<f64> {
        let mut ticks = Vec::new();
        let mut tick = self.bottom;
        while tick <= self.top + self.step / 2.0 {
            ticks.push(tick);
            tick += self.step;
        }
        ticks
    }

    /// Where the first year goes so that the values' tick labels keep clear of what is
    /// drawn at it.
    fn x_first(&self, series: &Series) -> f64 {
        let widest = self
            .ticks()
            .into_iter()
            .map(|t| regular_width(&(series.format)(t)))
            .fold(0.0, f64::max);
        ((widest * TEXT_REM + 0.5) / GUTTER_AT).clamp(X_FIRST, GUTTER_MAX)
    }

    /// Where a year is, as a fraction of the width.
    fn x(&self, year: i32) -> f64 {
        if self.last == self.first {
            (self.x_first + X_LAST) / 2.0
        } else {
            self.x_first
                + (X_LAST - self.x_first) * f64::from(year - self.first)
                    / f64::from(self.last - self.first)
        }
    }

    /// Where a value is, in rem from the top.
    fn y(&self, v: f64) -> f64 {
        PLOT_TOP + (PLOT_BOTTOM - PLOT_TOP) * (1.0 - (v - self.bottom) / (self.top - self.bottom))
    }
}

/// A `<text>` at `t`, with `class`, extra attributes (a proof mark) and its content.
fn text_element(class: &str, t: &Text, attrs: &str, content: &str) -> String {
    let mut s = format!(
        "<text class=\"{class}\" x=\"{}\" y=\"{}\"",
        pct(t.x),
        y_pct(t.y)
    );
    if t.dx != 0.0 {
        s.push_str(&format!(" dx=\"{}\"", em(t.dx)));
    }
    if t.dy != 0.0 {
        s.push_str(&format!(" dy=\"{}\"", em(t.dy)));
    }
    if t.anchor != Anchor::Start {
        s.push_str(&format!(" text-anchor=\"{}\"", t.anchor.svg()));
    }
    s.push_str(attrs);
    s.push('>');
    s.push_str(&escape(content));
    s.push_str("</text>");
    s
}

/// A text at (`x`, `y`) offset by (`dx`, `dy`) em, with its width estimated from `content`.
fn text_at(x: f64, y: f64, dx: f64, dy: f64, anchor: Anchor, content: &str) -> Text {
    Text {
        x,
        y,
        dx,
        dy,
        anchor,
        width: text_width(content),
    }
}

/// The line chart of an indicator page.
pub fn line_chart(id: &str, series: &Series, text: &ChartText) -> String {
    let Some(frame) = Frame::of(series) else {
        return String::new();
    };
    let mut svg = format!(
        "<svg class=\"chart\" width=\"100%\" height=\"{HEIGHT_PX}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(text.title),
        escape(text.description)
    );
    let mut obstacles = Obstacles::default();
    value_axis(&mut svg, &mut obstacles, &frame, series, text);
    year_axis(&mut svg, &frame, text);
    let targets = target_lines(&mut svg, &mut obstacles, &frame, series);
    let points = value_line(&mut svg, &mut obstacles, &frame, series);
    value_labels(&mut svg, &mut obstacles, &points, series);
    target_labels(&mut svg, &mut obstacles, &targets);
    svg.push_str("</svg>");
    svg
}

/// The grid, its values (above each line, at the left edge) and the unit.
fn value_axis(
    svg: &mut String,
    obstacles: &mut Obstacles,
    frame: &Frame,
    series: &Series,
    text: &ChartText,
) {
    for tick in frame.ticks() {
        let y = frame.y(tick);
        let label = (series.format)(tick);
        let t = text_at(0.0, y, 0.0, -0.35, Anchor::Start, &label);
        svg.push_str(&format!(
            "<line class=\"grid\" x1=\"0\" y1=\"{}\" x2=\"100%\" y2=\"{}\"/>{}",
            y_pct(y),
            y_pct(y),
            text_element("tick", &t, "", &label)
        ));
        obstacles.texts.push(t);
    }
    if !text.value_axis.is_empty() {
        let t = text_at(0.0, UNIT_Y, 0.0, 0.0, Anchor::Start, text.value_axis);
        svg.push_str(&text_element("axis", &t, "", text.value_axis));
        obstacles.texts.push(t);
    }
    if !series.targets.is_empty() {
        // The legend: the targets' square and word, at the top right.
        let legend = format!("■ {}", text.target);
        let t = text_at(1.0, UNIT_Y, 0.0, 0.0, Anchor::End, &legend);
        svg.push_str(&text_element("legend", &t, "", &legend));
        obstacles.texts.push(t);
    }
}

/// Every how many years a year is labelled so that labels `w` rem apart leave room
/// between them, with `years` years on the axis.
fn year_step(years: i32, x_first: f64, w: f64) -> i32 {
    if years < 2 {
        return 1;
    }
    let apart = (X_LAST - x_first) * w / f64::from(years - 1);
    let needed = regular_width("2000") * TEXT_REM + YEAR_GAP;
    // At least 1, at most every year but the first: a small whole number.
    let step = (needed / apart).ceil().clamp(1.0, f64::from(years));
    step as i32
}

/// The years, each labelled where there is room for it: the ones there is room for only on
/// wider screens are `year-minor` (hidden by the theme on phones), those there is no room
/// for on the narrowest phones with 大字号 only `year-tight` (hidden there).
fn year_axis(svg: &mut String, frame: &Frame, text: &ChartText) {
    let years = frame.last - frame.first + 1;
    // The narrowest chart above the theme's narrow-screen width (721 px with 大字号).
    let wide = year_step(years, frame.x_first, 33.5);
    let narrow = year_step(years, frame.x_first, WIDTHS[1]);
    let narrowest = year_step(years, frame.x_first, WIDTHS[0]);
    for (n, year) in (frame.first..=frame.last).enumerate() {
        let n = n as i32;
        if n % wide != 0 {
            continue;
        }
        let class = if n % narrow != 0 {
            "tick year-minor"
        } else if n % narrowest != 0 {
            "tick year-tight"
        } else {
            "tick"
        };
        let t = text_at(
            frame.x(year),
            YEARS_Y,
            0.0,
            0.0,
            Anchor::Middle,
            &year.to_string(),
        );
        svg.push_str(&text_element(class, &t, "", &year.to_string()));
    }
    let t = text_at(0.5, CAPTION_Y, 0.0, 0.0, Anchor::Middle, text.year_axis);
    svg.push_str(&text_element("axis", &t, "", text.year_axis));
}

/// The targets' dashed lines and markers; returns where each marker is.
fn target_lines<'s>(
    svg: &mut String,
    obstacles: &mut Obstacles,
    frame: &Frame,
    series: &'s Series,
) -> Vec<(f64, f64, &'s ChartTarget)> {
    let mut marked = Vec::new();
    for t in series.targets.iter().filter(|t| t.level.is_finite()) {
        let (x, y) = (frame.x(t.year), frame.y(t.level));
        let from = t
            .from
            .map_or(frame.first, |f| f.max(frame.first))
            .min(t.year);
        if from < t.year {
            let x0 = frame.x(from);
            svg.push_str(&format!(
                "<line class=\"target\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                pct(x0),
                y_pct(y),
                pct(x),
                y_pct(y)
            ));
            obstacles.lines.push(((x0, y), (x, y)));
        }
        svg.push_str(&format!(
            "<rect class=\"target-mark\" x=\"{}\" y=\"{}\" width=\"{TARGET_SIZE}\" \
             height=\"{TARGET_SIZE}\" transform=\"translate({} {})\"/>",
            pct(x),
            y_pct(y),
            fmt(-TARGET_SIZE / 2.0),
            fmt(-TARGET_SIZE / 2.0)
        ));
        obstacles.markers.push((x, y, MARKER_REM));
        marked.push((x, y, t));
    }
    marked
}

/// A drawn point: its index in the series, where it is, its value.
struct Point {
    n: usize,
    x: f64,
    y: f64,
    value: f64,
}

/// The line through the values and a dot at each; returns the points drawn.
fn value_line(
    svg: &mut String,
    obstacles: &mut Obstacles,
    frame: &Frame,
    series: &Series,
) -> Vec<Point> {
    let points: Vec<Point> = series
        .points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.1.is_finite())
        .map(|(n, &(year, value))| Point {
            n,
            x: frame.x(year),
            y: frame.y(value),
            value,
        })
        .collect();
    for pair in points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        svg.push_str(&format!(
            "<line class=\"line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            pct(a.x),
            y_pct(a.y),
            pct(b.x),
            y_pct(b.y)
        ));
        obstacles.lines.push(((a.x, a.y), (b.x, b.y)));
    }
    for p in &points {
        svg.push_str(&format!(
            "<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"{POINT_RADIUS}\"/>",
            pct(p.x),
            y_pct(p.y)
        ));
        obstacles.markers.push((p.x, p.y, MARKER_REM));
    }
    points
}

/// Offsets (em) of a label from its point: above and below it, centred; beside it, above
/// or below; and above or below it, but starting or ending a little past it (at the edges).
const ABOVE: f64 = -0.75;
const BELOW: f64 = 1.45;
const SIDE: f64 = 0.55;
const SIDE_ABOVE: f64 = -0.5;
const SIDE_BELOW: f64 = 1.25;
const EDGE: f64 = 0.6;

/// Where a label could go around a point at (`x`, `y`), best first: away from the lines
/// to its neighbours (`rising`: the one before is lower and the one after higher; `peak`:
/// none is higher; `trough`: none is lower); the spots from the returned index on are a
/// line further away.
fn label_spots(x: f64, y: f64, label: &str, shape: Shape, side: f64) -> (Vec<Text>, usize) {
    let at = |anchor, dx, dy| text_at(x, y, dx, dy, anchor, label);
    let above = at(Anchor::Middle, 0.0, ABOVE);
    let below = at(Anchor::Middle, 0.0, BELOW);
    let above_left = at(Anchor::End, -side, SIDE_ABOVE);
    let above_right = at(Anchor::Start, side, SIDE_ABOVE);
    let below_left = at(Anchor::End, -side, SIDE_BELOW);
    let below_right = at(Anchor::Start, side, SIDE_BELOW);
    let first: &[Text] = match shape {
        Shape::Peak => &[above],
        Shape::Trough => &[below],
        Shape::Rising => &[above_left, below_right],
        Shape::Falling => &[above_right, below_left],
    };
    let mut spots = first.to_vec();
    spots.extend([
        above,
        below,
        at(Anchor::Start, -EDGE, ABOVE),
        at(Anchor::End, EDGE, ABOVE),
        at(Anchor::Start, -EDGE, BELOW),
        at(Anchor::End, EDGE, BELOW),
        above_left,
        above_right,
        below_left,
        below_right,
    ]);
    let near = spots.len();
    spots.extend([
        // A line further away, when the nearer spots are taken.
        at(Anchor::Middle, 0.0, ABOVE - 1.2),
        at(Anchor::Middle, 0.0, BELOW + 1.2),
        at(Anchor::End, -side, SIDE_ABOVE - 1.2),
        at(Anchor::Start, side, SIDE_ABOVE - 1.2),
        at(Anchor::End, -side, SIDE_BELOW + 1.2),
        at(Anchor::Start, side, SIDE_BELOW + 1.2),
    ]);
    (spots, near)
}

/// How the line runs through a point.
#[derive(Clone, Copy)]
enum Shape {
    Peak,
    Trough,
    Rising,
    Falling,
}

fn shape(before: Option<f64>, value: f64, after: Option<f64>) -> Shape {
    let higher = |n: Option<f64>| n.is_some_and(|n| n > value);
    let lower = |n: Option<f64>| n.is_some_and(|n| n < value);
    match (before, after) {
        _ if !higher(before) && !higher(after) => Shape::Peak,
        _ if !lower(before) && !lower(after) => Shape::Trough,
        _ if lower(before) => Shape::Rising,
        _ => Shape::Falling,
    }
}

/// Each value's label, where it crosses no line.
fn value_labels(svg: &mut String, obstacles: &mut Obstacles, points: &[Point], series: &Series) {
    for (k, p) in points.iter().enumerate() {
        let before = k.checked_sub(1).map(|j| points[j].value);
        let after = points.get(k + 1).map(|q| q.value);
        let label = (series.format)(p.value);
        let (spots, near) = label_spots(p.x, p.y, &label, shape(before, p.value, after), SIDE);
        let t = obstacles.place(&spots, near, LABELS_BOTTOM);
        let mark = series.marks.get(p.n).map_or("", String::as_str);
        svg.push_str(&text_element("value", &t, mark, &label));
    }
}

/// Each target's label (≥ 60000), best beside its marker along its line.
fn target_labels(
    svg: &mut String,
    obstacles: &mut Obstacles,
    targets: &[(f64, f64, &ChartTarget)],
) {
    for &(x, y, t) in targets {
        // Ending at the marker, above its line, reads along it.
        let (spots, near) = label_spots(x, y, &t.label, Shape::Rising, SIDE + 0.2);
        let placed = obstacles.place(&spots, near, LABELS_BOTTOM);
        svg.push_str(&text_element("target-label", &placed, &t.mark, &t.label));
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

    fn chart(points: Vec<(i32, f64)>, targets: Vec<ChartTarget>) -> String {
        let f = |v: f64| format!("{v}<");
        line_chart(
            "c",
            &Series {
                points,
                targets,
                format: &f,
                marks: Vec::new(),
            },
            &ChartText {
                title: "有效发明专利",
                description: "2023–2024",
                value_axis: "件",
                year_axis: "年份",
                target: "目标",
            },
        )
    }

    fn target(year: i32, from: Option<i32>, level: f64) -> ChartTarget {
        ChartTarget {
            year,
            from,
            level,
            label: format!("≥ {level}"),
            mark: String::new(),
        }
    }

    #[test]
    fn chart_is_accessible_and_escaped() {
        let svg = chart(
            vec![(2023, 10.0), (2024, 20.0)],
            vec![target(2026, Some(2024), 40.0)],
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">有效发明专利</title>"));
        assert!(svg.contains("class=\"target\""));
        assert!(svg.contains(">2026<"));
        assert!(!svg.contains("<<"), "{svg}");
        assert!(!svg.contains("viewBox"), "nothing is scaled");
        assert!(sparkline(&[1.0]).is_empty());
        assert!(sparkline(&[1.0, f64::NAN, 3.0]).contains("polyline"));
    }

    #[test]
    fn a_target_from_the_plans_first_year_on_the_axis_or_a_marker_alone() {
        // A plan of 2020–2025 with a target for 2022, the first year on the axis: a marker.
        let svg = chart(vec![(2023, 10.0)], vec![target(2022, Some(2020), 5.0)]);
        assert!(!svg.contains("class=\"target\""), "{svg}");
        assert!(svg.contains("class=\"target-mark\""));
        assert!(svg.contains(">2022</text>") && svg.contains(">2023</text>"));
        // Without a period, the line starts with the chart.
        let svg = chart(vec![(2023, 10.0)], vec![target(2024, None, 5.0)]);
        let first = svg.find(">2023</text>").unwrap();
        let x = &svg[svg[..first].rfind(" x=\"").unwrap() + 4..];
        let x = &x[..x.find('"').unwrap()];
        assert!(
            svg.contains(&format!("<line class=\"target\" x1=\"{x}\"")),
            "{svg}"
        );
        // Long tick labels push the first year right.
        let svg = chart(vec![(2023, 1e6), (2024, 2e6)], Vec::new());
        assert!(!svg.contains("x=\"8.00%\""), "{svg}");
    }

    #[test]
    fn years_are_thinned_where_there_is_no_room() {
        assert_eq!(year_step(5, X_FIRST, WIDTHS[0]), 1);
        assert_eq!(year_step(1, X_FIRST, WIDTHS[0]), 1);
        assert!(year_step(12, X_FIRST, WIDTHS[0]) > 1);
        assert_eq!(year_step(8, X_FIRST, 33.5), 1);
        let svg = chart((2010..2030).map(|y| (y, 1.0)).collect(), Vec::new());
        assert!(svg.contains("year-minor"));
        let svg = chart((2020..2025).map(|y| (y, 1e6)).collect(), Vec::new());
        assert!(
            svg.contains("year-tight") && !svg.contains("year-minor"),
            "{svg}"
        );
    }
}
