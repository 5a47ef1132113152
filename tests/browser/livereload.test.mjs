// Live reload: `ipreport serve` on a copy of the example site. An edit shows up in the open
// tab within a second without a manual reload; a broken file shows the error overlay, which
// names the file and goes away when the file is fixed; and neither the reload script nor the
// overlay ever reaches the files on disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, copySite, freePort, launch, startServe, log } from './lib/harness.mjs';

const CASE_MD = 'content/years/2024/cases/trade-secret-compliance.zh.md';
const CASE_PAGE = '2024/cases/trade-secret-compliance/index.html';
const REPORT_YAML = 'content/years/2024/report.yaml';
/** Written into pages by the dev server only: tower-livereload's endpoint and the overlay. */
const SERVE_ONLY = ['_tower-livereload', 'ipreport-errors', 'EventSource'];

let root, server, ctx, page;

before(async () => {
  root = copySite();
  server = await startServe(root, await freePort());
  log(`ipreport serve at ${server.url} (pid ${server.proc.pid})`);
  ctx = await launch();
  page = await ctx.newPage();
});
after(async () => {
  await ctx?.close();
  // Stop the server whatever happened; its output helps when something failed.
  await server?.stop();
});

/** Every .html file under `dir`. */
function htmlFiles(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.html'))
    .map((f) => path.join(dir, f));
}

function assertNoServeCode(dir, what) {
  const files = htmlFiles(dir);
  assert.ok(files.length > 100, `${what}: only ${files.length} pages`);
  for (const f of files) {
    const html = fs.readFileSync(f, 'utf8');
    for (const marker of SERVE_ONLY) {
      assert.ok(!html.includes(marker), `${what}: ${path.relative(dir, f)} contains "${marker}"`);
    }
  }
  return files.length;
}

test('the served page carries the reload script; the page opens', async () => {
  const response = await page.goto(server.url + CASE_PAGE);
  assert.equal(response.status(), 200);
  const html = await response.text();
  assert.ok(html.includes('_tower-livereload'), 'no live-reload script in the served page');
  assert.equal(await page.locator('#ipreport-errors').count(), 0);
});

test('an edit to the case appears in the open page within 1 s, without a manual reload', async () => {
  const sentence = `浏览器测试追加的句子${Date.now()}号。`;
  assert.ok(!(await page.textContent('main')).includes(sentence));
  // A marker on the window object disappears when the page reloads.
  await page.evaluate(() => { window.__notReloaded = true; });
  const file = path.join(root, CASE_MD);
  const mark = server.mark();
  // The reloaded page's connection to the event stream, so the next test does not edit
  // before the page listens again.
  const listening = page.waitForResponse((r) => r.url().includes('/_tower-livereload/'), { timeout: 5000 });
  const started = Date.now();
  fs.appendFileSync(file, `\n${sentence}\n`);
  await page.waitForFunction((s) => document.querySelector('main')?.textContent.includes(s), sentence, {
    timeout: 1000, polling: 20,
  }).catch(async (e) => {
    throw new Error(`${e.message}\nserver output since the edit:\n${server.log().slice(mark)}`);
  });
  const elapsed = Date.now() - started;
  assert.equal(await page.evaluate(() => window.__notReloaded), undefined, 'the page was not reloaded');
  await server.waitFor(/rebuilt in \d+ ms/, 2000, mark);
  await listening;
  log(`edit visible after ${elapsed} ms`);
  assert.ok(elapsed <= 1000, `took ${elapsed} ms`);
});

let original;

/** Why a page may show no overlay although the build failed. */
async function diagnoseOverlay(url) {
  const plain = await fetch(url);
  const html = await plain.text();
  if (!html.includes('ipreport-errors')) return 'the server does not add the overlay to the page';
  const etag = plain.headers.get('etag');
  const modified = plain.headers.get('last-modified');
  const conditional = await fetch(url, {
    headers: { ...(etag ? { 'if-none-match': etag } : {}), ...(modified ? { 'if-modified-since': modified } : {}) },
  });
  if (conditional.status === 304) {
    return 'the server adds the overlay, but answers the reload\'s conditional request (If-None-Match / '
      + 'If-Modified-Since, the page file being unchanged) with 304 Not Modified, so the browser shows its '
      + 'cached copy without the overlay (src/serve/mod.rs: drop the validators while the overlay is shown)';
  }
  return `the server adds the overlay (conditional request: ${conditional.status}) but the page did not show it`;
}

test('a typo in report.yaml shows the error overlay naming the file', async () => {
  const file = path.join(root, REPORT_YAML);
  original = fs.readFileSync(file, 'utf8');
  assert.match(original, /^title:/m);
  const mark = server.mark();
  const listening = page.waitForResponse((r) => r.url().includes('/_tower-livereload/'), { timeout: 5000 });
  fs.writeFileSync(file, original.replace(/^title:/m, 'titel:'));
  await server.waitFor(/build failed/, 5000, mark);
  const overlay = page.locator('#ipreport-errors');
  try {
    await overlay.waitFor({ state: 'visible', timeout: 5000 });
  } catch (e) {
    throw new Error(`no error overlay after a failed build: ${await diagnoseOverlay(server.url + CASE_PAGE)}\n${e.message}`);
  }
  const text = await overlay.textContent();
  assert.ok(text.includes('years/2024/report.yaml'), `the overlay does not name the file:\n${text}`);
  assert.match(text, /titel/);
  // It covers the page and is announced.
  assert.equal(await overlay.getAttribute('role'), 'alert');
  const box = await overlay.boundingBox();
  const vp = page.viewportSize();
  assert.ok(box.width >= vp.width - 1 && box.height >= vp.height - 1, 'the overlay does not cover the page');
  await listening;
  log(`overlay: ${text.split('\n').find((l) => l.includes('report.yaml'))?.trim()}`);
});

test('fixing the file removes the overlay', async () => {
  const file = path.join(root, REPORT_YAML);
  const mark = server.mark();
  fs.writeFileSync(file, original);
  await server.waitFor(/rebuilt in \d+ ms/, 5000, mark);
  await page.locator('#ipreport-errors').waitFor({ state: 'detached', timeout: 5000 });
  assert.ok((await page.textContent('h1')).length > 0);
});

test('the live-reload script and overlay are not in the files on disk', () => {
  // What `serve` wrote to <root>/public, and what `build` writes.
  const served = assertNoServeCode(path.join(root, 'public'), 'serve output');
  const built = assertNoServeCode(buildSite(root), 'build output');
  log(`checked ${served} served and ${built} built pages for ${SERVE_ONLY.join(', ')}`);
});

// With a tab open, the tab's live-reload event stream never ends: Ctrl-C must not wait for it.
test('Ctrl-C stops the server while a tab is open', async () => {
  server.proc.kill('SIGINT');
  const quick = await server.exited(1500);
  if (!quick) await page.close(); // let it finish, so the next test can check it ends
  assert.ok(quick, 'ipreport serve still runs 1.5 s after Ctrl-C with a tab open');
});

test('the server stops on Ctrl-C once no tab is open', async () => {
  if (!page.isClosed()) await page.close();
  server.proc.kill('SIGINT');
  assert.ok(await server.exited(2000), 'ipreport serve still runs 2 s after Ctrl-C');
  assert.match(server.log(), /stopping/);
});
