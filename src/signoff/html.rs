//! The sign-off report as one self-contained HTML page to print and sign: inline CSS, no
//! script, no image, nothing loaded from anywhere (a leader may open it from a USB stick on
//! an offline machine); A4 pages, each year on a page of its own, tables that fit the width.
//! Labels are Chinese first with the English beside them; everything taken from the site's
//! files is escaped. The page is a pure function of the [`Report`], so the same sources
//! always give the same bytes.

use super::since::{Changes, ItemKind};
use super::{Counts, Coverage, DiagnosticRow, Place, Report, TargetRow, ValueRow, YearReport};
use crate::render::escape;

/// How the page links to the site's files.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The relative URL from the page's folder to the site folder (see
    /// [`super::file::link_prefix`]); `None`: places are shown without links.
    pub link_prefix: Option<&'a str>,
}

/// The whole page.
pub fn page(report: &Report, options: Options) -> String {
    let mut page = Page {
        out: String::with_capacity(64 * 1024),
        links: options.link_prefix,
    };
    page.head(report);
    page.masthead(report);
    if let Some(changes) = &report.changes {
        page.changes(changes);
    }
    for year in &report.years {
        page.year(year);
    }
    page.site_wide(&report.site_coverage);
    page.diagnostics(&report.diagnostics);
    page.raw("</body>\n</html>\n");
    page.out
}

/// `中文 English`: a label in both languages, the English set apart.
fn bi(zh: &str, en: &str) -> String {
    format!("{zh} <span class=\"en\" lang=\"en\">{en}</span>")
}

/// A path as a URL: every byte but unreserved ones and `/` percent-encoded.
fn url_path(path: &str) -> String {
    let mut url = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

struct Page<'a> {
    out: String,
    links: Option<&'a str>,
}

impl Page<'_> {
    fn raw(&mut self, html: &str) {
        self.out.push_str(html);
    }

    fn text(&mut self, text: &str) {
        self.out.push_str(&escape(text));
    }

    /// `<th>` cells of a table header row, with each column's share of the width.
    fn header(&mut self, columns: &[(&str, &str, u8)]) {
        self.raw("<colgroup>");
        for (_, _, width) in columns {
            self.raw(&format!("<col style=\"width:{width}%\">"));
        }
        self.raw("</colgroup>\n<thead><tr>");
        for (zh, en, _) in columns {
            self.raw(&format!("<th>{}</th>", bi(zh, en)));
        }
        self.raw("</tr></thead>\n");
    }

    /// A place in the site's files, linked to the file when the page knows the way.
    fn place(&mut self, at: &Place, with_column: bool) {
        let shown = if with_column {
            at.file_line_column()
        } else {
            at.file_line()
        };
        match self.links {
            Some(prefix) => {
                let href = escape(&format!("{}{}", url_path(prefix), url_path(&at.file)));
                self.raw(&format!("<a class=\"at\" href=\"{href}\">"));
                self.text(&shown);
                self.raw("</a>");
            }
            None => {
                self.raw("<span class=\"at\">");
                self.text(&shown);
                self.raw("</span>");
            }
        }
    }

    fn optional_place(&mut self, at: Option<&Place>) {
        match at {
            Some(at) => self.place(at, false),
            None => self.raw("—"),
        }
    }

    /// Lines of text, the first as it is and the others in the secondary style.
    fn lines(&mut self, lines: &[String]) {
        for (i, line) in lines.iter().enumerate() {
            match i {
                0 => self.text(line),
                _ => {
                    self.raw("<br><span class=\"en\">");
                    self.text(line);
                    self.raw("</span>");
                }
            }
        }
    }

    fn head(&mut self, report: &Report) {
        self.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
        self.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        self.raw("<title>签发核对单 Sign-off report");
        if let Some(title) = report.title.first() {
            self.raw(" · ");
            self.text(title);
        }
        self.raw("</title>\n<style>\n");
        self.raw(STYLE);
        self.raw("</style>\n</head>\n<body>\n");
    }

    fn masthead(&mut self, report: &Report) {
        self.raw("<header>\n<p class=\"kind\">");
        self.raw(&bi("签发核对单", "Sign-off report"));
        self.raw("</p>\n<h1>");
        self.lines(&report.title);
        self.raw("</h1>\n");
        if !report.publisher.is_empty() {
            self.raw("<p>");
            self.lines(&report.publisher);
            self.raw("</p>\n");
        }
        self.summary(report);
        self.raw("<p class=\"sign\">");
        self.raw(&bi("签发人", "Signed off by"));
        self.raw(" <span class=\"blank\"></span> ");
        self.raw(&bi("日期", "Date"));
        self.raw(" <span class=\"blank\"></span></p>\n</header>\n");
    }

    /// The check's result and what the report covers, at the top.
    fn summary(&mut self, report: &Report) {
        let verdict = match (report.errors, report.warnings) {
            (0, 0) => bi("检查未发现问题", "The check found no problems"),
            (0, _) => bi("没有错误，有警告待核对", "No errors; warnings to look at"),
            _ => bi("有错误：网站不能生成", "Errors: the site cannot be built"),
        };
        let class = if report.errors > 0 {
            " class=\"bad\""
        } else {
            ""
        };
        self.raw("<table class=\"summary\">\n");
        self.header(&[
            ("错误", "Errors", 20),
            ("警告", "Warnings", 20),
            ("结论", "Result", 60),
        ]);
        self.raw(&format!(
            "<tbody><tr><td class=\"num\"{class}>{}</td><td class=\"num\">{}</td><td{class}>{verdict} · <a href=\"#diagnostics\">{}</a></td></tr></tbody>\n</table>\n",
            report.errors,
            report.warnings,
            bi("问题清单", "diagnostics")
        ));
        self.raw("<p>");
        self.raw(&bi("核对年度", "Years covered"));
        self.raw("：");
        let years: Vec<String> = report
            .years
            .iter()
            .map(|y| format!("<a href=\"#y{0}\">{0}</a>", y.year))
            .collect();
        self.raw(&years.join("，"));
        self.raw("</p>\n");
        if let Some(changes) = &report.changes {
            self.raw("<p><a href=\"#changes\">");
            self.raw(&bi(
                "自上次签发以来的变化",
                "Changes since the last sign-off",
            ));
            self.raw("</a>：");
            self.text(&changes.summary());
            self.raw("</p>\n");
        }
    }

    fn year(&mut self, year: &YearReport) {
        self.raw(&format!(
            "<section class=\"year\" id=\"y{0}\">\n<h2>{0}年度 <span class=\"en\" lang=\"en\">Year {0}</span></h2>\n<p class=\"report-title\">",
            year.year
        ));
        self.lines(&year.title);
        self.raw("<br><span class=\"muted\">");
        self.raw(&bi("发布日期", "Published"));
        self.raw("：");
        match &year.published {
            Some(date) => self.text(date),
            None => self.raw("—"),
        }
        if year.draft {
            self.raw(" <span class=\"flag\">");
            self.raw(&bi("草稿", "draft"));
            self.raw("</span>");
        }
        self.raw("</span></p>\n");
        self.counts(
            &year.counts,
            year.values.iter().filter(|v| !v.shown.is_empty()).count(),
        );
        self.raw("<h3>");
        self.raw(&bi("指标", "Indicators"));
        self.raw("</h3>\n");
        self.values(&year.values);
        self.raw("<h3>");
        self.raw(&bi("翻译覆盖", "Translation coverage"));
        self.raw("</h3>\n");
        self.coverage(&year.coverage);
        self.raw("</section>\n");
    }

    fn counts(&mut self, counts: &Counts, values: usize) {
        self.raw("<table class=\"counts\">\n");
        self.header(&[
            ("典型案例", "Cases", 15),
            ("十大事件", "Events", 15),
            ("问题清单", "Issues", 34),
            ("主要做法", "Achievements", 12),
            ("涉及措施", "Measures named", 12),
            ("指标数值", "Values", 12),
        ]);
        let events = counts.events.map_or("—".to_string(), |n| n.to_string());
        let issues = match &counts.issues {
            Some(i) => format!(
                "{}<br><span class=\"muted\">{} {} · {} {} · {} {}</span>",
                i.total,
                bi("已整改", "rectified"),
                i.resolved,
                bi("整改中", "in progress"),
                i.in_progress,
                bi("待整改", "open"),
                i.open
            ),
            None => "—".to_string(),
        };
        self.raw(&format!(
            "<tbody><tr><td class=\"num\">{}</td><td class=\"num\">{events}</td><td class=\"num\">{issues}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{values}</td></tr></tbody>\n</table>\n",
            counts.cases, counts.achievements, counts.measures
        ));
    }

    fn values(&mut self, rows: &[ValueRow]) {
        if rows.is_empty() {
            self.raw("<p>");
            self.raw(&bi(
                "本年度没有指标数值。",
                "No indicator values this year.",
            ));
            self.raw("</p>\n");
            return;
        }
        self.raw("<table class=\"values\">\n");
        self.header(&[
            ("指标", "Indicator", 19),
            ("数值", "Value", 14),
            ("上年", "Previous", 11),
            ("变化", "Change", 13),
            ("规划目标", "Plan targets", 24),
            ("出处", "Written in", 19),
        ]);
        self.raw("<tbody>\n");
        for row in rows {
            self.value_row(row);
        }
        self.raw("</tbody>\n</table>\n");
    }

    fn value_row(&mut self, row: &ValueRow) {
        self.raw("<tr><td>");
        self.text(&row.name);
        self.raw("<br><code>");
        self.text(&row.indicator);
        self.raw("</code></td><td class=\"num\">");
        if row.shown.is_empty() {
            self.raw(&bi("无数值", "no value"));
        } else {
            self.lines(&row.shown);
        }
        if row.provisional {
            self.raw("<br><span class=\"flag\">");
            self.raw(&bi("初步统计", "provisional"));
            self.raw("</span>");
        }
        self.raw("</td><td class=\"num\">");
        self.text(row.previous.as_deref().unwrap_or("—"));
        self.raw("</td><td class=\"num\">");
        self.text(row.change.as_deref().unwrap_or("—"));
        self.raw("</td><td>");
        self.targets(&row.targets);
        self.raw("</td><td>");
        self.optional_place(row.at.as_ref());
        if let Some(source) = &row.source {
            self.raw("<br>");
            self.raw(&bi("来源", "source"));
            self.raw("：");
            self.text(source);
        }
        self.raw("</td></tr>\n");
    }

    fn targets(&mut self, targets: &[TargetRow]) {
        if targets.is_empty() {
            self.raw("—");
        }
        for (i, t) in targets.iter().enumerate() {
            if i > 0 {
                self.raw("<hr>");
            }
            self.text(&t.plan);
            self.raw(&format!(" {}年 ", t.year));
            self.text(&t.target);
            let (zh, en) = t.status.label();
            self.raw(&format!(
                "<br><span class=\"status {}\">{}</span> ",
                t.status.class(),
                bi(zh, en)
            ));
            self.place(&t.at, false);
        }
    }

    fn coverage(&mut self, coverage: &Coverage) {
        if coverage.rows.is_empty() {
            self.raw("<p>");
            self.raw(&bi("网站只有一种语言。", "The site has one language."));
            self.raw("</p>\n");
            return;
        }
        self.raw("<table class=\"coverage\">\n");
        self.header(&[
            ("语言", "Language", 25),
            ("已翻译", "Translated", 25),
            ("部分回退", "Falling back", 25),
            ("缺失", "Missing", 25),
        ]);
        self.raw("<tbody>\n");
        for r in &coverage.rows {
            self.raw("<tr><td>");
            self.text(&r.lang);
            self.raw(&format!(
                "</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                r.translated, r.falling_back, r.missing
            ));
        }
        self.raw("</tbody>\n</table>\n");
        self.gaps(coverage);
    }

    /// The items behind the coverage counts that are not fully translated.
    fn gaps(&mut self, coverage: &Coverage) {
        if coverage.gaps.is_empty() {
            self.raw("<p>");
            self.raw(&bi("全部已翻译。", "Everything is translated."));
            self.raw("</p>\n");
            return;
        }
        self.raw("<table class=\"gaps\">\n");
        self.header(&[
            ("语言", "Language", 10),
            ("状态", "State", 16),
            ("项目", "Item", 44),
            ("位置", "File", 30),
        ]);
        self.raw("<tbody>\n");
        for gap in &coverage.gaps {
            self.raw("<tr><td>");
            self.text(&gap.lang);
            self.raw("</td><td>");
            self.raw(&if gap.missing {
                bi("缺失", "missing")
            } else {
                bi("部分回退", "falling back")
            });
            self.raw("</td><td>");
            self.text(&gap.item);
            self.raw("</td><td>");
            self.optional_place(gap.at.as_ref());
            self.raw("</td></tr>\n");
        }
        self.raw("</tbody>\n</table>\n");
    }

    fn site_wide(&mut self, coverage: &Coverage) {
        self.raw("<section class=\"part\" id=\"site\">\n<h2>");
        self.raw(&bi("全站内容", "Site-wide content"));
        self.raw("</h2>\n<p class=\"muted\">");
        self.raw(&bi(
            "站点设置、指标、部门、文件和页面的翻译覆盖。",
            "Translation coverage of the settings, indicators, departments, documents and pages.",
        ));
        self.raw("</p>\n");
        self.coverage(coverage);
        self.raw("</section>\n");
    }

    fn diagnostics(&mut self, rows: &[DiagnosticRow]) {
        self.raw("<section class=\"part\" id=\"diagnostics\">\n<h2>");
        self.raw(&bi("检查结果", "Diagnostics"));
        self.raw("</h2>\n");
        if rows.is_empty() {
            self.raw("<p>");
            self.raw(&bi("检查未发现问题。", "The check found no problems."));
            self.raw("</p>\n</section>\n");
            return;
        }
        self.raw("<table class=\"diagnostics\">\n");
        self.header(&[
            ("代码", "Code", 10),
            ("级别", "Severity", 12),
            ("位置", "Where", 28),
            ("说明", "Message", 50),
        ]);
        self.raw("<tbody>\n");
        for d in rows {
            self.diagnostic(d);
        }
        self.raw("</tbody>\n</table>\n</section>\n");
    }

    fn diagnostic(&mut self, d: &DiagnosticRow) {
        let (class, severity) = if d.error {
            (" class=\"bad\"", bi("错误", "error"))
        } else {
            ("", bi("警告", "warning"))
        };
        self.raw(&format!(
            "<tr><td><code>{}</code></td><td{class}>{severity}</td><td>",
            d.code
        ));
        match (&d.at, &d.path) {
            (Some(at), _) => self.place(at, true),
            (None, Some(path)) => {
                self.raw("<span class=\"at\">");
                self.text(path);
                self.raw("</span>");
            }
            (None, None) => self.raw("—"),
        }
        self.raw("</td><td>");
        self.text(&d.message);
        if let Some(help) = &d.help {
            self.raw("<br><span class=\"muted\">");
            self.raw(&bi("提示", "help"));
            self.raw("：");
            self.text(help);
            self.raw("</span>");
        }
        self.raw("</td></tr>\n");
    }

    fn changes(&mut self, changes: &Changes) {
        self.raw("<section class=\"part\" id=\"changes\">\n<h2>");
        self.raw(&bi(
            "自上次签发以来的变化",
            "Changes since the last sign-off",
        ));
        self.raw("</h2>\n<p>");
        self.raw(&bi("对照", "Compared with"));
        self.raw("：<span class=\"at\">");
        self.text(&changes.against);
        self.raw("</span>");
        if changes.values_only {
            self.raw("<br>");
            self.raw(&bi(
                "只比较了数值：之前构建的 data/indicators.json 不含案例、事件、问题和标题。",
                "Values only: an earlier build's data/indicators.json holds no cases, events, issues or titles.",
            ));
        }
        self.raw("<br>");
        self.text(&changes.summary());
        self.raw("</p>\n");
        if !changes.is_empty() {
            self.change_table(changes);
        }
        self.raw("</section>\n");
    }

    fn change_table(&mut self, changes: &Changes) {
        self.raw("<table class=\"changes\">\n");
        self.header(&[
            ("类别", "Kind", 15),
            ("年度", "Year", 8),
            ("项目", "Item", 23),
            ("原", "Before", 17),
            ("现", "After", 17),
            ("位置", "Where", 20),
        ]);
        self.raw("<tbody>\n");
        for v in &changes.values {
            let kind = match (&v.before, &v.after) {
                (None, _) => bi("新增数值", "value added"),
                (_, None) => bi("删除数值", "value removed"),
                _ => bi("数值变化", "value changed"),
            };
            let item = format!(
                "{}<br><code>{}</code>",
                escape(&v.name),
                escape(&v.indicator)
            );
            self.change_row(
                &kind,
                Some(v.year),
                &item,
                &v.before,
                &v.after,
                v.at.as_ref(),
            );
        }
        for i in &changes.items {
            let (verb_zh, verb_en) = if i.added {
                ("新增", "added")
            } else {
                ("删除", "removed")
            };
            let kind = bi(
                &format!("{verb_zh}{}", i.kind.name_zh()),
                &format!("{} {verb_en}", i.kind.name()),
            );
            let title = Some(i.title.clone());
            let (before, after) = if i.added {
                (None, title)
            } else {
                (title, None)
            };
            let item = escape(&item_key(i.kind, i.year, &i.key));
            self.change_row(&kind, i.year, &item, &before, &after, i.at.as_ref());
        }
        for t in &changes.titles {
            let kind = bi(
                &format!("{}标题", t.kind.name_zh()),
                &format!("{} title", t.kind.name()),
            );
            let side = |pick: fn(&(String, String, String)) -> &String| {
                let lines: Vec<String> = t
                    .languages
                    .iter()
                    .map(|l| format!("{}: {}", l.0, pick(l)))
                    .collect();
                Some(lines.join("\n"))
            };
            let item = escape(&item_key(t.kind, t.year, &t.key));
            self.change_row(
                &kind,
                t.year,
                &item,
                &side(|l| &l.1),
                &side(|l| &l.2),
                t.at.as_ref(),
            );
        }
        self.raw("</tbody>\n</table>\n");
    }

    /// One row of the changes table; `kind` and `item` are HTML already.
    fn change_row(
        &mut self,
        kind: &str,
        year: Option<i32>,
        item: &str,
        before: &Option<String>,
        after: &Option<String>,
        at: Option<&Place>,
    ) {
        let year = year.map_or(String::new(), |y| y.to_string());
        self.raw(&format!(
            "<tr><td>{kind}</td><td>{year}</td><td>{item}</td><td>"
        ));
        for (i, side) in [before, after].into_iter().enumerate() {
            if i > 0 {
                self.raw("</td><td>");
            }
            let lines: Vec<String> = side
                .as_deref()
                .unwrap_or("—")
                .lines()
                .map(str::to_string)
                .collect();
            self.lines(&lines);
        }
        self.raw("</td><td>");
        self.optional_place(at);
        self.raw("</td></tr>\n");
    }
}

/// `2024/patent-mediation`, an event `2024/3`, a document by its id.
fn item_key(kind: ItemKind, year: Option<i32>, key: &str) -> String {
    match (kind, year) {
        (ItemKind::Report, Some(y)) => y.to_string(),
        (_, Some(y)) => format!("{y}/{key}"),
        (_, None) => key.to_string(),
    }
}

/// Kept here rather than in a file so that the page is self-contained and the binary carries
/// it; system fonts only (a CJK one first), nothing fetched.
const STYLE: &str = r#"@page { size: A4; margin: 15mm 13mm 17mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB", sans-serif; font-size: 10pt; line-height: 1.45; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 184mm; padding: 0; }
h1 { font-size: 17pt; line-height: 1.3; margin: 0 0 4pt; }
h2 { font-size: 14pt; border-bottom: 1.5pt solid #111; padding-bottom: 2pt; margin: 0 0 6pt; }
h3 { font-size: 11pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0; }
.en { color: #444; font-weight: normal; }
h1 .en { font-size: 12pt; }
.kind { font-size: 11pt; font-weight: bold; letter-spacing: .08em; }
.muted { color: #555; }
a { color: inherit; }
code, .at { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", "Consolas", monospace; font-size: 8.5pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4pt 0 8pt; }
th, td { border: .5pt solid #777; padding: 2pt 4pt; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td hr { border: 0; border-top: .5pt dotted #777; margin: 2pt 0; }
.bad { font-weight: bold; color: #a00; }
.flag { display: inline-block; border: .5pt solid #111; padding: 0 2pt; font-size: 8pt; }
.status { font-weight: bold; }
.status.achieved { color: #060; }
.status.on-track { color: #060; }
.status.behind, .status.missed { color: #a00; text-decoration: underline; }
.status.no-data { color: #555; font-weight: normal; }
.sign { margin-top: 16pt; font-size: 11pt; }
.blank { display: inline-block; width: 45mm; border-bottom: .75pt solid #111; margin: 0 6pt; }
.year, .part { break-before: page; page-break-before: always; }
#changes, #diagnostics { break-before: auto; page-break-before: auto; margin-top: 12pt; }
@media screen { body { padding: 10mm 8mm; } .year, .part { margin-top: 14mm; } }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_urls() {
        assert_eq!(url_path("../a b/content/x.md"), "../a%20b/content/x.md");
        assert_eq!(url_path("站"), "%E7%AB%99");
        assert_eq!(url_path("a#?\"<"), "a%23%3F%22%3C");
    }

    #[test]
    fn user_text_is_escaped_and_nothing_is_loaded() {
        let report = Report {
            title: vec!["<script>x</script>".into()],
            publisher: Vec::new(),
            errors: 1,
            warnings: 0,
            years: Vec::new(),
            site_coverage: Coverage::default(),
            diagnostics: vec![DiagnosticRow {
                code: "E0301",
                error: true,
                at: Some(Place {
                    file: "content/a&b.md".into(),
                    line: 3,
                    column: 4,
                }),
                path: None,
                message: "unknown measure `<b>`".into(),
                help: None,
            }],
            changes: None,
        };
        let html = page(&report, Options::default());
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!html.contains("<script"));
        assert!(html.contains("content/a&amp;b.md:3:4"));
        assert!(html.contains("unknown measure `&lt;b&gt;`"));
        for external in ["http://", "https://", "src=", "<link"] {
            assert!(!html.contains(external), "{external}");
        }
        let linked = page(
            &report,
            Options {
                link_prefix: Some("../site/"),
            },
        );
        assert!(linked.contains("href=\"../site/content/a%26b.md\""));
    }

    #[test]
    fn changes_are_listed_as_rows() {
        let changes = crate::signoff::since::Changes {
            against: "../signed".into(),
            values_only: false,
            values: vec![crate::signoff::since::ValueChange {
                year: 2024,
                indicator: "a".into(),
                name: "甲".into(),
                before: Some("1件".into()),
                after: Some("2件".into()),
                at: None,
            }],
            items: Vec::new(),
            titles: Vec::new(),
        };
        let mut p = Page {
            out: String::new(),
            links: None,
        };
        p.changes(&changes);
        assert!(p.out.contains("1 value changed"));
        assert!(p.out.contains("<td>1件</td><td>2件</td>"), "{}", p.out);
    }
}
