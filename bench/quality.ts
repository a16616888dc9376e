/**
 * Quality bench: what the change hook costs on dataset writes (creates over HTTP with and without the
 * quality hook, rounds alternated, same process), and checks per second on a local CSV link (the real
 * income-tax file served from 127.0.0.1). Prints one JSON line. Run: npx node bench/quality.ts [creates]
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';

const N = Number(process.argv[2] ?? 200);
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const csv = readFileSync(join(import.meta.dirname, '../fixtures/real/income/106_165-9.csv'));

async function creates(t: TestApp, prefix: string, url: string): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/datasets',
      headers: { authorization: t.adminToken },
      payload: { name: `${prefix}-${i}`, title: `資料 ${i}`, resources: [{ url, format: 'CSV' }] },
    });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
  return (N / (performance.now() - t0)) * 1000;
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(csv);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/income.csv`;
const t = await createTestApp('sqlite');
const hooks = t.ctx.catalog.afterDatasetWrite;
const qualityHook = hooks.at(-1);
const withHook: number[] = [];
const withoutHook: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  withHook.push(await creates(t, `w${round}`, url));
  hooks.pop();
  withoutHook.push(await creates(t, `n${round}`, url));
  if (qualityHook) hooks.push(qualityHook);
}
const checkTimes: number[] = [];
for (let i = 0; i < Math.min(N, 100); i++) {
  const t0 = performance.now();
  const job = await t.ctx.jobs.runner.runOnce();
  if (!job) break;
  checkTimes.push(performance.now() - t0);
}
await t.close();
server.close();
console.log(
  JSON.stringify({
    creates: N,
    createsPerSecWithHook: Math.round(median(withHook)),
    createsPerSecWithoutHook: Math.round(median(withoutHook)),
    hookCostRatio: Math.round((median(withoutHook) / median(withHook)) * 100) / 100,
    checksRun: checkTimes.length,
    checkMedianMs: Math.round(median(checkTimes)),
  }),
);
