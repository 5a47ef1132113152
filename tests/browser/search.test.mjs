// Search: the built-in index at /search/ and /en/search/, from file:// and over HTTP under a
// sub-path; expected hits, <mark> highlighting, the short-query and no-result messages,
// results that are links to pages that exist, and use by keyboard alone. Then the page's
// design and the header's search box (see below).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildSite, fileUrl, launch, staticServer, watchPage, log, SCREENSHOTS } from './lib/harness.mjs';

let out, server, ctx;

before(async () => {
  out = buildSite();
  server = await staticServer(out, '/reports/ip/');
  ctx = await launch();
});
after(async () => {
  await ctx?.close();
  await server?.close();
});

/** The label the theme gives a message (`short`, `none`, `count`, …), read from the page. */
const label = (page, name) => page.$eval('#ipsearch', (box, n) => box.dataset[n], name);

/** Opens the search page at `rel` with the query `q` and waits for a final status. */
async function search(base, rel, q) {
  const page = await ctx.newPage();
  const origin = base.startsWith('http') ? new URL(base).origin : null;
  const problems = watchPage(page, origin);
  const url = (base.startsWith('http') ? new URL(rel, base).href : fileUrl(out, rel))
    + '?q=' + encodeURIComponent(q);
  await page.goto(url);
  const loading = await label(page, 'loading');
  await page.waitForFunction((l) => {
    const s = document.getElementById('ipsearch-status').textContent;
    return s !== '' && s !== l;
  }, loading, { timeout: 5000 });
  const status = await page.textContent('#ipsearch-status');
  const links = await page.$$eval('#ipsearch-results li > a', (as) => as.map((a) => ({
    href: a.getAttribute('href'), abs: a.href, text: a.textContent,
  })));
  const marks = await page.$$eval('#ipsearch-results mark', (ms) => ms.map((m) => m.textContent));
  return { page, status, links, marks, problems };
}

/** Every result link points at a page that exists (on disk, or answering 200 over HTTP). */
async function assertLinksResolve(links) {
  for (const l of links) {
    if (l.abs.startsWith('file:')) {
      assert.ok(fs.existsSync(fileURLToPath(l.abs)), `result ${l.href} → ${l.abs} does not exist`);
    } else {
      const r = await fetch(l.abs);
      assert.equal(r.status, 200, `result ${l.href} → ${l.abs} answers ${r.status}`);
    }
  }
}

const hrefs = (links) => links.map((l) => l.href);
const hasHit = (links, path) => links.some((l) => new URL(l.abs).pathname.endsWith(path));

const cases = [
  {
    rel: 'search/index.html', q: '商业秘密',
    hits: ['/2024/cases/trade-secret-compliance/index.html', '/indicators/trade-secret-sites/index.html'],
    mark: /^商业秘密$/,
  },
  {
    rel: 'search/index.html', q: '调解', // a two-character query
    hits: ['/2023/cases/copyright-mediation/index.html'],
    mark: /^调解$/,
  },
  {
    rel: 'en/search/index.html', q: 'trade secret',
    hits: ['/en/2024/cases/trade-secret-compliance/index.html', '/en/indicators/trade-secret-sites/index.html'],
    mark: /^(trade|secret)$/i,
  },
  {
    rel: 'en/search/index.html', q: 'mediation',
    hits: ['/en/2023/cases/copyright-mediation/index.html'],
    mark: /^mediation$/i,
  },
];

for (const where of ['file', 'http']) {
  describe(`search over ${where === 'file' ? 'file://' : 'HTTP under a sub-path'}`, () => {
    const base = () => (where === 'file' ? 'file:' : server.url);

    for (const c of cases) {
      test(`${c.rel}?q=${c.q} finds ${c.hits.join(', ')} with <mark>ed matches`, async () => {
        const { page, status, links, marks, problems } = await search(base(), c.rel, c.q);
        try {
          assert.ok(links.length > 0, `no results; status: ${status}`);
          // The status is the theme's "{n} results" label with the number of hits.
          const count = (await label(page, 'count')).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{n\\}', '(\\d+)');
          const m = status.match(new RegExp(`^${count}$`));
          assert.ok(m, `status "${status}" is not the count label`);
          assert.ok(Number(m[1]) >= links.length, `status says ${m[1]}, ${links.length} shown`);
          for (const h of c.hits) assert.ok(hasHit(links, h), `${h} not among the results: ${hrefs(links).join(' ')}`);
          assert.ok(marks.length > 0, 'no <mark> in the snippets');
          for (const m of marks) assert.match(m, c.mark, `highlighted "${m}" is not the query`);
          await assertLinksResolve(links);
          // Following the first result lands on that page (its <h1> is the result's title).
          const first = links[0];
          await page.click('#ipsearch-results li:first-child > a');
          await page.waitForLoadState('load');
          assert.equal(page.url(), first.abs);
          const h1 = (await page.textContent('h1')).replace(/\s+/g, ' ').trim();
          assert.ok(first.text.includes(h1) || h1.includes(first.text), `result "${first.text}" opened a page titled "${h1}"`);
          assert.deepEqual(problems, []);
          log(`${where} ${c.rel}?q=${c.q}: ${links.length} shown, status "${status}"`);
        } finally {
          await page.close();
        }
      });
    }

    for (const [rel, q] of [['search/index.html', '商'], ['en/search/index.html', '专']]) {
      test(`${rel}?q=${q} (one Chinese character) asks for at least two`, async () => {
        const { page, status, links, problems } = await search(base(), rel, q);
        try {
          assert.equal(status, await label(page, 'short'));
          assert.equal(links.length, 0);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });
    }

    for (const [rel, q] of [['search/index.html', '鳄鱼飞艇'], ['en/search/index.html', 'zzqxj']]) {
      test(`${rel}?q=${q} (nonsense) says nothing was found`, async () => {
        const { page, status, links, problems } = await search(base(), rel, q);
        try {
          assert.equal(status, await label(page, 'none'));
          assert.equal(links.length, 0);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });
    }
  });
}

// A Latin word on the Chinese site whose first letter no term shares: its shard is empty but
// exists, so the answer is "nothing found", not a broken index.
test('search/index.html?q=zzqxj (Latin nonsense on the zh site) says nothing was found',
  async () => {
    const { page, status } = await search('file:', 'search/index.html', 'zzqxj');
    try {
      assert.equal(status, await label(page, 'none'));
    } finally {
      await page.close();
    }
  });

for (const where of ['file', 'http']) {
  test(`search by keyboard alone (${where})`, async () => {
    const page = await ctx.newPage();
    try {
      const url = where === 'file' ? fileUrl(out, 'search/index.html') : new URL('search/index.html', server.url).href;
      await page.goto(url);
      const active = () => page.evaluate(() => {
        const e = document.activeElement;
        return e ? (e.id || e.className || e.tagName) : null;
      });
      // The first Tab reaches the skip link; Enter moves to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await active(), 'skip-link');
      await page.keyboard.press('Enter');
      assert.equal(await active(), 'main');
      // From there, a few Tabs reach the search field.
      let tabs = 0;
      while ((await active()) !== 'ipsearch-q' && tabs < 6) { await page.keyboard.press('Tab'); tabs++; }
      assert.equal(await active(), 'ipsearch-q', 'the search field cannot be reached with Tab from the main content');
      await page.keyboard.type('商业秘密');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#ipsearch-results li > a');
      // Tab goes to the button, then to the first result.
      tabs = 0;
      while (!(await page.evaluate(() => document.activeElement?.matches('#ipsearch-results li:first-child > a'))) && tabs < 3) {
        await page.keyboard.press('Tab'); tabs++;
      }
      assert.ok(await page.evaluate(() => document.activeElement?.matches('#ipsearch-results li:first-child > a')),
        'Tab after the search does not reach the first result');
      // It shows a focus ring.
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none');
      const target = await page.evaluate(() => document.activeElement.href);
      await page.keyboard.press('Enter');
      await page.waitForURL(target);
      log(`keyboard (${where}): Tab, Enter, ${tabs} Tab(s) to the first result → ${target.split('/').slice(-3).join('/')}`);
    } finally {
      await page.close();
    }
  });
}

// The designed search page and the header's search box, at phone and desktop width, in both
// languages: the field's size, the clear button, each result's kind and year, snippets as
// plain text, no duplicates, content above listings, the other language's hint, the header
// box (with and without JavaScript), axe-core in the states the page can be in.

/** Each shown result as the reader sees it. */
const shownResults = (page) => page.$$eval('#ipsearch-results li.search-result', (ls) => ls.map((l) => ({
  href: l.querySelector('a').getAttribute('href'),
  title: l.querySelector('a').textContent,
  kind: l.querySelector('.result-kind')?.textContent ?? '',
  year: l.querySelector('.result-year')?.textContent ?? '',
  snippet: l.querySelector('.result-snippet')?.textContent ?? '',
  text: l.textContent,
  html: l.innerHTML,
})));

/** The kind labels the page gives listing pages (which rank below content). */
const listingLabels = (page) => page.$eval('#ipsearch', (box) => ['n', 'l', 'g', 'p', 'h']
  .map((c) => box.getAttribute(`data-kind-${c}`)));

/** The search page at `rel` with `q`, at a width, its results shown (or its final status). */
async function searchAt(width, rel, q) {
  const r = await search('file:', rel, q);
  await r.page.setViewportSize({ width, height: 900 });
  return r;
}

const LANGS = [
  { code: 'zh', rel: 'search/index.html', q: '商业秘密', caseKind: '案例', year: '2024年', other: 'trade secret', otherRel: 'en/search/index.html', hint: '试试英文站点' },
  { code: 'en', rel: 'en/search/index.html', q: 'trade secret', caseKind: 'Case', year: '2024', other: '商业秘密', otherRel: 'search/index.html', hint: 'Try the 中文 site' },
];

for (const width of [390, 1280]) {
  for (const L of LANGS) {
    describe(`the search page at ${width} px (${L.code})`, () => {
      test('the field is as wide as the form, at least 44 px tall, with text of 16 px or more', async () => {
        const { page } = await searchAt(width, L.rel, L.q);
        try {
          const m = await page.evaluate(() => {
            const input = document.getElementById('ipsearch-q');
            const row = input.closest('.search-row').getBoundingClientRect();
            const field = input.getBoundingClientRect();
            const submit = document.querySelector('#ipsearch-form button[type=submit]').getBoundingClientRect();
            return {
              height: field.height, font: parseFloat(getComputedStyle(input).fontSize),
              rowWidth: row.width, fieldWidth: field.width, submitWidth: submit.width,
              main: document.querySelector('main .wrap').clientWidth,
              scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
            };
          });
          assert.ok(m.height >= 44, `the field is ${m.height} px tall`);
          assert.ok(m.font >= 16, `the field's text is ${m.font} px`);
          // The field takes the row but for the button beside it.
          assert.ok(m.fieldWidth + m.submitWidth + 16 >= m.rowWidth, `field ${m.fieldWidth} + button ${m.submitWidth} in a row of ${m.rowWidth}`);
          assert.ok(m.rowWidth >= Math.min(m.main, 700) - 40, `the row is ${m.rowWidth} px of ${m.main}`);
          assert.equal(m.scrolls, false, 'the page scrolls sideways');
          log(`${width} ${L.code}: field ${m.fieldWidth.toFixed(0)}×${m.height.toFixed(0)} px, text ${m.font} px`);
        } finally {
          await page.close();
        }
      });

      test('results show their kind and year, plain text snippets and no duplicates', async () => {
        const { page, problems } = await searchAt(width, L.rel, L.q);
        try {
          const results = await shownResults(page);
          assert.ok(results.length > 3, `only ${results.length} results`);
          const c = results.find((r) => r.href.includes('2024/cases/trade-secret-compliance/'));
          assert.ok(c, 'the case is not among the results');
          assert.equal(c.kind, L.caseKind);
          assert.equal(c.year, L.year);
          assert.ok(c.snippet.length > 20, `the case's snippet is "${c.snippet}"`);
          for (const r of results) {
            assert.ok(r.kind, `${r.href} has no kind`);
            assert.doesNotMatch(r.text, /&(#\d+|#x[0-9a-f]+|[a-z]+);/i, `an entity shows in ${r.href}`);
            // Snippets are prose: no run of table headers, no fact labels.
            assert.doesNotMatch(r.snippet, /单位 .* 属性|Unit .* Type .* Direction/, `${r.href}: "${r.snippet}"`);
          }
          assert.equal(new Set(results.map((r) => r.href)).size, results.length, 'an address is shown twice');
          assert.equal(new Set(results.map((r) => `${r.title}\n${r.snippet}`)).size, results.length, 'a title and snippet are shown twice');
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });

      test('content comes before listing pages', async () => {
        const { page } = await searchAt(width, L.rel, L.q);
        try {
          const results = await shownResults(page);
          const listing = await listingLabels(page);
          const kinds = results.map((r) => (listing.includes(r.kind) ? 'listing' : 'content'));
          assert.ok(kinds.includes('listing') && kinds.includes('content'), `kinds: ${kinds.join(' ')}`);
          assert.ok(kinds.lastIndexOf('content') < kinds.indexOf('listing'),
            `a listing page before content: ${results.map((r) => `${r.kind} ${r.href}`).join(', ')}`);
        } finally {
          await page.close();
        }
      });

      test('the clear button empties the field, the results and the address', async () => {
        const { page } = await searchAt(width, L.rel, L.q);
        try {
          const clear = page.locator('#ipsearch-clear');
          assert.ok(await clear.isVisible(), 'no clear button beside a query');
          const box = await clear.boundingBox();
          assert.ok(box.width >= 24 && box.height >= 24, `the clear button is ${box.width}×${box.height}`);
          assert.ok(await page.$$eval('#ipsearch-results li', (ls) => ls.length) > 0);
          await clear.click();
          assert.equal(await page.inputValue('#ipsearch-q'), '');
          assert.equal(await page.$$eval('#ipsearch-results li', (ls) => ls.length), 0);
          assert.equal(await page.textContent('#ipsearch-status'), '');
          assert.ok(await page.evaluate(() => document.activeElement.id === 'ipsearch-q'), 'the field does not have the focus');
          assert.equal(await clear.isVisible(), false, 'the clear button stays with nothing to clear');
          assert.equal(new URL(page.url()).search, '');
          // Typing shows it again.
          await page.keyboard.type(L.q);
          assert.ok(await clear.isVisible());
        } finally {
          await page.close();
        }
      });

      test(`a query found only in the other language offers "${L.hint}"`, async () => {
        const { page, status, problems } = await searchAt(width, L.rel, L.other);
        try {
          assert.equal(status, await label(page, 'none'));
          const hint = page.locator('#ipsearch-other a');
          await hint.waitFor({ timeout: 5000 });
          assert.equal((await hint.textContent()).trim(), L.hint);
          const href = await hint.getAttribute('href');
          assert.ok(href.endsWith(`?q=${encodeURIComponent(L.other)}`), href);
          await hint.click();
          await page.waitForSelector('#ipsearch-results li > a');
          assert.ok(page.url().includes(L.otherRel), page.url());
          assert.equal(await page.inputValue('#ipsearch-q'), L.other);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });

      test('the header search box goes to the results', async () => {
        const page = await ctx.newPage();
        const problems = watchPage(page, null);
        try {
          await page.setViewportSize({ width, height: 900 });
          const prefix = L.code === 'en' ? 'en/' : '';
          await page.goto(fileUrl(out, `${prefix}2023/index.html`));
          const form = page.locator('.header-search');
          assert.equal(await form.getAttribute('role'), 'search');
          assert.ok(await form.getAttribute('aria-label'));
          const field = page.locator('#header-search-q');
          assert.ok(await page.locator('label[for=header-search-q]').count() === 1, 'the field has no label');
          if (width < 720) {
            // On phones the button alone, on the navigation's last row: it adds no row.
            assert.equal(await field.isVisible(), false);
            const heights = await page.evaluate(() => {
              const header = document.querySelector('.site-header');
              const before = header.getBoundingClientRect().height;
              const item = document.querySelector('.nav-search');
              item.style.display = 'none';
              const after = header.getBoundingClientRect().height;
              item.style.display = '';
              return { before, after };
            });
            assert.equal(heights.before, heights.after, `the search button makes the header ${heights.before} px instead of ${heights.after}`);
            // The button ends the row of sections, which scrolls sideways on phones.
            await page.locator('.header-search button').scrollIntoViewIfNeeded();
            const b = await page.locator('.header-search button').boundingBox();
            assert.ok(b.width >= 24 && b.height >= 24 && b.x + b.width <= width, JSON.stringify(b));
            await page.click('.header-search button');
            await page.waitForURL(/search\/index\.html\?q=$/);
            assert.ok(await page.evaluate(() => document.activeElement.id === 'ipsearch-q'), 'the search page does not put the reader in its field');
            await page.keyboard.type(L.q);
            await page.keyboard.press('Enter');
          } else {
            assert.ok(await field.isVisible());
            await field.fill(L.q);
            await field.press('Enter');
          }
          await page.waitForSelector('#ipsearch-results li > a');
          assert.ok(new URL(page.url()).pathname.endsWith(`${prefix}search/index.html`), page.url());
          assert.ok(await page.$$eval('#ipsearch-results li.search-result', (ls) => ls.length) > 0);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });
    });
  }
}

test('the home page repeating the latest report\'s summary is not shown beside it', async () => {
  for (const [rel, q] of [['search/index.html', '开局之年'], ['en/search/index.html', 'obstruction of proof']]) {
    // The home page does hold the words (so the test is not vacuous).
    const prefix = rel.startsWith('en/') ? 'en/' : '';
    assert.ok(fs.readFileSync(`${out}/${prefix}index.html`, 'utf8').includes(q), `the home page lacks "${q}"`);
    const { page } = await search('file:', rel, q);
    try {
      const results = await shownResults(page);
      const hrefs = results.map((r) => r.href);
      assert.ok(hrefs.some((h) => h.endsWith('2024/index.html')), hrefs.join(' '));
      assert.ok(!hrefs.some((h) => /^(\.\.\/)*(en\/)?index\.html$/.test(h)), `the home page is shown too: ${hrefs.join(' ')}`);
    } finally {
      await page.close();
    }
  }
});

test('a highlighted word with an apostrophe shows as text, not as an entity', async () => {
  const { page } = await search('file:', 'en/search/index.html', "People's Court");
  try {
    const results = await shownResults(page);
    assert.ok(results.length > 0);
    const all = results.map((r) => r.text).join('\n');
    assert.match(all, /People's Court/);
    assert.doesNotMatch(all, /&#39;|&amp;|&quot;/);
    // Only the words are marked, not the letter after the apostrophe.
    const marks = await page.$$eval('#ipsearch-results mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
    for (const m of marks) assert.ok(['people', 'court'].includes(m), `"${m}" is highlighted`);
  } finally {
    await page.close();
  }
});

test('without JavaScript the header box still goes to the search page', async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    await page.goto(fileUrl(out, '2023/index.html'));
    await page.fill('#header-search-q', '调解');
    await page.press('#header-search-q', 'Enter');
    await page.waitForURL(/search\/index\.html\?q=/);
    assert.equal(new URL(page.url()).searchParams.get('q'), '调解');
    assert.ok(await page.locator('noscript').count() > 0);
  } finally {
    await noJs.close();
  }
});

describe('axe-core on the search page in each of its states', () => {
  const require = createRequire(import.meta.url);
  const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const states = [
    ['results', 'search/index.html', '商业秘密'], ['results', 'en/search/index.html', 'trade secret'],
    ['the other site\'s hint', 'search/index.html', 'trade secret'], ['the other site\'s hint', 'en/search/index.html', '商业秘密'],
    ['empty', 'search/index.html', ''], ['too short', 'en/search/index.html', '专'],
  ];
  for (const width of [390, 1280]) {
    for (const [state, rel, q] of states) {
      test(`${rel} (${state}) at ${width} px: 0 violations`, async () => {
        const page = await ctx.newPage();
        try {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(fileUrl(out, rel) + (q ? `?q=${encodeURIComponent(q)}` : ''));
          if (state === 'results') await page.waitForSelector('#ipsearch-results li > a');
          if (state === 'the other site\'s hint') await page.waitForSelector('#ipsearch-other a');
          await page.addScriptTag({ content: AXE });
          const r = await page.evaluate(() => window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'],
          }));
          assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
        } finally {
          await page.close();
        }
      });
    }
  }
});

test('screenshots of the search page at 1280 and 390 px', async () => {
  const dir = process.env.SCREENSHOT_DIR || SCREENSHOTS;
  fs.mkdirSync(dir, { recursive: true });
  // A fresh profile: no result drawn as a visited link.
  const fresh = await launch();
  try {
    for (const width of [1280, 390]) {
      const page = await fresh.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${fileUrl(out, 'search/index.html')}?q=${encodeURIComponent('商业秘密')}`);
      await page.waitForSelector('#ipsearch-results li > a');
      await page.evaluate(() => document.fonts.ready);
      const file = `${dir}/search-${width}.png`;
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height: 1400 } });
      log(file);
      await page.close();
    }
  } finally {
    await fresh.close();
  }
});
