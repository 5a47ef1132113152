use ipreport::lint::numbers::{compare, compare_markdown, extract_en, extract_zh};

#[test]
#[ignore]
fn explore_content() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let p = entry.path();
        let name = p.to_string_lossy();
        if !name.ends_with(".zh.md") {
            continue;
        }
        let en_path = name.replace(".zh.md", ".en.md");
        let zh = std::fs::read_to_string(p).unwrap();
        let Ok(en) = std::fs::read_to_string(&en_path) else {
            continue;
        };
        for (zr, er, m) in compare_markdown(&zh, &en) {
            eprintln!(
                "== {}\n  ZH: {}\n  EN: {}\n  -> {}",
                name, &zh[zr], &en[er], m
            );
        }
    }
    if let Ok(s) = std::env::var("NL_ZH") {
        eprintln!("{:#?}", extract_zh(&s));
    }
    if let Ok(s) = std::env::var("NL_EN") {
        eprintln!("{:#?}", extract_en(&s));
    }
    let _ = compare;
}

#[test]
#[ignore]
fn explore_yaml_pairs() {
    #[derive(serde::Deserialize)]
    struct P {
        src: String,
        zh: String,
        en: String,
    }
    let text = std::fs::read_to_string("/tmp/nl/yaml_pairs.json").unwrap();
    let pairs: Vec<P> = serde_json::from_str(&text).unwrap();
    for p in pairs {
        if let Some(m) = compare(&p.zh, &p.en) {
            eprintln!("== {}\n  ZH: {}\n  EN: {}\n  -> {}", p.src, p.zh, p.en, m);
        }
    }
}

#[test]
#[ignore]
fn explore_dump() {
    let show = |ms: Vec<ipreport::lint::numbers::Mention>| {
        ms.iter()
            .map(|m| {
                format!(
                    "{}={}{}",
                    m.text,
                    m.value,
                    if m.is_soft() { "~" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    if let (Ok(z), Ok(e)) = (std::env::var("NL_ZH"), std::env::var("NL_EN")) {
        eprintln!(
            "ZH: {}\nEN: {}\n-> {:?}",
            show(extract_zh(&z)),
            show(extract_en(&e)),
            compare(&z, &e).map(|m| m.to_string())
        );
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.path().to_string_lossy().to_string();
        if !name.ends_with(".zh.md") {
            continue;
        }
        let zh = std::fs::read_to_string(&name).unwrap();
        let Ok(en) = std::fs::read_to_string(name.replace(".zh.md", ".en.md")) else {
            continue;
        };
        eprintln!("##### {name}");
        eprintln!("  ZH: {}", show(extract_zh(&zh)));
        eprintln!("  EN: {}", show(extract_en(&en)));
    }
}
