//! The typography the Chinese checks warn about (W0105, W0106), rewritten as they advise:
//! half-width `,;:()` between Chinese characters become full-width, and `4.26` where the
//! World IP Day is meant becomes `4·26`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::lint::typography::FindingKind;
use crate::session::{CompileOptions, Session};

/// What to write where, in one file, and what it is.
struct Edit {
    at: std::ops::Range<usize>,
    with: &'static str,
    kind: FindingKind,
}

/// Rewrites the findings of the site at `root` that lie in `files`; returns, by file,
/// the edited text and what changed.
pub fn fix(
    root: &Path,
    files: &[PathBuf],
) -> Result<BTreeMap<PathBuf, (String, Vec<String>)>, Diagnostic> {
    let mut session = Session::once(
        root,
        CompileOptions {
            drafts: true,
            strict: false,
        },
    );
    let prepared = session.prepare();
    let Some(site) = prepared.site.as_ref() else {
        return Ok(BTreeMap::new());
    };
    let mut edits: BTreeMap<PathBuf, Vec<Edit>> = BTreeMap::new();
    for (span, finding) in crate::lint::chinese::findings(site, &prepared.sources) {
        let file = prepared.sources.get(span.file);
        let at = span.start as usize..span.end as usize;
        // A place the check could not pin down (a quoted scalar it could not match) is left
        // to the editor.
        if at.len() != finding.range.len() || !files.contains(&file.path) {
            continue;
        }
        edits.entry(file.path.clone()).or_default().push(Edit {
            at,
            with: finding.replacement,
            kind: finding.kind,
        });
    }
    let mut out = BTreeMap::new();
    for (path, mut list) in edits {
        let Some(id) = prepared.sources.find(&path) else {
            continue;
        };
        let mut text = prepared.sources.get(id).text.clone();
        list.sort_by_key(|e| std::cmp::Reverse(e.at.start));
        list.dedup_by_key(|e| e.at.start);
        let (mut marks, mut days) = (0, 0);
        for edit in &list {
            text.replace_range(edit.at.clone(), edit.with);
            match edit.kind {
                FindingKind::HalfWidth(_) => marks += 1,
                FindingKind::WorldIpDay => days += 1,
            }
        }
        let mut said = Vec::new();
        if marks > 0 {
            said.push(format!(
                "{marks} × half-width punctuation between Chinese characters → full-width (W0105)"
            ));
        }
        if days > 0 {
            said.push(format!("{days} × 4.26 → 4·26 (W0106)"));
        }
        out.insert(path, (text, said));
    }
    Ok(out)
}
