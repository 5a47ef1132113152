//! `ipreport import document`: real documents of the genre — a Word file numbered by Word
//! itself, the Haishu plan as text in UTF-8, GBK and UTF-16 — into documents/<id>.yaml that
//! builds at once, and never a panic on whatever text is given.

use crate::common;

use std::fs;
use std::path::Path;

use common::{good_copy, import_document, write};
use ipreport::diagnostics::Code;
use ipreport::render::{Output, OutputFile};
use ipreport::session::{self, CompileOptions};
use proptest::prelude::*;

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixtures().join("import").join(name)
}

fn page(output: &Output, path: &str) -> String {
    match output.get(path) {
        Some(OutputFile::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
        other => panic!("{path}: {other:?}"),
    }
}

/// The site builds without an error; its output.
fn built(root: &Path) -> (Output, Vec<ipreport::diagnostics::Diagnostic>) {
    let c = session::compile(root, CompileOptions::default());
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    (c.output.expect("the site builds"), c.diagnostics)
}

#[test]
fn a_word_document_imports_with_the_numbering_word_gives_it() {
    let dir = good_copy();
    let import = import_document(
        dir.path(),
        &fixture("tianshui-opinion.docx"),
        "opinion-2021",
        false,
        false,
    );
    let outcome = import.outcome();
    // Measures 1.–17. are numbered by Word's List Number style, the safeguards （一）–（三） by a
    // list of their own: neither number is in the text.
    let mut expected: Vec<String> = (1..=17).map(|n| n.to_string()).collect();
    expected.extend(["3.1", "3.2", "3.3"].map(String::from));
    assert_eq!(outcome.measures, expected);
    assert_eq!(outcome.sections, 7);
    assert_eq!(
        outcome.title,
        "关于加强知识产权保护激发社会创新活力的实施意见"
    );
    assert_eq!(outcome.read_as, "a Word document");
    assert!(outcome.written);
    let yaml = fs::read_to_string(dir.path().join("content/documents/opinion-2021.yaml")).unwrap();
    assert_eq!(yaml, outcome.yaml);
    for expected in [
        "kind: opinion\n",
        "number: \"市委办发〔2021〕45号\"\n",
        "issuer:\n  - \"中共天水市委办公室\"\n  - \"天水市人民政府办公室\"\n",
        "date: 2021-12-23\n",
        "measure_label: {zh: \"{last}.\", en: \"{last}.\"}\n",
        "label: {zh: \"（{cn}）\", en: \"({last})\"}\n",
        // The title is the bold run; the text the runs after it, joined.
        "              zh: \"强化知识产权制度机制建设\"\n",
    ] {
        assert!(yaml.contains(expected), "{expected}\n{yaml}");
    }
    // A tracked deletion, a field code and the table's cells are not text of the document.
    for absent in ["删去的旧表述", "PAGE", "2025年目标值"] {
        assert!(!yaml.contains(absent), "{absent}\n{yaml}");
    }
    assert!(
        outcome
            .notes
            .iter()
            .any(|n| n.contains("1 table was left out")),
        "{:#?}",
        outcome.notes
    );
    // It builds at once: every measure has its anchor and can be cited.
    write(
        dir.path(),
        "content/pages/cites.zh.md",
        "---\ntitle: 引用\n---\n见[](@measure/opinion-2021/17)和[](@measure/opinion-2021/3.2)。\n",
    );
    let (output, diagnostics) = built(dir.path());
    let html = page(&output, "documents/opinion-2021/index.html");
    assert!(html.contains("id=\"m-17\""), "{html}");
    assert!(
        html.contains("<span class=\"measure-label\">（二）</span> 强化考核评价，完善奖惩机制")
    );
    let cites = page(&output, "cites/index.html");
    assert!(cites.contains("《实施意见》17."), "{cites}");
    // The English is the translator's: warnings say what is missing, and nothing is made up.
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code == Code::MissingTranslation),
        "{diagnostics:#?}"
    );
    assert!(
        yaml.lines()
            .filter(|l| l.contains("en:"))
            .all(|l| l.contains("label")),
        "{yaml}"
    );
}

/// The Haishu plan (in Traditional characters, as the district publishes it) written in an
/// encoding.
fn haishu_in(dir: &Path, name: &str, encode: impl Fn(&str) -> Vec<u8>) -> std::path::PathBuf {
    let text = fs::read_to_string(fixture("haishu-plan.txt")).unwrap();
    let path = dir.join(name);
    fs::write(&path, encode(&text)).unwrap();
    path
}

#[test]
fn a_text_file_imports_alike_in_utf8_gbk_and_utf16() {
    let dir = good_copy();
    let utf16 = |t: &str| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let files = [
        (
            "utf8.txt",
            haishu_in(dir.path(), "utf8.txt", |t| t.as_bytes().to_vec()),
            "text in UTF-8",
        ),
        (
            "gbk.txt",
            haishu_in(dir.path(), "gbk.txt", |t| {
                encoding_rs::GB18030.encode(t).0.into_owned()
            }),
            "text in GBK/GB18030",
        ),
        (
            "utf16.txt",
            haishu_in(dir.path(), "utf16.txt", utf16),
            "text in UTF-16",
        ),
    ];
    let mut yamls = Vec::new();
    for (name, file, read_as) in &files {
        let import = import_document(dir.path(), file, "plan-haishu", true, false);
        let outcome = import.outcome();
        assert!(
            outcome.read_as.starts_with(read_as),
            "{name}: {}",
            outcome.read_as
        );
        assert_eq!(outcome.measures.len(), 23, "{name}: {:?}", outcome.measures);
        assert_eq!(outcome.stages, 3);
        // The yaml without the line naming the file.
        yamls.push(outcome.yaml.lines().skip(1).collect::<Vec<_>>().join("\n"));
    }
    assert_eq!(yamls[0], yamls[1]);
    assert_eq!(yamls[0], yamls[2]);
    let yaml = &yamls[0];
    for expected in [
        // Converted to Simplified characters, its title typeset as official documents are.
        "  zh: \"海曙区国家知识产权强县建设试点县工作方案（2024—2026年）\"\n",
        "short:\n  zh: \"《工作方案》\"\n",
        "kind: plan\n",
        "number: \"海政办发〔2024〕6号\"\n",
        "issuer:\n  - \"宁波市海曙区人民政府办公室\"\n",
        "period: [2024, 2026]\n",
        "    from: 2024-06\n    to: 2026-06\n",
        "      - n: \"5.5\"\n",
    ] {
        assert!(yaml.contains(expected), "{expected}\n{yaml}");
    }
    assert!(!yaml.contains('區'), "{yaml}");
    let (output, _) = built(dir.path());
    let doc = page(&output, "documents/plan-haishu/index.html");
    assert!(doc.contains("检查验收阶段"), "{doc}");
    assert!(
        doc.contains("<span class=\"measure-label\">（五）</span> 加强宣传引导"),
        "{doc}"
    );
}

#[test]
fn a_dry_run_prints_the_yaml_and_writes_nothing() {
    let dir = good_copy();
    let import = import_document(
        dir.path(),
        &fixture("haishu-plan.txt"),
        "plan-haishu",
        false,
        true,
    );
    let outcome = import.outcome();
    assert!(!outcome.written);
    assert!(outcome.yaml.contains("sections:"));
    assert!(
        !dir.path()
            .join("content/documents/plan-haishu.yaml")
            .exists()
    );
    let shown = ipreport::cmd::import::document_summary(outcome, "plan-haishu");
    assert!(
        shown.contains("found     9 sections, 23 measures (1–18, 5.1–5.5), 3 stages"),
        "{shown}"
    );
    assert!(
        shown.contains("dry run: content/documents/plan-haishu.yaml not written"),
        "{shown}"
    );
}

#[test]
fn an_issuer_the_site_has_is_named_by_its_id() {
    let dir = good_copy();
    let departments = fs::read_to_string(dir.path().join("content/departments.yaml")).unwrap();
    let name = departments
        .lines()
        .find_map(|l| l.trim().strip_prefix("name: {zh: "))
        .and_then(|rest| rest.split(',').next())
        .expect("a department with a flow name")
        .to_string();
    let file = dir.path().join("notice.txt");
    fs::write(
        &file,
        format!("{name}\n2024年3月1日\n关于加强商标保护的工作方案\n一、加强商标保护\n1.开展专项行动。查处侵权案件。\n"),
    )
    .unwrap();
    let import = import_document(dir.path(), &file, "trademark-plan", false, false);
    let yaml = &import.outcome().yaml;
    assert!(yaml.contains("issuer:\n  - "), "{yaml}");
    assert!(!yaml.contains(&format!("\"{name}\"")), "{name}: {yaml}");
    built(dir.path());
}

/// Paragraphs of a document: numbering of every kind, prose, front matter, noise.
fn paragraph() -> impl Strategy<Value = String> {
    let starts = prop_oneof![
        Just(String::new()),
        Just("一、".to_string()),
        Just("（二）".to_string()),
        Just("(三)".to_string()),
        Just("1.".to_string()),
        Just("12．".to_string()),
        Just("3、".to_string()),
        Just("第四条　".to_string()),
        Just("第二章 ".to_string()),
        Just("（1）".to_string()),
        Just("①".to_string()),
        Just("附件：".to_string()),
        Just("2024年2月29日".to_string()),
        Just("甬政办发〔2024〕6号".to_string()),
        Just("- 成文日期:2024-02-30".to_string()),
        Just("#".to_string()),
    ];
    let body = "[一二十（）()《》〈〉“”。，、；：:,.\\-—|\t 0-9a-z年月日阶段加强保护知识产权*_`<>\\[\\]#\"\\\\]{0,60}";
    (starts, body).prop_map(|(s, b)| format!("{s}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(24),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    /// Whatever a text holds, the import does not panic; what it writes loads without an
    /// error, and nothing is written when it stops.
    #[test]
    fn any_text_imports_or_stops_cleanly(paragraphs in proptest::collection::vec(paragraph(), 0..24)) {
        let dir = good_copy();
        let file = dir.path().join("any.txt");
        fs::write(&file, paragraphs.join("\n")).unwrap();
        let import = import_document(dir.path(), &file, "any-doc", false, false);
        let written = dir.path().join("content/documents/any-doc.yaml");
        match &import.result.outcome {
            Some(_) => {
                let c = session::compile(dir.path(), CompileOptions::default());
                let errors: Vec<String> = c
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| format!("{}: {}", d.code, d.message))
                    .collect();
                let text = fs::read_to_string(&written).unwrap();
                prop_assert!(errors.is_empty(), "{errors:#?}\n{text}");
            }
            None => prop_assert!(!written.exists()),
        }
    }
}
