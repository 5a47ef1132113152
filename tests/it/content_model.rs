//! The content model of real plans and documents: baselines and growth targets, provisional
//! values, nested sections with their own labels, stages, parties named in free text, value
//! references in every form, and the home page's chosen key figures.

use crate::common;

use std::fs;
use std::path::Path;

use common::{good_copy, write};
use ipreport::diagnostics::Code;
use ipreport::render::{Output, OutputFile};
use ipreport::session::{self, CompileOptions, Compiled};

fn page(output: &Output, path: &str) -> String {
    match output.get(path) {
        Some(OutputFile::Bytes(b)) => String::from_utf8(b.clone()).unwrap(),
        other => panic!("{path}: {other:?}"),
    }
}

/// The text of a page without its tags, white space folded: what a reader reads.
fn text(output: &Output, path: &str) -> String {
    let html = page(output, path);
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn compile(root: &Path) -> Compiled {
    session::compile(root, CompileOptions::default())
}

fn built(root: &Path) -> Output {
    let c = compile(root);
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    c.output.expect("the site builds")
}

const PLAN: &str = "content/documents/plan-2024-2026.yaml";

/// The fixture's plan with a baseline, a growth target, a note and a source.
fn plan_with_baselines(root: &Path) {
    let path = root.join(PLAN);
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "  - {indicator: invention-patents, year: 2026, value: 50000, op: \">=\"}",
        "  - indicator: invention-patents\n    baseline: {year: 2023, value: 35000}\n    year: 2026\n    value: 10\n    op: growth\n    source: {zh: 市统计局, en: Municipal Statistics Bureau}\n",
    );
    let text = text.replace(
        "  - {indicator: pledge-financing, year: 2026, value: 150, op: \">=\"}",
        "  - {indicator: pledge-financing, baseline: {year: 2023, value: 85.6}, year: 2026, value: 150, op: \">=\", note: {zh: 原表未标≥, en: no ≥ in the plan's table}}",
    );
    fs::write(&path, text).unwrap();
}

#[test]
fn a_plan_table_shows_baselines_growth_targets_and_notes() {
    let dir = good_copy();
    plan_with_baselines(dir.path());
    let out = built(dir.path());
    let doc = text(&out, "documents/plan-2024-2026/index.html");
    assert!(
        doc.contains("序号 指标 2023年实现值 2025 2026 属性 备注"),
        "{doc}"
    );
    assert!(
        doc.contains("1 有效发明专利拥有量 35000件 — 年均增长10% 预期性 来源：市统计局"),
        "{doc}"
    );
    assert!(
        doc.contains("2 知识产权质押融资额 85.6亿元 — ≥ 150.0亿元 预期性 原表未标≥"),
        "{doc}"
    );
    let en = text(&out, "en/documents/plan-2024-2026/index.html");
    assert!(en.contains("10% a year"), "{en}");
    // 35000 × 1.1 = 38500 is the level for 2024: 41000 is ahead of it.
    let indicator = text(&out, "indicators/invention-patents/index.html");
    assert!(indicator.contains("年均增长10%"), "{indicator}");
    assert!(indicator.contains("符合进度"), "{indicator}");
    // The open data carries the baseline, the note and the source.
    let json = page(&out, "data/indicators.json");
    assert!(json.contains("\"op\": \"growth\""), "{json}");
    assert!(json.contains("\"baseline\": {\n"), "{json}");
    assert!(json.contains("原表未标≥"), "{json}");
    // In the CSV a growth rate is no value in the indicator's unit: its row says so.
    let csv = page(&out, "data/indicators.csv");
    assert!(
        csv.contains(",growth-target,2026,10,growth,plan-2024-2026"),
        "{csv}"
    );
}

#[test]
fn a_growth_target_needs_a_baseline_before_its_year() {
    let dir = good_copy();
    let path = dir.path().join(PLAN);
    let text = fs::read_to_string(&path).unwrap().replace(
        "{indicator: invention-patents, year: 2026, value: 50000, op: \">=\"}",
        "{indicator: invention-patents, year: 2026, value: 5, op: growth}",
    );
    let text = text.replace(
        "{indicator: pledge-financing, year: 2026, value: 150, op: \">=\"}",
        "{indicator: pledge-financing, baseline: {year: 2026, value: 1}, year: 2026, value: 150}",
    );
    fs::write(&path, text).unwrap();
    let c = compile(dir.path());
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        vec![Code::MissingKey, Code::InvalidValue],
        "{:#?}",
        c.diagnostics
    );
    assert!(
        c.diagnostics[0]
            .message
            .contains("growth target needs the baseline")
    );
    assert!(
        c.diagnostics[1]
            .message
            .contains("not before the target year")
    );
}

#[test]
fn provisional_values_and_their_sources_are_marked() {
    let dir = good_copy();
    let path = dir.path().join("content/years/2024/report.yaml");
    let yaml = fs::read_to_string(&path).unwrap().replace(
        "  invention-patents: 41000",
        "  invention-patents: {value: 41000, provisional: true, source: {zh: 市统计局, en: Statistics Bureau}}",
    );
    fs::write(&path, yaml).unwrap();
    let out = built(dir.path());
    assert!(text_of_year(&out).contains("41000 初步统计"));
    let indicator = text(&out, "en/indicators/invention-patents/index.html");
    assert!(
        indicator.contains("41,000 preliminary Source: Statistics Bureau"),
        "{indicator}"
    );
    let json = page(&out, "data/indicators.json");
    assert!(json.contains("\"provisional\": true"), "{json}");
    let csv = page(&out, "data/indicators.csv");
    assert!(
        csv.contains(",provisional-value,2024,41000,,report-2024"),
        "{csv}"
    );
}

fn text_of_year(out: &Output) -> String {
    text(out, "2024/index.html")
}

const OPINIONS: &str = "content/documents/opinion-2021.yaml";

/// Another region's opinions, as a real one is built: a preamble, 一、 with prose only,
/// 二、 with subsections （一）… holding measures 1–4, 三、 with its own label for its （一）–（二）,
/// stages, and an issuer that is not a department of this site.
fn opinions(root: &Path) {
    write(
        root,
        OPINIONS,
        r#"title: {zh: 关于加强知识产权保护的实施意见, en: Implementing Opinions on Stronger IP Protection}
kind: opinion
number: 市委办发〔2021〕45号
issuer:
  - {zh: 中共天水市委办公室, en: General Office of the CPC Tianshui Committee}
  - 天水市人民政府办公室
  - amr
date: 2021-12-23
measure_label: {zh: "{n}.", en: "{n}."}
summary:
  zh: 为加强知识产权保护，结合本市实际，提出如下实施意见。
  en: To strengthen IP protection, these opinions are issued in the light of local conditions.
sections:
  - title: {zh: 总体要求, en: General requirements}
    summary:
      zh: 坚持严格保护、统筹协调、重点突破、同等保护。
      en: Strict, coordinated, focused and equal protection.
  - title: {zh: 主要任务, en: Main tasks}
    sections:
      - title: {zh: 增强制度约束, en: Stronger rules}
        measures:
          - n: "1"
            title: {zh: 强化制度机制建设, en: Rules and mechanisms}
            lead: [amr, {zh: 市司法局, en: Municipal Justice Bureau}]
          - n: "2"
            title: {zh: 统一证据判断标准, en: One standard of evidence}
            lead: [court]
      - title: {zh: 加强社会共治, en: Shared governance}
        measures:
          - n: "3"
            title: {zh: 严厉打击侵权假冒行为, en: Crack down on counterfeiting}
            lead: [amr]
          - n: "4"
            title: {zh: 加大执法监督力度, en: More oversight of enforcement}
            lead: [court]
  - title: {zh: 保障措施, en: Safeguards}
    label: {zh: "（{cn}）", en: "({last})"}
    measures:
      - n: "3.1"
        title: {zh: 加强组织领导, en: Leadership}
        text:
          zh: 见[](@measure/opinion-2021/3.2)。
          en: See [](@measure/opinion-2021/3.2).
      - n: "3.2"
        title: {zh: 强化考核评价, en: Assessment}
stages:
  - title: {zh: 动员部署阶段, en: Mobilisation}
    from: 2022-01
    to: 2022-03
    text: {zh: 制定分工方案。, en: Tasks are assigned.}
  - title: {zh: 全面实施阶段, en: Implementation}
    from: 2022-04
    to: 2023-12-31
"#,
    );
}

#[test]
fn documents_nest_sections_with_their_own_labels_stages_and_outside_issuers() {
    let dir = good_copy();
    opinions(dir.path());
    let out = built(dir.path());
    let html = page(&out, "documents/opinion-2021/index.html");
    let doc = text(&out, "documents/opinion-2021/index.html");
    // Issuers: names without a page are text, the department a link.
    assert!(
        doc.contains("中共天水市委办公室、天水市人民政府办公室、"),
        "{doc}"
    );
    assert!(!html.contains("href=\"\""), "no empty links");
    assert!(doc.contains("为加强知识产权保护，结合本市实际，提出如下实施意见。"));
    // Nesting: 主要任务 is an h2, its subsections h3, their measures h4.
    assert!(
        html.contains("<h2 id=\"s-2-title\">主要任务</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<h3 id=\"s-3-title\">增强制度约束</h3>"),
        "{html}"
    );
    assert!(html.contains("<h4 id=\"m-1-title\"><span class=\"measure-label\">1.</span>"));
    // The safeguards' own label: （一）, （二） for 3.1, 3.2; and so in links to them.
    assert!(html.contains("<span class=\"measure-label\">（一）</span> 加强组织领导"));
    assert!(
        doc.contains("见 《关于加强知识产权保护的实施意见》（二） 。"),
        "{doc}"
    );
    // A lead named in free text.
    assert!(doc.contains("市司法局"), "{doc}");
    // Stages with their months.
    assert!(
        doc.contains("动员部署阶段 2022年1月—3月 制定分工方案。"),
        "{doc}"
    );
    assert!(
        doc.contains("全面实施阶段 2022年4月—2023年12月31日"),
        "{doc}"
    );
    let en = text(&out, "en/documents/opinion-2021/index.html");
    assert!(
        en.contains("Mobilisation January 2022 – March 2022"),
        "{en}"
    );
    assert!(
        en.contains("General Office of the CPC Tianshui Committee"),
        "{en}"
    );
}

#[test]
fn an_empty_section_of_a_nested_document_is_an_error() {
    let dir = good_copy();
    opinions(dir.path());
    let path = dir.path().join(OPINIONS);
    let text = fs::read_to_string(&path).unwrap().replace(
        "    summary:\n      zh: 坚持严格保护、统筹协调、重点突破、同等保护。\n      en: Strict, coordinated, focused and equal protection.\n",
        "",
    );
    fs::write(&path, text).unwrap();
    let c = compile(dir.path());
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec![Code::EmptySection], "{:#?}", c.diagnostics);
}

/// A case whose body quotes values in every form.
fn quoting_case(root: &Path, zh: &str, en: &str) {
    write(
        root,
        "content/years/2024/cases/quotes.zh.md",
        format!(
            "---\ntitle: 数值的写法\nip_type: patent\nprocedure: mediation\nauthority: amr\n---\n{zh}\n"
        ),
    );
    write(
        root,
        "content/years/2024/cases/quotes.en.md",
        format!("---\ntitle: Ways to quote a value\n---\n{en}\n"),
    );
}

#[test]
fn value_references_in_every_form() {
    let dir = good_copy();
    let forms = [
        "@indicator/invention-patents/2024",
        "@indicator/invention-patents/2024/number",
        "@indicator/invention-patents/2024/natural",
        "@indicator/invention-patents/2024/万件",
        "@indicator/invention-patents/2024/change",
        "@indicator/invention-patents/2024/change-percent",
        "@indicator/hte-coverage/2024/change-percent",
        "@indicator/invention-patents/2024/completion",
        "@target/plan-2024-2026/invention-patents/2026/completion",
        "@target/plan-2024-2026/pledge-financing/2026/万元",
        "@doc/plan-2024-2026",
    ];
    let body: String = forms.iter().map(|f| format!("[]({f})｜")).collect();
    quoting_case(dir.path(), &body, &body);
    let out = built(dir.path());
    let zh = text(&out, "2024/cases/quotes/index.html").replace(" ｜ ", "｜");
    assert!(
        zh.contains(
            "41000件｜41000｜4.1万件｜4.1万件｜+6000件｜+17.1%｜+7.0个百分点｜82.0%｜82.0%｜1500000万元｜《测试市知识产权保护三年行动计划（2024—2026年）》｜"
        ),
        "{zh}"
    );
    let en = text(&out, "en/2024/cases/quotes/index.html").replace(" ｜ ", "｜");
    assert!(
        en.contains(
            "41,000｜41,000｜41,000｜41,000｜+6,000｜+17.1%｜+7.0 pp｜82.0%｜82.0%｜15.00 billion yuan｜Three-Year Action Plan"
        ),
        "{en}"
    );
}

#[test]
fn value_references_that_cannot_be_shown_are_errors() {
    let dir = good_copy();
    let zh = "[](@indicator/invention-patents/2023/change)[](@indicator/invention-patents/2024/亿元)[](@indicator/invention-patents/2024/bogus)[](@target/plan-2024-2026/invention-patents/2026/change)";
    quoting_case(dir.path(), zh, "See.");
    let c = compile(dir.path());
    let errors: Vec<(Code, String)> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code, d.message.to_string()))
        .collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert_eq!(errors[0].0, Code::MissingValue, "{errors:#?}");
    assert!(errors[0].1.contains("no value for 2022"), "{errors:#?}");
    // 亿元 is not a unit of the kind of 件; `bogus` is no form.
    assert_eq!(errors[1].0, Code::MalformedReference);
    assert_eq!(errors[2].0, Code::MalformedReference);
    assert_eq!(errors[3].0, Code::MalformedReference);
    assert!(errors[3].1.contains("a target has no change"));
}

#[test]
fn the_home_page_shows_the_key_figures_chosen() {
    let dir = good_copy();
    let site = dir.path().join("content/site.yaml");
    let text_yaml = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("{text_yaml}key_figures: [handling-days, invention-patents]\n"),
    )
    .unwrap();
    let out = built(dir.path());
    let home = text(&out, "index.html");
    assert!(
        home.contains(
            "主要指标 75天 专利侵权纠纷平均办案周期 增减 -15天 (-16.7%) (改善) 41000件 有效发明专利拥有量 增减 +6000件 (+17.1%) (改善) 全部指标"
        ),
        "only those chosen, in that order: {home}"
    );
    // A year's own list wins over the site's.
    let report = dir.path().join("content/years/2024/report.yaml");
    let r = fs::read_to_string(&report).unwrap();
    fs::write(&report, format!("{r}key_figures: [pledge-financing]\n")).unwrap();
    let out = built(dir.path());
    let home = text(&out, "index.html");
    assert!(
        home.contains(
            "主要指标 102.3亿元 知识产权质押融资额 增减 +16.7亿元 (+19.5%) (改善) 全部指标"
        ),
        "{home}"
    );
}

/// A change is coloured by what it means for the indicator: fewer days to handle a dispute
/// (`direction: down`) is better, more invention patents too; screen readers hear it.
#[test]
fn changes_are_better_or_worse_by_the_indicators_direction() {
    let dir = good_copy();
    let out = built(dir.path());
    for (path, better) in [
        ("2024/index.html", "改善"),
        ("en/2024/index.html", "improved"),
    ] {
        let html = page(&out, path);
        let row = |id: &str| {
            let at = html
                .find(&format!("<th scope=\"row\"><a href=\"../indicators/{id}/"))
                .expect("the row");
            let end = at + html[at..].find("</tr>").expect("its end");
            html[at..end].to_string()
        };
        for id in ["handling-days", "invention-patents"] {
            let row = row(id);
            assert!(
                row.contains("class=\"num change-better\""),
                "{path} {id}: {row}"
            );
            assert!(
                row.contains(&format!(
                    "<span class=\"visually-hidden\"> ({better})</span>"
                )),
                "{row}"
            );
        }
        assert!(!html.contains("change-down") && !html.contains("change-up"));
    }
}

/// A year without a year before it shows no 上年 and 增减 columns of "—".
#[test]
fn a_first_year_has_no_empty_previous_year_columns() {
    let dir = good_copy();
    let out = built(dir.path());
    let first = page(&out, "2023/index.html");
    let second = page(&out, "2024/index.html");
    let header = |html: &str, label: &str| {
        html.contains(&format!("<th scope=\"col\" class=\"num\">{label}</th>"))
    };
    assert!(!header(&first, "上年") && !header(&first, "增减"));
    assert!(header(&second, "上年") && header(&second, "增减"));
    let en = page(&out, "en/2023/index.html");
    assert!(!header(&en, "Previous year"));
}

#[test]
fn completion_is_measured_against_a_target_in_force_never_an_expired_one() {
    let dir = good_copy();
    let path = dir.path().join(PLAN);
    let plan = fs::read_to_string(&path).unwrap();
    // The plan (now 2022–2026) set its coverage target for 2023: in 2024 it has expired.
    let plan = plan
        .replace("period: [2024, 2026]", "period: [2022, 2026]")
        .replace(
            "{indicator: hte-coverage, year: 2025, value: 65, op: \">=\"}",
            "{indicator: hte-coverage, year: 2023, value: 65, op: \">=\"}",
        );
    fs::write(&path, plan).unwrap();
    let out = built(dir.path());
    let year = text(&out, "2024/index.html");
    // 62 against 65 would be 95.4%: the table shows no completion for the row at all.
    assert!(!year.contains("95.4%"), "{year}");
    // The invention-patents row still measures against its 2026 target: 41000 / 50000.
    assert!(year.contains("82.0%"), "{year}");

    quoting_case(
        dir.path(),
        "[](@indicator/hte-coverage/2024/completion)",
        "See.",
    );
    let c = compile(dir.path());
    let errors: Vec<_> = c.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].code, Code::MissingTarget);
    assert!(
        errors[0].message.contains("in force in 2024"),
        "{errors:#?}"
    );
    assert!(
        errors[0].help.as_deref().unwrap_or("").contains("expired"),
        "{errors:#?}"
    );
}
