import { join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { errorHandler } from './api/error-handler.ts';
import { healthRoutes } from './api/health.ts';
import { lazyCompilers } from './api/lazy-compilers.ts';
import { requestActor } from './api/request-actor.ts';
import { datasetRoutes } from './api/v1/dataset-routes.ts';
import { datastoreRoutes } from './api/v1/datastore-routes.ts';
import { groupRoutes } from './api/v1/group-routes.ts';
import { jobsRoutes } from './api/v1/jobs-routes.ts';
import { qualityRoutes } from './api/v1/quality-routes.ts';
import { resourceRoutes } from './api/v1/resource-routes.ts';
import { searchRoutes } from './api/v1/search-routes.ts';
import { userRoutes } from './api/v1/user-routes.ts';
import type { AppContext } from './app-context.ts';
import { seedServiceCategories } from './catalog/group-service.ts';
import type { Config } from './config.ts';
import { lazyDatastoreEngine, lazySqlSandbox } from './datastore/index.ts';
import { registerLoadJob } from './datastore/load-job.ts';
import { ckanApiRoutes } from './interop/ckan-api/index.ts';
import { registerHarvestJob } from './interop/harvester/schedule.ts';
import { interopRoutes } from './interop/http/index.ts';
import { localBlobStore } from './platform/blobs.ts';
import { type Db, openDb } from './platform/db/database.ts';
import { migrate } from './platform/db/migration.ts';
import { allMigrations } from './platform/db/migrations/index.ts';
import { createJobRegistry, createJobRunner } from './platform/jobs/index.ts';
import { RequestActivity } from './platform/jobs/request-activity.ts';
import { wireQuality } from './quality/wiring.ts';
import { reindexAll, reindexDataset } from './search/index.ts';
import { webRoutes } from './web/routes.ts';

/** Opens the store named by the config (PostgreSQL when DATABASE_URL is set) and brings its schema up to date. */
export async function openStore(config: Config): Promise<Db> {
  const db = config.databaseUrl
    ? openDb({ kind: 'postgres', url: config.databaseUrl })
    : openDb({ kind: 'sqlite', path: join(config.dataDir, 'odp.sqlite') });
  const applied = await migrate(db, allMigrations);
  // 011 added facet codes that earlier index rows lack: an existing catalog is reindexed once.
  if (applied.includes('011-search-codes') && !applied.includes('001-catalog')) await reindexAll(db);
  await seedServiceCategories(db.kysely);
  return db;
}

/** Builds the services of one ODP from its config (opening the store unless one is given). */
export async function buildContext(config: Config, db?: Db): Promise<AppContext> {
  const store = db ?? (await openStore(config));
  if (db) await seedServiceCategories(db.kysely);
  const registry = createJobRegistry();
  // DuckDB loads on the first datastore request, not at start.
  const engine = lazyDatastoreEngine({ memoryLimit: '1GB' });
  const sandbox = lazySqlSandbox();
  const activity = new RequestActivity();
  const ctx: AppContext = {
    config,
    db: store,
    blobs: localBlobStore(join(config.dataDir, 'blobs')),
    catalog: { db: store, afterDatasetWrite: [reindexDataset] },
    datastore: { engine, sandbox },
    jobs: {
      registry,
      runner: createJobRunner(store, {
        registry,
        concurrency: Math.max(1, config.jobWorkers),
        busy: () => activity.busy(),
      }),
      activity,
    },
    closers: [...(db ? [] : [() => store.close()]), () => engine.close(), () => sandbox.close()],
  };
  registerLoadJob(ctx);
  registerHarvestJob(ctx);
  wireQuality(ctx);
  return ctx;
}

/** Builds the HTTP app around a context; never listens (server.ts does). */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: ctx.config.logLevel },
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: true,
    routerOptions: { maxParamLength: 500 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
    schemaController: { compilersFactory: lazyCompilers },
  });
  app.setErrorHandler(errorHandler);
  // Requests hold back this process's background jobs (see AppContext.jobs).
  app.addHook('onRequest', (_req, reply, done) => {
    ctx.jobs.activity.begin();
    reply.raw.once('close', () => ctx.jobs.activity.end());
    done();
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: ctx.config.uploadMaxBytes, files: 1, fields: 50 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ODP API', version: '1', description: 'Open government data platform: own REST API.' },
      servers: [{ url: ctx.config.baseUrl }],
    },
  });
  await app.register(requestActor, { db: ctx.db });
  await healthRoutes(app, ctx);
  await searchRoutes(app, ctx);
  await datasetRoutes(app, ctx);
  await resourceRoutes(app, ctx);
  await datastoreRoutes(app, ctx);
  await groupRoutes(app, ctx);
  await userRoutes(app, ctx);
  await qualityRoutes(app, ctx);
  await jobsRoutes(app, ctx);
  await ckanApiRoutes(app, ctx);
  await interopRoutes(app, ctx);
  await webRoutes(app, ctx);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.addHook('onClose', async () => {
    for (const close of [...ctx.closers].reverse()) await close();
  });
  return app;
}
