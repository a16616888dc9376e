import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { createTestDb, type TestDb } from '../../../test/helpers/test-db.ts';
import { GroupCommit } from './group-commit.ts';

describe('group commit on SQLite', () => {
  let t: TestDb;
  let g: GroupCommit;
  before(async () => {
    t = await createTestDb('sqlite');
    g = new GroupCommit(t.db.kysely);
  });
  after(() => t.dispose());

  // search_facet_codes: a table without foreign keys, unique on (field, value).
  const add = (field: string, value: string) =>
    g.run(async (trx) => {
      await trx.insertInto('search_facet_codes').values({ field, value }).execute();
      return value;
    });
  const valuesOf = async (field: string) =>
    (
      await t.db.kysely
        .selectFrom('search_facet_codes')
        .select('value')
        .where('field', '=', field)
        .orderBy('value')
        .execute()
    ).map((r) => r.value);

  it('concurrent writes all land, and a failing one is undone alone with its own error', async () => {
    const results = await Promise.allSettled([
      add('f1', 'a'),
      g.run(async (trx) => {
        await trx.insertInto('search_facet_codes').values({ field: 'f1', value: 'doomed' }).execute();
        throw new Error('validation failed late');
      }),
      add('f1', 'b'),
      add('f1', 'a'), // duplicate key: SQLite refuses this statement only
      add('f1', 'c'),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.match(String((results[1] as PromiseRejectedResult).reason), /validation failed late/);
    assert.match(String((results[3] as PromiseRejectedResult).reason), /UNIQUE/);
    assert.deepEqual(await valuesOf('f1'), ['a', 'b', 'c']);
  });

  it('a write is committed (visible to another connection) when its promise resolves', async () => {
    const other = new DatabaseSync(join(t.dir, 'odp.sqlite'));
    try {
      const seen = await Promise.all(
        ['x', 'y', 'z'].map(async (value) => {
          await add('f2', value);
          return other
            .prepare('select count(*) as n from search_facet_codes where field = ? and value = ?')
            .get('f2', value)?.n;
        }),
      );
      assert.deepEqual(seen, [1, 1, 1]);
    } finally {
      other.close();
    }
  });

  it('each write sees the writes queued before it', async () => {
    const counts = await Promise.all(
      [1, 2, 3].map((i) =>
        g.run(async (trx) => {
          await trx
            .insertInto('search_facet_codes')
            .values({ field: 'f3', value: `v${i}` })
            .execute();
          const r = await trx
            .selectFrom('search_facet_codes')
            .select('code')
            .where('field', '=', 'f3')
            .execute();
          return r.length;
        }),
      ),
    );
    assert.deepEqual(counts, [1, 2, 3]);
  });
});
