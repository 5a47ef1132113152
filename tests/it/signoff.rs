//! The sign-off report (`check --format html --output FILE.html`, `--year`) and the changes
//! since an earlier sign-off (`check --since PATH`), run as an editor runs them, on copies
//! of the fixture site.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use ipreport::session::{self, CompileOptions};
use ipreport::signoff::{self, Inputs};
use predicates::prelude::*;
use tempfile::TempDir;

use crate::common;

fn ipreport() -> Command {
    let mut cmd = Command::cargo_bin("ipreport").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Runs `check --format html` on `root` (plus `extra` arguments) into `out`; returns the
/// page, stderr and the exit code.
fn report(root: &Path, out: &Path, extra: &[&str]) -> (String, String, i32) {
    let output = ipreport()
        .args(["check", "--format", "html", "--output"])
        .arg(out)
        .arg("--root")
        .arg(root)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let html = fs::read_to_string(out).unwrap_or_default();
    (html, stderr, output.status.code().unwrap_or(-1))
}

/// The 1-based line of `report.yaml` of `year` on which indicator `id` has its value.
fn value_line(root: &Path, year: i32, id: &str) -> usize {
    let file = root.join(format!("content/years/{year}/report.yaml"));
    let text = fs::read_to_string(file).unwrap();
    let at = text
        .lines()
        .position(|l| l.trim_start().starts_with(&format!("{id}:")))
        .unwrap_or_else(|| panic!("{id} has no value in {year}"));
    at + 1
}

fn out_dir() -> TempDir {
    TempDir::new().unwrap()
}

#[test]
fn the_report_shows_each_value_where_it_is_written_with_its_change_and_target() {
    // One translation file missing: a warning, and an item left to translate.
    let site = common::site_with("w0101-missing-translation-file");
    let out = out_dir();
    let page = out.path().join("signoff.html");
    let (html, stderr, code) = report(site.path(), &page, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.ends_with(&format!("wrote sign-off report to {}\n", page.display())),
        "{stderr}"
    );
    for year in [2023, 2024] {
        for id in [
            "invention-patents",
            "pledge-financing",
            "hte-coverage",
            "handling-days",
        ] {
            let at = format!(
                "content/years/{year}/report.yaml:{}",
                value_line(site.path(), year, id)
            );
            assert!(html.contains(&format!(">{at}<")), "{id} {year}: no {at}");
        }
    }
    // 2024 against 2023, as the year's table shows it.
    assert!(html.contains("41000件"));
    assert!(html.contains("+6000 (+17.1%)"));
    assert!(html.contains("+7.0个百分点"));
    // Against the plan: invention patents keep to the path to 50000 in 2026, pledge
    // financing (102.3 against the 107.1 the path asks for in 2024) does not.
    assert!(html.contains("≥50000件"));
    assert!(html.contains("符合进度 <span class=\"en\" lang=\"en\">on track</span>"));
    assert!(html.contains("滞后 <span class=\"en\" lang=\"en\">behind</span>"));
    // Coverage: the row of 2024's English, and the case whose translation is missing.
    assert!(html.contains("<tr><td>en</td>"), "no coverage row");
    assert!(html.contains("典型案例 Case 2024/patent-mediation"));
    assert!(html.contains(">content/years/2024/cases/patent-mediation.zh.md:2<"));
    // The diagnostic, with its place.
    let run = common::compile(site.path());
    let w0101 = run
        .found
        .iter()
        .find(|f| f.code == "W0101")
        .expect("a W0101");
    assert!(html.contains("<code>W0101</code>"));
    assert!(
        html.contains(&format!(">{}<", w0101.at())),
        "{}",
        w0101.at()
    );
    assert!(html.contains(&ipreport::render::escape(&w0101.message)));
    assert!(
        html.contains("<td class=\"num\">0</td><td class=\"num\">1</td>"),
        "summary"
    );
}

#[test]
fn the_counts_are_the_years_items() {
    let root = common::good_site();
    let compiled = session::compile(&root, CompileOptions::default());
    let report = signoff::gather(
        &Inputs {
            site: compiled.site.as_ref(),
            sources: &compiled.sources,
            diagnostics: &compiled.diagnostics,
            coverage: &compiled.coverage,
            year: None,
        },
        None,
    );
    let years: Vec<i32> = report.years.iter().map(|y| y.year).collect();
    assert_eq!(years, vec![2024, 2023], "newest first");
    let (y2024, y2023) = (&report.years[0], &report.years[1]);
    assert_eq!(y2024.counts.cases, 2);
    assert_eq!(y2024.counts.events, Some(10));
    let issues = y2024.counts.issues.as_ref().unwrap();
    assert_eq!((issues.total, issues.resolved), (2, 0));
    assert_eq!(y2023.counts.events, None);
    let issues = y2023.counts.issues.as_ref().unwrap();
    assert_eq!(
        (issues.total, issues.resolved, issues.in_progress),
        (2, 1, 1)
    );
    assert_eq!(y2024.values.len(), 4);
    assert_eq!(y2024.coverage.rows.len(), 1);
    assert!(y2024.coverage.gaps.is_empty());
    let html = signoff::html::page(&report, Default::default());
    assert!(html.contains(
        "<td class=\"num\">2<br><span class=\"muted\">已整改 <span class=\"en\" lang=\"en\">rectified</span> 1"
    ));
}

#[test]
fn two_runs_give_the_same_bytes_and_nothing_is_loaded_from_elsewhere() {
    let site = common::site_with("w0101-missing-translation-file");
    let out = out_dir();
    let (first, _, _) = report(site.path(), &out.path().join("a.html"), &[]);
    let (second, _, _) = report(site.path(), &out.path().join("b.html"), &[]);
    assert!(!first.is_empty());
    assert_eq!(first, second);
    for external in ["http://", "https://", "src=", "<link", "<script", "url("] {
        assert!(!first.contains(external), "the page holds {external}");
    }
    assert!(first.contains("@page { size: A4;"));
    assert!(first.contains("签发人 <span class=\"en\" lang=\"en\">Signed off by</span>"));
}

#[test]
fn year_limits_the_report_to_one_year() {
    let out = out_dir();
    let page = out.path().join("2023.html");
    let (html, stderr, code) = report(&common::good_site(), &page, &["--year", "2023"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(html.contains("id=\"y2023\""));
    assert!(!html.contains("id=\"y2024\""));
    assert!(!html.contains("content/years/2024/report.yaml"));
    let (_, stderr, code) = report(
        &common::good_site(),
        &out.path().join("x.html"),
        &["--year", "2022"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--year 2022: the site has no year 2022 (its years: 2023, 2024)"),
        "{stderr}"
    );
}

#[test]
fn the_report_is_written_for_a_site_with_errors_and_check_still_fails() {
    let site = common::site_with("e0301-unknown-measure");
    let out = out_dir();
    let page = out.path().join("signoff.html");
    let (html, stderr, code) = report(site.path(), &page, &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error[E0301]"), "{stderr}");
    assert!(stderr.contains("wrote sign-off report to"), "{stderr}");
    assert!(html.contains("<code>E0301</code>"));
    assert!(html.contains(">content/years/2023/achievements/01-coordination.zh.md:9:24<"));
    assert!(html.contains("有错误：网站不能生成"));
}

#[test]
fn the_terminal_output_stays_as_it_is() {
    let root = common::good_site();
    let plain = ipreport()
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    let out = out_dir();
    let page = out.path().join("signoff.html");
    let (_, stderr, _) = report(&root, &page, &[]);
    let plain = String::from_utf8(plain.stderr).unwrap();
    assert_eq!(
        stderr,
        format!("{plain}wrote sign-off report to {}\n", page.display())
    );
}

#[test]
fn output_and_format_html_go_together() {
    ipreport()
        .args(["check", "--output", "x.html", "--root"])
        .arg(common::good_site())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("add `--format html`"));
    ipreport()
        .args(["check", "--format", "html", "--root"])
        .arg(common::good_site())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--output"));
    ipreport()
        .args(["check", "--year", "2024", "--root"])
        .arg(common::good_site())
        .assert()
        .code(2);
}

#[test]
fn an_unwritable_output_is_a_clear_error() {
    let out = out_dir();
    let page = out.path().join("no-such-folder/signoff.html");
    let (_, stderr, code) = report(&common::good_site(), &page, &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(&format!(
            "error: cannot write the sign-off report to {}",
            page.display()
        )),
        "{stderr}"
    );
    // A folder in the way, not a file.
    let (_, stderr, code) = report(&common::good_site(), out.path(), &[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cannot write the sign-off report"),
        "{stderr}"
    );
    // Inside content/, where the next run would read it.
    let site = common::good_copy();
    let inside = site.path().join("content/signoff.html");
    let (_, stderr, code) = report(site.path(), &inside, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("inside the site's content/ folder"),
        "{stderr}"
    );
    assert!(!inside.exists());
}

// ---------------------------------------------------------------------------------------------
// --since

/// A copy of the fixture site as signed off, and a copy with one value edited, one case added
/// and one title changed.
fn signed_and_edited() -> (TempDir, TempDir) {
    let signed = common::good_copy();
    let current = common::good_copy();
    let years = current.path().join("content/years");
    let report = years.join("2024/report.yaml");
    let text = fs::read_to_string(&report).unwrap();
    fs::write(
        &report,
        text.replace("invention-patents: 41000", "invention-patents: 42000"),
    )
    .unwrap();
    for lang in ["zh", "en"] {
        let from = years.join(format!("2024/cases/patent-mediation.{lang}.md"));
        let text = fs::read_to_string(from).unwrap();
        let text = text.replacen("title: ", "title: 新增 ", 1);
        fs::write(
            years.join(format!("2024/cases/design-mediation.{lang}.md")),
            text,
        )
        .unwrap();
    }
    let report = years.join("2023/report.yaml");
    let text = fs::read_to_string(&report).unwrap();
    fs::write(
        &report,
        text.replace(
            "en: Intellectual Property Protection in Test City 2023",
            "en: IP Protection in Test City in 2023",
        ),
    )
    .unwrap();
    (signed, current)
}

fn since(current: &Path, earlier: &Path, extra: &[&str]) -> (String, i32) {
    let output = ipreport()
        .args(["check", "--root"])
        .arg(current)
        .arg("--since")
        .arg(earlier)
        .args(extra)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn since_a_copy_of_the_site_lists_exactly_what_changed() {
    let (signed, current) = signed_and_edited();
    let (stderr, code) = since(current.path(), signed.path(), &[]);
    assert_eq!(code, 0, "{stderr}");
    let line = value_line(current.path(), 2024, "invention-patents");
    let expected = format!(
        "since {}: 1 value changed, 1 case added, 1 title changed\n\
         \x20 2024 有效发明专利拥有量 (invention-patents): 41000件 → 42000件  (content/years/2024/report.yaml:{line})\n\
         \x20 2024 case added: design-mediation 新增 某电器公司专利侵权纠纷调解案  (content/years/2024/cases/design-mediation.zh.md:2)\n\
         \x20 2023 report 2023 title: en Intellectual Property Protection in Test City 2023 → IP Protection in Test City in 2023  (content/years/2023/report.yaml:1)\n\
         checked ",
        signed.path().display()
    );
    assert!(stderr.contains(&expected), "{stderr}");

    // The same changes as a section of the sign-off report.
    let out = out_dir();
    let page = out.path().join("signoff.html");
    let (html, _, _) = report(
        current.path(),
        &page,
        &["--since", signed.path().to_str().unwrap()],
    );
    assert!(html.contains(
        "自上次签发以来的变化 <span class=\"en\" lang=\"en\">Changes since the last sign-off</span>"
    ));
    assert!(html.contains("<td>41000件</td><td>42000件</td>"));
    assert!(html.contains("2024/design-mediation"));
    assert!(html.contains("IP Protection in Test City in 2023"));

    // --year keeps that year's changes only.
    let (stderr, _) = since(current.path(), signed.path(), &["--year", "2023"]);
    assert!(stderr.contains(": 1 title changed\n"), "{stderr}");
}

#[test]
fn since_an_unchanged_copy_says_so() {
    let signed = common::good_copy();
    let (stderr, code) = since(&common::good_site(), &signed.path().join("content"), &[]);
    assert_eq!(code, 0);
    assert!(stderr.contains(": no changes\n"), "{stderr}");
}

#[test]
fn since_an_earlier_builds_open_data_compares_values_only() {
    let (signed, current) = signed_and_edited();
    let public = signed.path().join("public");
    ipreport()
        .args(["build", "--root"])
        .arg(signed.path())
        .assert()
        .success();
    let json: PathBuf = public.join("data/indicators.json");
    // The file itself, or the built site's folder.
    for earlier in [json.as_path(), public.as_path()] {
        let (stderr, code) = since(current.path(), earlier, &[]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "since {} (values only: an earlier build's data/indicators.json holds no cases, events, issues or titles): 1 value changed\n",
                earlier.display()
            )),
            "{}: {stderr}",
            earlier.display()
        );
    }
    // A site folder holding its build: its content/ is compared, not the build.
    let (stderr, _) = since(current.path(), signed.path(), &[]);
    assert!(
        stderr.contains(": 1 value changed, 1 case added, 1 title changed\n"),
        "{stderr}"
    );
}

#[test]
fn a_bad_since_path_is_a_clear_error() {
    let root = common::good_site();
    let dir = out_dir();
    let (stderr, code) = since(&root, &dir.path().join("nope"), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no such file or folder"), "{stderr}");
    let (stderr, code) = since(&root, dir.path(), &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("holds neither a copy of the site (a folder with content/) nor an earlier build's data/indicators.json"),
        "{stderr}"
    );
    let not_json = dir.path().join("indicators.json");
    fs::write(&not_json, "<html>").unwrap();
    let (stderr, code) = since(&root, &not_json, &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("not the open data of an ipreport build"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("checked "),
        "nothing else is printed: {stderr}"
    );
}
