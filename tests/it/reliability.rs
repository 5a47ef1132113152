//! What must hold when things go wrong around a build: two builds of one site at once, an
//! output folder full of someone else's files, a full disk, a stop signal in the middle of
//! watching, static files edited in place, and a watcher left alone for hours.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::process::{Running, eventually};
use common::{files_on_disk, good_copy};

fn ipreport(args: &[&str], root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ipreport"));
    command
        .arg(args[0])
        .arg("--root")
        .arg(root)
        .args(&args[1..])
        .env("NO_COLOR", "1");
    command
}

fn run(command: &mut Command) -> Output {
    command
        .stdin(Stdio::null())
        .output()
        .expect("ipreport runs")
}

/// The site under `root` built alone into a fresh folder, as files.
fn clean_build(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = tempfile::TempDir::new().unwrap();
    let dir = out.path().join("site");
    let done = run(ipreport(&["build", "--output"], root).arg(&dir));
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    files_on_disk(&dir)
}

#[test]
fn two_builds_at_once_both_succeed_and_give_a_whole_site() {
    let site = good_copy();
    let root = site.path();
    let public = root.join("public");
    let expected = clean_build(root);
    // A deployment's own folder inside the output is carried over by every build.
    fs::create_dir_all(public.join(".well-known")).unwrap();
    fs::write(public.join(".well-known/security.txt"), "Contact: x").unwrap();
    let rounds = std::env::var("IPREPORT_CONCURRENT_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    let mut waited = 0;
    for round in 0..rounds {
        let children: Vec<_> = (0..2)
            .map(|_| {
                ipreport(&["build"], root)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let done = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&done.stderr);
            assert!(done.status.success(), "round {round}: {stderr}");
            waited += stderr.contains("waiting…") as usize;
        }
        let got = files_on_disk(&public);
        let site_files: std::collections::BTreeMap<_, _> = got
            .into_iter()
            .filter(|(p, _)| !p.starts_with(".well-known/"))
            .collect();
        assert!(
            site_files == expected,
            "round {round}: the output differs from a clean build"
        );
        assert!(
            public.join(".well-known/security.txt").is_file(),
            "round {round}: the deployment's folder is gone"
        );
    }
    eprintln!("{rounds} rounds of two builds at once; {waited} builds waited for the other");
}

#[test]
fn a_build_with_no_wait_fails_at_once_while_another_writes() {
    let site = good_copy();
    let root = site.path();
    let public = root.join("public");
    let _held =
        ipreport::output::lock::acquire(&public, ipreport::output::lock::Waiting::No, |_| {})
            .unwrap()
            .expect("a lock file beside the output");
    let started = Instant::now();
    let done = run(&mut ipreport(&["build", "--no-wait"], root));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[E0504]"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!public.join("index.html").exists(), "nothing was written");
}

#[test]
fn an_output_folder_of_someone_elses_files_is_never_written() {
    let site = good_copy();
    let root = site.path();
    for own in ["index.html", "404.html"] {
        let theirs = tempfile::TempDir::new().unwrap();
        let folder = theirs.path().join("thesis");
        fs::create_dir_all(folder.join("img")).unwrap();
        fs::write(folder.join(own), "<h1>my page</h1>").unwrap();
        fs::write(folder.join("thesis.docx"), "my thesis").unwrap();
        fs::write(folder.join("img/figure.png"), "png").unwrap();
        let before = files_on_disk(&folder);
        let done = run(ipreport(&["build", "--output"], root).arg(&folder));
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert_eq!(done.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("error[E0501]"), "{stderr}");
        assert!(stderr.contains("not written by ipreport"), "{stderr}");
        assert_eq!(files_on_disk(&folder), before, "with its own {own}");
    }
}

#[test]
fn a_site_built_before_the_marker_existed_is_still_updated() {
    let site = good_copy();
    let root = site.path();
    let public = root.join("public");
    assert!(run(&mut ipreport(&["build"], root)).status.success());
    assert!(public.join(ipreport::output::MARKER).is_file());
    // An older ipreport left no marker.
    fs::remove_file(public.join(ipreport::output::MARKER)).unwrap();
    let done = run(&mut ipreport(&["build"], root));
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(public.join(ipreport::output::MARKER).is_file());
    // But not when it holds something the site does not have.
    fs::remove_file(public.join(ipreport::output::MARKER)).unwrap();
    fs::write(public.join("thesis.docx"), "mine").unwrap();
    let done = run(&mut ipreport(&["build"], root));
    assert_eq!(done.status.code(), Some(1));
    assert!(public.join("thesis.docx").is_file());
}

/// The stop signals end watch mode and the dev server within half a second, with the output
/// whole: no temporary file left, every file as a clean build has it.
#[test]
fn stop_signals_end_watching_at_once_and_leave_the_output_whole() {
    for (args, signal) in [
        (&["build", "--watch"][..], libc::SIGTERM),
        (&["build", "--watch"][..], libc::SIGHUP),
        (&["build", "--watch"][..], libc::SIGINT),
        (&["serve", "--port", "0"][..], libc::SIGTERM),
    ] {
        let site = good_copy();
        let root = site.path();
        let mut running = Running::start(args, root);
        // A rebuild in flight when the signal comes.
        let case = root.join("content/years/2024/cases/patent-mediation.zh.md");
        let text = fs::read_to_string(&case).unwrap();
        fs::write(&case, format!("{text}\n补充。\n")).unwrap();
        std::thread::sleep(Duration::from_millis(20));
        let sent = Instant::now();
        running.signal(signal);
        let status = running
            .wait_for_exit(Duration::from_secs(5))
            .unwrap_or_else(|| panic!("{args:?} still runs 5 s after signal {signal}"));
        let took = sent.elapsed();
        assert!(status.success(), "{args:?}, signal {signal}: {status:?}");
        assert!(
            took <= Duration::from_millis(500),
            "{args:?} took {took:?} to stop on signal {signal}"
        );
        let public = root.join("public");
        let temporary: Vec<String> = files_on_disk(&public)
            .into_keys()
            .filter(|p| p.contains("ipreport-tmp"))
            .collect();
        assert!(temporary.is_empty(), "left behind: {temporary:?}");
        let on_disk = files_on_disk(&public);
        assert!(on_disk.contains_key("index.html"));
        // Whole: either the edit's rebuild reached the disk or it had not begun; the search
        // index may lag the pages in watch mode, so compare the pages.
        let pages = |files: &std::collections::BTreeMap<String, Vec<u8>>| {
            files
                .iter()
                .filter(|(p, _)| p.ends_with(".html"))
                .map(|(p, b)| (p.clone(), b.clone()))
                .collect::<Vec<_>>()
        };
        let after = clean_build(root);
        fs::write(&case, &text).unwrap();
        let before = clean_build(root);
        let shown = pages(&on_disk);
        assert!(
            shown == pages(&after) || shown == pages(&before),
            "{args:?}: the output is a mix of two builds"
        );
    }
}

#[test]
fn a_watcher_left_alone_uses_no_cpu() {
    let site = good_copy();
    let root = site.path();
    let running = Running::start(&["build", "--watch"], root);
    // Let the first build's aftermath settle.
    std::thread::sleep(Duration::from_millis(500));
    let before = running.cpu_ticks();
    let seconds = std::env::var("IPREPORT_IDLE_SECONDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    std::thread::sleep(Duration::from_secs(seconds));
    let after = running.cpu_ticks();
    assert_eq!(
        after - before,
        0,
        "the idle watcher used {} clock ticks in {seconds} s",
        after - before
    );
}

/// Editors and tools change static files in every way there is; each change reaches the
/// output in watch mode.
#[test]
fn static_files_changed_in_place_are_copied_again() {
    let site = good_copy();
    let root = site.path();
    let static_dir = root.join("content/static");
    fs::create_dir_all(&static_dir).unwrap();
    fs::write(static_dir.join("robots.txt"), "User-agent: *\n").unwrap();
    fs::write(static_dir.join("logo.svg"), "<svg>old</svg>\n").unwrap();
    let public = root.join("public");
    let mut watcher = Running::start(&["build", "--watch"], root);
    let read = |name: &str| fs::read_to_string(public.join(name)).unwrap_or_default();
    assert_eq!(read("robots.txt"), "User-agent: *\n");

    // Appended to.
    use std::io::Write;
    fs::OpenOptions::new()
        .append(true)
        .open(static_dir.join("robots.txt"))
        .and_then(|mut f| f.write_all(b"Disallow: /drafts/\n"))
        .unwrap();
    eventually("the appended line is published", || {
        read("robots.txt").contains("Disallow: /drafts/")
    });

    // Edited in place by `sed -i` (a new file renamed over the old one).
    let sed = Command::new("sed")
        .args(["-i", "s/old/new/"])
        .arg(static_dir.join("logo.svg"))
        .status()
        .unwrap();
    assert!(sed.success());
    eventually("the sed edit is published", || {
        read("logo.svg") == "<svg>new</svg>\n"
    });

    // Touched: nothing to copy, and nothing breaks.
    let touch = Command::new("touch")
        .arg(static_dir.join("logo.svg"))
        .status()
        .unwrap();
    assert!(touch.success());
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(read("logo.svg"), "<svg>new</svg>\n");

    // Replaced as rsync does: a hidden temporary file, then a rename.
    let tmp = static_dir.join(".logo.svg.Xy12ab");
    fs::write(&tmp, "<svg>rsynced</svg>\n").unwrap();
    fs::rename(&tmp, static_dir.join("logo.svg")).unwrap();
    eventually("the rsynced file is published", || {
        read("logo.svg") == "<svg>rsynced</svg>\n"
    });

    // The same size and the same second as before: only the contents differ.
    let path = static_dir.join("robots.txt");
    let old = fs::read_to_string(&path).unwrap();
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let same_size = old.replace("drafts", "DRAFTS");
    fs::write(&path, &same_size).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    eventually("a same-size edit is published", || {
        read("robots.txt") == same_size
    });
    let _ = watcher.output();
}

/// A folder of the given size on its own tmpfs, for a full disk; `None` where mounting is not
/// allowed (not root).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn new(bytes: u64) -> Option<SmallDisk> {
        let dir = tempfile::TempDir::new().ok()?;
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
            .arg("tmpfs")
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk up to the last few bytes.
    fn fill(&self) {
        let mut filler = fs::File::create(self.path().join("filler")).unwrap();
        let chunk = vec![0u8; 4096];
        use std::io::Write;
        while filler.write_all(&chunk).is_ok() {}
        let _ = filler.sync_all();
    }

    fn free(&self) {
        let _ = fs::remove_file(self.path().join("filler"));
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

#[test]
fn a_full_disk_leaves_no_temporary_file_and_keeps_the_last_good_build() {
    let Some(disk) = SmallDisk::new(16 << 20) else {
        eprintln!("skipped: this test mounts a small tmpfs, which needs root");
        return;
    };
    let site = good_copy();
    let root = site.path();
    let out = disk.path().join("public");
    let out_arg = out.to_string_lossy().into_owned();

    // A whole build on a full disk: nothing of it is left, the old output stays.
    assert!(
        run(ipreport(&["build", "--output"], root).arg(&out))
            .status
            .success()
    );
    let before = files_on_disk(&out);
    let case = root.join("content/years/2024/cases/patent-mediation.zh.md");
    let text = fs::read_to_string(&case).unwrap();
    let longer = format!("{text}\n{}\n", "补充说明。".repeat(2000));
    fs::write(&case, &longer).unwrap();
    disk.fill();
    let done = run(ipreport(&["build", "--output"], root).arg(&out));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the disk is full"), "{stderr}");
    assert!(stderr.contains("was left as it was"), "{stderr}");
    assert_eq!(files_on_disk(&out), before);
    let siblings: Vec<_> = fs::read_dir(disk.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("retired"))
        .collect();
    assert!(siblings.is_empty(), "left behind: {siblings:?}");
    disk.free();
    fs::write(&case, &text).unwrap();

    // Watch mode: a rebuild that runs out of space mid-write.
    let mut watcher = Running::start(&["build", "--watch", "--output", &out_arg], root);
    disk.fill();
    fs::write(&case, &longer).unwrap();
    watcher.wait_for_line("could not write the output");
    let temporary: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.contains("ipreport-tmp"))
        .collect();
    assert!(temporary.is_empty(), "left behind: {temporary:?}");
    assert!(
        watcher.output().contains("the disk is full"),
        "{}",
        watcher.output()
    );
    // Space again: the next save brings the output up to date.
    disk.free();
    fs::write(&case, format!("{longer}\n")).unwrap();
    watcher.wait_for_line(" pages rendered");
    eventually("the case page has the edit", || {
        fs::read_to_string(out.join("2024/cases/patent-mediation/index.html"))
            .is_ok_and(|p| p.contains("补充说明。补充说明。"))
    });
}

/// A file name with an escape sequence must not drive the terminal that shows its error.
#[test]
fn control_characters_in_file_names_reach_the_terminal_as_symbols() {
    let site = good_copy();
    let root = site.path();
    let name = "content/years/2023/cases/x\u{1b}]0;pwned\u{7}\u{1b}[2J.zh.md";
    fs::write(root.join(name), "---\ntitle: x\n---\n").unwrap();
    let done = run(&mut ipreport(&["check"], root));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("x\u{241b}]0;pwned\u{2407}\u{241b}[2J"),
        "{stderr}"
    );
}
