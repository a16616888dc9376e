import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDb, type TestDb, testDialects } from '../../test/helpers/test-db.ts';
import { reindexAll, reindexDataset, searchDatasets } from './index.ts';
import { makeDataset, makeGroup } from './test-factory.ts';
import { ANONYMOUS, type SearchQuery } from './types.ts';

const FACETS = ['organization', 'tags', 'res_format'];

/** Twelve datasets about parking with varied tags, formats, dates and visibility. */
async function seed(t: TestDb): Promise<string[]> {
  const k = t.db.kysely;
  const tpe = await makeGroup(k, { name: 'taipei', title: '臺北市政府' });
  const khh = await makeGroup(k, { name: 'kaohsiung', title: '高雄市政府' });
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    out.push(
      await makeDataset(k, {
        id: `p${i}`,
        name: `p${i}`,
        title: i % 3 === 0 ? `停車場剩餘車位 ${i}` : `路邊停車格位置 ${i}`,
        notes: i % 2 === 0 ? '停車場 停車場 每小時更新' : '路外停車',
        ownerOrg: i % 2 === 0 ? tpe : khh,
        private: i === 5,
        tags: i % 4 === 0 ? ['停車', '交通'] : ['停車'],
        resources: [{ name: 'data', format: i % 3 === 0 ? 'CSV' : 'JSON' }],
        // Ties on score (same title pattern) are broken by modification time, then id.
        modified: `2024-0${1 + (i % 6)}-01T00:00:00.000Z`,
      }),
    );
  }
  return out;
}

const search = (t: TestDb, q: SearchQuery) =>
  searchDatasets(t.db, { rows: 5, facetFields: FACETS, ...q }, ANONYMOUS);

for (const dialect of testDialects) {
  describe(`facet counting from codes on ${dialect}`, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(dialect);
      await seed(t);
      await reindexAll(t.db);
    });
    after(() => t.dispose());

    test('a ranked page, count and facets agree with the explained (SQL-ordered) search', async () => {
      const filters = [
        [],
        ['res_format:csv'],
        ['tags:交通', 'organization:taipei'],
        ['tags:交通', 'res_format:JSON'],
      ];
      for (const q of ['停車', '停車場', '停車 位置']) {
        for (const [start, fq] of [0, 5].flatMap((n) => filters.map((f) => [n, f] as const))) {
          const fast = await search(t, { q, start, fq });
          const explained = await search(t, { q, start, fq, debug: true });
          assert.deepEqual(fast.ids, explained.ids, `${q} ${fq.join(' ')} from ${start}`);
          assert.equal(fast.count, explained.count);
          assert.deepEqual(fast.facets, explained.facets);
        }
      }
      const all = await search(t, { q: '停車', rows: 20 });
      assert.equal(all.count, 11, 'the private dataset is not counted');
      assert.ok(!all.ids.includes('p5'));
      const csv = await search(t, { q: '停車', fq: ['res_format:CSV'], rows: 20 });
      assert.deepEqual(csv.ids.sort(), ['p0', 'p3', 'p6', 'p9']);
      assert.deepEqual(all.facets.res_format, [
        { name: 'JSON', count: 7 },
        { name: 'CSV', count: 4 },
      ]);
    });

    test('counts follow writes: a tag added, a dataset made private, a dataset removed', async () => {
      const before = await search(t, { q: '停車' });
      assert.equal(before.facets.tags?.find((f) => f.name === '交通')?.count, 3);
      await t.db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('dataset_tags').values({ dataset_id: 'p1', tag: '交通' }).execute();
        await reindexDataset(trx, dialect, 'p1');
        await trx.updateTable('datasets').set({ private: 1 }).where('id', '=', 'p2').execute();
        await reindexDataset(trx, dialect, 'p2');
        await trx.deleteFrom('resources').where('dataset_id', '=', 'p3').execute();
        await trx.deleteFrom('dataset_tags').where('dataset_id', '=', 'p3').execute();
        await trx.deleteFrom('datasets').where('id', '=', 'p3').execute();
        await reindexDataset(trx, dialect, 'p3');
      });
      const after = await search(t, { q: '停車', rows: 20 });
      assert.equal(after.count, 9);
      assert.ok(!after.ids.includes('p2') && !after.ids.includes('p3'));
      assert.equal(after.facets.tags?.find((f) => f.name === '交通')?.count, 4);
      assert.equal(after.facets.tags?.find((f) => f.name === '停車')?.count, 9);
      const browse = await search(t, { q: '', fq: ['tags:交通'] });
      assert.equal(browse.count, 4);
    });
  });
}
