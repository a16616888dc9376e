/**
 * Web portal speed: server render time of the dataset search page on a 50k-dataset catalog (real
 * data.gov.tw titles via bench/search-catalog.ts, indexed by the search module), and the weight of a
 * dataset page (HTML + CSS; the dataset page loads no script). Prints ONE JSON line.
 * Targets: search page p50 <= 20 ms; dataset page <= 100 KB.
 *   npx node bench/web.ts [size=50000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, buildContext } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migration.ts';
import { allMigrations } from '../src/platform/db/migrations/index.ts';
import { ANONYMOUS, reindexAll, searchDatasets } from '../src/search/index.ts';
import { toSearchQuery } from '../src/web/data/dataset-search.ts';
import { parseSearchParams } from '../src/web/data/search-params.ts';
import { buildCatalog } from './search-catalog.ts';

const size = Number(process.argv[2] ?? 50_000);
const log = (m: string) => process.stderr.write(`${m}\n`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(2));
};

const dir = mkdtempSync(join(tmpdir(), 'odp-bench-web-'));
const db = openDb({ kind: 'sqlite', path: join(dir, 'odp.sqlite') });
try {
  await migrate(db, allMigrations);
  await buildCatalog(db, size, log);
  await reindexAll(db);
  log(`catalog of ${size} built and indexed`);
  const config = loadConfig(
    {},
    { dataDir: dir, baseUrl: 'http://odp.bench', logLevel: 'silent', demo: false },
  );
  const ctx = await buildContext(config, db);
  const app = await buildApp(ctx);
  await app.ready();
  const urls = [
    '/datasets',
    '/datasets?q=人口',
    '/datasets?q=空氣品質',
    '/datasets?q=交通 事故',
    '/en/datasets?q=統計&sort=modified',
    '/datasets?organization=org-3',
    '/datasets?q=預算&page=3',
    '/datasets?sort=title&page=2',
  ];
  const times: number[] = [];
  let bytes = 0;
  for (let round = 0; round < 30; round++) {
    for (const url of urls) {
      const t0 = performance.now();
      const res = await app.inject({ url });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      if (round > 2) times.push(ms);
      bytes = Math.max(bytes, res.body.length);
    }
  }
  // The same searches through the search module alone: the page's remaining time is the web layer's.
  const searchOnly: number[] = [];
  for (let round = 0; round < 30; round++) {
    for (const url of urls) {
      const qs = Object.fromEntries(new URL(url, 'http://x').searchParams);
      const query = toSearchQuery(parseSearchParams(qs), parseSearchParams(qs).q, false);
      const t0 = performance.now();
      await searchDatasets(db, query, ANONYMOUS);
      if (round > 2) searchOnly.push(performance.now() - t0);
    }
  }
  const overhead = times.map((ms, i) => ms - (searchOnly[i] ?? 0));
  const first = await app.inject({ url: '/datasets?q=人口' });
  const name = /href="\/datasets\/([^"?]+)"/.exec(first.body)?.[1] ?? '';
  const page = await app.inject({ url: `/datasets/${name}` });
  const css = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const cssRes = await app.inject({ url: css.replace(/&amp;/g, '&') });
  const scripts = (page.body.match(/<script\b[^>]*\bsrc=/g) ?? []).length;
  const home: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    await app.inject({ url: '/' });
    home.push(performance.now() - t0);
  }
  await app.close();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'web',
      datasets: size,
      search_page_requests: times.length,
      search_page_p50_ms: pct(times, 50),
      search_page_p95_ms: pct(times, 95),
      search_module_p50_ms: pct(searchOnly, 50),
      web_layer_p50_ms: pct(overhead, 50),
      search_page_max_kb: Number((bytes / 1024).toFixed(1)),
      home_p50_ms: pct(home, 50),
      dataset_page_html_kb: Number((Buffer.byteLength(page.body) / 1024).toFixed(1)),
      dataset_page_css_kb: Number((cssRes.body.length / 1024).toFixed(1)),
      dataset_page_scripts: scripts,
      dataset_page_total_kb: Number(((Buffer.byteLength(page.body) + cssRes.body.length) / 1024).toFixed(1)),
    })}\n`,
  );
} finally {
  await db.close().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}
