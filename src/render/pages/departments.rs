//! The departments index and each department with what it leads and is named in.

use serde::Serialize;
use tera::Context;

use super::{crumb, home_crumb, latest_published, with_page};
use crate::model::Target;
use crate::render::links::{CiteGroup, Link};
use crate::render::paths::PagePath;
use crate::render::text::Tx;
use crate::render::{Env, PageKind};
use crate::resolve::{Owner, Via};

pub(super) fn departments(env: &Env, here: &PagePath) -> tera::TeraResult<Context> {
    let list: Vec<Link> = (0..env.site.departments.len())
        .map(|d| env.link(here, Target::Department(d)))
        .collect();
    let base = env.base(
        PageKind::Departments,
        Tx::plain(env.label("all_departments")),
        vec![home_crumb(env, here)],
        latest_published(env),
    );
    with_page(&base, &serde_json::json!({ "departments": list }))
}

pub(super) fn department(env: &Env, here: &PagePath, d: usize) -> tera::TeraResult<Context> {
    #[derive(Serialize)]
    struct Led {
        document: Link,
        measures: Vec<Link>,
    }
    #[derive(Serialize)]
    struct DepartmentPage {
        full: Option<Tx>,
        url: Option<String>,
        led: Vec<Led>,
        cited_by: Vec<CiteGroup>,
    }
    let dept = &env.site.departments[d];
    let citations = env.citations.of(Target::Department(d));
    let mut led: Vec<Led> = Vec::new();
    for c in citations.iter().filter(|c| c.via == Via::Lead) {
        if let Owner::Measure { doc, measure } = c.from {
            let link = env.link(here, Target::Measure { doc, measure });
            let link = match &env.site.documents[doc].measures[measure].title {
                Some(t) => {
                    let t = env.tx(t);
                    Link {
                        title: Tx::with_html(
                            format!("{} {}", link.title.text, t.text),
                            format!("{} {}", link.title.html, t.html),
                        ),
                        href: link.href,
                    }
                }
                None => link,
            };
            let doc_link = env.link(here, Target::Document(doc));
            match led.last_mut() {
                Some(l) if l.document.href == doc_link.href => l.measures.push(link),
                _ => led.push(Led {
                    document: doc_link,
                    measures: vec![link],
                }),
            }
        }
    }
    let page = DepartmentPage {
        full: env.tx_opt(dept.full.as_ref()),
        url: dept.url.clone(),
        led,
        cited_by: env.cite_groups(here, citations, |c| c.via != Via::Lead),
    };
    let base = env.base(
        PageKind::Department(d),
        env.tx(&dept.name),
        vec![
            home_crumb(env, here),
            crumb(
                env,
                here,
                Tx::plain(env.label("all_departments")),
                PageKind::Departments,
            ),
        ],
        latest_published(env),
    );
    with_page(&base, &page)
}
