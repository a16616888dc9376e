import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as XLSX from '@e965/xlsx';
import { action } from '../ckan/ckan-client.ts';
import { testDialects } from '../helpers/test-db.ts';
import { moeRows, shelterRows } from './files.ts';
import { createPortal, type Portal } from './setup.ts';

const enc = encodeURIComponent;

for (const dialect of testDialects) {
  describe(`/api/v1 datastore exports on ${dialect}`, () => {
    let p: Portal;
    const download = (url: string, token?: string) =>
      p.t.app.inject({ url, headers: token ? { authorization: token } : {} });
    before(async () => {
      p = await createPortal(dialect);
    });
    after(() => p.t.close());

    it('CSV: UTF-8 BOM, labels as the header, every row, a UTF-8 file name', async () => {
      const res = await download(`/api/v1/resources/${p.shelters}/export.csv`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      const disposition = String(res.headers['content-disposition']);
      assert.match(disposition, /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''/);
      assert.ok(disposition.includes(enc('避難收容處所')), disposition);
      const bytes = res.rawPayload;
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      assert.equal(lines[0]?.split(',')[0], '主管機關');
      assert.ok(lines[0]?.includes('收容人數'));
      assert.equal(lines.length, shelterRows().length + 1);
      assert.ok(lines[1]?.includes(shelterRows()[0]?.收容所編號 ?? '?'));
    });

    it('CSV in Big5 decodes strictly with TextDecoder("big5"); TSV and filtered JSON', async () => {
      const res = await download(`/api/v1/resources/${p.moe}/export.csv?encoding=big5`);
      assert.equal(res.headers['content-type'], 'text/csv; charset=big5');
      const text = new TextDecoder('big5', { fatal: true }).decode(res.rawPayload);
      const lines = text.trimEnd().split('\r\n');
      assert.ok(lines[0]?.startsWith('學校代碼,學校名稱,科系代碼,科系名稱'), lines[0]);
      assert.equal(lines.length, moeRows().length + 1);
      assert.ok(text.includes('國立政治大學'));

      const tsv = await download(`/api/v1/resources/${p.moe}/export.tsv?fields=${enc('學校名稱,科系名稱')}`);
      assert.equal(tsv.rawPayload.subarray(3).toString('utf8').split('\r\n')[0], '學校名稱\t科系名稱');

      const filters = enc(JSON.stringify({ 收容所鄉鎮市區: '關山鎮' }));
      const json = await download(
        `/api/v1/resources/${p.shelters}/export.json?filters=${filters}&sort=${enc('收容人數 desc')}`,
      );
      assert.equal(json.headers['content-type'], 'application/json; charset=utf-8');
      const rows = json.json() as Array<Record<string, unknown>>;
      assert.equal(rows.length, shelterRows().filter((x) => x.收容所鄉鎮市區 === '關山鎮').length);
      assert.ok(rows.every((r) => r.收容所鄉鎮市區 === '關山鎮'));
      assert.ok(!('_id' in (rows[0] ?? {})));
    });

    it('XLSX opens in SheetJS with labels and typed numbers; Parquet is a Parquet file', async () => {
      const res = await download(`/api/v1/resources/${p.shelters}/export.xlsx`);
      assert.equal(res.statusCode, 200);
      const book = XLSX.read(res.rawPayload, { type: 'buffer' });
      const sheet = book.Sheets[book.SheetNames[0] ?? ''];
      assert.ok(sheet);
      const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
      assert.equal(rows.length, shelterRows().length + 1);
      const header = rows[0] as string[];
      const col = header.indexOf('收容人數');
      assert.ok(col >= 0);
      assert.equal(rows[1]?.[col], Number(shelterRows()[0]?.收容人數));

      const pq = await download(`/api/v1/resources/${p.shelters}/export.parquet`);
      assert.equal(pq.rawPayload.subarray(0, 4).toString(), 'PAR1');
      assert.equal(pq.rawPayload.subarray(-4).toString(), 'PAR1');
    });

    it('neutralizes a formula cell in CSV and XLSX', async () => {
      const made = await action(p.t, 'datastore_create', {
        post: {
          resource: { package_id: 'shelters', name: '公式測試' },
          fields: [
            { id: '名稱', type: 'text' },
            { id: '數量', type: 'int' },
          ],
          records: [
            { 名稱: '=1+1', 數量: -5 },
            { 名稱: '毛毯', 數量: 3 },
          ],
        },
        token: p.editor.token,
      });
      assert.equal(made.status, 200, made.text);
      const id = made.body.result.resource_id;
      const csv = await download(`/api/v1/resources/${id}/export.csv`);
      const lines = csv.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
      assert.deepEqual(lines, ['名稱,數量', "'=1+1,-5", '毛毯,3']);
      const xlsx = await download(`/api/v1/resources/${id}/export.xlsx`);
      const book = XLSX.read(xlsx.rawPayload, { type: 'buffer' });
      const sheet = book.Sheets[book.SheetNames[0] ?? ''];
      assert.ok(sheet);
      const cell = sheet.A2;
      assert.equal(cell?.v, "'=1+1");
      assert.equal(cell?.f, undefined);
    });

    it('refuses bad selections before sending a file, and private tables to outsiders', async () => {
      const bad = await download(`/api/v1/resources/${p.shelters}/export.csv?sort=${enc('無此欄')}`);
      assert.equal(bad.statusCode, 409);
      assert.equal(bad.headers['content-disposition'], undefined);
      const format = await download(`/api/v1/resources/${p.shelters}/export.exe`);
      assert.equal(format.statusCode, 400);
      for (const f of ['csv', 'json', 'xlsx', 'parquet']) {
        const res = await download(`/api/v1/resources/${p.secret}/export.${f}`, p.outsider.token);
        assert.equal(res.statusCode, 403, f);
        assert.doesNotMatch(res.body, /收容/);
      }
      const ok = await download(`/api/v1/resources/${p.secret}/export.csv`, p.editor.token);
      assert.equal(ok.statusCode, 200);
    });
  });
}
