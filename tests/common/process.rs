//! Running the `ipreport` binary as an editor does: a long-lived `build --watch` or `serve`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `ipreport` whose output lines (stdout and stderr) arrive on a channel; killed
/// when dropped.
pub struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
    /// Every line so far.
    pub seen: Vec<String>,
}

impl Running {
    /// Starts `ipreport <args> --root <root>` and waits for its first build.
    pub fn start(args: &[&str], root: &Path) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ipreport"))
            .args(args)
            .arg("--root")
            .arg(root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ipreport starts");
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut running = Running {
            child,
            lines,
            seen: Vec::new(),
        };
        running.wait_for_line("built in");
        // The file watcher is set up right after the first build; give it a moment.
        std::thread::sleep(Duration::from_millis(300));
        running
    }

    /// Waits for an output line containing `needle` and returns it.
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no line with {needle:?} within 30 s; output so far:\n{}",
            self.seen.join("\n")
        );
    }
}

impl Running {
    /// Everything printed so far, for a failure message.
    pub fn output(&mut self) -> String {
        self.seen.extend(self.lines.try_iter());
        self.seen.join("\n")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits until `check` holds, failing with `what` after 10 s.
pub fn eventually(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("not within 10 s: {what}");
}
