// Layout screenshots for docs/screenshots/ (or $SCREENSHOT_DIR): the home page, the 2023
// report and an indicator page at 1280×900 and 390×844, each the top 2000 px of the page.
// Each is also checked: nothing makes the page scroll sideways, and every image and font
// it needs has loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, fileUrl, launch, SCREENSHOTS, log } from './lib/harness.mjs';

const DIR = process.env.SCREENSHOT_DIR || SCREENSHOTS;
const MAX_HEIGHT = 2000;

const SHOTS = [
  ['home', 'index.html'],
  ['report-2023', '2023/index.html'],
  ['indicator-invention-patents', 'indicators/invention-patents/index.html'],
];
const SIZES = [{ width: 1280, height: 900 }, { width: 390, height: 844 }];

let out, ctx;
before(async () => {
  out = buildSite();
  ctx = await launch();
  fs.mkdirSync(DIR, { recursive: true });
});
after(async () => { await ctx?.close(); });

for (const [name, rel] of SHOTS) {
  for (const size of SIZES) {
    const file = `${name}-${size.width}.png`;
    test(`${file}: ${rel} at ${size.width}×${size.height}`, async () => {
      const page = await ctx.newPage();
      try {
        await page.setViewportSize(size);
        await page.goto(fileUrl(out, rel));
        await page.evaluate(() => document.fonts.ready);
        const { scrollWidth, clientWidth, height, broken } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          height: document.documentElement.scrollHeight,
          broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
        }));
        assert.ok(scrollWidth <= clientWidth, `the page scrolls sideways (${scrollWidth} > ${clientWidth})`);
        assert.deepEqual(broken, []);
        const target = path.join(DIR, file);
        await page.screenshot({
          path: target,
          fullPage: true,
          clip: { x: 0, y: 0, width: size.width, height: Math.min(height, MAX_HEIGHT) },
        });
        // The file is as tall as asked (a clip beyond the window needs fullPage).
        const png = fs.readFileSync(target);
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size.width, Math.min(height, MAX_HEIGHT)]);
        const kb = Math.round(png.length / 1024);
        log(`${path.relative(process.cwd(), target)} (${size.width}×${Math.min(height, MAX_HEIGHT)}, ${kb} KB)`);
      } finally {
        await page.close();
      }
    });
  }
}
