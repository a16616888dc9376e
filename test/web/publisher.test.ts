import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testDialects } from '../helpers/test-db.ts';
import { htmlProblems } from './html-validate.ts';
import { createPortalApp, csrfOf, type PortalApp, postForm, signIn } from './web-app.ts';

for (const dialect of testDialects) {
  describe(`publisher area (${dialect})`, () => {
    let t: PortalApp;
    let session: { cookie: string; csrf: string; setCookie: string[] };
    before(async () => {
      t = await createPortalApp(dialect);
      session = await signIn(t.app, t.seed.editor.name, t.seed.editor.password);
    });
    after(async () => t?.close());

    test('signing in sets an HttpOnly SameSite=Lax session cookie; a wrong password is refused', async () => {
      const cookie = session.setCookie.find((c) => c.startsWith('odp_session=')) ?? '';
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
      await assert.rejects(signIn(t.app, t.seed.editor.name, 'wrong password'), /401/);
      const dash = await t.app.inject({ url: '/dashboard', headers: { cookie: session.cookie } });
      assert.match(dash.body, /臺東縣政府/);
      assert.match(dash.body, /編輯者/);
    });

    test('pages for staff send anonymous visitors to sign in, and come back after', async () => {
      const res = await t.app.inject({ url: '/datasets/new' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/user/login?next=${encodeURIComponent('/datasets/new')}`);
      const evil = await t.app.inject({ url: '/user/login?next=//evil.example/' });
      assert.match(evil.body, /name="next" value=""/);
    });

    test('a form post without the session CSRF token is refused', async () => {
      const res = await postForm(t.app, '/datasets/new', session.cookie, {
        title: 'x',
        name: 'no-csrf',
        owner_org: 'taitung',
      });
      assert.equal(res.statusCode, 400);
      const wrong = await postForm(t.app, '/user/tokens', session.cookie, { _csrf: 'forged', name: 'k' });
      assert.equal(wrong.statusCode, 400);
    });

    test('create: messages appear next to the fields, then the dataset is created and editable', async () => {
      const form = await t.app.inject({ url: '/datasets/new', headers: { cookie: session.cookie } });
      assert.deepEqual(await htmlProblems(form.body), []);
      const bad = await postForm(t.app, '/datasets/new', session.cookie, {
        _csrf: session.csrf,
        title: '避難收容處所（更新）',
        name: 'Bad Name!',
        owner_org: 'taitung',
        contact_email: 'not-an-email',
        temporal_start: '2017/01/01',
      });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(await htmlProblems(bad.body), []);
      assert.match(bad.body, /<div class="field has-error">\s*<label for="f-name">/);
      assert.match(
        bad.body,
        /id="f-contact_email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-contact_email"|id="f-contact_email" name="contact_email" aria-describedby="contact_email-error" aria-invalid="true"/,
      );
      assert.match(bad.body, /class="error-summary"/);
      assert.match(bad.body, /value="避難收容處所（更新）"/);
      // The service's CKAN messages appear in the page's language, next to the field and in the summary.
      assert.match(
        bad.body,
        /<p class="field-error" id="name-error">只能使用小寫英文字母、數字與 - _ 符號。<\/p>/,
      );
      assert.match(bad.body, /「not-an-email」不是有效的電子郵件地址。/);
      assert.match(bad.body, /請用西元日期/);
      assert.doesNotMatch(bad.body, /Must be purely lowercase|is not a valid format|Use an ISO date/);
      const badEn = await postForm(t.app, '/en/datasets/new', session.cookie, {
        _csrf: session.csrf,
        title: 'x',
        name: 'Bad Name!',
        owner_org: 'taitung',
      });
      assert.equal(badEn.statusCode, 422);
      assert.match(badEn.body, /Use only lowercase letters \(a–z\), digits and the symbols - and _\./);
      const ok = await postForm(t.app, '/datasets/new', session.cookie, {
        _csrf: session.csrf,
        title: '臺東縣公共自行車站點',
        name: 'taitung-bike-stations',
        owner_org: 'taitung',
        license_id: 'gov-tw-1.0',
        service_category: 'A00',
        update_frequency: 'monthly',
        tags: '自行車, bike',
        contact_email: 'bike@taitung.gov.tw',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/datasets/taitung-bike-stations/edit?saved=1');
      const page = await t.app.inject({ url: '/datasets/taitung-bike-stations' });
      assert.match(page.body, /臺東縣公共自行車站點/);
      assert.match(page.body, /交通及通訊/);
      assert.match(page.body, /bike@taitung.gov.tw/);
    });

    test('edit, add a linked resource (load queued), then delete', async () => {
      const edit = await t.app.inject({
        url: '/datasets/taitung-bike-stations/edit',
        headers: { cookie: session.cookie },
      });
      assert.equal(edit.statusCode, 200);
      const upd = await postForm(t.app, '/datasets/taitung-bike-stations/edit', session.cookie, {
        _csrf: csrfOf(edit.body),
        title: '臺東縣公共自行車租賃站',
        name: 'taitung-bike-stations',
        owner_org: 'taitung',
        notes: '站點位置與車位數。',
      });
      assert.equal(upd.statusCode, 303);
      const boundary = '----odp';
      const part = (name: string, value: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
      const body = `${part('_csrf', session.csrf)}${part('res_name', '站點 CSV')}${part('res_url', 'https://example.org/bike.csv')}${part('res_format', 'CSV')}--${boundary}--\r\n`;
      const add = await t.app.inject({
        method: 'POST',
        url: '/datasets/taitung-bike-stations/resources',
        headers: { cookie: session.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
      assert.equal(add.statusCode, 303);
      const after = await t.app.inject({
        url: '/datasets/taitung-bike-stations/edit',
        headers: { cookie: session.cookie },
      });
      assert.match(after.body, /站點 CSV/);
      assert.match(after.body, /data-load-status="queued">資料載入中/);
      const page = await t.app.inject({ url: '/datasets/taitung-bike-stations' });
      assert.match(page.body, /臺東縣公共自行車租賃站/);
      assert.match(page.body, /href="https:\/\/example.org\/bike.csv"/);
      const del = await postForm(t.app, '/datasets/taitung-bike-stations/delete', session.cookie, {
        _csrf: session.csrf,
      });
      assert.equal(del.statusCode, 303);
      // Deleted datasets stay readable only by the agency's editors (CKAN's rule); the public is refused.
      const gone = await t.app.inject({ url: '/datasets/taitung-bike-stations' });
      assert.equal(gone.statusCode, 403);
      const list = await t.app.inject({ url: '/datasets?organization=taitung' });
      assert.doesNotMatch(list.body, /taitung-bike-stations/);
    });

    test('an editor cannot edit another agency’s dataset (403 page)', async () => {
      const res = await t.app.inject({
        url: '/datasets/village-income-106/edit',
        headers: { cookie: session.cookie },
      });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /沒有權限/);
    });

    test('tokens: created once, listed, revoked', async () => {
      const created = await postForm(t.app, '/user/tokens', session.cookie, {
        _csrf: session.csrf,
        name: '批次上傳',
      });
      const token = /<p class="token-secret">([^<]+)<\/p>/.exec(created.body)?.[1] ?? '';
      assert.match(token, /^odp_/);
      const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: token } });
      assert.equal(me.statusCode, 200);
      const id = /action="\/user\/tokens\/([^/]+)\/revoke"/.exec(created.body)?.[1] ?? '';
      const revoke = await postForm(t.app, `/user/tokens/${id}/revoke`, session.cookie, {
        _csrf: session.csrf,
      });
      assert.equal(revoke.statusCode, 303);
      const list = await t.app.inject({ url: '/user/tokens', headers: { cookie: session.cookie } });
      assert.doesNotMatch(list.body, /批次上傳/);
    });

    test('members: only agency admins manage them', async () => {
      const res = await t.app.inject({
        url: '/organizations/taitung/members',
        headers: { cookie: session.cookie },
      });
      assert.equal(res.statusCode, 403);
    });

    test('signing out ends the session', async () => {
      const s = await signIn(t.app, t.seed.editor.name, t.seed.editor.password);
      const out = await postForm(t.app, '/user/logout', s.cookie, { _csrf: s.csrf });
      assert.equal(out.statusCode, 303);
      const dash = await t.app.inject({ url: '/dashboard', headers: { cookie: s.cookie } });
      assert.equal(dash.statusCode, 303);
    });
  });
}
