import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDb, type TestDb, testDialects } from '../../test/helpers/test-db.ts';
import { reindexAll, reindexDataset, searchDatasets } from './index.ts';
import { makeDataset, makeGroup } from './test-factory.ts';
import { ANONYMOUS } from './types.ts';

/** Everything a search reads about the index, with doc keys left out (a rebuild renumbers them). */
async function indexState(t: TestDb) {
  const k = t.db.kysely;
  const docs = await k
    .selectFrom('search_docs')
    .select([
      'dataset_id',
      'name',
      'title',
      'title_norm',
      'state',
      'public',
      'owner_org',
      'modified',
      'facets',
    ])
    .orderBy('dataset_id')
    .execute();
  const facets = await k
    .selectFrom('search_facets')
    .select(['dataset_id', 'field', 'value', 'norm'])
    .orderBy('dataset_id')
    .orderBy('field')
    .orderBy('value')
    .execute();
  const counts = await k
    .selectFrom('search_facet_counts')
    .select(['field', 'value', 'n'])
    .orderBy('field')
    .orderBy('value')
    .execute();
  const codes = await sql<{
    dataset_id: string;
    pairs: string;
  }>`select d.dataset_id, c.field || '=' || c.value as pairs
    from search_docs d join search_facet_codes c on ${
      t.db.dialect === 'sqlite'
        ? sql`(' ' || d.codes || ' ') like ('% ' || c.code || ' %')`
        : sql`c.code = any(d.codes)`
    } order by 1, 2`.execute(k);
  const text =
    t.db.dialect === 'sqlite'
      ? (
          await sql<Record<string, string>>`select d.dataset_id, f.title, f.tags, f.org, f.notes, f.res
            from search_fts f join search_docs d on d.doc = f.rowid order by 1`.execute(k)
        ).rows
      : (
          await sql<{ dataset_id: string; tsv: string }>`select dataset_id, tsv::text as tsv from search_docs
            order by 1`.execute(k)
        ).rows;
  return { docs, facets, counts, codes: codes.rows, text };
}

const found = async (t: TestDb, q: string) => (await searchDatasets(t.db, { q, rows: 50 }, ANONYMOUS)).ids;

for (const dialect of testDialects) {
  describe(`reindexing a changed dataset on ${dialect}`, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(dialect);
    });
    after(() => t.dispose());

    it('leaves the index exactly as a full rebuild would, through edits of text, tags, state and quality', async () => {
      const k = t.db.kysely;
      const org = await makeGroup(k, { name: 'moi', title: '內政部' });
      const a = await makeDataset(k, {
        name: 'rainfall',
        title: '雨量統計',
        notes: 'daily rainfall',
        ownerOrg: org,
        tags: ['氣象', 'rain'],
        resources: [{ name: 'CSV file', format: 'CSV' }],
      });
      const b = await makeDataset(k, { name: 'roads', title: '道路', ownerOrg: org, tags: ['交通'] });
      for (const id of [a, b]) await k.transaction().execute((trx) => reindexDataset(trx, dialect, id));
      assert.deepEqual(await found(t, 'daily'), [a]);

      await k
        .updateTable('datasets')
        .set({ notes: 'hourly precipitation', title: '降雨量' })
        .where('id', '=', a)
        .execute();
      await k.deleteFrom('dataset_tags').where('dataset_id', '=', a).where('tag', '=', 'rain').execute();
      await k.insertInto('dataset_tags').values({ dataset_id: a, tag: 'water' }).execute();
      await k.updateTable('datasets').set({ private: 1 }).where('id', '=', b).execute();
      await k
        .insertInto('dataset_quality')
        .values({
          dataset_id: a,
          stars: 3,
          mark: 'silver',
          failed: '[]',
          checked_at: '2026-01-02T00:00:00.000Z',
          run_id: 'r1',
          broken_links: 0,
          stale: 0,
        })
        .execute();
      for (const id of [a, b]) await k.transaction().execute((trx) => reindexDataset(trx, dialect, id));
      // Unchanged sources: a reindex must change nothing.
      await k.transaction().execute((trx) => reindexDataset(trx, dialect, a));

      assert.deepEqual(await found(t, 'daily'), []);
      assert.deepEqual(await found(t, 'precipitation'), [a]);
      assert.deepEqual(await found(t, '道路'), [], 'a private dataset leaves anonymous answers');
      const incremental = await indexState(t);
      await reindexAll(t.db);
      assert.deepEqual(incremental, await indexState(t));
    });
  });
}
