//! The template context of each kind of page: [`context`] dispatches to the module of the
//! page's kind; the breadcrumbs and small labels they share are here.

mod departments;
mod documents;
mod free_page;
mod home;
mod indicators;
mod overview;
mod print;
mod search;
mod year;

use serde::Serialize;
use tera::Context;

use super::deps::Dep;
use super::links::Link;
use super::paths::PagePath;
use super::text::Tx;
use super::{Env, PageKind};
use crate::entity::EntityKey;

/// Records what a page of this kind shows beyond the links it renders (those record
/// themselves): its own item, the tables that read every year and plan, the dates it shows.
fn static_deps(env: &Env, kind: PageKind) {
    let site = env.site;
    let add = |d: Dep| env.recorder.add(d);
    let year = |y: usize| site.years[y].year;
    let latest = || {
        if let Some(y) = site.latest_year() {
            add(Dep::Entity(EntityKey::Report(y.year)));
        }
    };
    add(Dep::Entity(EntityKey::Site));
    match kind {
        PageKind::Home | PageKind::Year(_) | PageKind::Indicators => {
            add(Dep::AnyReport);
            add(Dep::AnyDocument);
            add(Dep::Entity(EntityKey::Indicators));
        }
        PageKind::Indicator(_) => {
            add(Dep::AnyReport);
            add(Dep::AnyDocument);
            add(Dep::Entity(EntityKey::Indicators));
            add(Dep::CitedBy(EntityKey::Indicators));
        }
        PageKind::Case { year: y, index } => {
            add(Dep::Entity(EntityKey::Case(
                year(y),
                site.years[y].cases[index].item.id.value.clone(),
            )));
            add(Dep::Entity(EntityKey::Report(year(y))));
        }
        PageKind::Events(y) => {
            add(Dep::Entity(EntityKey::Events(year(y))));
            add(Dep::Entity(EntityKey::Report(year(y))));
        }
        PageKind::Issues(y) => {
            add(Dep::Entity(EntityKey::Issues(year(y))));
            add(Dep::Entity(EntityKey::Report(year(y))));
        }
        // Everything of the year: what the year's page shows (its table reads every year and
        // plan), and each case, the events and the issues with their texts.
        PageKind::Print(y) => {
            add(Dep::AnyReport);
            add(Dep::AnyDocument);
            add(Dep::Entity(EntityKey::Indicators));
            let year = &site.years[y];
            for a in &year.achievements {
                add(Dep::Entity(EntityKey::Achievement(
                    year.year,
                    a.item.id.value.clone(),
                )));
            }
            for c in &year.cases {
                add(Dep::Entity(EntityKey::Case(
                    year.year,
                    c.item.id.value.clone(),
                )));
            }
            add(Dep::Entity(EntityKey::Events(year.year)));
            add(Dep::Entity(EntityKey::Issues(year.year)));
        }
        PageKind::Documents => {
            add(Dep::AnyDocument);
            latest();
        }
        PageKind::Document(d) => {
            add(Dep::Entity(EntityKey::Document(
                site.documents[d].id.value.clone(),
            )));
            add(Dep::Entity(EntityKey::Indicators));
        }
        PageKind::Departments => {
            add(Dep::Entity(EntityKey::Departments));
            latest();
        }
        PageKind::Department(_) => {
            add(Dep::Entity(EntityKey::Departments));
            add(Dep::CitedBy(EntityKey::Departments));
            latest();
        }
        PageKind::Page(p) => {
            add(Dep::Entity(EntityKey::Page(
                site.pages[p].item.id.value.clone(),
            )));
            latest();
        }
        PageKind::NotFound | PageKind::Search => {}
    }
}

/// Builds the context for one page.
pub fn context(env: &Env, kind: PageKind) -> tera::TeraResult<Context> {
    static_deps(env, kind);
    let here = env.path(kind);
    let mut ctx = match kind {
        PageKind::Home => home::home(env, &here),
        PageKind::Year(y) => year::year(env, &here, y),
        PageKind::Case { year, index } => year::case(env, &here, year, index),
        PageKind::Events(y) => year::events(env, &here, y),
        PageKind::Issues(y) => year::issues(env, &here, y),
        PageKind::Print(y) => print::print(env, &here, y),
        PageKind::Indicators => indicators::indicators(env, &here),
        PageKind::Indicator(i) => indicators::indicator(env, &here, i),
        PageKind::Documents => documents::documents(env, &here),
        PageKind::Document(d) => documents::document(env, &here, d),
        PageKind::Departments => departments::departments(env, &here),
        PageKind::Department(d) => departments::department(env, &here, d),
        PageKind::Page(p) => free_page::free_page(env, &here, p),
        PageKind::NotFound => {
            let base = env.base(
                kind,
                Tx::plain(env.label("not_found_title")),
                Vec::new(),
                None,
            );
            Ok(base.context())
        }
        PageKind::Search => search::search(env, &here),
    }?;
    for (key, value) in env.constants {
        ctx.insert_value(*key, value.clone());
    }
    Ok(ctx)
}

pub(super) fn with_page<P: Serialize>(
    base: &crate::render::base::Base,
    page: &P,
) -> tera::TeraResult<Context> {
    let mut ctx = base.context();
    ctx.insert("page", page);
    Ok(ctx)
}

pub(super) fn crumb(env: &Env, here: &PagePath, title: Tx, to: PageKind) -> Link {
    Link {
        title,
        href: here.href_to(&env.path(to), None),
    }
}

pub(super) fn home_crumb(env: &Env, here: &PagePath) -> Link {
    crumb(env, here, Tx::plain(env.label("home")), PageKind::Home)
}

pub(super) fn year_crumb(env: &Env, here: &PagePath, y: usize) -> Link {
    crumb(
        env,
        here,
        env.tx(&env.site.years[y].report.title),
        PageKind::Year(y),
    )
}

pub(super) fn latest_published(env: &Env) -> Option<jiff::civil::Date> {
    env.site.latest_year().and_then(|y| y.report.published)
}
