import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { scheduleQuality } from '../../src/quality/wiring.ts';
import { action } from '../ckan/ckan-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import {
  call,
  createLinkedDataset,
  createOrg,
  datasetBody,
  drain,
  type FileServer,
  startFileServer,
} from './setup.ts';

/** Facet counts as {value: count}. */
const counts = (list: { name: string; count: number }[] | undefined): Record<string, number> =>
  Object.fromEntries((list ?? []).map((f) => [f.name, f.count]));

for (const dialect of testDialects) {
  describe(`quality and openness over HTTP on ${dialect}`, () => {
    let t: TestApp;
    let files: FileServer;
    const ids: Record<string, string> = {};
    let mofId = '';
    let fiaId = '';

    before(async () => {
      files = await startFileServer();
      t = await createTestApp(dialect);
      mofId = (await createOrg(t, 'mof', '財政部')).id;
      fiaId = (await createOrg(t, 'fia', '財政部財政資訊中心', 'mof')).id;
      // The income CSV is added through the resource route, which also queues its datastore load.
      const income = await call(t, 'POST', '/api/v1/datasets', {
        token: t.adminToken,
        body: datasetBody({ name: 'income', org: 'fia', title: '綜稅所得' }),
      });
      assert.equal(income.status, 201, income.text);
      ids.income = income.json.id;
      const res = await call(t, 'POST', '/api/v1/datasets/income/resources', {
        token: t.adminToken,
        body: { name: '所得', url: `${files.base}/income.csv`, format: 'CSV', encoding: 'UTF-8' },
      });
      assert.equal(res.status, 201, res.text);
      const make = async (name: string, path: string, format: string, priv = false) => {
        ids[name] = (
          await createLinkedDataset(t, {
            name,
            org: 'mof',
            url: `${files.base}${path}`,
            format,
            private: priv,
          })
        ).id;
      };
      await make('report', '/report.pdf', 'PDF');
      await make('broken', '/gone.csv', 'CSV');
      await make('secret', '/income.csv', 'CSV', true);
    });
    after(async () => {
      await t.close();
      await files.close();
    });

    it('queues one check per written dataset; running the jobs loads the CSV, then checks it', async () => {
      const queued = await call(t, 'GET', '/api/v1/admin/jobs?kind=quality.check&status=queued', {
        token: t.adminToken,
      });
      assert.equal(queued.status, 200, queued.text);
      const perDataset = queued.json.jobs.map((j: { payload: { datasetId: string } }) => j.payload.datasetId);
      assert.deepEqual([...perDataset].sort(), Object.values(ids).sort());
      const ran = await drain(t);
      // The load runs before the checks (checks have lower priority), and re-queues a check of its dataset.
      assert.equal(ran[0], 'datastore.load');
      assert.equal(ran.filter((k) => k === 'quality.check').length, 4);
      assert.equal(await t.ctx.jobs.runner.runOnce(), null);
    });

    it('shows stars, mark and failed criteria with zh/en fixes on /api/v1 datasets', async () => {
      const income = (await call(t, 'GET', '/api/v1/datasets/income')).json;
      assert.equal(income.quality.stars, 3);
      assert.ok(!Number.isNaN(Date.parse(income.quality.checkedAt)));
      // Loaded in the datastore, its columns match 主要欄位說明: gold; only a declared standard is missing.
      assert.equal(income.quality.mark, 'gold');
      assert.deepEqual(
        income.quality.failedCriteria.map((c: { code: string }) => c.code),
        ['follows_standard'],
      );

      const report = (await call(t, 'GET', '/api/v1/datasets/report')).json.quality;
      assert.equal(report.stars, 1);
      assert.equal(report.mark, 'bronze');
      assert.equal(report.failedCriteria[0].code, 'open_format');

      const broken = (await call(t, 'GET', '/api/v1/datasets/broken')).json.quality;
      assert.equal(broken.stars, 0);
      assert.equal(broken.mark, 'none');
      assert.equal(broken.brokenLinks, 1);
      const link = broken.failedCriteria.find((c: { code: string }) => c.code === 'links_work');
      assert.equal(link.level, 'bronze');
      assert.match(link.fix.zh, /連結/);
      assert.match(link.fix.en, /link/i);
      assert.match(link.detail.en, /404/);

      const list = await call(t, 'GET', '/api/v1/datasets?rows=10');
      const stars = Object.fromEntries(
        list.json.results.map((d: { name: string; quality: { stars: number } }) => [d.name, d.quality.stars]),
      );
      assert.deepEqual(stars, { income: 3, report: 1, broken: 0 });
    });

    it('keeps the private dataset out of anonymous facet counts and fq filters', async () => {
      const anon = await call(t, 'GET', '/api/v1/datasets?facet=openness&facet=quality_mark&rows=0');
      assert.equal(anon.status, 200, anon.text);
      assert.deepEqual(counts(anon.json.facets.openness), { '3': 1, '1': 1, '0': 1 });
      assert.equal(counts(anon.json.facets.quality_mark).none, 1);
      const admin = await call(t, 'GET', '/api/v1/datasets?facet=openness&rows=0', { token: t.adminToken });
      assert.deepEqual(counts(admin.json.facets.openness), { '3': 2, '1': 1, '0': 1 });

      const three = await call(t, 'GET', '/api/v1/datasets?fq=openness:3');
      assert.deepEqual(
        three.json.results.map((d: { name: string }) => d.name),
        ['income'],
      );
      const threeAdmin = await call(t, 'GET', '/api/v1/datasets?fq=openness:3', { token: t.adminToken });
      assert.deepEqual(threeAdmin.json.results.map((d: { name: string }) => d.name).sort(), [
        'income',
        'secret',
      ]);
      const none = await call(t, 'GET', '/api/v1/datasets?fq=quality_mark:none');
      assert.deepEqual(
        none.json.results.map((d: { name: string }) => d.name),
        ['broken'],
      );
    });

    it('gives CKAN clients openness_score and quality_mark, facets and fq, CKAN keys untouched', async () => {
      const show = await action(t, 'package_show', { get: { id: 'report' } });
      assert.equal(show.status, 200, show.text);
      assert.equal(show.body.result.openness_score, 1);
      assert.equal(show.body.result.quality_mark, 'bronze');
      assert.equal(show.body.result.isopen, true);
      assert.equal(show.body.result.name, 'report');
      const search = await action(t, 'package_search', {
        get: { 'facet.field': '["openness","quality_mark"]', fq: 'openness:0 OR openness:1', rows: '10' },
      });
      assert.equal(search.status, 200, search.text);
      assert.equal(search.body.result.count, 2);
      assert.deepEqual(search.body.result.facets.openness, { '0': 1, '1': 1 });
      assert.equal(search.body.result.facets.quality_mark.bronze, 1);
      const scores = Object.fromEntries(
        search.body.result.results.map((p: { name: string; openness_score: number }) => [
          p.name,
          p.openness_score,
        ]),
      );
      assert.deepEqual(scores, { report: 1, broken: 0 });
      const all = await action(t, 'package_search', { get: { 'facet.field': '["openness"]' } });
      assert.deepEqual(all.body.result.facets.openness, { '3': 1, '1': 1, '0': 1 });
    });

    it('a change queues one check; once run, the stars and the facets follow the new link', async () => {
      const before = (await call(t, 'GET', '/api/v1/datasets/report')).json;
      for (const title of ['年度報告', '年度報告（修正）']) {
        const r = await call(t, 'PATCH', '/api/v1/datasets/report', { token: t.adminToken, body: { title } });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.quality.stars, 1, 'the last check stays shown until the next one ran');
      }
      const openness = async () =>
        (await action(t, 'package_search', { get: { 'facet.field': '["openness"]', rows: '0' } })).body.result
          .facets.openness;
      assert.deepEqual(await openness(), { '3': 1, '1': 1, '0': 1 });
      const res = await call(t, 'PATCH', `/api/v1/resources/${before.resources[0].id}`, {
        token: t.adminToken,
        body: { url: `${files.base}/income.csv`, format: 'CSV' },
      });
      assert.equal(res.status, 200, res.text);
      const queued = await call(t, 'GET', '/api/v1/admin/jobs?kind=quality.check&status=queued', {
        token: t.adminToken,
      });
      assert.deepEqual(
        queued.json.jobs.map((j: { payload: { datasetId: string } }) => j.payload.datasetId),
        [ids.report],
      );
      assert.deepEqual(await drain(t), ['quality.check']);
      assert.equal((await call(t, 'GET', '/api/v1/datasets/report')).json.quality.stars, 3);
      const anon = await call(t, 'GET', '/api/v1/datasets?facet=openness&rows=0');
      assert.deepEqual(counts(anon.json.facets.openness), { '3': 2, '0': 1 });
      assert.deepEqual(
        await openness(),
        { '3': 2, '0': 1 },
        'the same CKAN search follows the finished check',
      );
      const history = await call(t, 'GET', '/api/v1/datasets/report/quality');
      assert.deepEqual(
        history.json.history.map((h: { stars: number }) => h.stars),
        [3, 1],
      );
      assert.equal((await call(t, 'GET', '/api/v1/datasets/secret/quality')).status, 403);
    });

    it('scorecards roll sub-agencies up to the ministry, count public datasets only, and keep a trend', async () => {
      await scheduleQuality(t.ctx);
      const ran = await drain(t);
      assert.deepEqual([...ran].sort(), ['quality.snapshot', 'quality.sweep']);
      const mof = await call(t, 'GET', '/api/v1/organizations/mof/scorecard');
      assert.equal(mof.status, 200, mof.text);
      assert.equal(mof.json.datasets, 3, 'income (sub-agency), report, broken; not the private one');
      assert.equal(mof.json.checked, 3);
      assert.deepEqual(mof.json.subOrgIds, [fiaId]);
      assert.equal(mof.json.openFormatShare, Math.round((2 / 3) * 1000) / 1000);
      assert.equal(mof.json.brokenLinks, 1);
      assert.deepEqual(mof.json.ancestors, []);
      assert.equal(mof.json.ministry.name, 'mof');
      assert.equal(mof.json.trend.length, 1);
      assert.equal(mof.json.trend[0].datasets, 3);

      const fia = await call(t, 'GET', `/api/v1/organizations/${fiaId}/scorecard`);
      assert.equal(fia.json.datasets, 1);
      assert.equal(fia.json.averageStars, 3);
      assert.deepEqual(
        fia.json.ancestors.map((a: { id: string }) => a.id),
        [mofId],
      );
      assert.equal(fia.json.ministry.title, '財政部');
      assert.equal((await call(t, 'GET', '/api/v1/organizations/nobody/scorecard')).status, 404);

      const all = await call(t, 'GET', '/api/v1/scorecards');
      assert.deepEqual(all.json.map((c: { name: string }) => c.name).sort(), ['fia', 'mof']);
      const top = await call(t, 'GET', '/api/v1/scorecards?topLevel=true');
      assert.deepEqual(
        top.json.map((c: { name: string }) => c.name),
        ['mof'],
      );
    });

    it('exports scorecards as CSV with a BOM, in zh-TW or English', async () => {
      const zh = await call(t, 'GET', '/api/v1/scorecards.csv');
      assert.equal(zh.status, 200);
      assert.match(String(zh.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(String(zh.headers['content-disposition']), /attachment/);
      assert.ok(zh.text.startsWith('\uFEFF機關網址名,機關名稱,上級機關'), zh.text.slice(0, 40));
      const rows = zh.text.slice(1).trim().split('\r\n');
      const fia = rows.find((r) => r.startsWith('fia,'));
      assert.ok(fia?.startsWith('fia,財政部財政資訊中心,mof,1,1,'), fia);
      const en = await call(t, 'GET', '/api/v1/scorecards.csv?lang=en');
      assert.ok(en.text.startsWith('\uFEFForg_name,org_title,parent_org,datasets'));
      assert.equal((await call(t, 'GET', '/api/v1/scorecards.csv?lang=fr')).status, 400);
    });
  });
}
