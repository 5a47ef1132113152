//! `indicators.yaml` (SPEC §4) and `departments.yaml` (SPEC §6).

use super::fields::Reader;
use super::yaml::Node;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Department, Direction, Indicator, IndicatorKind, Text};

fn entries<'n>(r: &mut Reader, node: &'n Node, what: &str) -> Vec<&'n Node> {
    match &node.value {
        super::yaml::Value::Seq(items) => items.iter().collect(),
        super::yaml::Value::Null => Vec::new(),
        _ => {
            r.error(Diagnostic::new(
                Code::WrongType,
                node.span,
                format!("{what} must be a list (each entry starts with `- id: …`)"),
            ));
            Vec::new()
        }
    }
}

pub fn read_indicators(r: &mut Reader, node: &Node) -> Vec<Indicator> {
    entries(r, node, "indicators.yaml")
        .into_iter()
        .filter_map(|n| read_indicator(r, n))
        .collect()
}

fn read_indicator(r: &mut Reader, node: &Node) -> Option<Indicator> {
    let what = "an indicator";
    let mut f = r.map(node, what)?;
    let id = f.require("id", r, what).and_then(|n| r.id(n, "indicator"));
    let name = f.require("name", r, what).and_then(|n| r.text(n));
    let unit = f
        .get("unit")
        .and_then(|n| r.text(n))
        .unwrap_or_else(|| Text::universal("", f.span));
    let scale = r.per_language(f.get("scale"), 1.0, |r, n| {
        let v = r.number(n)?;
        if v > 0.0 {
            Some(v)
        } else {
            r.error(
                Diagnostic::new(
                    Code::InvalidValue,
                    n.span,
                    "scale must be greater than zero",
                )
                .with_help("scale multiplies the value before display: 亿元 → billion yuan is 0.1"),
            );
            None
        }
    });
    let decimals = r.per_language(f.get("decimals"), None, |r, n| {
        let v = r.integer(n)?;
        if (0..=6).contains(&v) {
            Some(Some(v as u8))
        } else {
            r.error(Diagnostic::new(
                Code::InvalidValue,
                n.span,
                "decimals must be between 0 and 6",
            ));
            None
        }
    });
    let kind = f
        .get("kind")
        .and_then(|n| {
            r.choice(n, "indicator kind", &["expected", "binding"], |s| match s {
                "expected" => Some(IndicatorKind::Expected),
                "binding" => Some(IndicatorKind::Binding),
                _ => None,
            })
        })
        .unwrap_or(IndicatorKind::Expected);
    let direction = f
        .get("direction")
        .and_then(|n| {
            r.choice(n, "direction", &["up", "down"], |s| match s {
                "up" => Some(Direction::Up),
                "down" => Some(Direction::Down),
                _ => None,
            })
        })
        .unwrap_or(Direction::Up);
    let group = f.get("group").and_then(|n| r.text(n));
    let description = f.get("description").and_then(|n| r.md_text(n, ""));
    f.finish(r, what);
    Some(Indicator {
        id: id?,
        name: name.unwrap_or_else(|| Text::universal("", node.span)),
        unit,
        scale,
        decimals,
        kind,
        direction,
        group,
        description,
    })
}

pub fn read_departments(r: &mut Reader, node: &Node) -> Vec<Department> {
    entries(r, node, "departments.yaml")
        .into_iter()
        .filter_map(|n| {
            let what = "a department";
            let mut f = r.map(n, what)?;
            let id = f.require("id", r, what).and_then(|n| r.id(n, "department"));
            let name = f.require("name", r, what).and_then(|n| r.text(n));
            let full = f.get("full").and_then(|n| r.text(n));
            let url = f.get("url").and_then(|n| r.url(n));
            f.finish(r, what);
            Some(Department {
                id: id?,
                name: name.unwrap_or_else(|| Text::universal("", n.span)),
                full,
                url,
            })
        })
        .collect()
}
