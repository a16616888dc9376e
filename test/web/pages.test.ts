import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseHTML } from 'linkedom';
import { testDialects } from '../helpers/test-db.ts';
import { htmlProblems } from './html-validate.ts';
import { publicPagePaths } from './page-paths.ts';
import { addQueuedResource, finishQueuedLoad } from './seed.ts';
import { createPortalApp, type PortalApp } from './web-app.ts';

for (const dialect of testDialects) {
  describe(`portal pages (${dialect})`, () => {
    let t: PortalApp;
    before(async () => {
      t = await createPortalApp(dialect);
    });
    after(async () => t?.close());

    const get = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });

    test('every page type is valid HTML in both languages, with CSP and no inline script', async () => {
      const paths = publicPagePaths(t.seed);
      for (const path of paths) {
        for (const prefix of ['', '/en']) {
          const url = prefix + path;
          const res = await get(url);
          assert.equal(res.statusCode, path === '/no-such-page' ? 404 : 200, url);
          assert.match(String(res.headers['content-type']), /^text\/html/, url);
          assert.match(String(res.headers['content-security-policy']), /script-src 'self'/, url);
          assert.match(res.body, new RegExp(`<html lang="${prefix ? 'en' : 'zh-TW'}">`), url);
          assert.deepEqual(await htmlProblems(res.body), [], url);
          const scripts = [...res.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
          for (const attrs of scripts)
            assert.match(attrs, /src=|type="application\/(ld\+)?json"/, `${url}: inline script`);
          assert.doesNotMatch(res.body, /\son[a-z]+="/, `${url}: inline handler`);
          assert.doesNotMatch(res.body, /\sstyle="/, `${url}: inline style`);
        }
      }
    });

    test('home shows the counts, the 18 categories and the newest datasets', async () => {
      const res = await get('/');
      assert.match(res.body, /5 個資料集/);
      assert.equal((res.body.match(/href="\/groups\/category-/g) ?? []).length, 18);
      assert.match(res.body, /臺東縣避難收容處所/);
      const en = await get('/en/');
      assert.match(en.body, /5 datasets/);
      assert.match(en.body, /Safety and Quality of Life/);
    });

    test('most viewed lists datasets by their page views', async () => {
      for (let i = 0; i < 3; i++) await get('/datasets/village-income-106');
      await get('/datasets/taitung-shelters');
      const home = await get('/');
      const popular = /<ol class="popular">([\s\S]*?)<\/ol>/.exec(home.body)?.[1] ?? '';
      assert.ok(popular.indexOf('village-income-106') < popular.indexOf('taitung-shelters'));
      assert.ok(popular.indexOf('village-income-106') >= 0);
    });

    test('search narrows by query and facets; applied filters can be removed', async () => {
      const all = await get('/datasets');
      assert.match(all.body, /共 5 個資料集/);
      const q = await get('/datasets?q=所得');
      assert.match(q.body, /共 1 個資料集/);
      assert.match(q.body, /綜稅綜合所得總額/);
      const facet = await get('/datasets?organization=moi');
      assert.match(facet.body, /共 3 個資料集/);
      assert.match(
        facet.body,
        /<input type="checkbox" id="f-organization-\d+" name="organization" value="moi" checked>/,
      );
      const remove = /<a class="tag-remove" href="([^"]+)"/.exec(facet.body)?.[1] ?? '';
      assert.equal(remove.replace(/&amp;/g, '&'), '/datasets');
      const en = await get('/en/datasets?organization=moi&update_frequency=monthly');
      assert.match(en.body, /3 datasets/);
      assert.match(en.body, /Update frequency: Monthly/);
      const none = await get('/datasets?q=%22unterminated');
      assert.equal(none.statusCode, 200);
    });

    test('dataset page: metadata, sanitized description, resources, API, history diff, JSON-LD, hreflang', async () => {
      const res = await get('/datasets/village-income-106');
      const b = res.body;
      assert.match(b, /<a href="\/organizations\/fia">財政部財政資訊中心<\/a>/);
      assert.match(b, /href="https:\/\/data.gov.tw\/license" rel="license">政府資料開放授權條款-第1版/);
      assert.match(b, /每年/);
      assert.match(b, /民國\d+年\d+月\d+日/);
      assert.match(b, /A13040000A-\d{6}/);
      assert.match(b, /下載 106年村里所得/);
      assert.match(b, new RegExp(`datastore_search\\?resource_id=${t.seed.incomeResourceId}`));
      assert.match(b, /package_show\?id=village-income-106/);
      assert.match(b, /<th scope="row">tw.temporalStart<\/th>/);
      assert.match(
        b,
        /<link rel="alternate" hreflang="en" href="http:\/\/odp.test\/en\/datasets\/village-income-106">/,
      );
      const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(b)?.[1] ?? '{}');
      assert.equal(ld['@type'], 'Dataset');
      assert.equal(ld.distribution.length, 1);
      const en = await get('/en/datasets/village-income-106');
      assert.match(en.body, /Annually/);
      assert.doesNotMatch(en.body, /民國/);
    });

    test('agency-written Markdown cannot inject markup', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/datasets',
        headers: { authorization: t.adminToken },
        payload: {
          name: 'xss-check',
          title: '<img src=x onerror=alert(1)>',
          notes:
            '**ok** <script>alert(1)</script> <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(2)>',
          ownerOrg: 'moi',
        },
      });
      assert.equal(res.statusCode, 201);
      const page = await get('/datasets/xss-check');
      const { document } = parseHTML(page.body);
      const all = [...document.querySelectorAll('*')];
      assert.deepEqual(
        all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
        [],
      );
      assert.equal(document.querySelectorAll('script:not([type="application/ld+json"])').length, 0);
      assert.equal(document.querySelectorAll('a[href^="javascript"], img').length, 0);
      assert.match(page.body, /<h1>&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.match(page.body, /<strong>ok<\/strong>/);
    });

    test('resource preview: typed, sortable table with paging; TWD97 points converted for the map', async () => {
      const base = `/datasets/taitung-shelters/resources/${t.seed.sheltersResourceId}`;
      const res = await get(base);
      assert.match(res.body, /第 1–25 筆，共 168 筆/);
      assert.match(res.body, /<span class="col-type">整數/);
      const points = JSON.parse(
        /<script type="application\/json" id="map-points">([\s\S]*?)<\/script>/.exec(res.body)?.[1] ?? '[]',
      ) as {
        lon: number;
        lat: number;
      }[];
      assert.ok(points.length > 10);
      for (const p of points) {
        assert.ok(p.lon > 120.7 && p.lon < 121.7, `lon ${p.lon}`);
        assert.ok(p.lat > 21.9 && p.lat < 23.5, `lat ${p.lat}`);
      }
      assert.match(res.body, /<circle cx=/);
      const page2 = await get(`${base}?page=2`);
      assert.match(page2.body, /第 26–50 筆，共 168 筆/);
      const filtered = await get(
        `${base}?col=${encodeURIComponent('收容所鄉鎮市區')}&val=${encodeURIComponent('臺東市')}`,
      );
      const total = Number(/共 (\d+) 筆/.exec(filtered.body)?.[1]);
      assert.ok(total > 0 && total < 168, `filtered total ${total}`);
    });

    test('resource preview: sort by a numeric column and chart it as SVG with a table alternative', async () => {
      const base = `/datasets/village-income-106/resources/${t.seed.incomeResourceId}`;
      const res = await get(
        `${base}?sort=${encodeURIComponent('中位數')}&dir=desc&chart=${encodeURIComponent('中位數')}`,
      );
      assert.match(res.body, /aria-sort="descending"/);
      const chart = /<figure class="chart">([\s\S]*?)<\/figure>/.exec(res.body)?.[1] ?? '';
      assert.match(chart, /<svg[^>]*role="img"/);
      assert.doesNotMatch(chart, /<style|style="/);
      const rows = [
        ...(
          /<details><summary>圖表資料（表格）<\/summary>([\s\S]*?)<\/details>/.exec(res.body)?.[1] ?? ''
        ).matchAll(/<td class="num">([\d,.]+)<\/td>/g),
      ].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
      assert.equal(rows.length, 25);
      for (let i = 1; i < rows.length; i++) assert.ok((rows[i - 1] ?? 0) >= (rows[i] ?? 0), 'descending');
    });

    test('a resource whose load is queued says so in a live region, with a refresh link and the polling script', async () => {
      const id = await addQueuedResource(t.ctx);
      for (const prefix of ['', '/en']) {
        const url = `${prefix}/datasets/village-income-106/resources/${id}`;
        const res = await get(url);
        assert.deepEqual(await htmlProblems(res.body), [], url);
        assert.match(res.body, prefix ? /The data is queued to be loaded/ : /資料排隊等待載入中/);
        assert.match(res.body, new RegExp(`data-loads-url="/api/v1/resources/${id}/loads"`));
        assert.match(res.body, /<p role="status" aria-live="polite" data-status-text>/);
        assert.match(res.body, new RegExp(`<a href="${url}" data-status-link>`));
        const script =
          /<script defer src="(\/assets\/load-status\.js\?v=\w+)"><\/script>/.exec(res.body)?.[1] ?? '';
        assert.equal((await t.app.inject({ url: script })).statusCode, 200);
      }
      const api = await t.app.inject({ url: `/api/v1/resources/${id}/loads` });
      assert.equal(api.json().job.status, 'queued', 'the script reads the same state from the API');
      await finishQueuedLoad(t.ctx, id);
      const done = await get(`/datasets/village-income-106/resources/${id}`);
      assert.match(done.body, /<caption id="data-caption">/);
      assert.doesNotMatch(done.body, /load-status\.js/);
    });

    test('CKAN addresses redirect to ours; unknown and forbidden pages are HTML in both languages', async () => {
      const r = await t.app.inject({ url: '/dataset/taitung-shelters' });
      assert.equal(r.statusCode, 301);
      assert.equal(r.headers.location, '/datasets/taitung-shelters');
      const s = await t.app.inject({ url: '/dataset?q=避難' });
      assert.equal(s.headers.location, `/datasets?q=${encodeURIComponent('避難')}`);
      const en404 = await get('/en/datasets/no-such-dataset');
      assert.equal(en404.statusCode, 404);
      assert.match(en404.body, /Page not found/);
      const zh404 = await get('/datasets/no-such-dataset');
      assert.match(zh404.body, /找不到這個頁面/);
      const api404 = await t.app.inject({ url: '/api/v1/nothing-here' });
      assert.match(String(api404.headers['content-type']), /json/);
    });

    test('the language switch keeps the place, query included', async () => {
      const res = await get('/datasets?q=所得&organization=fia');
      const sw = /<a class="lang-switch" href="([^"]+)"/.exec(res.body)?.[1] ?? '';
      assert.equal(
        sw.replace(/&amp;/g, '&'),
        `/en/datasets?q=${encodeURIComponent('所得')}&organization=fia`,
      );
      const back = await get(sw.replace(/&amp;/g, '&'));
      assert.match(
        back.body,
        /<a class="lang-switch" href="\/datasets\?q=%E6%89%80%E5%BE%97&amp;organization=fia"/,
      );
    });

    test('assets are served with long cache headers', async () => {
      const home = await get('/');
      const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)?.[1] ?? '';
      const res = await t.app.inject({ url: css.replace(/&amp;/g, '&') });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /max-age=31536000, immutable/);
      const leaflet = await t.app.inject({ url: '/assets/leaflet/leaflet.js' });
      assert.equal(leaflet.statusCode, 200);
    });
  });
}
