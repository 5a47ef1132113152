// Larger text: the header's "larger text" switch (a checkbox and CSS; a few inline lines only
// keep it on from page to page, and it works with JavaScript off) and text
// at 200%: at 1280 and 390 pixels wide, with the switch on, with text at 200% and with the page
// zoomed to 200%, no page scrolls sideways (tables scroll inside their own .table-scroll box),
// nothing sticks out of the window, and the header and navigation items do not overlap.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, copySite, fileUrl, launch, log } from './lib/harness.mjs';
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
  // On phones the sections are one row that scrolls sideways: its items may lie beyond the
  // window's edge, but the row itself may not.
  const scrolls = (e) => {
    const row = e.closest('.main-nav ul');
    return row && getComputedStyle(row).overflowX === 'auto';
  };
  for (const row of document.querySelectorAll('.main-nav ul')) {
    const r = row.getBoundingClientRect();
    if (r.right > vw + 1 || r.left < -1) problems.push('the navigation row is wider than the window');
  }
  for (let i = 0; i < items.length; i++) {
    const a = rects[i];
    if (a.right > vw + 1 && !scrolls(items[i])) problems.push(`${name(items[i])} is cut off on the right`);
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

// On a phone (390 px): the indicator tables are a card per row, each cell under its column's
// name, with nothing off the screen; the header is compact; dates are not broken; the tables
// keep their semantics.
const TABLE_PAGES = [
  '2023/index.html', 'en/2023/index.html', '2024/index.html', 'en/2024/index.html',
  'indicators/index.html', 'en/indicators/index.html',
  'indicators/invention-patents/index.html', 'en/indicators/invention-patents/index.html',
  'documents/plan-2024-2026/index.html', 'en/documents/plan-2024-2026/index.html',
];

/** Runs in the page: what is wrong with its indicator tables and header, as readable lines. */
function phoneProblems() {
  const vw = document.documentElement.clientWidth;
  const problems = [];
  const header = document.querySelector('.site-header').getBoundingClientRect().height;
  if (header > 130) problems.push(`the header is ${Math.round(header)} px tall`);
  // Dates stay on one line.
  for (const t of document.querySelectorAll('main time, main .date')) {
    const r = t.getBoundingClientRect();
    const line = parseFloat(getComputedStyle(t).lineHeight);
    if (r.height > 1.5 * line) problems.push(`the date "${t.textContent}" is broken across lines`);
  }
  const tables = [...document.querySelectorAll('.table-cards table.data')];
  if (tables.length === 0) problems.push('no indicator table');
  for (const table of tables) {
    const box = table.closest('.table-scroll');
    const caption = table.caption?.textContent.trim().slice(0, 30);
    if (table.scrollWidth > box.clientWidth || box.scrollWidth > box.clientWidth) {
      problems.push(`${caption}: ${table.scrollWidth} px of table in ${box.clientWidth} px`);
    }
    const headers = [...table.tHead.rows[0].cells].map((c) => c.textContent.trim());
    for (const row of table.tBodies[0] ? [...table.querySelectorAll('tbody tr')] : []) {
      if (row.classList.contains('group-row')) continue;
      for (const cell of row.cells) {
        const r = cell.getBoundingClientRect();
        // An empty cell, and the kind of the rows of the table's usual kind (the caption says
        // it; screen readers read it in the cell), take no room.
        if (cell.tagName === 'TD' && (cell.textContent.trim() === '' || cell.classList.contains('kind-usual'))) continue;
        if (r.width === 0 || r.left < -1 || r.right > vw + 1) {
          problems.push(`${caption}: "${cell.textContent.trim().slice(0, 20)}" is off the screen (${Math.round(r.left)}–${Math.round(r.right)} px)`);
        }
        if (cell.tagName !== 'TD') continue;
        // Each cell shows its column's name above it.
        const header = headers[cell.cellIndex];
        const before = getComputedStyle(cell, '::before');
        if (cell.dataset.label !== header) problems.push(`${caption}: a cell of "${header}" is labelled "${cell.dataset.label}"`);
        if (before.display !== 'block' || before.content === 'none') problems.push(`${caption}: the label of "${header}" is not shown`);
      }
    }
  }
  return problems;
}

describe('on a phone (390 px)', { concurrency: 3 }, () => {
  for (const rel of TABLE_PAGES) {
    test(`indicator tables and header: ${rel}`, async () => {
      const page = await ctx.newPage();
      try {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(fileUrl(out, rel));
        const problems = await page.evaluate(phoneProblems);
        assert.deepEqual(problems, [], `${rel}:\n  ${problems.join('\n  ')}`);
        // Value, target, completion and progress of the first row are on the screen.
        const seen = await page.evaluate(() => {
          const row = document.querySelector('.table-cards tbody tr:not(.group-row)');
          return [...row.cells].filter((c) => {
            const r = c.getBoundingClientRect();
            return r.width > 0 && r.left >= 0 && r.right <= innerWidth;
          }).map((c) => c.dataset.label).filter(Boolean);
        });
        if (/^(en\/)?20\d\d\//.test(rel)) {
          for (const col of rel.startsWith('en/') ? ['Target', 'Completion', 'Progress'] : ['目标', '完成率', '进度']) {
            assert.ok(seen.includes(col), `${rel}: no ${col} on the screen (${seen.join(', ')})`);
          }
        }
        // A screen reader still has a table with column headers and cells.
        const tree = await page.locator('.table-cards table.data').first().ariaSnapshot();
        assert.match(tree, /columnheader/);
        assert.match(tree, /- cell/);
        assert.doesNotMatch(tree, /cell "(2023|2024|Target|目标) /, 'the shown column names are not read out');
        const header = await page.evaluate(() => Math.round(document.querySelector('.site-header').getBoundingClientRect().height));
        log(`${rel}: header ${header} px; cells of ${seen.length} columns on the screen`);
      } finally {
        await page.close();
      }
    });
  }
});

/** Runs in the page: the rendered size of every chart text, in px. */
function chartTextSizes() {
  return [...document.querySelectorAll('svg.chart text')].map((t) => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
}

for (const width of [390, 1280]) {
  test(`chart labels at ${width}px are 14 px or more, and larger with 大字号`, async () => {
    const page = await ctx.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      for (const rel of ['indicators/invention-patents/index.html', 'en/indicators/invention-patents/index.html']) {
        await page.goto(fileUrl(out, rel));
        const normal = await page.evaluate(chartTextSizes);
        assert.ok(normal.length > 10, `${rel}: ${normal.length} chart texts`);
        assert.ok(Math.min(...normal) >= 14 - 0.01, `${rel} at ${width}px: a chart text of ${Math.min(...normal)} px`);
        await page.$eval('#larger-text', (e) => { e.checked = true; });
        const larger = await page.evaluate(chartTextSizes);
        await page.$eval('#larger-text', (e) => { e.checked = false; });
        assert.ok(larger.every((s, i) => s > normal[i] * 1.2), `${rel}: 大字号 does not enlarge the chart (${normal[0]} → ${larger[0]} px)`);
        log(`${rel} at ${width}px: chart text ${Math.min(...normal)} px, ${Math.min(...larger)} px with 大字号`);
      }
    } finally {
      await page.close();
    }
  });
}

/** Runs in the page: chart labels that touch a line or another label, as readable lines. */
function chartOverlaps() {
  const problems = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const origin = svg.getBoundingClientRect();
    // A text's box: as wide as the browser lays it out, and from 0.9em above its baseline
    // to 0.25em below, where the glyphs of these faces end (the font's own box is taller).
    const box = (t) => {
      const r = t.getBoundingClientRect();
      const size = parseFloat(getComputedStyle(t).fontSize);
      const baseline = origin.top + t.getStartPositionOfChar(0).y;
      return { left: r.left, right: r.right, top: baseline - 0.9 * size, bottom: baseline + 0.25 * size };
    };
    const labels = [...svg.querySelectorAll('text.value, text.target-label, text.legend, text.tick, text.axis')]
      .filter((t) => getComputedStyle(t).display !== 'none')
      .map((t) => ({ t, r: box(t) }));
    // Lines in the chart's own px (no viewBox: user units are CSS px from its corner).
    const lines = [...svg.querySelectorAll('line.line, line.target')].map((l) => [
      origin.left + l.x1.baseVal.value, origin.top + l.y1.baseVal.value,
      origin.left + l.x2.baseVal.value, origin.top + l.y2.baseVal.value, l.getAttribute('class')]);
    const crosses = (r, [x1, y1, x2, y2]) => {
      // Sample the segment: enough for boxes of text a dozen pixels tall.
      for (let k = 0; k <= 200; k++) {
        const x = x1 + (x2 - x1) * k / 200, y = y1 + (y2 - y1) * k / 200;
        if (x > r.left && x < r.right && y > r.top && y < r.bottom) return true;
      }
      return false;
    };
    const placed = labels.filter((l) => l.t.matches('.value, .target-label'));
    for (const { t, r } of placed) {
      for (const line of lines) {
        if (crosses(r, line)) problems.push(`"${t.textContent}" lies on a ${line[4]} line`);
      }
      if (r.left < origin.left - 1 || r.right > origin.right + 1) problems.push(`"${t.textContent}" sticks out of the chart`);
      for (const o of labels) {
        if (o.t === t) continue;
        const w = Math.min(r.right, o.r.right) - Math.max(r.left, o.r.left);
        const h = Math.min(r.bottom, o.r.bottom) - Math.max(r.top, o.r.top);
        if (w > 1 && h > 1 && (placed.indexOf(o) < 0 || placed.indexOf(o) > placed.findIndex((p) => p.t === t))) {
          problems.push(`"${t.textContent}" overlaps "${o.t.textContent}"`);
        }
      }
    }
  }
  return problems;
}

test('chart labels lie on no line and no other label, also for a value equal to a target', async () => {
  // A copy of the example in which the 2024 value of valid invention patents equals the
  // 2025 target of the Work Plan, whose line starts at 2024.
  const root = copySite();
  const report = path.join(root, 'content/years/2024/report.yaml');
  const yaml = fs.readFileSync(report, 'utf8');
  assert.match(yaml, /invention-patents: 56302/);
  fs.writeFileSync(report, yaml.replace('invention-patents: 56302', 'invention-patents: 60000'));
  const equal = buildSite(root);
  const page = await ctx.newPage();
  const found = [];
  let charts = 0;
  try {
    const rels = fs.readdirSync(path.join(out, 'indicators')).filter((d) => !d.endsWith('.html'))
      .flatMap((d) => [`indicators/${d}/index.html`, `en/indicators/${d}/index.html`]);
    for (const [site, pages] of [[out, rels], [equal, rels.filter((r) => r.includes('invention-patents'))]]) {
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const rel of pages) {
          await page.goto(fileUrl(site, rel));
          for (const larger of [false, true]) {
            await page.$eval('#larger-text', (e, on) => { e.checked = on; }, larger);
            charts += await page.locator('svg.chart').count();
            for (const x of await page.evaluate(chartOverlaps)) found.push(`${site === equal ? 'value = target: ' : ''}${rel} at ${width}px${larger ? ' with 大字号' : ''}: ${x}`);
          }
        }
      }
    }
    assert.deepEqual(found, [], found.join('\n'));
    log(`${charts} charts checked: no label on a line or another label`);
  } finally {
    await page.close();
  }
});

// An item's references: one 相关信息 / Related block under its text, its heading first, each kind
// (措施, 部门, …) before its links, every link inside the block and on the screen, at 390 and
// 1280 px and with larger text.
for (const width of [390, 1280]) {
  test(`the related block at ${width}px`, async () => {
    const page = await ctx.newPage();
    try {
      await page.setViewportSize({ width, height: 900 });
      for (const [rel, heading] of [
        ['2024/cases/trade-secret-compliance/index.html', '相关信息'],
        ['en/2024/cases/trade-secret-compliance/index.html', 'Related'],
        ['2024/events/index.html', '相关信息'],
        ['2024/issues/index.html', '相关信息'],
        ['documents/plan-2024-2026/index.html', '相关信息'],
      ]) {
        await page.goto(fileUrl(out, rel));
        for (const larger of [false, true]) {
          await page.$eval('#larger-text', (e, on) => { e.checked = on; }, larger);
          const problems = await page.evaluate((heading) => {
            const vw = document.documentElement.clientWidth;
            const blocks = [...document.querySelectorAll('main .related')];
            const found = blocks.length ? [] : ['no related block'];
            for (const b of blocks) {
              const box = b.getBoundingClientRect();
              const h = b.querySelector('.related-title');
              if (!h || h.textContent.trim() !== heading || b.firstElementChild !== h) found.push(`a block without its heading first: ${b.textContent.trim().slice(0, 40)}`);
              if (box.left < -1 || box.right > vw + 1) found.push(`a block spans ${Math.round(box.left)}–${Math.round(box.right)} px`);
              const lines = [...b.querySelectorAll('dl > .refs')];
              if (!lines.length) found.push('a block with no line');
              for (const line of lines) {
                const dt = line.querySelector('dt').getBoundingClientRect();
                const first = line.querySelector('dd a, dd li').getBoundingClientRect();
                // The kind's name starts its line, its first link beside it or under it.
                if (first.top < dt.top - 2 || (first.top < dt.bottom - 2 && first.left < dt.right - 1)) found.push(`"${line.textContent.trim().slice(0, 30)}": the links are not after their kind`);
                for (const a of line.querySelectorAll('a')) {
                  const r = a.getBoundingClientRect();
                  if (r.left < box.left - 1 || r.right > box.right + 1 || r.right > vw + 1) found.push(`the link "${a.textContent.trim().slice(0, 20)}" is outside its block`);
                }
              }
            }
            return found;
          }, heading);
          assert.deepEqual(problems, [], `${rel} at ${width}px${larger ? ' with larger text' : ''}:\n  ${problems.join('\n  ')}`);
        }
      }
    } finally {
      await page.close();
    }
  });
}
