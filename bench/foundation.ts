/**
 * Foundation bench: cold start to the first 200 on /healthz, and dataset creates per second over HTTP on the
 * embedded store. Prints one JSON line. Run: npm run bench:foundation
 * Targets: ready in under 1.5 s; at least 500 dataset creates/s.
 * Each create queues a quality check. The server (one process, as `npm start` runs it) runs its jobs only
 * between requests, so most checks wait for the burst to end: the bench also prints how many ran during
 * it and how long the rest took afterwards (the deferred cost).
 * The load comes from 16 keep-alive connections (bench/serve.ts loadClient); the client's own CPU per
 * create is printed, as it shares the machine with the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { loadClient, startServer, stopServer, untilHealthy } from './serve.ts';

const root = join(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function run(cmd: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [join(root, 'src/cli/main.ts'), cmd, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (c) => {
      out += c;
    });
    p.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

/** Quality checks finished and still pending, read from the store as another process would. */
function checkCounts(file: string): { done: number; pending: number } {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const row = db
      .prepare(
        `select sum(status = 'succeeded') as done, sum(status in ('queued', 'running')) as pending
         from jobs where kind = 'quality.check'`,
      )
      .get() as { done: number | null; pending: number | null } | undefined;
    return { done: Number(row?.done ?? 0), pending: Number(row?.pending ?? 0) };
  } finally {
    db.close();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'odp-bench-'));
const port = 3900 + Math.floor(Math.random() * 90);
try {
  const env = { ODP_DATA_DIR: dataDir, ODP_DEMO: 'false', ODP_LOG_LEVEL: 'warn' };
  await run('migrate', [], env);
  await run('user', ['create', 'bench', '--sysadmin'], env);
  const token = await run('token', ['create', '--user', 'bench'], env);
  await run('org', ['create', 'bench-org', '--code', 'A99999999Z'], env);

  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const p = startServer(dataDir, port);
    starts.push(await untilHealthy(port, t0));
    await stopServer(p);
  }

  const p = startServer(dataDir, port);
  await untilHealthy(port, performance.now());
  const total = 3000;
  const concurrency = 16;
  let next = 0;
  let failed = 0;
  const client = loadClient(port, concurrency);
  const clientCpu = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const body = JSON.stringify({
          name: `bench-${i}`,
          title: `基準測試資料集 ${i}`,
          ownerOrg: 'bench-org',
          tags: ['bench', '測試'],
          tw: { serviceCategory: 'I00', updateFrequency: 'monthly' },
        });
        const status = await client.request(
          'POST',
          '/api/v1/datasets',
          { authorization: token, 'content-type': 'application/json' },
          body,
        );
        if (status !== 201) failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const clientCpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(clientCpu));
  client.close();
  const checks = checkCounts(join(dataDir, 'odp.sqlite'));
  const drainStart = performance.now();
  while (checkCounts(join(dataDir, 'odp.sqlite')).pending > 0 && performance.now() - drainStart < 300_000)
    await new Promise((r) => setTimeout(r, 200));
  const drainSeconds = (performance.now() - drainStart) / 1000;
  await stopServer(p);
  process.stdout.write(
    `${JSON.stringify({
      bench: 'foundation',
      store: 'sqlite',
      cold_start_ms_median: Math.round(median(starts)),
      cold_start_ms_all: starts.map(Math.round),
      cold_start_target_ms: 1500,
      dataset_creates: total,
      dataset_creates_failed: failed,
      dataset_creates_per_s: Math.round(total / seconds),
      dataset_creates_target_per_s: 500,
      concurrency,
      client_cpu_ms_per_create: Number((clientCpuMs / total).toFixed(3)),
      quality_checks_done_during_creates: checks.done,
      quality_checks_pending_after_creates: checks.pending,
      quality_backlog_drain_s: Number(drainSeconds.toFixed(1)),
    })}\n`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
