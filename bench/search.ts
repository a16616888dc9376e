/**
 * Search benchmark. Builds catalogs of 50,000 and 300,000 datasets from the real data.gov.tw titles
 * (bench/search-catalog.ts) on the embedded SQLite store (and PostgreSQL with --pg=URL), times
 * reindexAll, then runs the judged queries of bench/relevance/ plus filter/sort/browse variants,
 * all with six facets, and reports latency percentiles and relevance (precision@5, nDCG@10).
 * Prints ONE JSON line on stdout; progress goes to stderr.
 *
 * Run: npx node bench/search.ts [--sizes=50000,300000] [--pg=postgres://odp:odp@127.0.0.1:5432/odp]
 * Targets (2 cores, facets included): 50k p50 <= 10 ms, p99 <= 50 ms; 300k p50 <= 30 ms,
 * p99 <= 150 ms; reindexAll of 50k under 30 s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, openDb } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migration.ts';
import { allMigrations } from '../src/platform/db/migrations/index.ts';
import { ANONYMOUS, reindexAll, type SearchQuery, searchDatasets } from '../src/search/index.ts';
import { buildCatalog } from './search-catalog.ts';

interface Judged {
  q: string;
  /** Dataset id (tw-<row>) -> grade 0..2; unjudged results count as 0. */
  judgments: Record<string, number>;
}

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const sizes = (args.get('sizes') ?? '50000,300000').split(',').map(Number);
const pgUrl = args.get('pg');
const log = (m: string): void => void process.stderr.write(`[bench:search] ${m}\n`);
const judged: Judged[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'relevance', 'queries.json'), 'utf8'),
).queries;
const FACETS = ['organization', 'groups', 'tags', 'res_format', 'license_id', 'update_frequency'];

/** The timed workload: every judged query, some with filters or another sort, and the browse page. */
function workload(): SearchQuery[] {
  const out: SearchQuery[] = [];
  judged.forEach((j, i) => {
    out.push({ q: j.q });
    if (i % 4 === 0) out.push({ q: j.q, fq: ['res_format:CSV'] });
    if (i % 5 === 0) out.push({ q: j.q, sort: 'metadata_modified desc' });
  });
  out.push({ q: '' }, { q: '', fq: ['organization:org-1'] }, { q: '', sort: 'title asc', start: 100 });
  out.push({ q: '*:*', fq: ['metadata_modified:[2018-01-01T00:00:00Z TO *]', 'res_format:JSON'] });
  return out.map((q) => ({ rows: 20, facetFields: FACETS, facetLimit: 50, ...q }));
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(2));
};

async function timeQueries(
  db: Db,
): Promise<{ p50_ms: number; p99_ms: number; max_ms: number; samples: number; slowest: string }> {
  const qs = workload();
  for (const q of qs) await searchDatasets(db, q, ANONYMOUS);
  const times: number[] = [];
  let slowest = { ms: 0, q: '' };
  for (let round = 0; round < 3; round++) {
    for (const q of qs) {
      const t0 = performance.now();
      await searchDatasets(db, q, ANONYMOUS);
      const ms = performance.now() - t0;
      times.push(ms);
      if (ms > slowest.ms) slowest = { ms, q: JSON.stringify({ q: q.q, fq: q.fq, sort: q.sort }) };
    }
  }
  return {
    p50_ms: pct(times, 50),
    p99_ms: pct(times, 99),
    max_ms: pct(times, 100),
    samples: times.length,
    slowest: slowest.q,
  };
}

/** precision@5 (grade >= 1 is relevant) and nDCG@10 (gain 2^grade - 1), averaged over the judged queries. */
async function relevance(db: Db): Promise<{ queries: number; precision_at_5: number; ndcg_at_10: number }> {
  let p5 = 0;
  let ndcg = 0;
  for (const j of judged) {
    const { ids } = await searchDatasets(db, { q: j.q, rows: 10, fq: ['-extras_variant:yes'] }, ANONYMOUS);
    const grades = ids.map((id) => j.judgments[id] ?? 0);
    p5 += grades.slice(0, 5).filter((g) => g >= 1).length / 5;
    const dcg = grades.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    const ideal = Object.values(j.judgments)
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
    ndcg += ideal > 0 ? dcg / ideal : 0;
  }
  return {
    queries: judged.length,
    precision_at_5: Number((p5 / judged.length).toFixed(3)),
    ndcg_at_10: Number((ndcg / judged.length).toFixed(3)),
  };
}

async function run(kind: 'sqlite' | 'postgres', size: number): Promise<Record<string, unknown>> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'odp-bench-search-'));
    db = openDb({ kind: 'sqlite', path: join(dir, 'odp.sqlite') });
    cleanup = async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `odp_bench_search_${process.pid}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl ?? '');
    url.pathname = `/${name}`;
    db = openDb({ kind: 'postgres', url: url.toString() });
    cleanup = async () => {
      await db.close();
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  }
  try {
    await migrate(db, allMigrations);
    const t0 = performance.now();
    await buildCatalog(db, size, log);
    const buildS = (performance.now() - t0) / 1000;
    log(`${kind} ${size}: catalog built in ${buildS.toFixed(1)} s, indexing`);
    const t1 = performance.now();
    await reindexAll(db, (done, total) => {
      if (done % 20000 < 2000) log(`indexed ${done}/${total}`);
    });
    const indexS = (performance.now() - t1) / 1000;
    log(`${kind} ${size}: indexed in ${indexS.toFixed(1)} s, querying`);
    const latency = await timeQueries(db);
    const rel = size === sizes[0] ? await relevance(db) : undefined;
    return {
      datasets: size,
      index_s: Number(indexS.toFixed(1)),
      ...latency,
      ...(rel ? { relevance: rel } : {}),
    };
  } finally {
    await cleanup();
  }
}

const result: Record<string, unknown> = {};
for (const size of sizes) result[`sqlite_${size}`] = await run('sqlite', size);
if (pgUrl) result[`postgres_${sizes[0]}`] = await run('postgres', sizes[0] ?? 50000);
// HTTP throughput (package_search req/s vs /healthz req/s, side by side) is added by the lead once routes exist.
result.http_package_search_vs_healthz_ratio = null;
process.stdout.write(`${JSON.stringify(result)}\n`);
