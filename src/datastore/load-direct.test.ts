import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadFile } from './load-file.ts';
import { queryParquet } from './test-helpers.ts';

// UTF-8 files whose records need no rewriting are read by DuckDB directly; these pin that the rows a
// reader sees are the same whichever way the loader took (direct read, early switch, second pass).
const dir = mkdtempSync(join(tmpdir(), 'odp-direct-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function load(
  name: string,
  text: string,
): Promise<{ rows: Record<string, unknown>[]; notes: string[] }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const work = join(dir, `${name}.work`);
  const { tables } = await loadFile({ path, fileName: name, workDir: work });
  const table = tables[0]!;
  const rows = await queryParquet(table.parquetPath, 'SELECT * FROM t');
  assert.equal(rows.length, table.schema.rowCount);
  return { rows, notes: table.schema.notes };
}

const dataRows = (n: number, eol: string): string =>
  Array.from({ length: n }, (_, i) => `${i + 1},${1080101 + (i % 28)},名稱${i}`).join(eol) + eol;

describe('reading the original file directly', () => {
  it('CRLF file with a title row, footnotes and a blank line at the end keeps exactly the data rows', async () => {
    const text = `某某統計表\r\n編號,日期,名稱\r\n${dataRows(500, '\r\n')},,\r\n資料來源：某機關,,\r\n`;
    const { rows, notes } = await load('crlf.csv', text);
    assert.equal(rows.length, 500);
    assert.equal(rows[499]!.c1, 500n);
    assert.equal(rows[0]!.c3, '名稱0');
    assert.deepEqual(notes, ['資料來源：某機關']);
  });

  it('a single-cell row between data rows (after many verbatim rows) still loads every row in order', async () => {
    const text = `編號,日期,名稱\n${dataRows(3000, '\n')},,小計\n${dataRows(10, '\n')}`;
    const { rows } = await load('middle.csv', text);
    assert.equal(rows.length, 3011);
    assert.equal(rows[3000]!.c1, null);
    assert.equal(rows[3000]!.c3, '小計');
    assert.equal(rows[3001]!.c1, 1n);
    assert.equal(rows[3010]!.c3, '名稱9');
  });

  it('a header cell with a quoted line break (two lines for one record) does not shift the rows', async () => {
    const text = `編號,"日期\n(民國)",名稱\n${dataRows(50, '\n')}`;
    const { rows } = await load('quoted-head.csv', text);
    assert.equal(rows.length, 50);
    assert.equal(rows[0]!.c1, 1n);
  });

  it('records cut by the 256 KiB read chunks, with quoted line breaks, come out whole', async () => {
    const body = Array.from({ length: 20000 }, (_, i) => `${i},"第${i}列\n第二行",說明文字${i}`).join('\n');
    const { rows } = await load('long.csv', `編號,內容,說明\n${body}\n`);
    assert.equal(rows.length, 20000);
    assert.equal(rows[12345]!.c2, '第12345列\n第二行');
    assert.equal(rows[19999]!.c3, '說明文字19999');
  });
});
