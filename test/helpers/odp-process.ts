import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { buildContext } from '../../src/app.ts';
import type { AppContext } from '../../src/app-context.ts';
import { loadConfig } from '../../src/config.ts';

const main = join(import.meta.dirname, '../../src/cli/main.ts');

/** Runs `odp ARGS` as its own process (no demo catalog, warnings only); stderr goes to the test's. */
export function odpProcess(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [main, ...args], {
    env: { ...process.env, ODP_DEMO: 'false', ODP_LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Polls `ok` every 50 ms until it holds; fails after `ms`. */
export async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Resolves once the server on `port` answers /healthz. */
export const serving = (port: number): Promise<void> =>
  until(
    `the server on port ${port}`,
    async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok === true,
  );

/** A free-looking port for a test server (random, so parallel runs rarely collide). */
export const testPort = (): number => 4100 + Math.floor(Math.random() * 800);

/**
 * A fresh data folder for `odp` processes started through `start` (ODP_DATA_DIR set); after the suite,
 * processes still running are killed and the folder removed. Call inside describe().
 */
export function odpScope(prefix: string): {
  dataDir: string;
  start(args: string[], env?: Record<string, string>): ChildProcess;
} {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const started: ChildProcess[] = [];
  after(() => {
    for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    start(args, env = {}) {
      const p = odpProcess(args, { ODP_DATA_DIR: dataDir, ...env });
      started.push(p);
      return p;
    },
  };
}

/** Runs `fn` with the services over `dataDir` (as `odp` would build them), then closes them. */
export async function withStore<T>(dataDir: string, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await buildContext(loadConfig({ ODP_DATA_DIR: dataDir, ODP_LOG_LEVEL: 'silent' }));
  try {
    return await fn(ctx);
  } finally {
    for (const close of [...ctx.closers].reverse()) await close();
  }
}
