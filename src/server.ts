import { buildApp, buildContext } from './app.ts';
import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { recoverInterruptedLoads } from './datastore/index.ts';
import { scheduleDatastoreLoad } from './datastore/load-job.ts';
import { catalogIsEmpty, loadDemo } from './demo/load-demo.ts';
import { scheduleQuality } from './quality/wiring.ts';

/** Starts ODP listening on the configured port; stops gracefully (in-flight requests finish) on SIGINT/SIGTERM. */
export async function serve(config: Config, onReady?: (url: string) => Promise<void>): Promise<void> {
  const ctx = await buildContext(config);
  const app = await buildApp(ctx);
  if (config.demo && (await catalogIsEmpty(ctx))) {
    const demo = await loadDemo(ctx);
    for (const id of demo.resourceIds) await scheduleDatastoreLoad(ctx.db.kysely, id);
    app.log.info(
      { datasets: demo.datasets, files: demo.resourceIds.length },
      'demo catalog loaded; files queued for the datastore',
    );
  }
  app.server.keepAliveTimeout = 65_000;
  app.server.requestTimeout = 300_000;
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  if (config.jobWorkers > 0) await startJobs(ctx);
  const url = await app.listen({ port: config.port, host: config.host });
  app.log.info({ url, store: ctx.db.dialect, dataDir: config.dataDir }, 'ODP is ready');
  if (onReady) await onReady(url);
}

/** Starts running background jobs in this process (stopped by the context's closers). */
export async function startJobs(ctx: AppContext): Promise<void> {
  // Loads left running by a process that died are marked failed (retryable) before jobs start again.
  await recoverInterruptedLoads(ctx.db);
  await scheduleQuality(ctx);
  ctx.jobs.runner.start();
  ctx.closers.push(() => ctx.jobs.runner.stop());
}
