// Print: the 2023 report, the 2024 report in English, a document and the full reports
// (/2023/print/, /en/2024/print/) printed to A4 PDFs by Chromium. The header, navigation,
// footer and other screen furniture are hidden; every page but a cover carries the report's
// title at the top and "N / M" at the bottom (CSS @page margin boxes); nothing is pushed onto
// a new page but what follows the cover, so no page holds a lone short list; short lists are
// never split; the indicator table's header row repeats on every page it runs onto and its
// last column is on the paper, inside the margins; the full report holds every case, event and
// issue with its text. Pages are also rendered to PNG with pdftoppm (kept in $PRINT_DIR when
// set, for a human to look at).
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
/** Without any white space: Chinese lines break anywhere, so text is compared this way. */
const compact = (s) => s.replace(/\s+/g, '');

/** The pages (from 1) with a line that starts with the first three cells of a table's header. */
function pagesWithHeader(texts, cells) {
  const escape = (c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*${cells.slice(0, 3).map(escape).join('\\s+')}`, 'm');
  return texts.map((t, i) => (re.test(t) ? i + 1 : null)).filter(Boolean);
}

/** The pages (from 1) with a table row: a line that ends with a value of the last column. */
function pagesWithRows(texts, lastColumn) {
  const values = [...new Set(lastColumn)].map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${values.join('|')})\\s*$`, 'm');
  return texts.map((t, i) => (re.test(t) ? i + 1 : null)).filter(Boolean);
}

/** Every word on every page with its box (pdftotext -bbox), and the pages' widths. */
function words(pdf) {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pages = [...xml.matchAll(/<page width="([\d.]+)"[^>]*>([\s\S]*?)<\/page>/g)];
  return pages.map(([, width, body]) => ({
    width: Number(width),
    words: [...body.matchAll(/<word xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)]
      .map(([, xMin, xMax, text]) => ({ xMin: Number(xMin), xMax: Number(xMax), text })),
  }));
}

const HIDDEN = ['.site-header', '.main-nav', '.lang-switch', '.header-tools', '.breadcrumbs', '.toc', '.skip-link', '.site-footer'];

/**
 * Prints `rel` to `<dir>/<name>.pdf`, renders its pages to PNG, and returns the file, its
 * pages' texts and what the print styles did to the page.
 */
async function print(rel, name) {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, rel));
    await page.emulateMedia({ media: 'print' });
    const styles = await page.evaluate((hidden) => {
      // Whether an element is drawn at all (it or an ancestor may be display: none).
      const drawn = (sel) => [...document.querySelectorAll(sel)].map((e) => (e.getClientRects().length ? 'drawn' : 'none'));
      const texts = (sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent.trim());
      return {
        hidden: Object.fromEntries(hidden.map((s) => [s, drawn(s)])),
        headerDisplay: [...document.querySelectorAll('.site-header')].map((e) => getComputedStyle(e).display),
        title: document.querySelector('h1').textContent.trim(),
        issuer: texts('.cover-facts dd, .page-header .issuer')[0] || '',
        // Which blocks start a new page by themselves.
        forced: [...document.querySelectorAll('main *')].filter((e) => getComputedStyle(e).breakBefore === 'page' || getComputedStyle(e).breakAfter === 'page')
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id} (${getComputedStyle(e).breakBefore}/${getComputedStyle(e).breakAfter})`),
        thead: [...document.querySelectorAll('table.data thead')].map((e) => getComputedStyle(e).display),
        tableHeader: [...document.querySelectorAll('table.indicator-table thead th')].map((th) => th.textContent.trim()),
        tableRows: document.querySelectorAll('table.indicator-table tbody tr:not(.group-row)').length,
        // Each row's last printed cell (a row of the table's usual kind leaves its kind to
        // the caption: that cell is there for screen readers only).
        lastColumn: [...document.querySelectorAll('table.indicator-table tbody tr:not(.group-row)')]
          .map((r) => [...r.cells].filter((c) => !c.classList.contains('kind-usual')).at(-1).textContent.trim()),
        // The kind said once: the caption's note, and the tags of the rows of the other kind.
        kindNote: document.querySelector('table.indicator-table .caption-note')?.textContent.trim() || '',
        kindTags: [...document.querySelectorAll('table.indicator-table .kind')].map((k) => k.textContent.trim()),
        // The short lists of the year's page: each must be printed on one page.
        lists: [...document.querySelectorAll('.case-list, .rank-list, .issue-list')]
          .map((l) => [...l.querySelectorAll(':scope > li > a')].map((a) => a.textContent.trim())),
        // The texts of the full report's cases, events and issues (each paragraph's start).
        texts: Object.fromEntries(['.full-case .prose p', '.event .prose p', '.issue .prose p']
          .map((s) => [s, texts(s).map((t) => t.slice(0, 24))])),
      };
    }, HIDDEN);
    const pdf = path.join(dir, `${name}.pdf`);
    await page.pdf({ path: pdf, format: 'A4' });
    const pages = pdfPages(pdf);
    const texts = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1));
    execFileSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(dir, name)]);
    const pngs = fs.readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
    assert.equal(pngs.length, pages);
    return { pdf, pages, texts, styles };
  } finally {
    await page.close();
  }
}

/** The lines of a page's text but the top margin's title and the bottom margin's number. */
function bodyLines(text, title) {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && l !== title && !/^\d+\s*\/\s*\d+$/.test(l));
}

/** The indicator table's caption note is printed, and the tag of every row of the other kind. */
function checkKinds(all, styles, other) {
  assert.ok(styles.kindNote, 'the indicator table has no note of its kinds');
  assert.ok(compact(all).includes(compact(styles.kindNote)), `"${styles.kindNote}" is not printed`);
  assert.ok(styles.kindTags.length >= 1 && styles.kindTags.every((k) => k === other), styles.kindTags.join(', '));
  const printed = (all.match(new RegExp(other, 'g')) || []).length;
  // The English note names the other kind too ("expected unless marked binding").
  const inNote = styles.kindNote.includes(other) ? 1 : 0;
  assert.ok(printed >= styles.kindTags.length + inNote, `${printed} "${other}" printed for ${styles.kindTags.length} tags and the note`);
}

/** What every printed page must show: no screen furniture, the margins, enough text. */
function checkPages({ pages, texts, styles }, { title, cover, minLines = 5 }) {
  for (const [sel, displays] of Object.entries(styles.hidden)) {
    for (const d of displays) assert.equal(d, 'none', `${sel} is printed`);
  }
  assert.deepEqual(styles.headerDisplay, ['none'], 'the print styles do not hide the header');
  for (const d of styles.thead) assert.equal(d, 'table-header-group');
  const lines = texts.map((t) => bodyLines(t, title).length);
  texts.forEach((t, i) => {
    const n = i + 1;
    if (cover && n === 1) {
      assert.ok(!/\d+\s*\/\s*\d+/.test(t), 'the cover has a page number');
      return;
    }
    const first = t.split('\n').find((l) => l.trim());
    assert.equal(first.trim(), title, `page ${n} does not have the title at the top`);
    // (pdftotext may lose the spaces around the slash.)
    assert.ok(new RegExp(`(^|\\s)${n}\\s*/\\s*${pages}(\\s|$)`).test(t), `page ${n} does not say "${n} / ${pages}"`);
    assert.ok(lines[i] >= minLines, `page ${n} holds only ${lines[i]} lines: ${bodyLines(t, title).join(' | ')}`);
  });
  return lines;
}

test('2023 report (zh) on paper', async () => {
  const r = await print('2023/index.html', 'report-2023-zh');
  const { pages, texts, styles } = r;
  assert.ok(pages >= 4 && pages <= 10, `the report prints on ${pages} pages`);
  const lines = checkPages(r, { title: styles.title, cover: false });
  // No part is pushed onto a page of its own.
  assert.deepEqual(styles.forced, [], 'blocks forced onto a new page');
  // The first page is a title block: the title, the issuer and the date.
  const first = compact(texts[0]);
  for (const s of [styles.title, styles.issuer, '2024年4月26日']) {
    assert.ok(s && first.includes(compact(s)), `the first page lacks "${s}"`);
  }
  // The navigation, language switch, skip link, print link and footer are not on paper.
  const all = texts.join('\n');
  for (const s of ['English', '首页', '跳到正文', '打印全文', '浙ICP备', '网站标识码']) {
    assert.ok(!all.includes(s), `"${s}" is printed`);
  }
  // The indicator table's header row is on every page the table runs onto.
  const withHeader = pagesWithHeader(texts, styles.tableHeader);
  const withRows = pagesWithRows(texts, styles.lastColumn);
  assert.ok(withRows.length >= 1);
  assert.deepEqual(withHeader, withRows, `the table header "${styles.tableHeader}" is on pages ${withHeader}, its rows on ${withRows}`);
  // Each short list (cases, events, issues) is on one page.
  assert.equal(styles.lists.length, 3);
  for (const list of styles.lists) {
    const on = texts.map((t, i) => (list.every((item) => compact(t).includes(compact(item))) ? i + 1 : null)).filter(Boolean);
    assert.equal(on.length, 1, `the list "${list[0]} …" is split over pages`);
  }
  log(`2023 report (zh): ${pages} A4 pages, ${lines.join('/')} lines; the table on pages ${withRows.join(', ')}, its header on each`);
});

test('a link to another host prints its address', async () => {
  const page = await ctx.newPage();
  try {
    await page.goto(fileUrl(out, '2023/index.html'));
    await page.emulateMedia({ media: 'print' });
    const after = await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://www.cnipa.gov.cn/';
      a.textContent = '国家知识产权局';
      document.querySelector('main .prose p').append(a);
      return getComputedStyle(a, '::after').content;
    });
    assert.equal(after, '" (https://www.cnipa.gov.cn/)"');
  } finally {
    await page.close();
  }
});

test('2024 report (en) on paper: the indicator table fits the page', async () => {
  const r = await print('en/2024/index.html', 'report-2024-en');
  const { pages, texts, styles, pdf } = r;
  assert.ok(pages >= 4 && pages <= 12, `the report prints on ${pages} pages`);
  const lines = checkPages(r, { title: styles.title, cover: false });
  const all = texts.join('\n');
  assert.ok(!all.includes('中文'), 'the language switch is printed');
  assert.ok(!all.includes('Print the full report'), 'the print link is printed');
  const withRows = pagesWithRows(texts, styles.lastColumn);
  assert.deepEqual(pagesWithHeader(texts, styles.tableHeader), withRows, 'the table header is not on every page of the table');
  // Every row's last column is on the paper, the kind said once in the caption and tagged on
  // the rows of the other kind…
  assert.ok(styles.lastColumn.length >= 15, `${styles.lastColumn.length} rows`);
  checkKinds(all, styles, 'binding');
  // …and no word is beyond the right margin (18 mm, less a little for rounding).
  for (const [i, p] of words(pdf).entries()) {
    const limit = p.width - 45;
    const out = p.words.filter((w) => w.xMax > limit);
    assert.deepEqual(out.map((w) => w.text), [], `page ${i + 1}: words beyond the right margin`);
  }
  log(`2024 report (en): ${pages} A4 pages, ${lines.join('/')} lines`);
});

test('a document on paper', async () => {
  const r = await print('documents/decision-2022/index.html', 'document-decision-2022-zh');
  const { pages, texts, styles } = r;
  assert.ok(pages >= 3 && pages <= 20, `the document prints on ${pages} pages`);
  checkPages(r, { title: styles.title, cover: false, minLines: 4 });
  assert.deepEqual(styles.forced, []);
  // The title block: title, issuer and date.
  const first = compact(texts[0]);
  for (const s of [styles.title, '市人大常委会', '2022年8月31日']) assert.ok(first.includes(compact(s)), `the first page lacks "${s}"`);
  log(`document (zh): ${pages} A4 pages`);
});

for (const [rel, name, lang] of [['2023/print/index.html', 'full-2023-zh', 'zh'], ['en/2024/print/index.html', 'full-2024-en', 'en']]) {
  test(`the full report ${rel} on paper`, async () => {
    const r = await print(rel, name);
    const { pages, texts, styles, pdf } = r;
    assert.ok(pages >= 8 && pages <= 30, `the full report prints on ${pages} pages`);
    const lines = checkPages(r, { title: styles.title, cover: true });
    // The first page is the cover: title, issuer and date, and nothing else.
    const cover = compact(texts[0]);
    const date = lang === 'zh' ? '2024年4月26日' : '25 April 2025';
    for (const s of [styles.title, styles.issuer, date]) assert.ok(s && cover.includes(compact(s)), `the cover lacks "${s}"`);
    assert.ok(lines[0] <= 12, `the cover holds ${lines[0]} lines: ${bodyLines(texts[0], styles.title).join(' | ')}`);
    // Only the cover is a page of its own.
    assert.equal(styles.forced.length, 1, styles.forced.join(', '));
    assert.match(styles.forced[0], /^header\.cover/);
    // Every case, event and issue is there with its text.
    const all = compact(texts.join('\n'));
    for (const [sel, starts] of Object.entries(styles.texts)) {
      assert.ok(starts.length >= (sel.startsWith('.event') ? 10 : 3), `only ${starts.length} of ${sel}`);
      for (const s of starts) assert.ok(all.includes(compact(s)), `"${s}…" (${sel}) is not printed`);
    }
    // (相关信息 / Related: the items' references, printed with them.)
    const labels = lang === 'zh' ? ['典型案例', '十大事件', '问题清单', '整改措施', '案号', '相关信息', '相关措施'] : ['Typical cases', 'Ten major events', 'Issues and rectification', 'Rectification measures', 'Case number', 'Related', 'Measures'];
    for (const l of labels) assert.ok(all.includes(compact(l)), `"${l}" is not printed`);
    // The kind of the table's rows is printed once, in its caption, and the rows of the other
    // kind are tagged; the table's last column is inside the margins.
    checkKinds(texts.join('\n'), styles, lang === 'zh' ? '约束性' : 'binding');
    for (const [i, p] of words(pdf).entries()) {
      const beyond = p.words.filter((w) => w.xMax > p.width - 45);
      assert.deepEqual(beyond.map((w) => w.text), [], `page ${i + 1}: words beyond the right margin`);
    }
    log(`full report ${rel}: ${pages} A4 pages, ${lines.join('/')} lines; ${process.env.PRINT_DIR ? `PDF and PNGs in ${dir}` : 'set PRINT_DIR=dir to keep the PDFs and PNGs'}`);
  });
}
