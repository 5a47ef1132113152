//! The dev server: `build --watch` plus HTTP on loopback, with live reload, an error
//! overlay and the proof view ([`proof`]). The reload script, the overlay and the proof view
//! are added to responses here, never to the files `build` writes.

mod proof;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_livereload::LiveReloadLayer;

use crate::watch;

pub struct ServeOptions {
    pub root: PathBuf,
    pub out_dir: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
}

/// What the server shares with the rebuild loop.
#[derive(Clone, Default)]
struct Shared {
    /// The error overlay after a failed build; `None` when the last build succeeded.
    overlay: Arc<RwLock<Option<String>>>,
    out_dir: PathBuf,
    /// Host names (besides IP addresses and `localhost`) that requests may name: the
    /// machine's own name when serving beyond loopback.
    hosts: Arc<Vec<String>>,
    /// The proof marks of the pages the rebuild loop rendered.
    marks: crate::render::proof::MarkTable,
}

/// Longer request targets get 414: no page of a site has such a URL, and the file system
/// would refuse the name anyway.
const LONGEST_URI: usize = 8 * 1024;

/// Longer header blocks get 431. The HTTP library refuses far longer ones, but only when
/// they arrive in pieces: one that is read in one go (all of it already sent) gets through.
const LONGEST_HEADERS: usize = 64 * 1024;

/// The longest file or folder name file systems take.
const LONGEST_NAME: usize = 255;

/// Whether a request's `Host` may be answered. A browser tricked by DNS rebinding sends the
/// attacker's host name; IP addresses and `localhost` cannot be rebound.
fn allowed_host(host: &str, extra: &[String]) -> bool {
    let name = match host.strip_prefix('[') {
        // `[::1]:8000`
        Some(v6) => {
            return v6
                .split(']')
                .next()
                .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok());
        }
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.bytes().all(|b| b.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || extra.iter().any(|h| h.eq_ignore_ascii_case(&name))
}

fn plain(status: StatusCode, text: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

/// Turns away what no page of the site can answer before it reaches the files: over-long
/// targets, foreign `Host`s; and folds runs of `/`, so that `//en` is `/en` and a redirect
/// never reads as another host (`Location: //en/`).
async fn screen(State(shared): State<Shared>, mut request: Request, next: Next) -> Response {
    let target_len = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target_len > LONGEST_URI {
        return plain(
            StatusCode::URI_TOO_LONG,
            format!(
                "414 URI Too Long: no page of this site has an address over {LONGEST_URI} bytes\n"
            ),
        );
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if header_bytes > LONGEST_HEADERS {
        return plain(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!(
                "431 Request Header Fields Too Large: this preview server takes at most {} KiB of headers\n",
                LONGEST_HEADERS / 1024
            ),
        );
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| request.uri().authority().map(|a| a.as_str()))
        .unwrap_or("");
    if !allowed_host(host, &shared.hosts) {
        return plain(
            StatusCode::BAD_REQUEST,
            "400 Bad Request: this preview server answers only for localhost and IP addresses; \
             open it as http://127.0.0.1:<port>/\n"
                .to_string(),
        );
    }
    let path = request.uri().path();
    if path.contains("//") {
        let mut folded = String::with_capacity(path.len());
        for c in path.chars() {
            if !(c == '/' && folded.ends_with('/')) {
                folded.push(c);
            }
        }
        if let Some(query) = request.uri().query() {
            folded.push('?');
            folded.push_str(query);
        }
        if let Ok(uri) = folded.parse() {
            *request.uri_mut() = uri;
        }
    }
    if request
        .uri()
        .path()
        .split('/')
        .any(|s| s.len() > LONGEST_NAME)
    {
        let mut response = not_found(State(shared), request).await;
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR {
        // The files service answers an unreadable file with an empty 500.
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 Internal Server Error: the file exists but cannot be read; see the terminal \
             running ipreport serve\n"
                .to_string(),
        );
    }
    response
}

/// How many ports above the requested one to try when it is busy.
const PORT_ATTEMPTS: u16 = 20;

async fn bind(addr: IpAddr, port: u16) -> Result<tokio::net::TcpListener, String> {
    let mut last_error = None;
    for candidate in port..port.saturating_add(PORT_ATTEMPTS) {
        match tokio::net::TcpListener::bind(SocketAddr::new(addr, candidate)).await {
            Ok(listener) => {
                if candidate != port {
                    eprintln!(
                        "port {port} is busy; using {candidate} instead (choose one with --port)"
                    );
                }
                return Ok(listener);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => last_error = Some(e),
            Err(e) => return Err(format!("cannot listen on {addr}:{candidate}: {e}")),
        }
    }
    Err(format!(
        "ports {port}–{} are all busy ({}); choose another with --port",
        port.saturating_add(PORT_ATTEMPTS - 1),
        last_error.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Text types are UTF-8; say so, so that no browser guesses another encoding.
fn with_charset(response: &mut Response) {
    let Some(value) = response.headers().get(header::CONTENT_TYPE) else {
        return;
    };
    let Ok(text) = value.to_str() else { return };
    let textual = text.starts_with("text/")
        || text.starts_with("application/javascript")
        || text.starts_with("application/json")
        || text.starts_with("application/xml")
        || text.starts_with("image/svg+xml");
    if textual
        && !text.contains("charset")
        && let Ok(v) = HeaderValue::from_str(&format!("{text}; charset=utf-8"))
    {
        response.headers_mut().insert(header::CONTENT_TYPE, v);
    }
}

/// Adds the charset to text files and, to HTML pages, their proof marks, the proof view
/// and, after a failed build, the error overlay.
async fn decorate(State(shared): State<Shared>, mut request: Request, next: Next) -> Response {
    // A page is the file on disk plus what is added here: a "not modified" answer from the
    // file's validators would keep a tab on a stale copy. The browser's cache is of no use
    // on loopback anyway.
    for name in [header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE] {
        request.headers_mut().remove(name);
    }
    let path = proof::output_path(request.uri().path());
    let mut response = next.run(request).await;
    with_charset(&mut response);
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let headers = response.headers_mut();
    headers.remove(header::ETAG);
    headers.remove(header::LAST_MODIFIED);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let overlay = shared.overlay.read().ok().and_then(|o| o.clone());
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "cannot read the page").into_response();
    };
    let page = proof::decorate(&bytes, &path, &shared.marks, overlay.as_deref());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(page))
}

/// The site's `404.html`, in the language of the folder asked for (`/en/…` → `en/404.html`).
async fn not_found(State(shared): State<Shared>, request: Request) -> Response {
    let first = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    let language_page = (!first.is_empty()
        && first.len() <= 16
        && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    .then(|| shared.out_dir.join(first).join("404.html"))
    .filter(|p| p.is_file());
    let page = language_page.unwrap_or_else(|| shared.out_dir.join("404.html"));
    match tokio::fs::read(&page).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], bytes).into_response(),
        Err(_) => (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "404 Not Found",
        )
            .into_response(),
    }
}

/// The HTTP application serving `out_dir`.
fn app(shared: Shared, livereload: LiveReloadLayer) -> Router {
    let files =
        ServeDir::new(&shared.out_dir).not_found_service(get(not_found).with_state(shared.clone()));
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(shared.clone(), decorate))
        .layer(livereload)
        .layer(middleware::from_fn_with_state(shared, screen))
}

/// Runs the server until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let result = runtime.block_on(serve(options));
    // Open tabs hold live-reload connections: do not wait for them.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    result
}

async fn serve(options: ServeOptions) -> Result<(), String> {
    let listener = bind(options.bind, options.port).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server address: {e}"))?;
    let shared = Shared {
        overlay: Arc::default(),
        marks: crate::render::proof::MarkTable::default(),
        out_dir: options.out_dir.clone(),
        hosts: Arc::new(if addr.ip().is_loopback() {
            Vec::new()
        } else {
            machine_names()
        }),
    };
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other machines{}; \
             without --bind it listens on 127.0.0.1, this machine only",
            addr.ip(),
            if options.drafts {
                ", draft years included"
            } else {
                ""
            }
        );
    }
    // Tabs poll quickly to reconnect after a server restart.
    let livereload = LiveReloadLayer::new().reload_interval(std::time::Duration::from_millis(500));
    let reloader = livereload.reloader();

    let overlay = shared.overlay.clone();
    let marks = shared.marks.clone();
    let (root, out_dir, drafts) = (
        options.root.clone(),
        options.out_dir.clone(),
        options.drafts,
    );
    std::thread::spawn(move || {
        let mut last = String::new();
        let mut last_ok = true;
        let result = watch::watch(&root, &out_dir, drafts, Some(marks), |report| {
            watch::print_report(report, &mut last);
            if let Ok(mut o) = overlay.write() {
                *o = report.overlay.clone();
            }
            // A rebuild that finds its pages already written (by a preview) changes nothing
            // a tab shows: reloading again would only make it flicker.
            let stats = &report.stats;
            let written = stats.created + stats.updated + stats.removed > 0;
            if written || !report.ok || !last_ok {
                reloader.reload();
            }
            last_ok = report.ok;
        });
        if let Err(e) = result {
            eprintln!("error: {e}");
        }
    });

    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    eprintln!(
        "serving {} at http://{host}:{}/ (Ctrl-C to stop)",
        options.out_dir.display(),
        addr.port()
    );
    // Ctrl-C, SIGTERM and SIGHUP end the process from the watcher's side (see
    // `watch::stop`), after any write in progress: open tabs' live-reload streams, which
    // never close, cannot hold it up.
    axum::serve(listener, app(shared, livereload))
        .await
        .map_err(|e| format!("server error: {e}"))
}

/// The names this machine goes by, which a browser on the network may use as `Host`.
fn machine_names() -> Vec<String> {
    let mut names = Vec::new();
    if let Ok(name) = std::fs::read_to_string("/proc/sys/kernel/hostname") {
        let name = name.trim().to_ascii_lowercase();
        if !name.is_empty() {
            names.push(format!("{name}.local"));
            names.push(name);
        }
    }
    names
}

/// For tests: the application over an existing output folder, with an optional overlay.
pub fn test_app(out_dir: &Path, overlay: Option<String>) -> Router {
    let shared = Shared {
        overlay: Arc::new(RwLock::new(overlay)),
        out_dir: out_dir.to_path_buf(),
        hosts: Arc::default(),
        marks: crate::render::proof::MarkTable::default(),
    };
    app(shared, LiveReloadLayer::new())
}

/// For tests: the application over an output folder with the proof marks of its pages.
pub fn test_app_with_marks(out_dir: &Path, marks: crate::render::proof::MarkTable) -> Router {
    let shared = Shared {
        overlay: Arc::default(),
        out_dir: out_dir.to_path_buf(),
        hosts: Arc::default(),
        marks,
    };
    app(shared, LiveReloadLayer::new())
}
