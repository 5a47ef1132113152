// Shared helpers of the browser tests: the ipreport binary, temporary sites and output
// folders, a tiny static HTTP server, `ipreport serve` as a child process, and Chromium.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository, which is also the example site (`content/`). */
export const REPO = path.resolve(here, '..', '..', '..');
export const BIN = process.env.IPREPORT_BIN || path.join(REPO, 'target', 'release', 'ipreport');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(REPO, 'docs', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// On Ctrl-C or a kill, still run the 'exit' handlers below (stop servers, remove temp folders).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]));
}

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ipreport-${prefix}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the example site (only what a site is made of: its content). */
export function copySite() {
  const root = tempDir('site');
  fs.cpSync(path.join(REPO, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

/** Builds a site (the example site by default) into a fresh folder and returns that folder. */
export function buildSite(root = REPO) {
  const out = path.join(tempDir('out'), 'public');
  const r = spawnSync(BIN, ['build', '--root', root, '--output', out], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`ipreport build failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
  return out;
}

export function fileUrl(out, rel) {
  return pathToFileURL(path.join(out, rel)).href;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `dir` under the sub-path `prefix` (e.g. `/reports/ip/`), as a host site's static
 * folder would: the output must not assume it is at the server's root. Folders answer with
 * their index.html. Resolves to `{ url, close }`.
 */
export function staticServer(dir, prefix = '/') {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(pathname);
    if (!rel.startsWith(prefix)) { res.writeHead(404).end('outside the prefix'); return; }
    rel = rel.slice(prefix.length);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': TYPES['.html'] });
        res.end(fs.readFileSync(path.join(dir, '404.html')));
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
      });
    });
  });
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/**
 * Starts `ipreport serve` and waits for its "serving … at http://…/" line and first
 * "rebuilt in" line. Returns `{ url, proc, log(), waitFor(re, ms), stop() }`.
 */
export async function startServe(root, port) {
  const proc = spawn(BIN, ['serve', '--root', root, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters = [];
  const feed = (chunk) => {
    text += chunk;
    for (const w of [...waiters]) {
      const m = text.slice(w.from).match(w.re);
      if (m) { waiters.splice(waiters.indexOf(w), 1); clearTimeout(w.timer); w.resolve(m); }
    }
  };
  proc.stdout.setEncoding('utf8').on('data', feed);
  proc.stderr.setEncoding('utf8').on('data', feed);
  const stop = () => new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) { resolve(); return; }
    proc.once('exit', () => resolve());
    proc.kill('SIGINT');
    setTimeout(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); }, 3000).unref();
  });
  /** Resolves to true when the process has ended within `ms`, false otherwise. */
  const exited = (ms) => new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) { resolve(true); return; }
    const timer = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
  process.on('exit', () => { try { proc.kill('SIGKILL'); } catch { /* gone */ } });
  /** Waits for output matching `re` written after the position `from` (default: anything). */
  const waitFor = (re, ms = 10000, from = 0) => new Promise((resolve, reject) => {
    const m = text.slice(from).match(re);
    if (m) { resolve(m); return; }
    const w = { re, from, resolve };
    w.timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(w), 1);
      reject(new Error(`ipreport serve did not print ${re} within ${ms} ms; it printed:\n${text}`));
    }, ms);
    waiters.push(w);
  });
  proc.once('exit', (code) => {
    for (const w of waiters.splice(0)) {
      clearTimeout(w.timer);
    }
    if (code) text += `\n[ipreport serve exited with ${code}]\n`;
  });
  try {
    const m = await waitFor(/serving .* at (http:\/\/\S+\/)/, 15000);
    await waitFor(/rebuilt in|built .* pages/, 15000);
    return { url: m[1], proc, log: () => text, mark: () => text.length, waitFor, stop, exited };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Launches Chromium with a fresh profile. Returns the browser context. */
export async function launch(options = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (install Debian's chromium or set CHROMIUM=)`);
  }
  const profile = tempDir('profile');
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
}

/** Fails the page on any console error or uncaught exception, and on requests to other hosts. */
export function watchPage(page, allowedOrigin) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are reported below with their address.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.on('response', (r) => {
    // Browsers ask for /favicon.ico at the server's root by themselves.
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}: ${r.failure()?.errorText}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'file:' || u.protocol === 'data:') return;
    if (allowedOrigin && u.origin === allowedOrigin) return;
    problems.push(`request to another host: ${r.url()}`);
  });
  return problems;
}

export function log(...args) {
  console.log('#', ...args);
}
