// One page of every page type of the example site, in each language.

/** `[name, path under the language root]`; search pages get a query that has results. */
export const PAGE_TYPES = [
  ['home', 'index.html'],
  ['year report', '2023/index.html'],
  ['case', '2024/cases/trade-secret-compliance/index.html'],
  ['events', '2024/events/index.html'],
  ['issues', '2024/issues/index.html'],
  ['full report to print', '2023/print/index.html'],
  ['indicators index', 'indicators/index.html'],
  ['indicator', 'indicators/invention-patents/index.html'],
  ['documents index', 'documents/index.html'],
  ['document', 'documents/decision-2022/index.html'],
  ['plan', 'documents/plan-2024-2026/index.html'],
  ['departments index', 'departments/index.html'],
  ['department', 'departments/amr/index.html'],
  ['free page', 'about/index.html'],
  ['search', 'search/index.html'],
  ['404', '404.html'],
];

export const LANGUAGES = [
  { code: 'zh', prefix: '', query: '商业秘密' },
  { code: 'en', prefix: 'en/', query: 'trade secret' },
];

/** Every page type in every language: `{ name, rel, query? }`. */
export function allPages() {
  const pages = [];
  for (const lang of LANGUAGES) {
    for (const [name, rel] of PAGE_TYPES) {
      pages.push({
        name: `${name} (${lang.code})`,
        rel: lang.prefix + rel,
        query: name === 'search' ? lang.query : null,
      });
    }
  }
  return pages;
}

/** Opens a page of `allPages()` and, for search, waits until the results are shown. */
export async function openPage(page, url, p) {
  await page.goto(p.query ? `${url}?q=${encodeURIComponent(p.query)}` : url);
  if (p.query) await page.waitForSelector('#ipsearch-results li > a', { timeout: 5000 });
}
