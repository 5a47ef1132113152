//! Where a chart's labels go: boxes of text, straight lines and markers in the chart's own
//! units, and a placer that tries a label at a few spots around its point and keeps the
//! first that crosses nothing at any of the widths the chart is drawn at.
//!
//! Horizontal positions are fractions of the chart's width and vertical ones rem from its
//! top (see [`super`]): a box's height, and a label's offset from its point, are in
//! proportion to the text, while horizontal distances depend on the width. So every check is
//! made at each of [`WIDTHS`], from a 320 px phone with larger text to the widest chart.

/// Widths the chart is laid out for, in rem: 291 px of column at 20 px a rem (a 320 px
/// phone with 大字号), 359 px at 20 and at 16 px a rem (390 px phones), and the widest
/// chart (the theme's `max-width: 40rem`).
pub const WIDTHS: [f64; 4] = [14.5, 17.95, 22.4, 40.0];
/// How much a crossing counts at each of [`WIDTHS`]: least on the rare narrowest screen, so
/// that where a crowded chart leaves no spot clear everywhere, it is clear on the common ones.
const WEIGHTS: [f64; 4] = [0.2, 1.0, 1.0, 1.0];
/// The size of the chart's text, in rem (the theme's `.chart text { font-size }`).
pub const TEXT_REM: f64 = 0.875;
/// How far a line of text reaches above and below its baseline, in em: the glyphs of the
/// system's CJK and Latin faces stay inside.
pub const ASCENT: f64 = 0.9;
pub const DESCENT: f64 = 0.25;
/// The clear space kept around a label, in rem.
const PAD: f64 = 0.1;
/// What a spot further from its point costs: more than touching another label on the
/// narrowest screen only, less than crossing a line there.
const FAR: f64 = 15.0;

/// Which end of a text its anchor point is (SVG's `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A box: left, top, right, bottom, in rem.
#[derive(Clone, Copy, Debug)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    fn grow(self, by: f64) -> Rect {
        Rect {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    fn overlap(&self, other: &Rect) -> f64 {
        let w = self.right.min(other.right) - self.left.max(other.left);
        let h = self.bottom.min(other.bottom) - self.top.max(other.top);
        if w > 0.0 && h > 0.0 { w * h } else { 0.0 }
    }

    /// Whether the straight line from `a` to `b` (rem) passes through the box
    /// (Liang–Barsky clipping).
    fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.0 - self.left),
            (dx, self.right - a.0),
            (-dy, a.1 - self.top),
            (dy, self.bottom - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

/// A line of text: its anchor point (x a fraction of the width, y in rem), its offset from
/// there in em (SVG's `dx`, `dy`), its anchor and its estimated width in em.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub dx: f64,
    pub dy: f64,
    pub anchor: Anchor,
    pub width: f64,
}

impl Text {
    /// Its box when the chart is `w` rem wide.
    pub fn rect(&self, w: f64) -> Rect {
        let x = self.x * w + self.dx * TEXT_REM;
        let width = self.width * TEXT_REM;
        let left = match self.anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let baseline = self.y + self.dy * TEXT_REM;
        Rect {
            left,
            top: baseline - ASCENT * TEXT_REM,
            right: left + width,
            bottom: baseline + DESCENT * TEXT_REM,
        }
    }
}

/// How wide `text` is in bold, in em, erring on the wide side (the widest common faces,
/// such as DejaVu Sans Bold, have digits of 0.7em): punctuation narrower, Chinese characters
/// and the full-width forms a whole em.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' => 0.7,
            ',' | '.' | ':' | ';' | ' ' | '(' | ')' | '\'' | '-' | '+' => 0.38,
            '%' => 1.0,
            'A'..='Z' => 0.78,
            'a'..='z' => 0.66,
            c if (c as u32) < 0x2000 => 0.75,
            _ => 1.0,
        })
        .sum()
}

/// How wide `text` is in the regular weight, in em.
pub fn regular_width(text: &str) -> f64 {
    0.92 * text_width(text)
}

/// What labels must keep clear of: lines (ends as (fraction of the width, rem)), round
/// markers (centre and radius in rem) and the texts already placed.
#[derive(Default)]
pub struct Obstacles {
    pub lines: Vec<((f64, f64), (f64, f64))>,
    pub markers: Vec<(f64, f64, f64)>,
    pub texts: Vec<Text>,
}

impl Obstacles {
    /// How bad `label` is where it stands: 0 when it is inside the area (`bottom` in rem
    /// being its lowest edge) and crosses nothing at every width; more the more it crosses.
    fn cost(&self, label: &Text, bottom: f64) -> f64 {
        let mut total = 0.0;
        for (w, weight) in WIDTHS.into_iter().zip(WEIGHTS) {
            let mut cost = 0.0;
            let r = label.rect(w);
            let outside = (-r.left).max(0.0)
                + (r.right - w).max(0.0)
                + (-r.top).max(0.0)
                + (r.bottom - bottom).max(0.0);
            cost += 1000.0 * outside;
            let clear = r.grow(PAD);
            for &(a, b) in &self.lines {
                if clear.crossed_by((a.0 * w, a.1), (b.0 * w, b.1)) {
                    cost += 100.0;
                }
            }
            for &(x, y, radius) in &self.markers {
                let m = Rect {
                    left: x * w - radius,
                    top: y - radius,
                    right: x * w + radius,
                    bottom: y + radius,
                };
                if clear.overlap(&m) > 0.0 {
                    cost += 100.0;
                }
            }
            for t in &self.texts {
                let area = clear.overlap(&t.rect(w));
                if area > 0.0 {
                    cost += 50.0 + 10.0 * area;
                }
            }
            total += weight * cost;
        }
        total
    }

    /// The first of `candidates` that crosses nothing, or else the one that crosses least,
    /// those from the `near`th on (further from their point) counting as crossing a little;
    /// it becomes an obstacle to the labels placed after it.
    pub fn place(&mut self, candidates: &[Text], near: usize, bottom: f64) -> Text {
        let mut best: Option<(f64, Text)> = None;
        for (n, c) in candidates.iter().enumerate() {
            let far = if n >= near { FAR } else { 0.0 };
            let cost = self.cost(c, bottom) + far;
            if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                best = Some((cost, *c));
            }
            if cost == 0.0 {
                break;
            }
        }
        let chosen = best.map_or_else(
            || Text {
                x: 0.0,
                y: 0.0,
                dx: 0.0,
                dy: 0.0,
                anchor: Anchor::Start,
                width: 0.0,
            },
            |(_, t)| t,
        );
        self.texts.push(chosen);
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_through_a_box_crosses_it_and_one_beside_it_does_not() {
        let r = Rect {
            left: 1.0,
            top: 1.0,
            right: 2.0,
            bottom: 2.0,
        };
        assert!(r.crossed_by((0.0, 1.5), (3.0, 1.5)));
        assert!(r.crossed_by((0.0, 0.0), (3.0, 3.0)));
        assert!(!r.crossed_by((0.0, 2.5), (3.0, 2.5)));
        assert!(!r.crossed_by((0.0, 0.0), (0.9, 3.0)));
        assert!(r.crossed_by((1.5, 1.5), (1.5, 1.5)), "a point inside");
    }

    #[test]
    fn a_label_avoids_a_line_through_its_first_spot() {
        let mut o = Obstacles::default();
        o.lines.push(((0.0, 5.0), (1.0, 5.0)));
        let above = Text {
            x: 0.5,
            y: 5.3,
            dx: 0.0,
            dy: -0.7,
            anchor: Anchor::Middle,
            width: 3.0,
        };
        let below = Text { dy: 1.45, ..above };
        let chosen = o.place(&[above, below], 2, 20.0);
        assert_eq!(chosen.dy, 1.45);
        // Now the label is an obstacle too.
        assert_eq!(o.texts.len(), 1);
    }
}
