//! The theme's own words (navigation, table headers, labels) in each supported language.
//! Templates see them as `t.<key>`.

use std::collections::BTreeMap;

/// `(key, zh, en, zh-Hant)`.
const LABELS: &[(&str, &str, &str, &str)] = &[
    ("home", "首页", "Home", "首頁"),
    ("colon", "：", ": ", "："),
    ("skip_to_content", "跳到正文", "Skip to content", "跳到正文"),
    ("main_navigation", "主导航", "Main navigation", "主導航"),
    ("language", "语言", "Language", "語言"),
    ("breadcrumb", "当前位置", "You are here", "當前位置"),
    ("years", "历年报告", "Reports by year", "歷年報告"),
    ("latest_report", "最新报告", "Latest report", "最新報告"),
    ("report", "年度报告", "Annual report", "年度報告"),
    ("full_report", "全文", "full report", "全文"),
    (
        "print_full",
        "打印全文",
        "Print the full report",
        "列印全文",
    ),
    (
        "print_note",
        "本页汇集本年度报告全文（含典型案例、十大事件和问题清单），可用浏览器的“打印”功能（Ctrl+P）打印或另存为 PDF。",
        "This page holds the whole report of the year, with every case, event and issue in full. Print it, or save it as a PDF, with your browser's Print command (Ctrl+P).",
        "本頁彙集本年度報告全文（含典型案例、十大事件和問題清單），可用瀏覽器的「列印」功能（Ctrl+P）列印或另存為 PDF。",
    ),
    (
        "back_to_report",
        "返回报告",
        "Back to the report",
        "返回報告",
    ),
    ("issued_by", "发布单位", "Issued by", "發布單位"),
    ("published", "发布日期", "Published", "發布日期"),
    (
        "theme",
        "宣传周主题",
        "Theme of the 4·26 week",
        "宣傳週主題",
    ),
    ("summary", "概述", "Summary", "概述"),
    ("contents", "目录", "Contents", "目錄"),
    ("indicators", "主要指标", "Indicators", "主要指標"),
    ("indicator", "指标", "Indicator", "指標"),
    ("all_indicators", "全部指标", "All indicators", "全部指標"),
    ("headline_indicators", "主要指标", "Key figures", "主要指標"),
    ("value", "数值", "Value", "數值"),
    ("previous", "上年", "Previous year", "上年"),
    ("change", "增减", "Change", "增減"),
    ("change_better", "改善", "improved", "改善"),
    ("change_worse", "变差", "worse", "變差"),
    ("change_flat", "持平", "unchanged", "持平"),
    ("target", "目标", "Target", "目標"),
    ("targets", "目标值", "Targets", "目標值"),
    ("target_year", "目标年份", "Target year", "目標年份"),
    ("row_number", "序号", "No.", "序號"),
    ("baseline", "基期值", "Baseline", "基期值"),
    ("baseline_in", "年实现值", " value", "年實現值"),
    ("note", "备注", "Note", "備註"),
    ("stages", "实施步骤", "Stages", "實施步驟"),
    ("provisional", "初步统计", "preliminary", "初步統計"),
    ("value_source", "来源", "Source", "來源"),
    ("completion", "完成率", "Completion", "完成率"),
    ("on_track", "进度", "Progress", "進度"),
    ("status_on_track", "符合进度", "on track", "符合進度"),
    ("status_behind", "滞后", "behind", "滯後"),
    ("status_achieved", "已完成", "achieved", "已完成"),
    ("status_missed", "未完成", "missed", "未完成"),
    ("kind", "属性", "Type", "屬性"),
    ("kind_expected", "预期性", "expected", "預期性"),
    ("kind_binding", "约束性", "binding", "約束性"),
    // A table's caption, when its rows are all of one kind, and when they are of both.
    (
        "kind_all",
        "（均为{kind}指标）",
        " (all {kind})",
        "（均為{kind}指標）",
    ),
    (
        "kind_unmarked",
        "（未标注的均为{kind}指标）",
        " ({kind} unless marked {other})",
        "（未標註的均為{kind}指標）",
    ),
    ("direction", "方向", "Direction", "方向"),
    ("direction_up", "越高越好", "higher is better", "越高越好"),
    ("direction_down", "越低越好", "lower is better", "越低越好"),
    ("unit", "单位", "Unit", "單位"),
    ("group", "类别", "Category", "類別"),
    ("year", "年份", "Year", "年份"),
    ("values_by_year", "历年数值", "Values by year", "歷年數值"),
    ("plan", "规划", "Plan", "規劃"),
    (
        "achievements",
        "主要做法和成效",
        "Work and results",
        "主要做法和成效",
    ),
    ("cases", "典型案例", "Typical cases", "典型案例"),
    ("case", "案例", "Case", "案例"),
    ("events", "十大事件", "Ten major events", "十大事件"),
    ("event_rank", "第{n}位", "No. {n}", "第{n}位"),
    ("issues", "问题清单", "Issues and rectification", "問題清單"),
    ("issue", "问题", "Issue", "問題"),
    ("status", "整改状态", "Status", "整改狀態"),
    ("status_open", "待整改", "open", "待整改"),
    ("status_in-progress", "整改中", "in progress", "整改中"),
    ("status_resolved", "已整改", "resolved", "已整改"),
    ("due", "整改时限", "Due", "整改時限"),
    ("source", "问题来源", "Raised by", "問題來源"),
    ("responsible", "责任单位", "Responsible", "責任單位"),
    ("actions", "整改措施", "Rectification measures", "整改措施"),
    ("description", "问题描述", "Description", "問題描述"),
    ("follows", "上年问题", "Follows up", "上年問題"),
    ("followed_by", "后续整改", "Followed up in", "後續整改"),
    ("documents", "政策文件", "Policy documents", "政策文件"),
    ("document", "文件", "Document", "文件"),
    ("document_number", "文号", "Document number", "文號"),
    ("issuer", "发文单位", "Issued by", "發文單位"),
    ("date", "日期", "Date", "日期"),
    ("period", "实施期限", "Period", "實施期限"),
    ("measures", "相关措施", "Measures", "相關措施"),
    ("lead", "牵头单位", "Lead", "牽頭單位"),
    ("departments", "相关部门", "Departments", "相關部門"),
    ("all_departments", "部门", "Departments", "部門"),
    ("department", "部门", "Department", "部門"),
    (
        "measures_led",
        "牵头的措施",
        "Measures it leads",
        "牽頭的措施",
    ),
    ("website", "网站", "Website", "網站"),
    ("cited_by", "被引用", "Cited by", "被引用"),
    ("related", "相关信息", "Related", "相關資訊"),
    (
        "quoted_by",
        "引用此指标的内容",
        "Quoted in",
        "引用此指標的內容",
    ),
    ("case_number", "案号", "Case number", "案號"),
    ("ip_type", "知识产权类型", "IP type", "知識產權類型"),
    ("procedure", "程序", "Procedure", "程序"),
    ("authority", "办理机关", "Handled by", "辦理機關"),
    ("decided", "办结日期", "Decided", "辦結日期"),
    ("ip_patent", "专利", "patent", "專利"),
    ("ip_trademark", "商标", "trademark", "商標"),
    ("ip_copyright", "著作权", "copyright", "著作權"),
    ("ip_trade-secret", "商业秘密", "trade secret", "商業秘密"),
    (
        "ip_geographical-indication",
        "地理标志",
        "geographical indication",
        "地理標誌",
    ),
    (
        "ip_plant-variety",
        "植物新品种",
        "plant variety",
        "植物新品種",
    ),
    (
        "ip_unfair-competition",
        "不正当竞争",
        "unfair competition",
        "不正當競爭",
    ),
    ("ip_other", "其他", "other", "其他"),
    ("proc_civil", "民事诉讼", "civil litigation", "民事訴訟"),
    (
        "proc_criminal",
        "刑事诉讼",
        "criminal prosecution",
        "刑事訴訟",
    ),
    (
        "proc_administrative",
        "行政诉讼",
        "administrative litigation",
        "行政訴訟",
    ),
    (
        "proc_administrative-enforcement",
        "行政执法",
        "administrative enforcement",
        "行政執法",
    ),
    ("proc_customs", "海关保护", "customs protection", "海關保護"),
    ("proc_mediation", "调解", "mediation", "調解"),
    ("proc_arbitration", "仲裁", "arbitration", "仲裁"),
    ("proc_other", "其他", "other", "其他"),
    ("doc_decision", "决定", "decision", "決定"),
    ("doc_plan", "规划", "plan", "規劃"),
    ("doc_opinion", "意见", "opinion", "意見"),
    ("doc_regulation", "条例", "regulation", "條例"),
    ("doc_report", "报告", "report", "報告"),
    ("doc_other", "其他", "other", "其他"),
    ("pages", "栏目", "Pages", "欄目"),
    (
        "not_found_title",
        "页面不存在",
        "Page not found",
        "頁面不存在",
    ),
    (
        "not_found_text",
        "您访问的页面不存在或已被移除。",
        "The page you asked for does not exist or has moved.",
        "您訪問的頁面不存在或已被移除。",
    ),
    ("back_home", "返回首页", "Back to the home page", "返回首頁"),
    ("publisher", "主办单位", "Published by", "主辦單位"),
    ("site_code", "网站标识码", "Site code", "網站標識碼"),
    ("report_error", "我要纠错", "Report an error", "我要糾錯"),
    ("conac", "党政机关", "Government website", "黨政機關"),
    ("no_value", "—", "—", "—"),
    ("source_plan", "来源", "Source", "來源"),
    (
        "achievements_citing",
        "做法和成效",
        "Work and results",
        "做法和成效",
    ),
    ("none", "暂无", "None yet", "暫無"),
    ("open_data", "开放数据", "Open data", "開放數據"),
    ("larger_text", "大字号", "Larger text", "大字號"),
    (
        "footnote_back",
        "返回引用处",
        "Back to reference",
        "返回引用處",
    ),
    ("search", "搜索", "Search", "搜尋"),
    (
        "search_label",
        "搜索本站内容",
        "Search this site",
        "搜尋本站內容",
    ),
    (
        "search_short",
        "请输入至少两个汉字或一个英文词。",
        "Type at least two Chinese characters or one word.",
        "請輸入至少兩個漢字或一個英文詞。",
    ),
    (
        "search_count",
        "找到 {n} 条结果",
        "{n} results",
        "找到 {n} 條結果",
    ),
    (
        "search_none",
        "没有找到相关内容。",
        "Nothing found.",
        "沒有找到相關內容。",
    ),
    ("search_loading", "正在搜索……", "Searching…", "正在搜尋……"),
    (
        "search_failed",
        "搜索索引无法加载。",
        "The search index could not be loaded.",
        "搜尋索引無法載入。",
    ),
    (
        "search_more",
        "显示更多结果",
        "More results",
        "顯示更多結果",
    ),
    (
        "search_noscript",
        "搜索需要启用 JavaScript；也可以通过导航浏览全部内容。",
        "Search needs JavaScript; everything can also be reached through the navigation.",
        "搜尋需要啟用 JavaScript；也可以透過導覽瀏覽全部內容。",
    ),
    (
        "search_clear",
        "清除搜索词",
        "Clear the search",
        "清除搜尋詞",
    ),
    (
        "search_placeholder",
        "报告、案例、指标、文件……",
        "Reports, cases, indicators, documents…",
        "報告、案例、指標、文件……",
    ),
    ("search_results", "搜索结果", "Search results", "搜尋結果"),
    // A result's kind and year (`render::search::DocKind::label_key`).
    ("result_home", "首页", "Home", "首頁"),
    ("result_report", "年度报告", "Report", "年度報告"),
    ("result_case", "案例", "Case", "案例"),
    ("result_events", "大事", "Events", "大事"),
    ("result_issues", "问题清单", "Issues", "問題清單"),
    (
        "result_indicators",
        "指标一览",
        "All indicators",
        "指標一覽",
    ),
    ("result_indicator", "指标", "Indicator", "指標"),
    ("result_documents", "文件一览", "All documents", "文件一覽"),
    ("result_document", "文件", "Document", "文件"),
    (
        "result_departments",
        "部门一览",
        "All departments",
        "部門一覽",
    ),
    ("result_department", "部门", "Department", "部門"),
    ("result_page", "页面", "Page", "頁面"),
    ("result_year", "{year}年", "{year}", "{year}年"),
    // Nothing found here, something in another language: "试试英文站点".
    (
        "search_other",
        "试试{name}站点",
        "Try the {name} site",
        "試試{name}站點",
    ),
    // A language's name as a reader of this language calls it (an English reader who typed
    // Chinese reads the Chinese site's name in Chinese).
    ("language_name_zh", "中文", "中文", "簡體中文"),
    ("language_name_en", "英文", "English", "英文"),
    ("language_name_zh-Hant", "繁体中文", "繁體中文", "繁體中文"),
    (
        "open_data_text",
        "全部指标数值和目标可下载为：",
        "All indicator values and targets, to download as",
        "全部指標數值和目標可下載為：",
    ),
];

/// Labels for one language, by key.
pub type Ui = BTreeMap<&'static str, &'static str>;

/// The labels for a language code (`zh`, `en`, `zh-Hant`).
pub fn labels(code: &str) -> Ui {
    LABELS
        .iter()
        .map(|&(key, zh, en, hant)| {
            (
                key,
                match code {
                    "en" => en,
                    "zh-Hant" => hant,
                    _ => zh,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = LABELS.iter().map(|l| l.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }
}
