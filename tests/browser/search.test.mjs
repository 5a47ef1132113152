// Search: the built-in index at /search/ and /en/search/, from file:// and over HTTP under a
// sub-path; expected hits, <mark> highlighting, the short-query and no-result messages,
// results that are links to pages that exist, and use by keyboard alone.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSite, fileUrl, launch, staticServer, watchPage, log } from './lib/harness.mjs';

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
