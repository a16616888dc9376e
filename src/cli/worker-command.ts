import { parseArgs } from 'node:util';
import { buildContext } from '../app.ts';
import { loadConfig } from '../config.ts';
import { startJobs } from '../server.ts';

/**
 * `odp worker [--jobs N]`: runs background jobs (datastore loads, quality checks, harvests) without
 * serving HTTP, beside `odp serve` processes started with ODP_JOB_WORKERS=0 on the same store.
 * Stops on SIGINT/SIGTERM after handing back the jobs it holds.
 */
export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { jobs: { type: 'string' } } });
  const env = { ...process.env };
  if (values.jobs !== undefined) env.ODP_JOB_WORKERS = values.jobs;
  const config = loadConfig(env);
  const ctx = await buildContext({ ...config, jobWorkers: Math.max(1, config.jobWorkers) });
  await startJobs(ctx);
  process.stderr.write(`odp worker: running jobs (${ctx.db.dialect} store, ${config.dataDir})\n`);
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  process.stderr.write(`odp worker: ${signal}, stopping\n`);
  for (const close of [...ctx.closers].reverse()) await close();
  return 0;
}
