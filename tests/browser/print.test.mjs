// Print: the 2023 report printed to an A4 PDF by Chromium. The header, navigation and other
// screen furniture are hidden; each chapter starts a new page; the indicator table's header
// row repeats on every page the table runs onto; external links show their address. Pages are
// also rendered to PNG with pdftoppm (kept in $PRINT_DIR when set, for a human to look at).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, fileUrl, launch, tempDir, log } from './lib/harness.mjs';

let out, ctx, dir;
before(async () => {
  out = buildSite();
  ctx = await launch();
  dir = process.env.PRINT_DIR || tempDir('print');
  fs.mkdirSync(dir, { recursive: true });
});
after(async () => { await ctx?.close(); });

const pdfPages = (pdf) => Number(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)[1]);
const pageText = (pdf, n) => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Prints `rel` to `<dir>/<name>.pdf`; returns the file and what the print styles did. */
async function print(rel, name) {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, rel));
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate(() => {
      const display = (sel) => [...document.querySelectorAll(sel)].map((e) => getComputedStyle(e).display);
      // Whether an element is drawn at all (it or an ancestor may be display: none).
      const drawn = (sel) => [...document.querySelectorAll(sel)].map((e) => (e.getClientRects().length ? 'drawn' : 'none'));
      return {
        hidden: Object.fromEntries(['.site-header', '.main-nav', '.lang-switch', '.header-tools', '.breadcrumbs', '.toc', '.skip-link']
          .map((s) => [s, drawn(s)])),
        headerDisplay: display('.site-header'),
        chapters: [...document.querySelectorAll('.page-year .chapter')].map((e) => [e.id, getComputedStyle(e).breakBefore]),
        thead: display('table.data thead'),
        tableHeader: [...document.querySelectorAll('table.indicator-table thead th')].map((th) => th.textContent.trim()).join(' '),
        chapterTitles: [...document.querySelectorAll('.page-year .chapter > h2')].map((h) => h.textContent.trim()),
        external: [...document.querySelectorAll('a[href^="http"]')]
          .filter((a) => getComputedStyle(a).display !== 'none' && !a.closest('[style*="none"], .conac'))
          .map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content]),
      };
    });
    const pdf = path.join(dir, `${name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4' });
    return { pdf, styles };
  } finally {
    await page.close();
  }
}

test('2023 report (zh) on paper', async () => {
  const { pdf, styles } = await print('2023/index.html', 'report-2023-zh');
  // Screen furniture is hidden.
  for (const [sel, displays] of Object.entries(styles.hidden)) {
    assert.ok(displays.length > 0, `no ${sel} on the page`);
    for (const d of displays) assert.equal(d, 'none', `${sel} is printed`);
  }
  // The print stylesheet itself hides the header (not only its parts).
  assert.deepEqual(styles.headerDisplay, ['none']);
  // Chapters after the first start on a new page; table headers repeat.
  assert.ok(styles.chapters.length >= 4, `only ${styles.chapters.length} chapters`);
  for (const [id, b] of styles.chapters.slice(1)) assert.equal(b, 'page', `chapter #${id} does not start a new page`);
  for (const d of styles.thead) assert.equal(d, 'table-header-group');
  // External links show their address.
  assert.ok(styles.external.length > 0, 'no external link to check');
  for (const [href, after] of styles.external) assert.equal(after, `" (${href})"`, `${href} does not print its address`);

  const pages = pdfPages(pdf);
  assert.ok(pages >= 5, `the report prints on ${pages} pages`);
  const texts = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1));
  // The navigation and language switch are not on paper.
  texts.forEach((t, i) => {
    assert.ok(!t.includes('English'), `page ${i + 1} shows the language switch`);
    assert.ok(!t.includes('首页'), `page ${i + 1} shows the navigation or breadcrumbs`);
    assert.ok(!t.includes('跳到正文'), `page ${i + 1} shows the skip link`);
  });
  // Each chapter after the first is at the top of a page.
  const firstLines = texts.map((t) => squash(t.split('\n').find((l) => l.trim()) || ''));
  for (const title of styles.chapterTitles.slice(1)) {
    assert.ok(firstLines.some((l) => l === title), `chapter "${title}" does not start a page; pages start with: ${firstLines.join(' | ')}`);
  }
  // The indicator table runs over more than one page, with its header row on each.
  const withHeader = texts.map((t, i) => (squash(t).includes(styles.tableHeader) ? i + 1 : null)).filter(Boolean);
  assert.ok(withHeader.length >= 2, `the table header "${styles.tableHeader}" is on pages ${withHeader} only`);
  // The footer's external links print their address.
  assert.ok(texts.some((t) => t.includes('(https://beian.miit.gov.cn/)')), 'the ICP link prints without its address');

  // Pages as images, for a human to look at.
  execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(dir, 'report-2023-zh')]);
  const pngs = fs.readdirSync(dir).filter((f) => f.startsWith('report-2023-zh-') && f.endsWith('.png'));
  assert.equal(pngs.length, pages);
  log(`2023 report (zh): ${pages} A4 pages; chapters start pages ${firstLines.map((l, i) => (styles.chapterTitles.includes(l) ? i + 1 : null)).filter(Boolean).join(', ')}; table header on pages ${withHeader.join(', ')}; ${process.env.PRINT_DIR ? `PDF and PNGs in ${dir}` : 'set PRINT_DIR=dir to keep the PDF and PNGs'}`);
});

test('2023 report (en) on paper', async () => {
  const { pdf, styles } = await print('en/2023/index.html', 'report-2023-en');
  for (const [sel, displays] of Object.entries(styles.hidden)) {
    assert.ok(displays.length > 0, `no ${sel} on the page`);
    for (const d of displays) assert.equal(d, 'none', `${sel} is printed`);
  }
  const pages = pdfPages(pdf);
  assert.ok(pages >= 5, `the report prints on ${pages} pages`);
  const all = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1)).join('\n');
  assert.ok(!all.includes('中文'), 'the language switch is printed');
  assert.ok(all.includes('Intellectual Property Protection in Ningbo 2023'));
  log(`2023 report (en): ${pages} A4 pages`);
});
