import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../src/app-context.ts';
import { SYSTEM_ACTOR } from '../../src/catalog/actor.ts';
import { loadDatasets } from '../../src/catalog/dataset-rows.ts';
import { createDataset } from '../../src/catalog/dataset-service.ts';
import { findGroup } from '../../src/catalog/group-service.ts';
import type { Dataset } from '../../src/catalog/types.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { externalDatasetOf } from '../../src/interop/dataset-input.ts';
import { mediaTypeOf } from '../../src/interop/file-formats.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';

/** Every mapped field of a dataset, as DCAT carries it (source dates and free extras are not DCAT fields here). */
async function mapped(ctx: AppContext, d: Dataset) {
  const org = d.ownerOrg ? await findGroup(ctx.db.kysely, 'organization', d.ownerOrg) : null;
  const { issued: _i, modified: _m, extras: _e, ...rest } = externalDatasetOf(d, org);
  return {
    ...rest,
    resources: rest.resources.map((r) => ({ ...r, mimetype: r.mimetype || mediaTypeOf(r.format) })),
  };
}

async function publicDatasets(ctx: AppContext): Promise<Dataset[]> {
  const rows = await ctx.db.kysely
    .selectFrom('datasets')
    .select('id')
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .execute();
  return loadDatasets(
    ctx.db.kysely,
    rows.map((r) => r.id),
  );
}

for (const dialect of testDialects) {
  describe(`DCAT round trip between two ODPs on ${dialect}`, () => {
    let a: TestApp;
    let b: TestApp;
    let origin = '';
    before(async () => {
      a = await createTestApp(dialect);
      b = await createTestApp(dialect);
      await loadDemo(a.ctx);
      await createDataset(a.ctx.catalog, SYSTEM_ACTOR, {
        name: 'every-field',
        title: '全欄位資料集',
        notes: '每個對應欄位都有值',
        ownerOrg: 'npa',
        licenseId: 'gov-tw-1.0',
        tags: ['交通', 'traffic'],
        tw: {
          serviceCategory: 'E00',
          updateFrequency: 'monthly',
          cost: { type: 'paid', feeUrl: 'https://www.npa.gov.tw/fee', legalBasis: '規費法第10條' },
          fieldDescriptions: '發生日期、發生時間、死亡人數',
          contactName: '王小明',
          contactPhone: '02-23219011#5566',
          contactEmail: 'open@npa.gov.tw',
          temporalStart: '2022-01-01',
          temporalEnd: '2022-12-31',
          spatial: '臺灣',
          language: 'zh-TW',
          provisionType: 'file',
          relatedUrl: 'https://www.npa.gov.tw/',
          remarks: '每月更新',
        },
        resources: [
          {
            name: '111年A1事故',
            description: 'CSV 檔',
            url: 'https://data.npa.gov.tw/a1-2022.csv',
            format: 'CSV',
            encoding: 'UTF-8',
            size: 1_048_576,
            recordCount: 4544,
          },
          { name: 'GeoPackage', url: 'https://data.npa.gov.tw/a1-2022.gpkg', format: 'GPKG', encoding: '' },
        ],
      });
      origin = await a.app.listen({ port: 0, host: '127.0.0.1' });
      a.ctx.config.baseUrl = origin; // links in the export (hydra:next) point at the listening server
    });
    after(async () => {
      await a.close();
      await b.close();
    });

    it("a second ODP harvests the first one's /catalog.ttl (paged) and keeps every mapped field", async () => {
      const created = await b.app.inject({
        method: 'POST',
        url: '/api/v1/harvest/sources',
        headers: { authorization: b.adminToken },
        payload: { name: 'first-odp', url: `${origin}/catalog.ttl?page_size=4`, type: 'dcat' },
      });
      assert.equal(created.statusCode, 201, created.body);
      const { id } = created.json() as { id: string };
      const run = await b.app.inject({
        method: 'POST',
        url: `/api/v1/harvest/sources/${id}/run?wait=true`,
        headers: { authorization: b.adminToken },
      });
      const report = run.json() as {
        added: number;
        errorCount: number;
        documents: number;
        errors: unknown[];
      };
      const source = await publicDatasets(a.ctx);
      assert.ok(source.length > 4, 'more than one page');
      assert.equal(report.errorCount, 0, JSON.stringify(report.errors));
      assert.equal(report.added, source.length);
      assert.equal(report.documents, Math.ceil(source.length / 4), 'followed hydra:next to the last page');
      const copies = new Map((await publicDatasets(b.ctx)).map((d) => [d.name, d]));
      for (const d of source) {
        const copy = copies.get(d.name);
        assert.ok(copy, `${d.name} harvested under its own name`);
        assert.deepEqual(await mapped(b.ctx, copy), await mapped(a.ctx, d), d.name);
        assert.equal(copy.harvestSource?.remoteId, d.tw.identifier);
      }
      const full = copies.get('every-field');
      assert.equal(full?.tw.cost.legalBasis, '規費法第10條');
      assert.equal(full?.resources[0]?.recordCount, 4544);
    });

    it('a re-run finds nothing changed', async () => {
      const [source] = (
        await b.app.inject({ url: '/api/v1/harvest/sources', headers: { authorization: b.adminToken } })
      ).json() as { id: string }[];
      const run = await b.app.inject({
        method: 'POST',
        url: `/api/v1/harvest/sources/${source?.id}/run?wait=true`,
        headers: { authorization: b.adminToken },
      });
      const r = run.json() as { added: number; updated: number; unchanged: number; withdrawn: number };
      assert.deepEqual([r.added, r.updated, r.withdrawn], [0, 0, 0]);
      assert.ok(r.unchanged > 4);
    });
  });
}
