//! An official document — a Word file (`.docx`) or a text file in any office encoding — as
//! `content/documents/<id>.yaml` (`ipreport import document`).
//!
//! The stages: [`docx`] or [`plain`] read the file into [`paragraphs::Paragraph`]s (Word's
//! automatic numbering put back by [`numbering`]); [`script`] converts a Traditional text;
//! [`front`] reads what stands before the first numbered heading (the document number, the
//! notice that transmits it, the title, the preamble); [`outline`] tells sections, measures
//! and stages apart by their numbering ([`markers`]); [`write`] writes the YAML. Nothing is
//! translated and nothing invented: the English is left for the translator.

mod docx;
mod front;
mod markers;
mod numbering;
mod outline;
mod paragraphs;
mod plain;
pub(crate) mod script;
mod write;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::load::{self, LoadOptions};
use crate::model::{Department, DocumentKind};
use paragraphs::Paragraph;
use write::{Header, Party};

/// What `ipreport import document` was asked to do.
#[derive(Clone, Debug)]
pub struct DocumentRequest {
    /// The site folder.
    pub root: PathBuf,
    /// The Word or text file, as the editor named it.
    pub file: PathBuf,
    /// The document's id: `content/documents/<id>.yaml`.
    pub id: String,
    /// The kind, when the title does not tell it.
    pub kind: Option<DocumentKind>,
    /// Replace a document file that exists.
    pub force: bool,
    /// Show what would be written, write nothing.
    pub dry_run: bool,
}

/// What an import did, or the problems that stopped it.
pub struct DocumentImport {
    pub diagnostics: Vec<Diagnostic>,
    pub outcome: Option<DocumentOutcome>,
}

/// An import that found no problem.
#[derive(Clone, Debug)]
pub struct DocumentOutcome {
    pub file: String,
    /// `a Word document`, `text in GBK/GB18030`.
    pub read_as: String,
    /// `content/documents/<id>.yaml`.
    pub path: String,
    pub yaml: String,
    pub title: String,
    pub kind: DocumentKind,
    pub sections: usize,
    /// The measures' numbers, in order.
    pub measures: Vec<String>,
    pub stages: usize,
    /// How measures are labelled, as in the document (`（{cn}）`).
    pub measure_label: Option<String>,
    /// What the editor should check: what was left out, converted or guessed.
    pub notes: Vec<String>,
    /// Whether the file was written (not in a dry run).
    pub written: bool,
}

pub fn import_document(request: &DocumentRequest) -> DocumentImport {
    match run(request) {
        Ok(outcome) => DocumentImport {
            diagnostics: Vec::new(),
            outcome: Some(outcome),
        },
        Err(d) => DocumentImport {
            diagnostics: vec![d],
            outcome: None,
        },
    }
}

fn run(request: &DocumentRequest) -> Result<DocumentOutcome, Diagnostic> {
    let display = request.file.display().to_string();
    let (path, exists) = target_of(request, &display)?;
    let site = Site::of(&request.root)?;
    let (paragraphs, read_as, mut notes) = read_paragraphs(&request.file, &display)?;
    if exists && !request.force {
        notes.push(format!(
            "{path} exists already: importing without --dry-run needs --force, which replaces it"
        ));
    }
    let paragraphs = prepared(paragraphs, &mut notes);
    let Some(start) = outline::body_start(&paragraphs) else {
        return Err(no_structure(&display));
    };
    let front = front::read(&paragraphs[..start]);
    let outline = outline::read(&paragraphs[start..]);
    notes.extend(outline.notes.iter().cloned());
    let measures: Vec<String> = outline.measures().iter().map(|m| m.n.clone()).collect();
    let sections = count_sections(&outline.body);
    if measures.is_empty() && sections == 0 {
        return Err(no_structure(&display));
    }
    let title = title_of(&front, request, &mut notes);
    let kind = request.kind.unwrap_or_else(|| kind_of(&title));
    let short = short_name(&title, &paragraphs);
    let issuers: Vec<Party> = front.issuers.iter().map(|name| site.party(name)).collect();
    let summary: Vec<String> = front
        .preamble
        .iter()
        .map(|p| paragraphs::tidy(&p.text))
        .collect();
    let header = Header {
        title: &title,
        short: short.as_deref(),
        kind: kind_name(kind),
        number: front.number.as_deref(),
        issuers: &issuers,
        date: front.date,
        period: period_of(&title),
        summary: &summary,
    };
    let yaml = write::yaml(&display, &site.lang, &header, &outline);
    check_readable(&path, &yaml)?;
    let written = !request.dry_run;
    if written {
        save(&request.root.join(&path), &path, &yaml)?;
    }
    Ok(DocumentOutcome {
        file: display,
        read_as,
        path,
        yaml,
        title,
        kind,
        sections,
        measures,
        stages: outline.stages.len(),
        measure_label: outline.measure_label.as_ref().map(|(zh, _)| zh.clone()),
        notes,
        written,
    })
}

/// `content/documents/<id>.yaml`, and whether it exists; an invalid id, or a file that would
/// be replaced without `--force`, stops the import before anything is read.
fn target_of(request: &DocumentRequest, display: &str) -> Result<(String, bool), Diagnostic> {
    if !load::fields::is_valid_id(&request.id) {
        return Err(Diagnostic::at_path(
            Code::InvalidId,
            display,
            format!("`--id {}` is not a valid id", request.id),
        )
        .with_help(load::fields::invalid_id_help(&request.id)));
    }
    let path = format!("content/documents/{}.yaml", request.id);
    let exists = request.root.join(&path).exists();
    if exists && !request.force && !request.dry_run {
        return Err(Diagnostic::at_path(
            Code::ImportDocumentExists,
            path.as_str(),
            format!("{path} exists already"),
        )
        .with_help("choose another --id, or give --force to replace the file (its edits and translations are lost)"));
    }
    Ok((path, exists))
}

/// The paragraphs in Simplified characters with their typography fixed, saying so in `notes`.
fn prepared(mut paragraphs: Vec<Paragraph>, notes: &mut Vec<String>) -> Vec<Paragraph> {
    let all: String = paragraphs.iter().map(|p| p.text.as_str()).collect();
    if script::is_traditional(&all) {
        for p in &mut paragraphs {
            p.text = script::to_simplified(&p.text);
        }
        notes.push("the document is in Traditional characters: its text was converted to Simplified Chinese, the script of the site's `zh` texts".into());
    }
    let marks = typeset(&mut paragraphs);
    if marks > 0 {
        notes.push(format!(
            "{marks} half-width punctuation mark{} between Chinese characters {} made full-width (W0105), as `ipreport fix` does",
            if marks == 1 { "" } else { "s" },
            if marks == 1 { "was" } else { "were" },
        ));
    }
    paragraphs
}

/// The title found, or the file's name until the editor writes it.
fn title_of(front: &front::Front, request: &DocumentRequest, notes: &mut Vec<String>) -> String {
    if let Some(t) = &front.title {
        return t.clone();
    }
    let stem = request
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| request.id.clone());
    notes.push(format!(
        "no title was found before the first heading: the file's name `{stem}` is the title until you write the real one"
    ));
    stem
}

/// The mechanical fixes of Chinese typography (W0105, W0106) made in the paragraphs, which
/// text copied from a web page is full of; how many.
fn typeset(paragraphs: &mut [Paragraph]) -> usize {
    let mut count = 0;
    for p in paragraphs {
        let mut findings = crate::lint::typography::check_chinese(&p.text);
        if findings.is_empty() {
            continue;
        }
        findings.sort_by_key(|f| std::cmp::Reverse(f.range.start));
        for f in &findings {
            p.text.replace_range(f.range.clone(), f.replacement);
        }
        count += findings.len();
    }
    count
}

fn no_structure(display: &str) -> Diagnostic {
    Diagnostic::at_path(
        Code::ImportNoMeasures,
        display,
        format!("{display} has no numbered headings or measures that could be recognised"),
    )
    .with_help(
        "a document's parts are numbered `一、`, `（一）`, `1.` (or `1．`, `1、`), `第一章` or `第一条` at the start of a paragraph; number them so in the file, or write the YAML by hand (guide, section 8)",
    )
}

/// The file's paragraphs, how it was read, and what was left out.
fn read_paragraphs(
    file: &Path,
    display: &str,
) -> Result<(Vec<Paragraph>, String, Vec<String>), Diagnostic> {
    let mut head = [0u8; 4];
    let is_zip = std::fs::File::open(file)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| head == *b"PK\x03\x04");
    let word = is_zip
        || file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("doc"));
    let mut notes = Vec::new();
    let tables_left_out = |n: usize, what: &str| {
        format!(
            "{n} {what} left out: a plan's table of indicators goes under `targets:` (guide, section 8), with each indicator defined in indicators.yaml"
        )
    };
    if word {
        let body = docx::read(file, display)?;
        if body.tables > 0 {
            let what = if body.tables == 1 {
                "table was"
            } else {
                "tables were"
            };
            notes.push(tables_left_out(body.tables, what));
        }
        return Ok((body.paragraphs, "a Word document".into(), notes));
    }
    let text = plain::read(file, display)?;
    if text.table_lines > 0 {
        let what = if text.table_lines == 1 {
            "line of a table was"
        } else {
            "lines of tables were"
        };
        notes.push(tables_left_out(text.table_lines, what));
    }
    Ok((
        text.paragraphs,
        format!("text in {}", text.encoding.name()),
        notes,
    ))
}

fn count_sections(body: &outline::Body) -> usize {
    fn count(sections: &[outline::Section]) -> usize {
        sections.iter().map(|s| 1 + count(&s.sections)).sum()
    }
    match body {
        outline::Body::Sections(s) => count(s),
        outline::Body::Measures(_) => 0,
    }
}

/// What the import needs of the site: its default language and its departments, to name an
/// issuer by id where the site has it.
struct Site {
    lang: String,
    departments: Vec<Department>,
}

impl Site {
    fn of(root: &Path) -> Result<Site, Diagnostic> {
        if !root.join("content").join("site.yaml").is_file() {
            return Err(Diagnostic::at_path(
                Code::MissingFile,
                "content/site.yaml",
                format!(
                    "{} is no site folder: it has no content/site.yaml",
                    root.display()
                ),
            )
            .with_help("run the import in the site's folder, or give it with --root DIR"));
        }
        // A site with errors is imported into all the same: the document is new, and `check`
        // reports the site's problems.
        let loaded = load::load(root, &LoadOptions { drafts: true });
        Ok(match loaded.site {
            Some(site) => Site {
                lang: site.languages.codes().next().unwrap_or("zh").to_string(),
                departments: site.departments,
            },
            None => Site {
                lang: "zh".into(),
                departments: Vec::new(),
            },
        })
    }

    /// An issuer as a department of the site, when one has this name, else by name.
    fn party(&self, name: &str) -> Party {
        let same =
            |t: &crate::model::Text| t.or_empty(crate::model::LangId::DEFAULT).trim() == name;
        self.departments
            .iter()
            .find(|d| same(&d.name) || d.full.as_ref().is_some_and(same))
            .map_or_else(
                || Party::Named(name.to_string()),
                |d| Party::Department(d.id.value.clone()),
            )
    }
}

/// The kind a title names: 决定, 规划/方案/计划/纲要, 意见, 条例/办法/规定/细则, 报告.
fn kind_of(title: &str) -> DocumentKind {
    let plain = title_without_period(title);
    const KINDS: &[(&str, DocumentKind)] = &[
        ("报告", DocumentKind::Report),
        ("决定", DocumentKind::Decision),
        ("意见", DocumentKind::Opinion),
        ("规划", DocumentKind::Plan),
        ("方案", DocumentKind::Plan),
        ("计划", DocumentKind::Plan),
        ("纲要", DocumentKind::Plan),
        ("条例", DocumentKind::Regulation),
        ("办法", DocumentKind::Regulation),
        ("规定", DocumentKind::Regulation),
        ("细则", DocumentKind::Regulation),
    ];
    KINDS
        .iter()
        .find(|(word, _)| plain.ends_with(word))
        .or_else(|| KINDS.iter().find(|(word, _)| plain.contains(word)))
        .map_or(DocumentKind::Other, |(_, kind)| *kind)
}

fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Decision => "decision",
        DocumentKind::Plan => "plan",
        DocumentKind::Opinion => "opinion",
        DocumentKind::Regulation => "regulation",
        DocumentKind::Report => "report",
        DocumentKind::Other => "other",
    }
}

/// The title without a period in brackets at its end: `工作方案（2024—2026年）` → `工作方案`.
fn title_without_period(title: &str) -> &str {
    let t = title.trim_end();
    if (t.ends_with('）') || t.ends_with(')'))
        && let Some(open) = t.rfind(['（', '('])
    {
        return t[..open].trim_end();
    }
    t
}

/// `（2024—2026年）` in a title: the plan's period.
fn period_of(title: &str) -> Option<(i32, i32)> {
    let chars: Vec<char> = title.chars().collect();
    let year_at = |i: usize| -> Option<i32> {
        let s: String = chars.get(i..i + 4)?.iter().collect();
        (s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    for i in 0..chars.len() {
        let Some(from) = year_at(i) else { continue };
        let mut j = i + 4;
        if chars.get(j) == Some(&'年') {
            j += 1;
        }
        if !matches!(
            chars.get(j),
            Some('—' | '–' | '-' | '－' | '~' | '～' | '至' | '到')
        ) {
            continue;
        }
        while matches!(
            chars.get(j),
            Some('—' | '–' | '-' | '－' | '~' | '～' | '至' | '到')
        ) {
            j += 1;
        }
        if let Some(to) = year_at(j).filter(|to| *to > from && to - from <= 20) {
            return Some((from, to));
        }
    }
    None
}

/// The short name links use: what the document calls itself (`本决定（以下简称《决定》）`
/// or `《<its title>》（以下简称《决定》）`), else the last word of its title in 《》
/// (`《实施意见》`, `《工作方案》`). Other `以下简称` name the documents it cites.
fn short_name(title: &str, paragraphs: &[Paragraph]) -> Option<String> {
    let itself = [
        format!("《{title}》"),
        "本决定".into(),
        "本方案".into(),
        "本意见".into(),
    ];
    for p in paragraphs {
        for name in &itself {
            let Some(at) = p.text.find(name.as_str()) else {
                continue;
            };
            let rest = p.text[at + name.len()..].trim_start_matches(['（', '(']);
            if let Some(rest) = rest.strip_prefix("以下简称《")
                && let Some(end) = rest.find('》')
            {
                return Some(format!("《{}》", &rest[..end]));
            }
        }
    }
    const NAMES: &[&str] = &[
        "实施意见",
        "指导意见",
        "工作方案",
        "实施方案",
        "行动方案",
        "行动计划",
        "工作计划",
        "规划",
        "纲要",
        "决定",
        "条例",
        "办法",
        "规定",
        "细则",
        "意见",
        "方案",
        "计划",
        "报告",
    ];
    let plain = title_without_period(title);
    NAMES
        .iter()
        .find(|n| plain.ends_with(*n))
        .map(|n| format!("《{n}》"))
}

/// The written YAML must read back: a slip here would hand the editor a file that does not
/// load.
fn check_readable(path: &str, yaml: &str) -> Result<(), Diagnostic> {
    let file =
        crate::source::SourceFile::new(path.to_string(), PathBuf::from(path), yaml.to_string());
    let id = crate::source::FileId(u32::MAX);
    load::yaml::parse(&file, id, 0..file.text.len())
        .map(|_| ())
        .map_err(|_| {
            Diagnostic::at_path(
                Code::ImportDocumentUnreadable,
                path,
                "the document could not be written as YAML that reads back",
            )
            .with_help("please report this with the file you imported; meanwhile write the YAML by hand (guide, section 8)")
        })
}

/// Writes through a temporary file and a rename, so that a running `serve` never reads half
/// a file.
fn save(target: &Path, display: &str, yaml: &str) -> Result<(), Diagnostic> {
    let failed = |err: std::io::Error| {
        Diagnostic::at_path(
            Code::ImportWriteFailed,
            display,
            format!("cannot write {display}: {err}"),
        )
        .with_help("check that the folder is writable and the disk has room")
    };
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    crate::atomic::replace(target, yaml.as_bytes()).map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_periods_and_short_names_from_titles() {
        assert_eq!(
            kind_of("海曙区国家知识产权强县建设试点县工作方案(2024-2026年)"),
            DocumentKind::Plan
        );
        assert_eq!(
            kind_of("关于全面加强知识产权工作的实施意见"),
            DocumentKind::Opinion
        );
        assert_eq!(
            kind_of("重庆市人民政府关于《审议意见》研究处理情况的报告"),
            DocumentKind::Report
        );
        assert_eq!(period_of("工作方案（2024—2026年）"), Some((2024, 2026)));
        assert_eq!(period_of("工作方案(2024-2026年)"), Some((2024, 2026)));
        assert_eq!(period_of("2023年工作要点"), None);
        assert_eq!(
            short_name("海曙区工作方案(2024-2026年)", &[]).as_deref(),
            Some("《工作方案》")
        );
        let p = Paragraph {
            text:
                "自《宁波市人大常委会关于加强知识产权保护工作的决定》（以下简称《决定》）发布以来"
                    .into(),
            at: 1,
        };
        assert_eq!(
            short_name(
                "宁波市人大常委会关于加强知识产权保护工作的决定",
                std::slice::from_ref(&p)
            )
            .as_deref(),
            Some("《决定》")
        );
        // A short name of a document it cites is not its own.
        assert_eq!(
            short_name("关于贯彻实施情况的报告", &[p]).as_deref(),
            Some("《报告》")
        );
    }
}
