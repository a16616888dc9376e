import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { type LocalServer, localServer } from './local-server.ts';

const CATALOG = resolve(import.meta.dirname, '../../fixtures/real/catalog');

/** The statistics export is 35,955 rows; tests serve its first 1,500 records (header + rows, cut at a line). */
function statsSlice(): Buffer {
  const text = readFileSync(resolve(CATALOG, '16-22_data_gov_download.csv'), 'utf8');
  const lines = text.split('\n');
  return Buffer.from(lines.slice(0, 1501).join('\n'), 'utf8');
}

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  xml: 'application/xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
};

/** Every real export, the source type, and what a first harvest must give (pinned). */
const CASES = [
  { file: 'datasets_list.csv', type: 'datagovtw', added: 74, errors: 0 },
  { file: 'datasets_list.json', type: 'datagovtw', added: 74, errors: 0 },
  { file: 'datasets_list.xml', type: 'datagovtw', added: 74, errors: 0 },
  { file: 'datasets_list.xlsx', type: 'datagovtw', added: 74, errors: 0 },
  { file: '03_taoyuan.csv', type: 'taoyuan', added: 1444, errors: 0 },
  { file: '桃園市政府開放資料供應清單.xls', type: 'taoyuan', added: 1429, errors: 0 },
  { file: '08_Taichung.csv', type: 'taichung', added: 1136, errors: 0 },
  // Yilan lists four titles twice; the title is its only key, so the repeats are reported, not merged.
  { file: 'yilan.2018.03.20.OpenData.csv', type: 'yilan', added: 352, errors: 4 },
  { file: 'stats-slice.csv', type: 'datagovtw', added: 1500, errors: 0 },
] as const;

for (const dialect of testDialects) {
  describe(`harvesting the real catalogue exports on ${dialect}`, () => {
    let t: TestApp;
    let server: LocalServer;
    before(async () => {
      t = await createTestApp(dialect);
      const stats = statsSlice();
      server = await localServer((_req, res, url) => {
        const name = decodeURIComponent(url.pathname.slice(1));
        try {
          const body = name === 'stats-slice.csv' ? stats : readFileSync(resolve(CATALOG, name));
          const ext = name.split('.').pop() ?? '';
          res.writeHead(200, { 'content-type': CONTENT_TYPES[ext] ?? 'application/octet-stream' }).end(body);
        } catch {
          res.writeHead(404).end();
        }
      });
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const admin = () => ({ authorization: t.adminToken });

    for (const c of CASES) {
      it(`${c.file} (${c.type}): ${c.added} datasets, ${c.errors} reported records`, async () => {
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/harvest/sources',
          headers: admin(),
          payload: {
            name: `src-${CASES.indexOf(c)}`,
            url: `${server.url}/${encodeURIComponent(c.file)}`,
            type: c.type,
          },
        });
        assert.equal(created.statusCode, 201, created.body);
        const { id } = created.json() as { id: string };
        const run = await t.app.inject({
          method: 'POST',
          url: `/api/v1/harvest/sources/${id}/run?wait=true`,
          headers: admin(),
        });
        assert.equal(run.statusCode, 200, run.body);
        const report = run.json() as {
          added: number;
          errorCount: number;
          status: string;
          errors: { error: string }[];
        };
        assert.equal(report.status, 'succeeded');
        assert.equal(report.added, c.added, JSON.stringify(report.errors.slice(0, 3)));
        assert.equal(report.errorCount, c.errors);
        const count = await t.ctx.db.kysely
          .selectFrom('datasets')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('harvest_source', 'like', `%${id}%`)
          .where('state', '=', 'active')
          .executeTakeFirstOrThrow();
        assert.equal(Number(count.n), c.added, 'the datasets are in the catalogue');
      });
    }

    it('gives harvested datasets their agencies (found by code or name, else created once)', async () => {
      const taichung = await t.app.inject({ url: '/api/v1/harvest/sources/src-6', headers: admin() });
      const { id } = taichung.json() as { id: string };
      const orgs = await t.ctx.db.kysely
        .selectFrom('datasets')
        .innerJoin('groups', 'groups.id', 'datasets.owner_org')
        .select('groups.title')
        .distinct()
        .where('datasets.harvest_source', 'like', `%${id}%`)
        .execute();
      assert.ok(orgs.length > 10, `${orgs.length} Taichung agencies`);
      const dupes = await t.ctx.db.kysely
        .selectFrom('groups')
        .select(['title', (eb) => eb.fn.countAll<number>().as('n')])
        .where('kind', '=', 'organization')
        .groupBy('title')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      assert.deepEqual(dupes, [], 'no agency created twice');
    });
  });
}
