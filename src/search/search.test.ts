import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDb, type TestDb, testDialects } from '../../test/helpers/test-db.ts';
import { OdpError } from '../platform/errors.ts';
import { autocomplete, reindexAll, reindexDataset, searchDatasets } from './index.ts';
import { makeDataset, makeGroup } from './test-factory.ts';
import { ANONYMOUS, type SearchQuery, type Viewer } from './types.ts';

/** A small catalog with real-looking data.gov.tw titles; ids are readable names. */
async function seed(t: TestDb): Promise<{ moe: string; epa: string; tpe: string }> {
  const k = t.db.kysely;
  const moe = await makeGroup(k, {
    name: 'moe',
    title: '教育部',
    orgCode: 'A41000000G',
    govOid: '2.16.886.101.20003',
  });
  const epa = await makeGroup(k, { name: 'moenv', title: '環境部' });
  const tpe = await makeGroup(k, { name: 'taipei', title: '臺北市政府' });
  const traffic = await makeGroup(k, { name: 'traffic', title: '交通及通訊', kind: 'group' });
  const ds = (id: string, rest: Omit<Parameters<typeof makeDataset>[1], 'id'>) =>
    makeDataset(k, { id, name: id, ...rest });
  await ds('wages', {
    title: '大學畢業生就業薪資',
    notes: '各校系畢業生平均薪資',
    ownerOrg: moe,
    tags: ['薪資', '就業'],
    resources: [{ name: '薪資統計', format: 'CSV' }],
    modified: '2024-03-01T00:00:00.000Z',
    updateFrequency: '每年',
  });
  await ds('aqi', {
    title: '空氣品質指標(AQI)',
    notes: '環境部空氣品質監測站每小時 PM2.5 與臭氧數值',
    ownerOrg: epa,
    tags: ['空氣品質', 'PM2.5'],
    resources: [
      { name: 'AQI JSON', format: 'JSON' },
      { name: 'AQI CSV', format: 'CSV' },
    ],
    modified: '2024-05-01T00:00:00.000Z',
    updateFrequency: '每小時',
  });
  await ds('pm10', {
    title: '懸浮微粒PM10監測',
    ownerOrg: epa,
    tags: ['空氣品質'],
    resources: [{ name: 'PM10', format: 'XML' }],
    modified: '2023-01-01T00:00:00.000Z',
  });
  await ds('mrt', {
    title: '臺北捷運各站進出人次',
    ownerOrg: tpe,
    tags: ['交通'],
    groupIds: [traffic],
    resources: [{ name: '進出量', format: 'CSV' }],
    modified: '2022-06-01T00:00:00.000Z',
    extras: { theme: 'transport' },
  });
  await ds('metro-en', {
    title: 'Taipei Metro ridership statistics',
    ownerOrg: tpe,
    tags: ['transport'],
    groupIds: [traffic],
    resources: [{ name: 'ridership', format: 'json' }],
    modified: '2021-06-01T00:00:00.000Z',
  });
  await ds('parking', {
    title: '台北市公有停車場即時剩餘車位',
    ownerOrg: tpe,
    tags: ['停車'],
    resources: [{ name: 'parking', format: 'JSON' }],
    modified: '2020-01-01T00:00:00.000Z',
  });
  await ds('secret', {
    title: '內部薪資稽核名單',
    ownerOrg: moe,
    private: true,
    tags: ['薪資', '內部'],
    resources: [{ name: 'audit', format: 'XLSX' }],
    modified: '2024-06-01T00:00:00.000Z',
  });
  await ds('draft', {
    title: '草稿薪資資料',
    ownerOrg: moe,
    state: 'draft',
    creatorUserId: 'u-alice',
    tags: ['薪資'],
    modified: '2024-07-01T00:00:00.000Z',
  });
  await ds('gone', {
    title: '已刪除的薪資資料',
    ownerOrg: moe,
    state: 'deleted',
    tags: ['薪資'],
    modified: '2024-08-01T00:00:00.000Z',
  });
  return { moe, epa, tpe };
}

const ids = async (t: TestDb, query: SearchQuery, viewer: Viewer = ANONYMOUS): Promise<string[]> =>
  (await searchDatasets(t.db, { rows: 100, ...query }, viewer)).ids;
const idSet = async (t: TestDb, q: string, fq: string[] = []): Promise<string[]> =>
  (await ids(t, { q, fq })).sort();

for (const dialect of testDialects) {
  describe(`search on ${dialect}`, () => {
    let t: TestDb;
    let orgs: { moe: string; epa: string; tpe: string };
    before(async () => {
      t = await createTestDb(dialect);
      orgs = await seed(t);
      await reindexAll(t.db);
    });
    after(() => t.dispose());

    test('a 2-character query finds it inside a longer title; 台/臺 fold', async () => {
      assert.deepEqual(await idSet(t, '薪資'), ['wages']);
      assert.deepEqual(await idSet(t, '台北'), ['metro-en', 'mrt', 'parking']);
      assert.deepEqual(await idSet(t, 'title:台北'), ['mrt', 'parking']);
      assert.deepEqual(await idSet(t, '臺北市 停車'), ['parking']);
    });

    test('words must all match; mixed Chinese/English and codes', async () => {
      assert.deepEqual(await idSet(t, 'PM2.5 空氣品質'), ['aqi']);
      assert.deepEqual(await idSet(t, 'ＰＭ１０'), ['pm10']);
      assert.deepEqual(await idSet(t, 'A41000000G'), ['wages']);
      assert.deepEqual(await idSet(t, '2.16.886.101.20003'), ['wages']);
      assert.deepEqual(await idSet(t, '空氣品質 薪資'), []);
    });

    test('quoted phrases, exclusion, OR, parentheses, NOT', async () => {
      assert.deepEqual(await idSet(t, '"空氣品質"'), ['aqi', 'pm10']);
      assert.deepEqual(await idSet(t, '"品質空氣"'), []);
      assert.deepEqual(await idSet(t, '空氣品質 -PM10'), ['aqi']);
      assert.deepEqual(await idSet(t, '薪資 OR 停車場'), ['parking', 'wages']);
      assert.deepEqual(await idSet(t, '(薪資 OR 停車場) AND 臺北'), ['parking']);
      assert.deepEqual(await idSet(t, '空氣品質 NOT tags:PM2.5'), ['pm10']);
      assert.deepEqual(await idSet(t, '-空氣品質 -台北 -PM10'), ['wages']);
    });

    test('field terms in q and Solr fq', async () => {
      assert.deepEqual(await idSet(t, 'title:"捷運"'), ['mrt']);
      assert.deepEqual(await idSet(t, 'title:停車場'), ['parking']);
      assert.deepEqual(await idSet(t, 'title:環境部'), []);
      assert.deepEqual(await idSet(t, '環境部'), ['aqi', 'pm10']);
      assert.deepEqual(await idSet(t, 'tags:空氣品質'), ['aqi', 'pm10']);
      assert.deepEqual(await idSet(t, '', ['res_format:CSV']), ['aqi', 'mrt', 'wages']);
      assert.deepEqual(await idSet(t, '', ['+organization:taipei -res_format:CSV']), ['metro-en', 'parking']);
      assert.deepEqual(await idSet(t, 'organization:環境部'), ['aqi', 'pm10']);
      assert.deepEqual(await idSet(t, '', [`owner_org:${orgs.moe}`]), ['wages']);
      assert.deepEqual(await idSet(t, 'groups:traffic'), ['metro-en', 'mrt']);
      assert.deepEqual(await idSet(t, 'extras_theme:transport'), ['mrt']);
      assert.deepEqual(await idSet(t, 'name:aqi OR id:pm10'), ['aqi', 'pm10']);
      assert.deepEqual(await idSet(t, '*:*', ['capacity:public', 'license_id:GOV-OPEN-1', 'state:active']), [
        'aqi',
        'metro-en',
        'mrt',
        'parking',
        'pm10',
        'wages',
      ]);
    });

    test('exclusions on facet fields: the anonymous fast path answers as the general path does', async () => {
      assert.deepEqual(await idSet(t, '空氣品質', ['-tags:PM2.5']), ['pm10']);
      assert.deepEqual(await idSet(t, '台北', ['-organization:taipei']), []);
      const cases: [string, string[]][] = [
        ['空氣品質', ['-tags:PM2.5']],
        ['台北', ['-res_format:CSV']],
        ['薪資', ['-tags:no-such-tag']],
        ['台北', ['groups:traffic', '-tags:交通']],
        ['空氣品質 OR 台北', ['-organization:moenv', '-res_format:json']],
      ];
      for (const [q, fq] of cases) {
        const fast = await searchDatasets(t.db, { q, fq, rows: 100 }, ANONYMOUS);
        // debug (explain) always takes the general SQL path.
        const general = await searchDatasets(t.db, { q, fq, rows: 100, debug: true }, ANONYMOUS);
        assert.deepEqual(fast.ids, general.ids, `${q} ${fq.join(' ')}`);
        assert.equal(fast.count, general.count);
        assert.ok(fast.ids.length > 0 || q === '台北', `${q} ${fq.join(' ')} should match something`);
      }
    });

    test('date ranges on metadata_modified', async () => {
      assert.deepEqual(await idSet(t, '', ['metadata_modified:[2024-01-01T00:00:00Z TO *]']), [
        'aqi',
        'wages',
      ]);
      assert.deepEqual(await idSet(t, '', ['metadata_modified:[* TO 2021-06-01T00:00:00Z]']), [
        'metro-en',
        'parking',
      ]);
      assert.deepEqual(await idSet(t, '', ['metadata_modified:{* TO 2021-06-01T00:00:00Z}']), ['parking']);
    });

    test('synonyms: 捷運 finds the English metro dataset', async () => {
      assert.deepEqual(await idSet(t, '捷運'), ['metro-en', 'mrt']);
      assert.deepEqual(await idSet(t, '"捷運"'), ['mrt']);
    });

    test('syntax errors and unknown parameters are Search Query Errors', async () => {
      for (const q of ['{!lucene}x', 'nosuchfield:x', '(a', '"open', 'metadata_modified:[yesterday TO *]']) {
        await assert.rejects(
          searchDatasets(t.db, { q }, ANONYMOUS),
          (e: unknown) => {
            return e instanceof OdpError && e.code === 'ODP_SEARCH_QUERY' && e.kind === 'bad_request';
          },
          q,
        );
      }
      await assert.rejects(searchDatasets(t.db, { sort: 'title' }, ANONYMOUS), /direction/);
      await assert.rejects(searchDatasets(t.db, { sort: 'views desc' }, ANONYMOUS), /sort/);
      await assert.rejects(searchDatasets(t.db, { rows: 5000 }, ANONYMOUS), /rows/);
      const unknown = { q: 'x', bogus: 1 } as SearchQuery;
      await assert.rejects(searchDatasets(t.db, unknown, ANONYMOUS), /bogus/);
    });

    test('ranking: title match first, newer first on ties; explain says why', async () => {
      const r = await searchDatasets(t.db, { q: '空氣品質', debug: true }, ANONYMOUS);
      assert.deepEqual(r.ids, ['aqi', 'pm10']);
      assert.ok(r.explain);
      const [first, second] = r.explain.results;
      assert.ok(first && second && first.textScore > second.textScore, JSON.stringify(r.explain));
      const ties = await ids(t, { q: '', fq: ['organization:taipei'] });
      assert.deepEqual(ties, ['mrt', 'metro-en', 'parking']);
    });

    test('sort, paging and exact count', async () => {
      const all = await searchDatasets(t.db, { sort: 'name asc', rows: 2, start: 1 }, ANONYMOUS);
      assert.equal(all.count, 6);
      assert.deepEqual(all.ids, ['metro-en', 'mrt']);
      const created = await ids(t, { sort: 'metadata_modified asc', q: '台北' });
      assert.deepEqual(created, ['parking', 'metro-en', 'mrt']);
    });

    test('facets count exactly and never count what the viewer cannot see', async () => {
      const facetFields = ['organization', 'tags', 'res_format', 'groups', 'update_frequency', 'license_id'];
      const anon = await searchDatasets(t.db, { q: '薪資', facetFields }, ANONYMOUS);
      assert.equal(anon.count, 1);
      assert.deepEqual(anon.facets.tags, [
        { name: '就業', count: 1 },
        { name: '薪資', count: 1 },
      ]);
      const browse = await searchDatasets(t.db, { facetFields }, ANONYMOUS);
      assert.equal(browse.count, 6);
      assert.deepEqual(browse.facets.organization, [
        { name: 'taipei', count: 3 },
        { name: 'moenv', count: 2 },
        { name: 'moe', count: 1 },
      ]);
      assert.ok(!browse.facets.tags?.some((f) => f.name === '內部'));
      const outsider: Viewer = { userId: 'u-bob', sysadmin: false, orgIds: [orgs.epa] };
      const other = await searchDatasets(t.db, { facetFields, includePrivate: true }, outsider);
      assert.equal(other.count, 6);
      assert.ok(!other.facets.tags?.some((f) => f.name === '內部'));
      const member: Viewer = { userId: 'u-carol', sysadmin: false, orgIds: [orgs.moe] };
      const mine = await searchDatasets(t.db, { q: '薪資', facetFields, includePrivate: true }, member);
      assert.deepEqual(mine.ids.sort(), ['secret', 'wages']);
      assert.deepEqual(mine.facets.organization, [{ name: 'moe', count: 2 }]);
      const mineBrowse = await searchDatasets(t.db, { facetFields, includePrivate: true }, member);
      assert.equal(mineBrowse.count, 7);
      assert.deepEqual(
        mineBrowse.facets.res_format?.find((f) => f.name === 'XLSX'),
        { name: 'XLSX', count: 1 },
      );
      const limited = await searchDatasets(t.db, { facetFields: ['res_format'], facetLimit: 1 }, ANONYMOUS);
      assert.deepEqual(limited.facets.res_format, [{ name: 'CSV', count: 3 }]);
    });

    test('drafts for their creator, deleted for sysadmins only', async () => {
      const alice: Viewer = { userId: 'u-alice', sysadmin: false, orgIds: [] };
      assert.deepEqual((await ids(t, { q: '薪資', includeDrafts: true }, alice)).sort(), ['draft', 'wages']);
      assert.deepEqual(await ids(t, { q: '薪資', includeDrafts: true }, { ...alice, userId: 'u-bob' }), [
        'wages',
      ]);
      assert.deepEqual(await ids(t, { q: '薪資', includeDeleted: true }, alice), ['wages']);
      const admin: Viewer = { userId: 'root', sysadmin: true, orgIds: [] };
      const everything = await ids(
        t,
        { q: '薪資', includeDeleted: true, includeDrafts: true, includePrivate: true },
        admin,
      );
      assert.deepEqual(everything.sort(), ['draft', 'gone', 'secret', 'wages']);
    });

    test('autocomplete titles, tags and organizations, Chinese prefixes included', async () => {
      const r = await autocomplete(t.db, '臺北');
      assert.deepEqual(r.titles.map((x) => x.id).sort(), ['mrt', 'parking']);
      assert.deepEqual(r.organizations, [{ name: 'taipei', title: '臺北市政府' }]);
      const tags = await autocomplete(t.db, '空氣');
      assert.deepEqual(tags.tags, [{ name: '空氣品質', count: 2 }]);
      const latin = await autocomplete(t.db, 'rider');
      assert.deepEqual(
        latin.titles.map((x) => x.id),
        ['metro-en'],
      );
      const hidden = await autocomplete(t.db, '內部');
      assert.deepEqual(hidden.titles, []);
      assert.deepEqual(hidden.tags, []);
    });

    test('reindex inside the catalog transaction: commit updates, rollback leaves the index unchanged', async () => {
      const k = t.db.kysely;
      await assert.rejects(
        k.transaction().execute(async (trx) => {
          await trx.updateTable('datasets').set({ title: '颱風警報' }).where('id', '=', 'parking').execute();
          await reindexDataset(trx, t.db.dialect, 'parking');
          throw new Error('rollback');
        }),
        /rollback/,
      );
      assert.deepEqual(await idSet(t, '颱風'), []);
      assert.deepEqual(await idSet(t, '停車場'), ['parking']);
      const before = (await searchDatasets(t.db, { facetFields: ['tags'] }, ANONYMOUS)).facets.tags;
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable('datasets')
          .set({ title: '颱風警報', private: 1 })
          .where('id', '=', 'parking')
          .execute();
        await reindexDataset(trx, t.db.dialect, 'parking');
      });
      assert.deepEqual(await idSet(t, '停車場'), []);
      const member: Viewer = { userId: 'x', sysadmin: false, orgIds: [orgs.tpe] };
      assert.deepEqual(await ids(t, { q: '颱風', includePrivate: true }, member), ['parking']);
      const afterPrivate = await searchDatasets(t.db, { facetFields: ['tags'] }, ANONYMOUS);
      assert.equal(afterPrivate.count, 5);
      assert.ok(!afterPrivate.facets.tags?.some((f) => f.name === '停車'));
      await k.transaction().execute(async (trx) => {
        await trx
          .updateTable('datasets')
          .set({ title: '台北市公有停車場即時剩餘車位', private: 0 })
          .where('id', '=', 'parking')
          .execute();
        await reindexDataset(trx, t.db.dialect, 'parking');
      });
      assert.deepEqual(
        (await searchDatasets(t.db, { facetFields: ['tags'] }, ANONYMOUS)).facets.tags,
        before,
      );
      await k.transaction().execute(async (trx) => {
        await trx.deleteFrom('datasets').where('id', '=', 'pm10').execute();
        await reindexDataset(trx, t.db.dialect, 'pm10');
      });
      assert.deepEqual(await idSet(t, 'tags:空氣品質'), ['aqi']);
      const counts = await searchDatasets(t.db, { facetFields: ['tags'] }, ANONYMOUS);
      assert.equal(counts.count, 5);
      assert.deepEqual(
        counts.facets.tags?.find((f) => f.name === '空氣品質'),
        { name: '空氣品質', count: 1 },
      );
    });
  });
}
