import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/catalog/actor.ts';
import { createDataset } from '../../src/catalog/dataset-service.ts';
import { createGroup, setMember } from '../../src/catalog/group-service.ts';
import { taiwanLocalTime } from '../../src/interop/datagovtw/catalog-export.ts';
import { parseDataGovTwCsv } from '../../src/interop/harvest/datagovtw-files.ts';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';

const OID = '2.16.886.101.20003.20082';

/** What an agency system sends to data.gov.tw. */
const payload = (title = '政府資料開放平臺資料集清單') => ({
  categoryService: 'I00',
  title,
  description: '集中列示於政府資料開放平臺之資料集詮釋資料',
  type: 'rawData',
  license: '1',
  cost: 'free',
  publisherOID: `${OID}|數位發展部`,
  publisherContactName: '陳先生',
  publisherContactPhone: '02-23800791#123',
  publisherContactEmail: 'opendata@moda.gov.tw',
  updateFrequency: { regularupdate: '1', Frequency: '1', unittime: '日' },
  coverageStartedDate: '2014-01-01',
  spatialCoverage: '臺灣',
  language: 'zh-TW',
  keyword: ['資料集', '清單'],
  notes: '每日凌晨更新',
  distribution: [
    {
      resourceDescription: '資料集清單 CSV',
      resourceFormat: 'csv',
      resourceCharacterEncoding: 'utf-8',
      resourceDownloadUrl: 'https://data.gov.tw/datasets/export/csv',
      resourceAmount: '52000',
    },
  ],
});

interface Answer {
  success: boolean;
  result?: Record<string, unknown>;
  errors?: { code: string; message: string }[];
}

for (const dialect of testDialects) {
  describe(`data.gov.tw compatibility on ${dialect}`, () => {
    let t: TestApp;
    let agencyKey = '';
    let outsiderKey = '';
    before(async () => {
      t = await createTestApp(dialect);
      await createGroup(t.ctx.catalog, SYSTEM_ACTOR, 'organization', {
        name: 'moda',
        title: '數位發展部',
        govOid: OID,
        orgCode: 'A21000000I',
      });
      const agency = await userWithToken(t.ctx, 'moda-system');
      await setMember(t.ctx.catalog, SYSTEM_ACTOR, 'moda', agency.id, 'editor');
      agencyKey = agency.token;
      outsiderKey = (await userWithToken(t.ctx, 'outsider')).token;
      await createDataset(t.ctx.catalog, SYSTEM_ACTOR, {
        name: 'hidden-one',
        title: '未公開',
        ownerOrg: 'moda',
        private: true,
      });
    });
    after(() => t.close());

    const call = async (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      key: string | null,
      body?: unknown,
    ) => {
      const res = await t.app.inject({
        method,
        url,
        headers: key ? { authorization: key } : {},
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: res.statusCode, body: res.json() as Answer };
    };
    const codes = (a: Answer) => (a.errors ?? []).map((e) => e.code);

    it('an agency system creates, reads, updates and deletes a dataset through /api/v2/rest', async () => {
      const created = await call('POST', '/api/v2/rest/dataset', agencyKey, payload());
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const datasetId = String(created.body.result?.datasetId);
      assert.match(datasetId, /^A21000000I-\d{6}$/, 'the data.gov.tw identifier of the agency');
      assert.equal(created.body.result?.publisherOID, `${OID}|數位發展部`);

      const read = await call('GET', `/api/v2/rest/dataset/${datasetId}`, null);
      assert.equal(read.status, 200);
      assert.equal(read.body.result?.title, '政府資料開放平臺資料集清單');
      assert.deepEqual(read.body.result?.keyword, ['清單', '資料集'].sort());
      assert.deepEqual(read.body.result?.updateFrequency, {
        regularupdate: '1',
        Frequency: '1',
        unittime: '日',
      });

      const updated = await call('PUT', `/api/v2/rest/dataset/${datasetId}`, agencyKey, {
        ...payload('資料集清單（修訂）'),
        cost: 'paid',
        costLaw: '規費法',
      });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.body.result?.datasetId, datasetId, 'identifier kept');
      const again = await call('GET', `/api/v2/rest/dataset/${datasetId}`, null);
      assert.equal(again.body.result?.title, '資料集清單（修訂）');
      assert.equal(again.body.result?.cost, 'paid');

      const deleted = await call('DELETE', `/api/v2/rest/dataset/${datasetId}`, agencyKey);
      assert.equal(deleted.status, 200);
      assert.equal((await call('GET', `/api/v2/rest/dataset/${datasetId}`, null)).status, 404);
      assert.deepEqual(codes((await call('DELETE', `/api/v2/rest/dataset/${datasetId}`, agencyKey)).body), [
        'ER0004',
      ]);
    });

    it('answers with data.gov.tw error codes', async () => {
      const noKey = await call('POST', '/api/v2/rest/dataset', null, payload());
      assert.equal(noKey.status, 401);
      assert.deepEqual(codes(noKey.body), ['ER0001']);
      assert.deepEqual(codes((await call('POST', '/api/v2/rest/dataset', 'not-a-key', payload())).body), [
        'ER0001',
      ]);
      const outsider = await call('POST', '/api/v2/rest/dataset', outsiderKey, payload());
      assert.equal(outsider.status, 403);
      assert.deepEqual(codes(outsider.body), ['ER0005']);
      const { title: _t, distribution: _d, ...broken } = payload();
      const bad = await call('POST', '/api/v2/rest/dataset', agencyKey, broken);
      assert.equal(bad.status, 400);
      assert.deepEqual(codes(bad.body).sort(), ['ER0011', 'ER0081']);
      const unknownOid = await call('POST', '/api/v2/rest/dataset', agencyKey, {
        ...payload(),
        publisherOID: '2.16.886.101.99999|不存在機關',
      });
      assert.deepEqual(codes(unknownOid.body), ['ER0043']);
      assert.equal(
        (await call('GET', '/api/v2/rest/dataset/hidden-one', null)).status,
        404,
        'private stays hidden',
      );
      assert.equal((await call('GET', '/api/v2/rest/dataset/hidden-one', agencyKey)).status, 200);
    });

    it("exports the public catalogue in the 22-column layout and lists the day's changes", async () => {
      const _a = await call('POST', '/api/v2/rest/dataset', agencyKey, payload('交通流量'));
      const b = await call('POST', '/api/v2/rest/dataset', agencyKey, payload('空氣品質'));
      await call('DELETE', `/api/v2/rest/dataset/${b.body.result?.datasetId}`, agencyKey);
      const csv = await t.app.inject({ url: '/api/v2/rest/dataset/export?format=csv' });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
      const rows = parseDataGovTwCsv(csv.body);
      const titles = rows.flatMap((r) => ('input' in r ? [r.input.title] : []));
      assert.deepEqual(titles, ['交通流量'], 'only public active datasets');
      for (const format of ['json', 'xml'] as const) {
        const res = await t.app.inject({ url: `/api/v2/rest/dataset/export?format=${format}` });
        assert.equal(res.statusCode, 200);
        assert.ok(
          res.body.includes('交通流量') && !res.body.includes('空氣品質') && !res.body.includes('未公開'),
        );
      }
      const today = taiwanLocalTime(new Date().toISOString()).slice(0, 10);
      const changes = await t.app.inject({ url: `/api/v2/rest/dataset/changes?date=${today}` });
      const list = changes.json() as Record<
        'added' | 'changed' | 'deleted',
        { identifier: string; title: string }[]
      >;
      assert.deepEqual(
        list.added.map((e) => e.title),
        ['交通流量'],
      );
      assert.ok(!JSON.stringify(list).includes('未公開'), 'private datasets are not listed');
      assert.ok(
        !list.deleted.some((e) => e.title === '空氣品質'),
        'created and deleted the same day: not listed',
      );
      assert.ok(
        !list.deleted.some((e) => e.title === '資料集清單（修訂）'),
        'nor the one from the first test',
      );
      // Datasets that existed before today and were deleted today: listed only if they were public.
      const older = await call('POST', '/api/v2/rest/dataset', agencyKey, payload('舊資料集'));
      const olderId = String(older.body.result?.datasetId);
      const secret = await createDataset(t.ctx.catalog, SYSTEM_ACTOR, {
        name: 'old-secret',
        title: '舊的未公開',
        ownerOrg: 'moda',
        private: true,
      });
      const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const ids = await t.ctx.db.kysely
        .selectFrom('datasets')
        .select('id')
        .where((eb) => eb.or([eb('identifier', '=', olderId), eb('id', '=', secret.id)]))
        .execute();
      await t.ctx.db.kysely
        .updateTable('activities')
        .set({ timestamp: yesterday })
        .where(
          'object_id',
          'in',
          ids.map((r) => r.id),
        )
        .execute();
      await call('DELETE', `/api/v2/rest/dataset/${olderId}`, agencyKey);
      await call('DELETE', '/api/v2/rest/dataset/old-secret', agencyKey);
      const later = (
        await t.app.inject({ url: `/api/v2/rest/dataset/changes?date=${today}` })
      ).json() as typeof list;
      assert.deepEqual(
        later.deleted.map((e) => [e.identifier, e.title]),
        [[olderId, '舊資料集']],
      );
      assert.equal(
        (await t.app.inject({ url: '/api/v2/rest/dataset/changes?date=2024-13-45' })).statusCode,
        200,
      );
      assert.equal(
        (await t.app.inject({ url: '/api/v2/rest/dataset/changes?date=yesterday' })).statusCode,
        400,
      );
    });

    it('serves schema.org JSON-LD and a Data Package for readable datasets only', async () => {
      const created = await call('POST', '/api/v2/rest/dataset', agencyKey, payload('schema 測試'));
      const id = String(created.body.result?.datasetId);
      const { name } = await t.ctx.db.kysely
        .selectFrom('datasets')
        .select('name')
        .where('identifier', '=', id)
        .executeTakeFirstOrThrow();
      const schema = await t.app.inject({ url: `/api/v1/datasets/${name}/schema.org` });
      assert.equal(schema.statusCode, 200);
      assert.match(String(schema.headers['content-type']), /^application\/ld\+json/);
      const doc = schema.json() as Record<string, unknown>;
      assert.equal(doc['@type'], 'Dataset');
      assert.equal(doc.identifier, id);
      for (const url of [`/dataset/${name}/datapackage.json`, `/api/v1/datasets/${name}/datapackage`]) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 200, url);
        const pkg = res.json() as { resources: { path: string; format: string }[] };
        assert.equal(pkg.resources[0]?.path, 'https://data.gov.tw/datasets/export/csv');
        assert.equal(pkg.resources[0]?.format, 'csv');
      }
      assert.equal((await t.app.inject({ url: '/api/v1/datasets/hidden-one/schema.org' })).statusCode, 403);
      assert.equal((await t.app.inject({ url: '/dataset/hidden-one/datapackage.json' })).statusCode, 403);
    });
  });
}
