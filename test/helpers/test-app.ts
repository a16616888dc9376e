import type { FastifyInstance } from 'fastify';
import { buildApp, buildContext } from '../../src/app.ts';
import type { AppContext } from '../../src/app-context.ts';
import { loadConfig } from '../../src/config.ts';
import { createToken, createUser } from '../../src/platform/auth/users.ts';
import type { Dialect } from '../../src/platform/db/database.ts';
import { createTestDb } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** A sysadmin's API token. */
  adminToken: string;
  close(): Promise<void>;
}

/** A full ODP app on a fresh store of the given dialect, with a sysadmin token; no port is opened. */
export async function createTestApp(dialect: Dialect): Promise<TestApp> {
  const t = await createTestDb(dialect);
  const config = loadConfig(
    {},
    { dataDir: t.dir, baseUrl: 'http://odp.test', logLevel: 'silent', demo: false, allowLoopbackFetch: true },
  );
  const ctx = await buildContext(config, t.db);
  const app = await buildApp(ctx);
  const admin = await createUser(t.db.kysely, { name: 'admin', sysadmin: true });
  const { token } = await createToken(t.db.kysely, admin.id, 'test');
  return {
    app,
    ctx,
    adminToken: token,
    close: async () => {
      await app.close();
      await t.dispose();
    },
  };
}

/** Creates a user with an API token. */
export async function userWithToken(ctx: AppContext, name: string): Promise<{ id: string; token: string }> {
  const u = await createUser(ctx.db.kysely, { name });
  const { token } = await createToken(ctx.db.kysely, u.id, 'test');
  return { id: u.id, token };
}
