//! Free pages (about, contact).

use tera::Context;

use super::{home_crumb, latest_published, with_page};
use crate::render::paths::PagePath;
use crate::render::{Env, PageKind};

pub(super) fn free_page(env: &Env, here: &PagePath, p: usize) -> tera::TeraResult<Context> {
    let page = &env.site.pages[p];
    let html = env.markdown(&page.item.body, here);
    let base = env.base(
        PageKind::Page(p),
        env.tx(&page.item.title),
        vec![home_crumb(env, here)],
        latest_published(env),
    );
    with_page(&base, &serde_json::json!({ "html": html }))
}
