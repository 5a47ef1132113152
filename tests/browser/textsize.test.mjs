// Larger text: the header's "larger text" switch (a checkbox and CSS; a few inline lines only
// keep it on from page to page, and it works with JavaScript off) and text
// at 200%: at 1280 and 390 pixels wide, with the switch on, with text at 200% and with the page
// zoomed to 200%, no page scrolls sideways (tables scroll inside their own .table-scroll box),
// nothing sticks out of the window, and the header and navigation items do not overlap.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, fileUrl, launch, log } from './lib/harness.mjs';
import { allPages, openPage } from './lib/pages.mjs';

let out, ctx;
before(async () => {
  out = buildSite();
  ctx = await launch();
});
after(async () => { await ctx?.close(); });

/** Runs in the page: what is wrong with the layout, as readable lines. */
function layoutProblems() {
  const root = document.documentElement;
  const vw = root.clientWidth;
  const name = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    if (typeof e.className === 'string' && e.className) s += '.' + e.className.trim().split(/\s+/).join('.');
    const text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return text ? `${s} "${text}"` : s;
  };
  const problems = [];
  if (root.scrollWidth > vw + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth}px of content in ${vw}px`);
  // Elements that stick out of the window; what scrolls inside its own box (tables) and
  // hidden helpers excepted.
  const out = [];
  const inScroller = new Set();
  for (const e of document.body.querySelectorAll('*')) {
    if (inScroller.has(e.parentElement)) { inScroller.add(e); continue; }
    if (getComputedStyle(e).overflowX !== 'visible') inScroller.add(e);
    if (e.closest('.visually-hidden, .skip-link, .text-size-input, svg, noscript, script')) continue;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > vw + 1 || r.left < -1) out.push(`${name(e)} spans ${Math.round(r.left)}–${Math.round(r.right)}px`);
  }
  // Report the innermost offenders only.
  problems.push(...out.slice(-5));
  // Header and navigation items: none overlaps another, none is clipped.
  const items = [...document.querySelectorAll('.site-title, .text-size-label, .lang-switch li > *, .main-nav a')];
  const rects = items.map((e) => e.getBoundingClientRect());
  for (let i = 0; i < items.length; i++) {
    const a = rects[i];
    if (a.right > vw + 1) problems.push(`${name(items[i])} is cut off on the right`);
    if (items[i].scrollWidth > items[i].clientWidth + 1 && getComputedStyle(items[i]).display !== 'inline') {
      problems.push(`${name(items[i])} is too narrow for its text`);
    }
    for (let j = i + 1; j < items.length; j++) {
      const b = rects[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) problems.push(`${name(items[i])} overlaps ${name(items[j])}`);
    }
  }
  // The main content starts below the header.
  const header = document.querySelector('.site-header').getBoundingClientRect();
  const main = document.querySelector('main').getBoundingClientRect();
  if (main.top < header.bottom - 1) problems.push('the header covers the content');
  return problems;
}

const MODES = [
  { name: 'as it is' },
  { name: 'the larger-text switch on', larger: true },
  { name: 'text at 200%', css: 'html { font-size: 200% !important; }' },
  // A 200% page zoom lays the page out in half as many CSS pixels.
  { name: 'page zoom 200%', zoom: 2 },
];

test('every page has the larger-text switch in its header', () => {
  const pages = fs.readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.html'));
  assert.ok(pages.length > 100);
  for (const f of pages) {
    const html = fs.readFileSync(path.join(out, f), 'utf8');
    const header = html.slice(html.indexOf('<header class="site-header">'), html.indexOf('</header>'));
    assert.match(header, /<input type="checkbox" id="larger-text"[^>]*>/, `${f}: no larger-text checkbox in the header`);
    assert.match(header, /<label for="larger-text"[^>]*>[^<]*\S[^<]*<\/label>/, `${f}: no label for the larger-text checkbox`);
  }
  log(`larger-text switch in the header of all ${pages.length} pages`);
});

test('the larger-text switch works by keyboard and mouse', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, '2023/index.html'));
    const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    assert.equal(await size(), '16px');
    // Tab to the switch, Space turns it on and off.
    let tabs = 0;
    while (!(await page.evaluate(() => document.activeElement?.id === 'larger-text')) && tabs < 6) {
      await page.keyboard.press('Tab'); tabs++;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'larger-text', 'the switch is not reachable with Tab');
    await page.keyboard.press('Space');
    assert.equal(await size(), '20px');
    const h1 = await page.$eval('h1', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(h1 >= 1.9 * 20 - 0.5, `h1 is ${h1}px with larger text`);
    await page.keyboard.press('Space');
    assert.equal(await size(), '16px');
    // A click on the label works too, and the checked state is drawn differently.
    const off = await page.locator('.text-size-label').screenshot();
    await page.click('.text-size-label');
    assert.equal(await size(), '20px');
    const on = await page.locator('.text-size-label').screenshot();
    assert.ok(!off.equals(on), 'the switch looks the same on and off');
    // Also in forced colours (Windows high contrast), where backgrounds are replaced.
    await page.emulateMedia({ forcedColors: 'active' });
    const onForced = await page.locator('.text-size-label').screenshot();
    await page.click('.text-size-label');
    const offForced = await page.locator('.text-size-label').screenshot();
    assert.ok(!offForced.equals(onForced), 'in forced colours the switch looks the same on and off');
    await page.emulateMedia({ forcedColors: 'none' });
    await page.click('.text-size-label');
    assert.equal(await size(), '20px');
    // Switched on, it stays on on the next page, and off once switched off.
    await page.goto(fileUrl(out, 'indicators/index.html'));
    assert.equal(await size(), '20px', 'larger text is not kept on the next page');
    assert.ok(await page.isChecked('#larger-text'));
    await page.click('.text-size-label');
    await page.goto(fileUrl(out, '2023/index.html'));
    assert.equal(await size(), '16px', 'larger text stays on after being switched off');
    log(`larger text: root font size 16px → 20px, reached with ${tabs} Tabs, kept from page to page`);
  } finally {
    await page.close();
  }
});

test('the larger-text switch works with JavaScript off', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto(fileUrl(out, '2023/index.html'));
    const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    assert.equal(await size(), '16px');
    await page.click('.text-size-label');
    assert.equal(await size(), '20px');
  } finally {
    await noJs.close();
  }
});

for (const width of [1280, 390]) {
  const height = width === 1280 ? 900 : 844;
  // Pages are independent: check three at a time (each in its own tab).
  describe(`at ${width}px`, { concurrency: 3 }, () => {
    for (const p of allPages()) {
      test(`${p.name}: ${p.rel}`, async () => {
        const page = await ctx.newPage();
        const found = [];
        try {
          await page.setViewportSize({ width, height });
          await openPage(page, fileUrl(out, p.rel), p);
          for (const mode of MODES) {
            const w = Math.round(width / (mode.zoom || 1));
            if (mode.zoom) await page.setViewportSize({ width: w, height: Math.round(height / mode.zoom) });
            // Set without a change event, so that pages checked side by side do not pass the
            // state on to each other.
            if (mode.larger) await page.$eval('#larger-text', (e) => { e.checked = true; });
            const style = mode.css ? await page.addStyleTag({ content: mode.css }) : null;
            const problems = await page.evaluate(layoutProblems);
            for (const x of problems) found.push(`${mode.name} (${w}px wide): ${x}`);
            if (mode.larger) await page.$eval('#larger-text', (e) => { e.checked = false; });
            if (style) await style.evaluate((e) => e.remove());
          }
          assert.deepEqual(found, [], `${p.rel} at ${width}px:\n  ${found.join('\n  ')}`);
        } finally {
          await page.close();
        }
      });
    }
  });
}
