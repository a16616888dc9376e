import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueue } from '../../src/platform/jobs/index.ts';
import { testDialects } from '../helpers/test-db.ts';
import { htmlProblems } from './html-validate.ts';
import { createPortalApp, type PortalApp, postForm, signIn } from './web-app.ts';

for (const dialect of testDialects) {
  describe(`quality pages (${dialect})`, () => {
    let t: PortalApp;
    before(async () => {
      t = await createPortalApp(dialect);
    });
    after(async () => t?.close());

    const get = (url: string, cookie = '') => t.app.inject({ url, headers: { accept: 'text/html', cookie } });

    test('dataset page: openness stars, the mark, and each failed criterion with its fix, in both languages', async () => {
      const zh = (await get('/datasets/village-income-106')).body;
      const section = /<section aria-labelledby="quality-h">([\s\S]*?)<\/section>/.exec(zh)?.[1] ?? '';
      assert.match(section, /開放程度 3 星（滿分 5 星）/);
      assert.match(section, /<span class="mark mark-none">尚無標章<\/span>/);
      // The description lists no column names: the gold criterion fails, with what was found and the fix.
      assert.match(section, /欄位與主要欄位說明相符 <span class="muted">（金標章條件）<\/span>/);
      assert.match(section, /改善方式：<\/span> 讓「主要欄位說明」以「、」分隔列出檔案的欄位名稱/);
      assert.match(section, /href="\/organizations\/fia\/scorecard"/);
      const en = (await get('/en/datasets/village-income-106')).body;
      assert.match(en, /Openness: 3 of 5 stars/);
      assert.match(en, /Columns match the field descriptions <span class="muted">\(needed for Gold\)/);
      assert.match(en, /How to fix:<\/span> List the file’s column names/);
      assert.doesNotMatch(en, /改善方式/);
      // A dataset whose file is missing earns no stars and is told to fix its link.
      const broken = (await get('/en/datasets/a1-traffic-accidents-2022')).body;
      assert.match(broken, /Openness: 0 of 5 stars/);
      assert.match(broken, /Every resource link works/);
      const gold = (await get('/datasets/taitung-shelters')).body;
      assert.match(gold, /<p class="quality-line"><a href="#quality-h">[\s\S]*?金標章/);
    });

    test('search results show each dataset’s stars and mark; the mark facet filters', async () => {
      const res = await get('/datasets?organization=taitung');
      const card = /<li class="dataset-card">([\s\S]*?)<\/li>/.exec(res.body)?.[1] ?? '';
      assert.match(card, /臺東縣避難收容處所/);
      assert.match(card, /開放程度 3 星/);
      assert.match(card, /金標章/);
      const gold = await get('/en/datasets?quality_mark=gold');
      assert.match(gold.body, /1 dataset\b/);
      assert.match(gold.body, /Quality mark: Gold/);
    });

    test('scorecards: every agency with its figures, rolled up under its ministry; CSV in the page language', async () => {
      const all = (await get('/scorecards')).body;
      const moi =
        /<a href="\/organizations\/moi\/scorecard">內政部<\/a><\/th>([\s\S]*?)<\/tr>/.exec(all)?.[1] ?? '';
      const cells = [...moi.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
      // 4 datasets (3 own + the sub-agency's), all checked, one of them open (the sub-agency's).
      assert.deepEqual(cells.slice(0, 4), ['4', '4', '25%', '25%']);
      assert.match(all, /<th scope="row" class="sub-org"><a href="\/organizations\/fia\/scorecard">/);
      const csvHref = /href="(\/api\/v1\/scorecards\.csv\?lang=zh-TW)" download>/.exec(all)?.[1] ?? '';
      const csv = await t.app.inject({ url: csvHref });
      assert.equal(csv.statusCode, 200);
      assert.match(csv.body, /內政部/);
      assert.match(
        (await get('/en/scorecards')).body,
        /href="\/api\/v1\/scorecards\.csv\?lang=en" download>/,
      );
      const one = (await get('/en/organizations/moi/scorecard')).body;
      assert.match(one, /its 1 sub-agency/);
      assert.match(one, /<span class="figure">25%<\/span> <span class="figure-label">Open<\/span>/);
      assert.match(one, /Last 1 day/);
      assert.equal((await get('/organizations/nobody/scorecard')).statusCode, 404);
    });

    test('admin jobs: sign-in required, sysadmins only; list, cancel and retry through CSRF-protected forms', async () => {
      const anon = await get('/admin/jobs');
      assert.equal(anon.statusCode, 303);
      assert.match(String(anon.headers.location), /^\/user\/login\?next=/);
      const editor = await signIn(t.app, t.seed.editor.name, t.seed.editor.password);
      assert.equal((await get('/admin/jobs', editor.cookie)).statusCode, 403);

      const failed = await enqueue(t.ctx.db, 'quality.check', {}, { maxAttempts: 1, priority: 100 });
      assert.equal((await t.ctx.jobs.runner.runOnce())?.id, failed.id);
      const queued = await enqueue(
        t.ctx.db,
        'quality.check',
        { datasetId: 'x' },
        { runAt: new Date(Date.now() + 3600_000) },
      );

      const root = await signIn(t.app, t.seed.sysadmin.name, t.seed.sysadmin.password);
      for (const url of ['/admin/jobs', '/en/admin/jobs?status=failed']) {
        const page = await get(url, root.cookie);
        assert.equal(page.statusCode, 200, url);
        assert.deepEqual(await htmlProblems(page.body), [], url);
        assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      }
      const list = (await get('/en/admin/jobs?status=failed', root.cookie)).body;
      assert.match(list, /<span class="figure">1<\/span> <span class="figure-label">Failed<\/span>/);
      assert.match(list, /datasetId/, 'the failed job’s error is shown');
      assert.match(list, new RegExp(`action="/en/admin/jobs/${failed.id}/retry"`));

      // Without the session's token nothing changes.
      const forged = await postForm(t.app, `/admin/jobs/${queued.id}/cancel`, root.cookie, { _csrf: 'nope' });
      assert.equal(forged.statusCode, 400);
      const cancel = await postForm(t.app, `/admin/jobs/${queued.id}/cancel`, root.cookie, {
        _csrf: root.csrf,
        back: '/admin/jobs?status=queued',
      });
      assert.equal(cancel.statusCode, 303);
      assert.equal(cancel.headers.location, '/admin/jobs?status=queued&done=cancelled');
      const after = (await get(String(cancel.headers.location), root.cookie)).body;
      assert.match(after, /<p class="notice" role="status">已取消。<\/p>/);
      assert.doesNotMatch(after, new RegExp(`/admin/jobs/${queued.id}/cancel`));
      // Cancelling again is refused with a message, not an error page; an outside `back` is ignored.
      const again = await postForm(t.app, `/admin/jobs/${queued.id}/cancel`, root.cookie, {
        _csrf: root.csrf,
        back: 'https://evil.example/',
      });
      assert.equal(again.headers.location, '/admin/jobs?done=refused');
      const retry = await postForm(t.app, `/en/admin/jobs/${failed.id}/retry`, root.cookie, {
        _csrf: root.csrf,
      });
      assert.equal(retry.headers.location, '/en/admin/jobs?done=retried');
      const jobs = await t.app.inject({
        url: '/api/v1/admin/jobs?kind=quality.check',
        headers: { authorization: t.adminToken },
      });
      const byId = new Map(
        (jobs.json().jobs as { id: string; status: string }[]).map((j) => [j.id, j.status]),
      );
      assert.equal(byId.get(failed.id), 'queued');
      assert.equal(byId.get(queued.id), 'cancelled');
      assert.equal(
        (await postForm(t.app, `/admin/jobs/${failed.id}/retry`, editor.cookie, { _csrf: editor.csrf }))
          .statusCode,
        403,
      );
    });
  });
}
