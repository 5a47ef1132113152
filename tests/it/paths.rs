//! Paths: nothing a content file is named or says can make ipreport read from outside the
//! site folder or write outside the output folder.

use crate::common;

use std::fs;
use std::path::Path;

use common::{check_dir, good_copy, write};
use ipreport::diagnostics::Code;

/// Every file path of a built site, relative to the output root.
fn output_paths(run: &common::Run) -> Vec<String> {
    run.compiled
        .output
        .as_ref()
        .expect("the site builds")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn ids_that_are_not_plain_names_are_refused_at_their_place() {
    let dir = good_copy();
    let root = dir.path();
    let case = fs::read_to_string(root.join("content/years/2024/cases/patent-mediation.zh.md"))
        .expect("fixture case");
    // File names a careless or hostile hand might give: device names on Windows, a name
    // longer than a path component may be, a backslash and a space.
    let long = "a".repeat(150);
    let names = [
        "con".to_string(),
        "lpt1".to_string(),
        long.clone(),
        "a\\b".to_string(),
        "x y".to_string(),
    ];
    for name in &names {
        write(
            root,
            &format!("content/years/2024/cases/{name}.zh.md"),
            &case,
        );
    }
    // And an id inside YAML that tries to climb out of the output folder.
    let departments = fs::read_to_string(root.join("content/departments.yaml")).unwrap();
    fs::write(
        root.join("content/departments.yaml"),
        format!("{departments}\n- id: ../escape\n  name: {{zh: 逃逸, en: Escape}}\n"),
    )
    .unwrap();

    let run = check_dir(dir);
    let bad_names = run.with_code(Code::BadFileName);
    for name in &names {
        assert!(
            bad_names.iter().any(|f| f.file.contains(name.as_str())),
            "no diagnostic for the file named {name:?}:\n{}",
            run.human
        );
    }
    let con = bad_names
        .iter()
        .find(|f| f.file.ends_with("/con.zh.md"))
        .unwrap();
    assert!(con.help.contains("Windows"), "{}", con.help);
    let long_name = bad_names.iter().find(|f| f.file.contains(&long)).unwrap();
    assert!(long_name.help.contains("at most"), "{}", long_name.help);
    let invalid = run.one(Code::InvalidId);
    assert_eq!(invalid.file, "content/departments.yaml");
    assert_eq!(invalid.snippet, "../escape");
    assert!(
        run.compiled.output.is_none(),
        "a site with errors is not built"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_site_are_refused() {
    let outside = tempfile::TempDir::new().unwrap();
    write(
        outside.path(),
        "secret.zh.md",
        "---\ntitle: 机密\n---\n机密\n",
    );
    write(outside.path(), "leak/passwords.txt", "hunter2");
    let dir = good_copy();
    let root = dir.path();
    std::os::unix::fs::symlink(
        outside.path().join("secret.zh.md"),
        root.join("content/years/2024/cases/secret.zh.md"),
    )
    .unwrap();
    fs::create_dir_all(root.join("content/static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("leak"),
        root.join("content/static/leak"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("leak/passwords.txt"),
        root.join("content/static/passwords.txt"),
    )
    .unwrap();

    let run = check_dir(dir);
    let refused: Vec<String> = run
        .with_code(Code::ReadFailed)
        .iter()
        .filter(|f| f.message.contains("outside the site folder"))
        .map(|f| f.file.clone())
        .collect();
    assert_eq!(
        refused,
        [
            "content/static/leak",
            "content/static/passwords.txt",
            "content/years/2024/cases/secret.zh.md",
        ],
        "{}",
        run.human
    );
    assert!(!run.human.contains("hunter2") && !run.human.contains("机密"));
}

#[cfg(unix)]
#[test]
fn symbolic_links_inside_the_site_are_followed() {
    let dir = good_copy();
    let root = dir.path();
    write(root, "shared/logo.txt", "logo");
    fs::create_dir_all(root.join("content/static")).unwrap();
    std::os::unix::fs::symlink(
        root.join("shared/logo.txt"),
        root.join("content/static/logo.txt"),
    )
    .unwrap();
    let run = check_dir(dir);
    assert!(run.errors().is_empty(), "{}", run.human);
    assert!(output_paths(&run).contains(&"logo.txt".to_string()));
}

#[test]
fn every_output_path_stays_inside_the_output_folder() {
    let run = common::compile(&common::good_site());
    for path in output_paths(&run) {
        let p = Path::new(&path);
        assert!(p.is_relative(), "{path}");
        assert!(
            p.components()
                .all(|c| matches!(c, std::path::Component::Normal(_))),
            "{path}"
        );
        assert!(!path.contains('\\') && !path.contains('\0'), "{path}");
    }
}
