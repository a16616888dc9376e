import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type Dialect, openDb } from '../../src/platform/db/database.ts';
import { migrate } from '../../src/platform/db/migration.ts';
import { allMigrations } from '../../src/platform/db/migrations/index.ts';

/** PostgreSQL server for tests: set by .ci/run (and by hand) as ODP_TEST_DATABASE_URL. */
const pgUrl = process.env.ODP_TEST_DATABASE_URL ?? '';

/** The dialects a contract test runs on: SQLite always, PostgreSQL when a test server is configured. */
export const testDialects: Dialect[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb {
  db: Db;
  /** For SQLite, the folder holding the database file (usable as a data dir). */
  dir: string;
  dispose(): Promise<void>;
}

/**
 * Drops a test database. A background process (autovacuum) may still hold it for a moment, and FORCE
 * cannot end processes of other roles: retry a few times, then leave it (a stray test database is harmless).
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const a = new pg.Client({ connectionString: pgUrl });
    await a.connect();
    try {
      await a.query(`drop database if exists ${name} with (force)`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    } finally {
      await a.end();
    }
  }
}

/** A fresh, migrated, empty metadata store of the given dialect; dispose() deletes it. */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'odp-test-'));
  if (dialect === 'sqlite') {
    const db = openDb({ kind: 'sqlite', path: join(dir, 'odp.sqlite') });
    await migrate(db, allMigrations);
    return {
      db,
      dir,
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `odp_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const db = openDb({ kind: 'postgres', url: url.toString() });
  await migrate(db, allMigrations);
  return {
    db,
    dir,
    dispose: async () => {
      await db.close();
      await dropDatabase(name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
