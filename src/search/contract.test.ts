import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDb, type TestDb, testDialects } from '../../test/helpers/test-db.ts';
import { reindexAll, searchDatasets } from './index.ts';
import { makeDataset, makeGroup } from './test-factory.ts';
import { ANONYMOUS } from './types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** Every 20th real data.gov.tw title with its agency (the export has one dataset per line, no quoted newlines in this slice). */
function sampleTitles(): { agency: string; title: string }[] {
  const lines = readFileSync(join(ROOT, 'fixtures/real/catalog/16-22_data_gov_download.csv'), 'utf8')
    .split('\n')
    .slice(1);
  const out: { agency: string; title: string }[] = [];
  for (let i = 0; i < lines.length; i += 20) {
    const [agency = '', title = ''] = (lines[i] ?? '').split(',');
    if (agency && title && !title.startsWith('"')) out.push({ agency, title });
  }
  return out;
}

const judged: { q: string }[] = JSON.parse(
  readFileSync(join(ROOT, 'bench/relevance/queries.json'), 'utf8'),
).queries;
const QUERIES = [
  ...judged.map((j) => j.q),
  '"人口統計"',
  '統計 -人口',
  '空氣 OR 水質',
  '(預算 OR 決算) 臺北',
  'title:統計 NOT 人口',
  'organization:行政院環境保護署',
  'tags:統計',
  'res_format:CSV 交通',
  '統計 res_format:JSON',
  '臺北市空氣品質',
  'ＰＭ２．５',
  'A1類',
  '*:*',
  '資',
  '105年',
];

const dbs = new Map<string, TestDb>();

before(async () => {
  const titles = sampleTitles();
  for (const dialect of testDialects) {
    const t = await createTestDb(dialect);
    dbs.set(dialect, t);
    const orgs = new Map<string, string>();
    await t.db.kysely.transaction().execute(async (trx) => {
      let n = 0;
      for (const { agency, title } of titles) {
        let org = orgs.get(agency);
        if (!org) {
          org = await makeGroup(trx, { name: `org${orgs.size}`, title: agency });
          orgs.set(agency, org);
        }
        const words = [...new Intl.Segmenter('zh-Hant', { granularity: 'word' }).segment(title)]
          .map((s) => s.segment)
          .filter((w) => w.length >= 2);
        await makeDataset(trx, {
          id: `d${n}`,
          title,
          ownerOrg: org,
          tags: [...new Set(words.slice(0, 2))],
          resources: [{ name: title, format: n % 3 === 0 ? 'JSON' : 'CSV' }],
          modified: new Date(Date.UTC(2018, 0, 1) + n * 3600_000).toISOString(),
        });
        n++;
      }
    });
    await reindexAll(t.db);
  }
});

after(async () => {
  for (const t of dbs.values()) await t.dispose();
});

test('SQLite FTS5 and PostgreSQL tsvector return the same matches for the same queries', {
  skip: testDialects.length < 2,
}, async () => {
  const [a, b] = testDialects.map((d) => dbs.get(d) as TestDb);
  let nonEmpty = 0;
  for (const q of QUERIES) {
    const run = async (t: TestDb) => {
      const r = await searchDatasets(
        t.db,
        { q, rows: 1000, facetFields: ['organization', 'res_format'] },
        ANONYMOUS,
      );
      return { ids: [...r.ids].sort(), count: r.count, facets: r.facets };
    };
    const [x, y] = [await run(a as TestDb), await run(b as TestDb)];
    assert.deepEqual(x.ids, y.ids, `ids differ for ${q}`);
    assert.equal(x.count, y.count, q);
    assert.deepEqual(x.facets, y.facets, `facets differ for ${q}`);
    if (x.count > 0) nonEmpty++;
  }
  assert.ok(
    nonEmpty >= QUERIES.length - 12,
    `only ${nonEmpty} of ${QUERIES.length} queries matched anything`,
  );
});

test('real titles: a 2-character query matches inside longer words', async () => {
  for (const t of dbs.values()) {
    const r = await searchDatasets(t.db, { q: '統計', rows: 1000 }, ANONYMOUS);
    const titles = await t.db.kysely.selectFrom('datasets').select(['id', 'title']).execute();
    const expected = titles.filter((d) => d.title.includes('統計')).map((d) => d.id);
    const got = new Set(r.ids);
    for (const id of expected) assert.ok(got.has(id), `${id} not found`);
  }
});
