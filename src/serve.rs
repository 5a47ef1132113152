//! The dev server: `build --watch` plus HTTP on loopback, with live reload and an error
//! overlay. The reload script and the overlay are added to responses here, never to the
//! files `build` writes.

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

use crate::watch::{self, Report};

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

/// Adds the charset and, after a failed build, the error overlay to HTML pages.
async fn decorate(State(shared): State<Shared>, mut request: Request, next: Next) -> Response {
    // A page is the file on disk plus, after a failed build, the overlay: a "not modified"
    // answer from the file's validators would keep a tab on a stale copy, with or without
    // the overlay. The browser's cache is of no use on loopback anyway.
    for name in [header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE] {
        request.headers_mut().remove(name);
    }
    let mut response = next.run(request).await;
    with_charset(&mut response);
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        let headers = response.headers_mut();
        headers.remove(header::ETAG);
        headers.remove(header::LAST_MODIFIED);
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let overlay = shared.overlay.read().ok().and_then(|o| o.clone());
    let (Some(overlay), true) = (overlay, is_html) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "cannot read the page").into_response();
    };
    let html = String::from_utf8_lossy(&bytes);
    let page = match html.rfind("</body>") {
        Some(at) => format!("{}{overlay}{}", &html[..at], &html[at..]),
        None => format!("{html}{overlay}"),
    };
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
        .layer(middleware::from_fn_with_state(shared, decorate))
        .layer(livereload)
}

/// Prints a rebuild's diagnostics (when they differ from the last ones) and its summary.
pub fn print_report(report: &Report, last_diagnostics: &mut String) {
    if report.diagnostics != *last_diagnostics {
        eprint!("{}", report.diagnostics);
        *last_diagnostics = report.diagnostics.clone();
    }
    eprintln!("{}", report.summary);
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
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    result
}

async fn serve(options: ServeOptions) -> Result<(), String> {
    let listener = bind(options.bind, options.port).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the server address: {e}"))?;
    let shared = Shared {
        overlay: Arc::default(),
        out_dir: options.out_dir.clone(),
    };
    // Tabs poll quickly to reconnect after a server restart.
    let livereload = LiveReloadLayer::new().reload_interval(std::time::Duration::from_millis(500));
    let reloader = livereload.reloader();

    let overlay = shared.overlay.clone();
    let (root, out_dir, drafts) = (
        options.root.clone(),
        options.out_dir.clone(),
        options.drafts,
    );
    std::thread::spawn(move || {
        let mut last = String::new();
        let mut last_ok = true;
        let result = watch::watch(&root, &out_dir, drafts, |report| {
            print_report(report, &mut last);
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
    let stopping = Arc::new(tokio::sync::Notify::new());
    let signal = stopping.clone();
    let server =
        axum::serve(listener, app(shared, livereload)).with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("stopping");
            signal.notify_one();
        });
    // A graceful shutdown waits for every connection to close, and a tab's live-reload
    // stream never does: give requests in flight a moment, then stop.
    tokio::select! {
        result = std::future::IntoFuture::into_future(server) => {
            result.map_err(|e| format!("server error: {e}"))
        }
        () = async {
            stopping.notified().await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        } => Ok(()),
    }
}

/// For tests: the application over an existing output folder, with an optional overlay.
pub fn test_app(out_dir: &Path, overlay: Option<String>) -> Router {
    let shared = Shared {
        overlay: Arc::new(RwLock::new(overlay)),
        out_dir: out_dir.to_path_buf(),
    };
    app(shared, LiveReloadLayer::new())
}
