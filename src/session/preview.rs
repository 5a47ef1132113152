//! Watch mode's preview of an edit: when a save changes only the body of a case, an
//! achievement or a free page, the item's own pages are rendered from the last good model
//! with the new body, and written, before the whole site is rebuilt; then the other pages
//! that show the body (the year's print page, which holds every case of the year in full,
//! and takes longer to render than the case's page), so that the page the editor looks at
//! does not wait for them.
//!
//! A rebuild of a large site takes a good part of a second; the preview takes milliseconds,
//! so the page being written shows the edit at once. It is exact: it applies only when the
//! model of the full rebuild differs from the last one in that body, and in the "cited by"
//! lists of the targets of links the edit added or removed, and none of the pages it writes
//! shows one of those lists (the pages record what they show, see [`crate::render::deps`]);
//! the front matter must be byte for byte the same and the new links must resolve without
//! errors. The rebuild that follows renders the same pages again and writes them only if
//! their bytes differ. Anything else (a changed title, an error, a file created or removed)
//! is left to the rebuild.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use super::Prepared;
use crate::entity::EntityKey;
use crate::load;
use crate::model::{Fragment, LangId, MarkdownItem, Site, Target};
use crate::render::deps::{Dep, also_reads, entity_of};
use crate::render::{PageJob, PageKind, RenderedPage};
use crate::resolve::{self, Owner};

/// The edits of a preview applied to the model: the pages to render from it, the item's
/// own first.
pub struct Applied {
    /// The edited items' own pages.
    pub own: BTreeSet<PageKind>,
    /// The other pages that show an edited body: the year's print page.
    pub also: BTreeSet<PageKind>,
    /// The "cited by" lists that gain or lose an edited item: the model still has the old
    /// ones, so no page written may show them.
    stale: Vec<Dep>,
}

/// Applies the edits of `paths` (files changed in place) to the model in `prepared`. `None`
/// when the preview does not apply: then `prepared` may hold some of the edits, and only a
/// full build may follow.
pub fn apply(prepared: &mut Prepared, paths: &[&Path]) -> Option<Applied> {
    if prepared.diagnostics.has_errors() {
        return None;
    }
    let mut own = BTreeSet::new();
    let mut also = BTreeSet::new();
    let mut moved = BTreeSet::new();
    for path in paths {
        if let Some(edit) = apply_edit(prepared, path)? {
            own.insert(edit.page);
            also.extend(edit.print);
            moved.extend(edit.moved_targets);
        }
    }
    let site = prepared.site.as_ref()?;
    let stale = moved
        .iter()
        .flat_map(|&t| std::iter::once(entity_of(site, t)).chain(also_reads(t)))
        .map(Dep::CitedBy)
        .collect();
    Some(Applied { own, also, stale })
}

/// Renders `kinds` of pages in every language from the model `apply` edited. `None` when
/// one of them shows a stale "cited by" list. `proof`: render the pages with their proof
/// marks (see [`crate::render::proof`]).
pub fn render(
    prepared: &Prepared,
    applied: &Applied,
    kinds: &BTreeSet<PageKind>,
    proof: bool,
) -> Option<Vec<RenderedPage>> {
    let site = prepared.site.as_ref()?;
    let jobs: Vec<PageJob> = kinds
        .iter()
        .flat_map(|&kind| {
            site.languages.iter().map(move |(lang, language)| PageJob {
                lang,
                kind,
                path: kind.output_file(site, language),
            })
        })
        .collect();
    let renderer = prepared.renderer()?;
    let renderer = match proof {
        true => renderer.with_proof(&prepared.sources),
        false => renderer,
    };
    let pages = renderer.render(&jobs).ok()?;
    let shows_stale = pages.iter().any(|p| {
        p.deps
            .iter()
            .any(|d| applied.stale.iter().any(|s| d.affected_by(s)))
    });
    (!shows_stale).then_some(pages)
}

/// An edit applied to the model.
struct Edit {
    /// The item's own page.
    page: PageKind,
    /// The year's print page, for an item of a year: it shows the item's body too.
    print: Option<PageKind>,
    /// Targets the item links to now and did not before, or the other way round.
    moved_targets: BTreeSet<Target>,
}

/// Puts the new body of one edited file into the model. `Some(None)`: the file did not
/// change; `None`: not a body-only edit.
fn apply_edit(prepared: &mut Prepared, path: &Path) -> Option<Option<Edit>> {
    let file_id = prepared.sources.find(path)?;
    let old = prepared.sources.get(file_id);
    let entity = old.entity.clone()?;
    let text = std::fs::read_to_string(path).ok()?;
    if text == old.text {
        return Some(None);
    }
    let site = prepared.site.as_mut()?;
    let traditional = site.languages.find("zh-Hant");
    // The file's language is the one its item holds it under.
    let (lang, derive_hant) = {
        let (_, _, item) = find_item(site, &entity)?;
        let (lang, _) = item.files.iter().find(|(_, id)| **id == file_id)?;
        (
            lang,
            traditional.is_some_and(|t| item.files.get(t).is_none()),
        )
    };
    let reloaded = load::reload_body(site, old, file_id, lang, derive_hant, text)?;
    let (owner, page, item) = find_item(site, &entity)?;
    let file = reloaded.file;
    let new: Vec<(LangId, Arc<Fragment>)> = reloaded
        .bodies
        .into_iter()
        .map(|(lang, body)| (lang, Arc::new(body)))
        .collect();
    let fragments: Vec<&Arc<Fragment>> = new.iter().map(|(_, f)| f).collect();
    let resolved = resolve::resolve_fragments(prepared.index.as_ref()?, &fragments, owner);
    if resolved.diagnostics.iter().any(|d| d.is_error()) {
        return None;
    }
    let targets_before: BTreeSet<Target> = new
        .iter()
        .filter_map(|(l, _)| item.body.get(*l))
        .flat_map(|f| prepared.links.all(f).iter().flatten().copied())
        .collect();
    let targets_after: BTreeSet<Target> = new
        .iter()
        .flat_map(|(_, f)| resolved.links.all(f).iter().flatten().copied())
        .collect();
    let moved_targets = targets_before
        .symmetric_difference(&targets_after)
        .copied()
        .collect();
    for (l, fragment) in new {
        if let Some(old) = item.body.get(l) {
            prepared.links.remove(old);
        }
        item.body.set(l, fragment);
    }
    prepared.links.extend(resolved.links);
    prepared.sources.set(file_id, Arc::new(file));
    let print = match owner {
        Owner::Case { year, .. } | Owner::Achievement { year, .. } => Some(PageKind::Print(year)),
        _ => None,
    };
    Some(Some(Edit {
        page,
        print,
        moved_targets,
    }))
}

/// The item a `.md` file belongs to, as the owner of its links, with the page showing it.
fn find_item<'s>(
    site: &'s mut Site,
    entity: &EntityKey,
) -> Option<(Owner, PageKind, &'s mut MarkdownItem)> {
    match entity {
        EntityKey::Case(year, id) => {
            let y = site.year_index(*year)?;
            let cases = &mut site.years[y].cases;
            let index = cases.iter().position(|c| c.item.id.value == *id)?;
            Some((
                Owner::Case { year: y, index },
                PageKind::Case { year: y, index },
                &mut cases[index].item,
            ))
        }
        EntityKey::Achievement(year, id) => {
            let y = site.year_index(*year)?;
            let achievements = &mut site.years[y].achievements;
            let index = achievements.iter().position(|a| a.item.id.value == *id)?;
            Some((
                Owner::Achievement { year: y, index },
                PageKind::Year(y),
                &mut achievements[index].item,
            ))
        }
        EntityKey::Page(id) => {
            let index = site.pages.iter().position(|p| p.item.id.value == *id)?;
            Some((
                Owner::Page(index),
                PageKind::Page(index),
                &mut site.pages[index].item,
            ))
        }
        // The year's summary lives in report.yaml's model, and YAML files are not bodies:
        // left to the rebuild.
        _ => None,
    }
}
