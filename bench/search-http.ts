/**
 * HTTP throughput of package_search against /healthz on the same server: starts the real server
 * (src/cli/main.ts serve) on an indexed catalog, then for each endpoint keeps `concurrency` requests
 * in flight for a fixed time, over keep-alive connections (bench/serve.ts loadClient: fetch's own CPU
 * cost would cap both rates on this 2-core machine and flatter the ratio). The ratio (search req/s /
 * healthz req/s) says how much of the server's capacity a search costs. Anonymous answers are cached
 * while the index is unchanged, so the judged queries, asked over and over, are measured twice: as they
 * come (`ratio`, cache hits after the first round) and each made unique by a tag exclusion that
 * excludes nothing (`uncached_ratio`: what a query nobody asked before costs).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadClient, loadClient, startServer, stopServer, untilHealthy } from './serve.ts';

/** Requests per second over `seconds`, `concurrency` in flight, cycling through `paths`. */
async function rps(
  client: LoadClient,
  paths: string[],
  concurrency: number,
  seconds: number,
  unique = false,
): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const n = next++;
      const plain = paths[n % paths.length] as string;
      const path = unique
        ? `${plain}&fq_list=${encodeURIComponent(`-tags:no-such-${process.pid}-${n}`)}`
        : plain;
      const status = await client.request('GET', path, {});
      if (status !== 200) throw new Error(`${path}: HTTP ${status}`);
      done++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Serves a copy of `sqliteFile` and measures package_search (the given q values, six facets, default
 * 10 rows of full package dicts) and /healthz alternately, `rounds` times `seconds` each.
 */
export async function httpRatio(
  sqliteFile: string,
  queries: string[],
  opts: { concurrency?: number; seconds?: number; rounds?: number } = {},
): Promise<{
  search_rps: number;
  healthz_rps: number;
  ratio: number;
  uncached_search_rps: number;
  uncached_ratio: number;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'odp-bench-http-'));
  copyFileSync(sqliteFile, join(dataDir, 'odp.sqlite'));
  const port = 3900 + Math.floor(Math.random() * 90);
  // A web-only node, as production runs web and `odp worker` processes apart: otherwise the fresh
  // catalog's first quality sweep (50,000 checks) would run during the measurement.
  const server = startServer(dataDir, port, { ODP_JOB_WORKERS: '0' });
  try {
    await untilHealthy(port);
    const facets = encodeURIComponent(
      JSON.stringify(['organization', 'groups', 'tags', 'res_format', 'license_id', 'update_frequency']),
    );
    const search = queries.map(
      (q, i) =>
        `/api/3/action/package_search?q=${encodeURIComponent(q)}&facet.field=${facets}` +
        (i % 4 === 0 ? `&fq=${encodeURIComponent('res_format:CSV')}` : ''),
    );
    const health = ['/healthz'];
    const c = opts.concurrency ?? 16;
    const s = opts.seconds ?? 3;
    const client = loadClient(port, c);
    await rps(client, search, c, 1);
    await rps(client, health, c, 1);
    const sr: number[] = [];
    const ur: number[] = [];
    const hr: number[] = [];
    for (let r = 0; r < (opts.rounds ?? 3); r++) {
      sr.push(await rps(client, search, c, s));
      ur.push(await rps(client, search, c, s, true));
      hr.push(await rps(client, health, c, s));
    }
    client.close();
    const search_rps = median(sr);
    const uncached = median(ur);
    const healthz_rps = median(hr);
    return {
      search_rps: Math.round(search_rps),
      healthz_rps: Math.round(healthz_rps),
      ratio: Number((search_rps / healthz_rps).toFixed(3)),
      uncached_search_rps: Math.round(uncached),
      uncached_ratio: Number((uncached / healthz_rps).toFixed(3)),
    };
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
