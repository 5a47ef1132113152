// Accessibility: axe-core (WCAG 2.0/2.1 A and AA) over one page of every page type in both
// languages, at desktop width and at phone width with larger text (and the pages with tables
// and the home page without), with 0 violations allowed;
// a visible focus indicator on every link and control; the skip link; and the
// prefers-reduced-motion and prefers-contrast: more styles.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { buildSite, fileUrl, launch, log } from './lib/harness.mjs';
import { allPages, openPage } from './lib/pages.mjs';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let out, ctx;
before(async () => {
  out = buildSite();
  ctx = await launch();
});
after(async () => { await ctx?.close(); });

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: [...tags, 'best-practice'] },
    resultTypes: ['violations'],
  }), WCAG);
}

function describeViolations(vs) {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5)
    .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n')).join('\n  ');
}

const seenNotes = new Set();

// At phone width without larger text, the pages whose layout changes most there: the header,
// and the indicator tables that become cards.
const PHONE = new Set(['home', 'year report', 'indicators index', 'indicator', 'plan']);

for (const [label, viewport, larger, only] of [
  ['1280×900', { width: 1280, height: 900 }, false, null],
  ['390×844', { width: 390, height: 844 }, false, PHONE],
  ['390×844 with larger text', { width: 390, height: 844 }, true, null],
]) {
  describe(`axe at ${label}`, { concurrency: 3 }, () => {
    for (const p of allPages().filter((x) => !only || only.has(x.name.replace(/ \(\w+\)$/, '')))) {
      test(`${p.name}: ${p.rel}`, async () => {
        const page = await ctx.newPage();
        try {
          await page.setViewportSize(viewport);
          await openPage(page, fileUrl(out, p.rel), p);
          // Without a change event: the pages checked side by side keep their own state.
          if (larger) await page.$eval('#larger-text', (e) => { e.checked = true; });
          const r = await axe(page);
          const wcag = r.violations.filter((v) => v.tags.some((t) => WCAG.includes(t)));
          // Best practices are reported, not required (some come from the content).
          for (const v of r.violations.filter((x) => !wcag.includes(x))) {
            const key = `${v.id} ${p.rel}`;
            if (!seenNotes.has(key)) { seenNotes.add(key); log(`note (best practice, not failing): ${p.rel}: ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`); }
          }
          assert.equal(wcag.length, 0, `${p.rel}:\n  ${describeViolations(wcag)}`);
        } finally {
          await page.close();
        }
      });
    }
  });
}

/** What makes the focused element's focus visible: its outline or box shadow. */
function focusIndicator() {
  const e = document.activeElement;
  // The larger-text switch is a visually hidden checkbox: its label shows the focus.
  const shown = e.matches('input.text-size-input') ? e.labels[0] : e;
  const s = getComputedStyle(shown);
  const r = shown.getBoundingClientRect();
  return {
    what: `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ')[0] : ''} "${(shown.textContent || e.value || '').trim().slice(0, 20)}"`,
    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
    shadow: s.boxShadow !== 'none',
    visible: r.width > 0 && r.height > 0,
    tag: e.tagName,
  };
}

test('every link and control shows a focus indicator when reached with Tab', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, 'search/index.html') + '?q=' + encodeURIComponent('调解'));
    await page.waitForSelector('#ipsearch-results li > a');
    const kinds = new Set();
    let stops = 0;
    for (; stops < 60; stops++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(focusIndicator);
      if (f.tag === 'BODY') break;
      assert.ok(f.visible, `${f.what} is focused but not visible`);
      assert.ok(f.outline || f.shadow, `${f.what} has no visible focus indicator`);
      kinds.add(f.tag);
    }
    assert.ok(kinds.has('A') && kinds.has('BUTTON') && kinds.has('INPUT'), `only reached ${[...kinds]}`);
    log(`${stops} Tab stops on the search page, all with a focus ring (${[...kinds].join(', ')})`);
  } finally {
    await page.close();
  }
});

test('the focus ring changes what is drawn (nav link on red, button, content link)', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, 'search/index.html'));
    for (const selector of ['.main-nav a', '#ipsearch-form button[type=submit]', '.breadcrumbs a', '.lang-switch a']) {
      const el = page.locator(selector).first();
      const box = await el.boundingBox();
      const clip = { x: Math.max(0, box.x - 8), y: Math.max(0, box.y - 8), width: box.width + 16, height: box.height + 16 };
      await page.mouse.click(1, 899); // blur, without scrolling
      const before = await page.screenshot({ clip });
      // Focus by keyboard so that :focus-visible applies.
      await page.keyboard.press('Tab');
      await el.evaluate((e) => e.focus());
      const after = await page.screenshot({ clip });
      assert.ok(!before.equals(after), `focusing ${selector} draws nothing`);
    }
  } finally {
    await page.close();
  }
});

test('the skip link is the first Tab stop, becomes visible, and moves focus to the content', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, '2023/index.html'));
    await page.keyboard.press('Tab');
    const link = page.locator('.skip-link');
    assert.ok(await link.evaluate((e) => e === document.activeElement), 'the first Tab stop is not the skip link');
    const box = await link.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 900 && box.x >= 0, `skip link is off screen when focused: ${JSON.stringify(box)}`);
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#main');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)),
      'the Tab after the skip link leaves the main content');
  } finally {
    await page.close();
  }
});

/** The theme's stylesheet as built (file:// pages may not read their style sheets' rules). */
const stylesheet = () => fs.readFileSync(`${out}/assets/style.css`, 'utf8');

test('prefers-reduced-motion: reduce turns off transitions and animations', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, 'index.html'));
    assert.match(stylesheet(), /@media \(prefers-reduced-motion: reduce\)/);
    // A probe with a transition and an animation, as a site's own stylesheet might add.
    await page.addStyleTag({ content: '@keyframes probe { to { opacity: .5 } } .probe { transition: color 2s; animation: probe 2s infinite; }' });
    await page.evaluate(() => { const d = document.createElement('div'); d.className = 'probe'; d.textContent = 'x'; document.querySelector('main').append(d); });
    const timing = () => page.$eval('.probe', (e) => {
      const s = getComputedStyle(e);
      return `${s.transitionDuration} ${s.animationName}`;
    });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    assert.equal(await timing(), '2s probe');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    assert.equal(await timing(), '0s none');
    assert.equal(await page.$eval('html', (e) => getComputedStyle(e).scrollBehavior), 'auto');
  } finally {
    await page.close();
  }
});

test('prefers-contrast: more darkens muted text, lines, links and the header', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, '2023/index.html'));
    assert.match(stylesheet(), /@media \(prefers-contrast: more\)/);
    const colours = () => page.evaluate(() => ({
      muted: getComputedStyle(document.querySelector('.dateline')).color,
      header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
      link: getComputedStyle(document.querySelector('.toc a')).color,
    }));
    await page.emulateMedia({ contrast: 'no-preference' });
    const normal = await colours();
    await page.emulateMedia({ contrast: 'more' });
    const more = await colours();
    for (const k of Object.keys(normal)) assert.notEqual(more[k], normal[k], `${k} is the same with prefers-contrast: more`);
    assert.equal(more.muted, 'rgb(58, 63, 70)');
    assert.equal(more.header, 'rgb(92, 15, 15)');
    // And it stays free of axe violations.
    const r = await axe(page);
    const wcag = r.violations.filter((v) => v.tags.some((t) => WCAG.includes(t)));
    assert.equal(wcag.length, 0, describeViolations(wcag));
  } finally {
    await page.close();
  }
});

// Text in attributes (aria-label, alt, title) is read in the page's language: a Chinese page
// should not carry English labels, nor an English page Chinese ones, unless the element says
// so with its own lang attribute. (axe cannot see this.)
test('aria-label, alt and title texts are in the page\'s language', () => {
  const files = fs.readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.html'));
  const wrong = [];
  for (const f of files) {
    const english = f.startsWith('en/') || f.startsWith('en\\');
    const html = fs.readFileSync(`${out}/${f}`, 'utf8');
    for (const m of html.matchAll(/<[a-z][^>]*\s(aria-label|alt|title)="([^"]*)"[^>]*>/g)) {
      const [tag, attr, value] = m;
      if (/\slang="/.test(tag)) continue;
      const han = /[\u3400-\u9fff]/.test(value);
      const latin = /[A-Za-z]{3,}/.test(value);
      if ((english && han) || (!english && latin && !han)) wrong.push(`${f}: ${attr}="${value}"`);
    }
  }
  assert.deepEqual(wrong, []);
});
