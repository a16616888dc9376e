import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDb, type TestDb, testDialects } from '../../../test/helpers/test-db.ts';

const onPostgres = testDialects.includes('postgres');

/** Ends every connection to `database` but the admin's own, as a server restart or an administrator would. */
async function terminateConnections(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.ODP_TEST_DATABASE_URL });
  await admin.connect();
  try {
    const r = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL connections the server ends', {
  skip: !onPostgres && 'needs ODP_TEST_DATABASE_URL',
}, () => {
  let t: TestDb;
  const crashes: unknown[] = [];
  const record = (e: unknown) => crashes.push(e);
  before(async () => {
    process.on('uncaughtException', record);
    t = await createTestDb('postgres');
  });
  after(() => process.off('uncaughtException', record));

  const one = async () => (await sql<{ n: number }>`select 1 as n`.execute(t.db.kysely)).rows[0]?.n;
  const databaseName = async () =>
    (await sql<{ d: string }>`select current_database() as d`.execute(t.db.kysely)).rows[0]?.d ?? '';

  it('an idle connection ended by the server is replaced; the process does not crash', async () => {
    const name = await databaseName();
    assert.ok((await terminateConnections(name)) >= 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await one(), 1);
    assert.deepEqual(crashes, []);
  });

  it('close() returns once every connection has ended, so dropping the database at once ends none', async () => {
    const name = await databaseName();
    await Promise.all([one(), one(), one(), one()]);
    await t.dispose();
    const admin = new pg.Client({ connectionString: process.env.ODP_TEST_DATABASE_URL });
    await admin.connect();
    try {
      const r = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
        name,
      ]);
      assert.equal(r.rows[0].n, 0);
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(crashes, []);
  });
});
