import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { action } from '../ckan/ckan-client.ts';
import { testDialects } from '../helpers/test-db.ts';
import { moeRows, shelterRows } from './files.ts';
import { createPortal, type Portal } from './setup.ts';

for (const dialect of testDialects) {
  describe(`datastore SQL over HTTP on ${dialect}`, () => {
    let p: Portal;
    const sqlPost = (sql: string, token?: string) =>
      p.t.app.inject({
        method: 'POST',
        url: '/api/v1/datastore/sql',
        payload: { sql },
        headers: token ? { authorization: token } : {},
      });
    before(async () => {
      p = await createPortal(dialect);
    });
    after(() => p.t.close());

    it('queries two resources in one statement by label (POST and GET, /api/v1 and CKAN)', async () => {
      const sql = `SELECT '收容' AS k, count(*) AS n FROM "${p.shelters}" UNION ALL SELECT '科系', count(*) FROM "${p.moe}" ORDER BY k`;
      const res = await sqlPost(sql);
      assert.equal(res.statusCode, 200, res.body);
      const byKey = Object.fromEntries(res.json().records.map((r: { k: string; n: number }) => [r.k, r.n]));
      assert.deepEqual(byKey, { 收容: shelterRows().length, 科系: moeRows().length });
      assert.equal(res.json().recordsTruncated, false);

      const town = '臺東市';
      const get = await p.t.app.inject({
        url: `/api/v1/datastore/sql?sql=${encodeURIComponent(`SELECT sum("收容人數") AS total FROM "${p.shelters}" WHERE "收容所鄉鎮市區" = '${town}'`)}`,
      });
      assert.equal(
        get.json().records[0].total,
        shelterRows()
          .filter((x) => x.收容所鄉鎮市區 === town)
          .reduce((s, x) => s + Number(x.收容人數), 0),
      );

      const ckan = await action(p.t, 'datastore_search_sql', { get: { sql } });
      assert.equal(ckan.status, 200);
      assert.equal(ckan.body.result.records.length, 2);
      assert.ok('sql' in ckan.body.result);
      assert.ok(ckan.body.result.fields.some((f: { id: string }) => f.id === 'n'));
    });

    it('flags truncated results', async () => {
      const res = await action(p.t, 'datastore_search_sql', {
        get: { sql: `SELECT a."_id" FROM "${p.moe}" a, "${p.moe}" b LIMIT 40000` },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.result.records_truncated, true);
      assert.equal(res.body.result.records.length, 32000);
    });

    it('a private table fails for outsiders exactly like a missing one', async () => {
      const ghost = randomUUID();
      const same = (body: string, id: string) => body.replaceAll(id, '<table>');
      for (const token of [undefined, p.outsider.token]) {
        const secret = await sqlPost(`SELECT count(*) FROM "${p.secret}"`, token);
        const missing = await sqlPost(`SELECT count(*) FROM "${ghost}"`, token);
        assert.equal(secret.statusCode, 409);
        assert.equal(secret.statusCode, missing.statusCode);
        assert.equal(same(secret.body, p.secret), same(missing.body, ghost));

        const ckanSecret = await action(p.t, 'datastore_search_sql', {
          get: { sql: `SELECT * FROM "${p.secret}"` },
          ...(token ? { token } : {}),
        });
        const ckanMissing = await action(p.t, 'datastore_search_sql', {
          get: { sql: `SELECT * FROM "${ghost}"` },
          ...(token ? { token } : {}),
        });
        assert.equal(ckanSecret.status, 409);
        assert.equal(same(ckanSecret.text, p.secret), same(ckanMissing.text, ghost));
        assert.doesNotMatch(ckanSecret.text, /收容/);
      }
      // A join with a public table does not help either.
      const join = await sqlPost(`SELECT * FROM "${p.shelters}" s JOIN "${p.secret}" x ON s."_id" = x."_id"`);
      assert.equal(join.statusCode, 409);
      const editor = await sqlPost(`SELECT count(*) AS n FROM "${p.secret}"`, p.editor.token);
      assert.equal(editor.statusCode, 200);
      assert.equal(editor.json().records[0].n, shelterRows().length);
    });

    it('refuses anything but one SELECT', async () => {
      for (const sql of [
        `DROP TABLE "${p.shelters}"`,
        `SELECT 1; SELECT 2`,
        `SELECT * FROM read_csv('/etc/passwd')`,
        `COPY (SELECT 1) TO '/tmp/x.csv'`,
      ]) {
        const res = await sqlPost(sql);
        assert.equal(res.statusCode, 409, sql);
        assert.ok(res.json().error.fields.query, sql);
      }
      const empty = await action(p.t, 'datastore_search_sql', { get: {} });
      assert.equal(empty.status, 409);
      assert.deepEqual(empty.body.error.sql, ['Missing value']);
    });
  });
}
