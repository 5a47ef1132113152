//! The `ipreport` command line: exit codes, where diagnostics go, and what `new` and `build`
//! leave on disk.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

fn ipreport() -> Command {
    let mut cmd = Command::cargo_bin("ipreport").unwrap();
    // Plain text on stderr, whatever the terminal.
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `ipreport build --root <root> --output <public>`, run to its end.
fn build(root: &std::path::Path, public: &std::path::Path) -> assert_cmd::assert::Assert {
    ipreport()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(public)
        .assert()
}

#[test]
fn check_good_site_exits_0() {
    ipreport()
        .args(["check", "--root"])
        .arg(common::good_site())
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("no problems"))
        .stderr(predicate::str::contains("error").not())
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn check_bad_site_exits_1_and_prints_the_diagnostic_to_stderr() {
    let dir = common::site_with("e0301-unknown-measure");
    ipreport()
        .args(["check", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "error[E0301]: unknown measure `decision-2022/40`",
        ))
        .stderr(predicate::str::contains(
            "--> content/years/2023/achievements/01-coordination.zh.md:9:24",
        ))
        .stderr(predicate::str::contains(
            "help: decision-2022 has measures 1–6; did you mean `decision-2022/4`?",
        ))
        .stderr(predicate::str::contains("1 error"));
}

#[test]
fn check_warnings_exit_0_unless_strict() {
    let dir = common::site_with("w0102-published-outside-week");
    ipreport()
        .args(["check", "--root"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[W0102]"));
    ipreport()
        .args(["check", "--strict", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[W0102]"));
}

#[test]
fn check_format_json_prints_json_lines_to_stdout() {
    let dir = common::site_with("multi-three-mistakes");
    let out = ipreport()
        .args(["check", "--format", "json", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    let codes: Vec<&str> = lines.iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["E0104", "E0104", "E0303"]);
    for l in &lines {
        assert_eq!(l["severity"], "error");
        assert!(l["file"].as_str().unwrap().starts_with("content/"), "{l}");
        assert!(l["line"].as_u64().unwrap() > 0, "{l}");
        assert!(l["column"].as_u64().unwrap() > 0, "{l}");
    }
    // Nothing but JSON on stdout, so CI can pipe it.
    assert!(String::from_utf8(out.stderr).unwrap().trim().is_empty());
}

#[test]
fn check_format_json_of_a_good_site_is_empty() {
    ipreport()
        .args(["check", "--format", "json", "--root"])
        .arg(common::good_site())
        .assert()
        .success()
        .stdout("");
}

#[test]
fn new_then_build_creates_both_languages() {
    let tmp = tempfile::TempDir::new().unwrap();
    let site = tmp.path().join("x");
    ipreport().arg("new").arg(&site).assert().success();
    assert!(site.join("content/site.yaml").is_file());
    ipreport()
        .args(["check", "--root"])
        .arg(&site)
        .assert()
        .success()
        .stderr(predicate::str::contains("W0111"));
    ipreport()
        .args(["build", "--root"])
        .arg(&site)
        .assert()
        .success();
    let index = site.join("public/index.html");
    let en = site.join("public/en/index.html");
    assert!(index.is_file(), "no public/index.html");
    assert!(en.is_file(), "no public/en/index.html");
    let zh = std::fs::read_to_string(index).unwrap();
    assert!(
        zh.contains("lang=\"zh-CN\""),
        "default language at the root"
    );
    let en = std::fs::read_to_string(en).unwrap();
    assert!(en.contains("lang=\"en\""));
}

/// A new site cannot be published by mistake: `check --strict` lists the starter's
/// placeholders until they are replaced.
#[test]
fn new_then_check_strict_fails_until_the_placeholders_are_replaced() {
    let tmp = tempfile::TempDir::new().unwrap();
    let site = tmp.path().join("x");
    ipreport().arg("new").arg(&site).assert().success();
    let out = ipreport()
        .args(["check", "--strict", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "error[W0111]: `示例市` is a placeholder of the starter site",
        "error[W0111]: `Example City` is a placeholder of the starter site",
        "error[W0111]: `示例市人民路1号` is a placeholder of the starter site",
        "error[W0111]: `0000-12345678` is a placeholder of the starter site",
        "error[W0111]: `示政办发〔2025〕1号` is a placeholder of the starter site",
        "error[W0112]: `ip.example.gov.cn` is a host reserved for examples",
        "--> content/site.yaml:2:",
    ] {
        assert!(stderr.contains(expected), "no `{expected}` in:\n{stderr}");
    }
    // What an editor does: the city's names, address, telephone, document number and address.
    let replacements = [
        ("1 Renmin Road, Example City", "1901 Ningchuan Road, Ningbo"),
        ("示例市人民路1号", "宁波市鄞州区宁穿路1901号"),
        ("0000-12345678", "0574-89180000"),
        ("示政办发〔2025〕1号", "甬政办发〔2025〕12号"),
        ("Example City", "Ningbo"),
        ("示例市", "宁波市"),
        ("ip.example.gov.cn", "amr.ningbo.gov.cn"),
    ];
    for entry in walkdir::WalkDir::new(site.join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        for (from, to) in replacements {
            text = text.replace(from, to);
        }
        std::fs::write(entry.path(), text).unwrap();
    }
    ipreport()
        .args(["check", "--strict", "--root"])
        .arg(&site)
        .assert()
        .success()
        .stderr(predicate::str::contains("no problems"));
}

#[test]
fn new_into_a_non_empty_folder_fails() {
    let tmp = tempfile::TempDir::new().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    ipreport()
        .arg("new")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not empty"));
    // Nothing was written next to the user's file.
    assert!(!tmp.path().join("content").exists());
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn build_into_the_root_is_refused() {
    let dir = common::good_copy();
    ipreport()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--output")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[E0501]"))
        .stderr(predicate::str::contains("root folder"));
    assert!(!dir.path().join("index.html").exists());
}

#[test]
fn build_into_content_is_refused() {
    let dir = common::good_copy();
    ipreport()
        .args(["build", "--root"])
        .arg(dir.path())
        .arg("--output")
        .arg(dir.path().join("content/out"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[E0501]"));
    assert!(!dir.path().join("content/out").exists());
}

#[test]
fn failed_build_prints_every_error_and_writes_nothing() {
    let dir = common::site_with("multi-three-mistakes");
    ipreport()
        .args(["build", "--root"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("E0104").count(2))
        .stderr(predicate::str::contains("error[E0303]"));
    assert!(!dir.path().join("public").exists());
}

#[test]
fn build_good_fixture_site() {
    let dir = common::good_copy();
    let out = tempfile::TempDir::new().unwrap();
    let public = out.path().join("public");
    build(dir.path(), &public).success();
    for page in [
        "index.html",
        "en/index.html",
        "2024/index.html",
        "2024/events/index.html",
        "2023/cases/patent-infringement/index.html",
        "documents/plan-2024-2026/index.html",
        "indicators/hte-coverage/index.html",
        "about/index.html",
    ] {
        assert!(public.join(page).is_file(), "no {page}");
    }
    // 2023 has no events.yaml, so no events page.
    assert!(!public.join("2023/events/index.html").exists());
}

/// The checks of the texts (Chinese typography, zh↔en numbers) run while a build renders its
/// pages: their warnings are still reported, with the summary's count, and the site written.
#[test]
fn build_reports_the_warnings_of_the_text_checks_it_runs_beside_rendering() {
    for (fixture, code) in [
        (
            "w0104-number-mismatch",
            "warning[W0104]: zh says 392, en says 329",
        ),
        ("w0105-half-width-punctuation", "warning[W0105]"),
    ] {
        let dir = common::site_with(fixture);
        let out = tempfile::TempDir::new().unwrap();
        let public = out.path().join("public");
        build(dir.path(), &public)
            .success()
            .stderr(predicate::str::contains(code))
            .stderr(predicate::str::contains("; 1 warning"));
        assert!(public.join("2024/issues/index.html").is_file(), "{fixture}");
    }
}

/// `ipreport fix` saves GBK and UTF-16 files as UTF-8, keeps their originals where the site
/// never reads them, and the site checks clean afterwards; `--dry-run` only says so.
#[test]
fn fix_converts_files_saved_in_other_encodings() {
    let dir = common::good_copy();
    let root = dir.path();
    let case = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let page = root.join("content/pages/about.en.md");
    let case_text = std::fs::read_to_string(&case).unwrap();
    let page_text = std::fs::read_to_string(&page).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&case_text);
    std::fs::write(&case, &gbk).unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    for unit in page_text.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    std::fs::write(&page, &utf16).unwrap();
    ipreport()
        .args(["check", "--root"])
        .arg(root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("saved as GBK/GB18030"))
        .stderr(predicate::str::contains("saved as UTF-16"));

    ipreport()
        .args(["fix", "--dry-run", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains("would change 2 files"));
    assert_eq!(std::fs::read(&case).unwrap(), gbk.as_ref());

    ipreport()
        .args(["fix", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "content/years/2024/cases/patent-mediation.zh.md: GBK/GB18030 → UTF-8",
        ))
        .stderr(predicate::str::contains("changed 2 files"));
    assert_eq!(std::fs::read_to_string(&case).unwrap(), case_text);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), page_text);
    assert_eq!(
        std::fs::read(root.join("content/years/2024/cases/patent-mediation.zh.md.gbk~")).unwrap(),
        gbk.as_ref()
    );
    assert!(root.join("content/pages/about.en.md.utf16~").is_file());
    ipreport()
        .args(["check", "--root"])
        .arg(root)
        .assert()
        .success();
    ipreport()
        .args(["fix", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to fix"));
}

/// `ipreport fix` rewrites what the typography checks warn about and full-width digits where
/// numbers belong; the site then checks clean.
#[test]
fn fix_rewrites_typography_and_full_width_digits() {
    let dir = common::good_copy();
    let root = dir.path();
    let case = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(
        &case,
        format!("{text}\n经调解,双方达成协议;本案在4.26知识产权宣传周期间发布。\n"),
    )
    .unwrap();
    let report = root.join("content/years/2024/report.yaml");
    let yaml = std::fs::read_to_string(&report).unwrap();
    std::fs::write(
        &report,
        yaml.replace("hte-coverage: 62", "hte-coverage: ６２"),
    )
    .unwrap();
    ipreport()
        .args(["check", "--root"])
        .arg(root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("W0105"))
        .stderr(predicate::str::contains("W0106"));
    ipreport()
        .args(["fix", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "content/years/2024/cases/patent-mediation.zh.md: 2 × half-width punctuation between Chinese characters → full-width (W0105)",
        ))
        .stderr(predicate::str::contains("1 × 4.26 → 4·26 (W0106)"))
        .stderr(predicate::str::contains(
            "content/years/2024/report.yaml: 1 × full-width digits → half-width",
        ));
    assert!(
        std::fs::read_to_string(&case)
            .unwrap()
            .contains("经调解，双方达成协议；本案在4·26知识产权宣传周期间发布。")
    );
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("hte-coverage: 62")
    );
    // (The paragraph added has no English counterpart: that warning stays.)
    ipreport()
        .args(["check", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains("W0105").not())
        .stderr(predicate::str::contains("W0106").not());
}

/// The same warning many times in one file is summed up after the first three; `--all`
/// lists every one.
#[test]
fn check_sums_up_repeated_warnings_per_file() {
    let dir = common::good_copy();
    let root = dir.path();
    let case = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let text = std::fs::read_to_string(&case).unwrap();
    std::fs::write(&case, format!("{text}\n甲,乙,丙,丁,戊,己。\n")).unwrap();
    let out = ipreport()
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning[W0105]").count(), 3, "{stderr}");
    assert!(
        stderr.contains("… 2 more W0105 (half-width punctuation between Chinese characters) in content/years/2024/cases/patent-mediation.zh.md: `ipreport fix` rewrites them"),
        "{stderr}"
    );
    assert!(stderr.contains("5 warnings"), "{stderr}");
    let all = ipreport()
        .args(["check", "--all", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&all.stderr);
    assert_eq!(stderr.matches("warning[W0105]").count(), 5, "{stderr}");
}

/// `ipreport fix --to-simplified` rewrites a source in Traditional characters (the Haishu
/// plan as published, a case converted to Traditional) in Simplified ones, keeps the original
/// beside it, leaves links and references as they were, and the site builds.
#[test]
fn fix_to_simplified_converts_a_traditional_source() {
    let dir = common::good_copy();
    let root = dir.path();
    let case = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let simplified = std::fs::read_to_string(&case).unwrap();
    let traditional = zhconv::zhconv(&simplified, zhconv::Variant::ZhHant);
    assert_ne!(traditional, simplified);
    std::fs::write(&case, &traditional).unwrap();
    let plan = std::fs::read_to_string(common::fixtures().join("import/haishu-plan.txt")).unwrap();
    let page = root.join("content/pages/haishu.zh.md");
    std::fs::write(
        &page,
        format!("---\ntitle: 海曙區國家知識產權強縣建設試點縣工作方案\n---\n\n{plan}"),
    )
    .unwrap();
    let destinations = |text: &str| -> Vec<String> {
        text.split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next().map(str::to_string))
            .collect()
    };

    ipreport()
        .args(["fix", "--to-simplified", "--dry-run", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains("content/pages/haishu.zh.md: "))
        .stderr(predicate::str::contains("Traditional → Simplified"));
    assert_eq!(std::fs::read_to_string(&case).unwrap(), traditional);

    ipreport()
        .args(["fix", "--to-simplified", "--root"])
        .arg(root)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(the original is kept as content/years/2024/cases/patent-mediation.zh.md.hant~)",
        ));
    let converted = std::fs::read_to_string(&case).unwrap();
    assert_eq!(destinations(&converted), destinations(&simplified));
    assert_eq!(
        std::fs::read_to_string(root.join("content/years/2024/cases/patent-mediation.zh.md.hant~"))
            .unwrap(),
        traditional
    );
    let page_text = std::fs::read_to_string(&page).unwrap();
    assert!(page_text.contains("title: 海曙区国家知识产权强县建设试点县工作方案"));
    assert!(page_text.contains("海政办发〔2024〕6号"), "{page_text}");

    let run = common::compile(root);
    assert!(run.errors().is_empty(), "{}", run.human);
}
