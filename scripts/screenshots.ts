/**
 * PNG screenshots of the portal's main pages in both languages, into screenshots/ (gitignored):
 * home, search (with results and empty), dataset (with its quality), resource preview and a queued load,
 * scorecards, on the seeded test catalog (real Taiwan files).
 *   npx node scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser } from '../test/web/browser.ts';
import { addQueuedResource } from '../test/web/seed.ts';
import { createPortalApp } from '../test/web/web-app.ts';

const out = join(import.meta.dirname, '..', 'screenshots');
mkdirSync(out, { recursive: true });
const t = await createPortalApp('sqlite');
const browser = await openBrowser();
try {
  const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  // A few visits so "most viewed" has something to show.
  for (const n of ['village-income-106', 'village-income-106', 'taitung-shelters'])
    await t.app.inject({ url: `/datasets/${n}` });
  const queued = await addQueuedResource(t.ctx);
  const pages: [string, string][] = [
    ['home', '/'],
    ['search', '/datasets?q=統計'],
    ['search-empty', '/datasets?q=沒有這個詞'],
    ['dataset', '/datasets/taitung-shelters'],
    ['dataset-quality', '/datasets/village-income-106'],
    ['resource-queued', `/datasets/village-income-106/resources/${queued}`],
    ['scorecards', '/scorecards'],
    ['scorecard', '/organizations/moi/scorecard'],
    ['preview', `/datasets/taitung-shelters/resources/${t.seed.sheltersResourceId}`],
    [
      'preview-chart',
      `/datasets/village-income-106/resources/${t.seed.incomeResourceId}?sort=${encodeURIComponent('中位數')}&dir=desc`,
    ],
  ];
  const page = await browser.context.newPage();
  for (const [name, path] of pages) {
    for (const [lang, prefix] of [
      ['zh-TW', ''],
      ['en', '/en'],
    ] as const) {
      await page
        .goto(base + prefix + path, { waitUntil: 'networkidle' })
        .catch(() => page.goto(base + prefix + path));
      const file = join(out, `${name}-${lang}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
    }
  }
} finally {
  await browser.close();
  await t.close();
}
