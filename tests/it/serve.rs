//! `ipreport serve` over real HTTP: content types, the site's 404 pages, no way out of the
//! output folder, live reload and the error overlay only in responses, never on disk.

use crate::common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use common::process::{Running, eventually};

/// One response, as raw as the server sent it (chunked bodies decoded).
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `GET <target>` exactly as written (no client normalises the path) and reads the
/// whole response.
fn get(port: u16, target: &str) -> Response {
    send(
        port,
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// Sends `request` as it is and reads the whole response.
fn send(port: u16, request: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server listens");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // A server may answer (and close) before it has read all of an over-long request.
    let _ = stream.write_all(request);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut decoded = Vec::new();
        let mut rest = &body[..];
        while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..eol]).trim(), 16)
                .expect("a chunk size");
            if size == 0 {
                break;
            }
            decoded.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            rest = &rest[eol + 2 + size + 2..];
        }
        body = decoded;
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// A free port on loopback (the server takes the next free one if it went meanwhile).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `serve` on a copy of the fixture site and returns it with its port.
fn serve(root: &Path) -> (Running, u16) {
    let port = free_port();
    let mut server = Running::start(&["serve", "--port", &port.to_string()], root);
    let line = server
        .seen
        .iter()
        .find(|l| l.contains("http://127.0.0.1:"))
        .cloned()
        .unwrap_or_else(|| server.wait_for_line("http://127.0.0.1:"));
    let port = line
        .split("http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .expect("the URL names the port");
    (server, port)
}

#[test]
fn serves_the_site_with_types_404_pages_and_nothing_outside_it() {
    let dir = common::good_copy();
    fs::write(dir.path().join("secret.txt"), "outside the output").unwrap();
    let (_server, port) = serve(dir.path());

    let home = get(port, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(home.body.contains("<html lang=\"zh-CN\""));
    for (path, kind) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/data/indicators.json", "application/json; charset=utf-8"),
        ("/data/indicators.csv", "text/csv; charset=utf-8"),
        ("/search/data/meta.js", "text/javascript; charset=utf-8"),
    ] {
        let r = get(port, path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(kind)),
            "{path}"
        );
    }
    // A folder serves its index.html.
    assert_eq!(get(port, "/2024/").status, 200);

    // Missing pages get the site's own 404 page in the language of the folder.
    let missing = get(port, "/2024/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html lang=\"zh-CN\""),
        "{}",
        missing.body
    );
    let missing_en = get(port, "/en/no-such-page/");
    assert_eq!(missing_en.status, 404);
    assert!(missing_en.body.contains("<html lang=\"en\""));

    // No way out of the output folder, however the path is spelt.
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/en/../../secret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "//secret.txt",
        "/%00/../secret.txt",
    ] {
        let r = get(port, target);
        assert_ne!(r.status, 200, "{target} answered 200");
        assert!(!r.body.contains("outside the output"), "{target} leaked");
    }
}

#[test]
fn live_reload_and_the_overlay_are_in_responses_only() {
    let dir = common::good_copy();
    let root = dir.path();
    let (mut server, port) = serve(root);
    let page = get(port, "/");
    // The reload script is injected into served pages, never written to disk.
    assert!(
        page.body.contains("<script"),
        "no live-reload script served"
    );
    let on_disk = fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(!on_disk.contains("tower-livereload"));

    // A broken file: every page shows the diagnostics; the files stay as they were.
    let report = root.join("content/years/2024/report.yaml");
    let good = fs::read_to_string(&report).unwrap();
    fs::write(&report, format!("{good}\ntitel: x\n")).unwrap();
    server.wait_for_line("build failed");
    let broken = get(port, "/en/2024/index.html");
    assert!(broken.body.contains("id=\"ipreport-errors\""));
    assert!(broken.body.contains("content/years/2024/report.yaml"));
    assert!(broken.body.contains("E0101"));
    assert!(
        !fs::read_to_string(root.join("public/en/2024/index.html"))
            .unwrap()
            .contains("ipreport-errors")
    );

    // Fixed: the overlay is gone.
    fs::write(&report, &good).unwrap();
    server.wait_for_line("rebuilt in");
    eventually("the overlay goes away", || {
        !get(port, "/en/2024/index.html")
            .body
            .contains("ipreport-errors")
    });
}

/// Requests no page can answer get a status that says why, with a body, never an empty 500;
/// no answer sends the browser to another host.
#[test]
fn odd_requests_get_clear_answers() {
    let dir = common::good_copy();
    let (_server, port) = serve(dir.path());

    let long = get(port, &format!("/{}", "a".repeat(20_000)));
    assert_eq!(long.status, 414);
    assert!(long.body.contains("414"), "{}", long.body);

    let long_name = get(port, &format!("/{}/index.html", "b".repeat(300)));
    assert_eq!(long_name.status, 404);
    assert!(long_name.body.contains("<html"), "the site's 404 page");

    let big_header = send(
        port,
        format!(
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
            "c".repeat(500_000)
        )
        .as_bytes(),
    );
    assert_eq!(big_header.status, 431);

    let garbage = send(port, b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(garbage.status, 400);

    let foreign = send(
        port,
        b"GET / HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(foreign.status, 400);
    assert!(foreign.body.contains("127.0.0.1"), "{}", foreign.body);
    for host in ["localhost", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST."] {
        let ok = send(
            port,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(ok.status, 200, "Host: {host}");
    }

    for target in ["//en", "//evil.example/", "///en//2024"] {
        let r = get(port, target);
        if let Some(location) = r.header("location") {
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{target} redirects to {location}"
            );
        }
    }
    let folded = get(port, "//en");
    assert_eq!(folded.status, 307);
    assert_eq!(folded.header("location"), Some("/en/"));
}

/// Served pages carry the source of each value and the proof view's script; the files on
/// disk carry neither.
#[test]
fn the_proof_view_is_in_responses_only() {
    let dir = common::good_copy();
    let root = dir.path();
    let (_server, port) = serve(root);
    let line = 1 + fs::read_to_string(root.join("content/years/2023/report.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.trim_start().starts_with("invention-patents:"))
        .unwrap();
    let source = format!("data-source=\"content/years/2023/report.yaml:{line}\"");
    for target in ["/2023/", "/en/2023/index.html"] {
        let page = get(port, target);
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&source), "{target}: no {source}");
        assert!(
            page.body.contains("ipr-proof-toggle"),
            "{target}: no proof view"
        );
    }
    for file in ["public/2023/index.html", "public/en/2023/index.html"] {
        let on_disk = fs::read_to_string(root.join(file)).unwrap();
        assert!(!on_disk.contains("data-source"), "{file}");
        assert!(!on_disk.contains("ipr-proof"), "{file}");
    }
}
