// The proof view of `ipreport serve` on a copy of the example site: the 校对 / Proof button
// works with the mouse and the keyboard, a value's tooltip names the right file:line on the
// year page and on the indicator page, the numbers typed by hand are marked, the state
// survives a reload, axe-core finds no violation with the view on, and nothing of it reaches
// the files on disk. Takes docs/screenshots/proof-view.png (or $SCREENSHOT_DIR).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { copySite, freePort, launch, startServe, SCREENSHOTS, log, watchPage } from './lib/harness.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DIR = process.env.SCREENSHOT_DIR || SCREENSHOTS;

let root, server, ctx, page, problems;

/** The 1-based line of `key:` in a file of the site copy. */
function lineOf(file, key) {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
  assert.ok(i >= 0, `${key} not in ${file}`);
  return i + 1;
}

before(async () => {
  root = copySite();
  server = await startServe(root, await freePort());
  ctx = await launch();
  page = await ctx.newPage();
  problems = watchPage(page, new URL(server.url).origin);
});
after(async () => {
  await ctx?.close();
  await server?.stop();
});

async function tooltip() {
  const tip = page.locator('#ipr-proof-tip');
  await tip.waitFor({ state: 'visible', timeout: 2000 });
  return tip.textContent();
}

test('the button turns the proof view on with the mouse; hover names file:line on the year page', async () => {
  await page.goto(server.url + '2023/');
  const button = page.locator('#ipr-proof-toggle');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('mark.ipr-typed').count(), 0, 'marks before the view is on');
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('ipr-proof-on')));
  const line = lineOf('content/years/2023/report.yaml', 'invention-patents');
  const cell = page.locator('td[data-indicator="invention-patents"][data-year="2023"]').first();
  await cell.hover();
  const text = await tooltip();
  assert.ok(text.includes(`content/years/2023/report.yaml:${line}`), text);
  assert.ok(text.includes('invention-patents'), text);
  assert.ok(text.includes('48715'), text);
  // Prose references are marked too, and numbers typed by hand differently.
  assert.ok(await page.locator('main p a[data-source]').count() > 0, 'no marked reference in prose');
  const typed = await page.locator('mark.ipr-typed').count();
  log(`2023 report: ${await page.locator('[data-source]').count()} values from data, ${typed} typed by hand`);
  await page.locator('#ipr-proof-legend').waitFor();
  fs.mkdirSync(DIR, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await cell.scrollIntoViewIfNeeded();
  await cell.hover();
  await tooltip();
  await page.screenshot({ path: path.join(DIR, 'proof-view.png') });
});

test('the state survives a reload; the keyboard reaches a value and shows its source', async () => {
  await page.goto(server.url + 'indicators/invention-patents/');
  assert.equal(await page.locator('#ipr-proof-toggle').getAttribute('aria-pressed'), 'true');
  const line = lineOf('content/years/2024/report.yaml', 'invention-patents');
  let found = null;
  for (let i = 0; i < 150 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => {
      const e = document.activeElement;
      return e && e.matches('td[data-source][data-year="2024"]') ? e.dataset.source : null;
    });
  }
  assert.ok(found, 'Tab never reached the 2024 value of the history table');
  const text = await tooltip();
  assert.ok(text.includes(`content/years/2024/report.yaml:${line}`), text);
  const described = await page.evaluate(() => document.activeElement.getAttribute('aria-describedby'));
  assert.equal(described, 'ipr-proof-tip');
  await page.keyboard.press('Escape');
  await page.locator('#ipr-proof-tip').waitFor({ state: 'hidden', timeout: 2000 });
});

test('axe-core reports no violation with the proof view on', async () => {
  for (const rel of ['2023/', 'en/2023/', 'indicators/invention-patents/', '']) {
    await page.goto(server.url + rel);
    assert.equal(await page.locator('#ipr-proof-toggle').getAttribute('aria-pressed'), 'true');
    await page.addScriptTag({ content: AXE });
    const r = await page.evaluate((tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    }), WCAG);
    const list = r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    assert.equal(r.violations.length, 0, `${rel}:\n${list.join('\n')}`);
  }
});

test('the keyboard turns the view off again; nothing of it is on disk', async () => {
  await page.goto(server.url + '2023/');
  await page.locator('#ipr-proof-toggle').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#ipr-proof-toggle').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.locator('mark.ipr-typed').count(), 0);
  assert.equal(await page.locator('[data-ipr-tabindex]').count(), 0);
  assert.equal(await page.locator('#ipr-proof-legend').count(), 0);
  for (const rel of ['2023/index.html', 'indicators/invention-patents/index.html', 'index.html']) {
    const html = fs.readFileSync(path.join(root, 'public', rel), 'utf8');
    assert.ok(!html.includes('data-source') && !html.includes('ipr-proof'), `${rel} on disk has the proof view`);
  }
  // Navigating away aborts the live-reload stream: not a problem of the page.
  assert.deepEqual(problems.filter((p) => !p.includes('_tower-livereload/event-stream')), []);
});
