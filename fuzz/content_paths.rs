/// Every kind of file a site holds, YAML and Markdown: the `content_file` fuzz target picks
/// one by its input's first byte, and `tests/fuzz_regressions.rs` replays saved inputs as each.
pub const CONTENT_PATHS: &[&str] = &[
    "content/site.yaml",
    "content/indicators.yaml",
    "content/departments.yaml",
    "content/documents/plan-2021-2025.yaml",
    "content/years/2023/report.yaml",
    "content/years/2023/events.yaml",
    "content/years/2023/issues.yaml",
    "content/years/2023/report.zh.md",
    "content/years/2023/report.en.md",
    "content/years/2023/achievements/1-system.zh.md",
    "content/years/2023/cases/patent-case.en.md",
    "content/pages/about.zh.md",
];
