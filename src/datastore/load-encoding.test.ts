import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Big5ToUtf8 } from './big5-check.ts';
import { encodeBig5 } from './export-big5.ts';
import { loadFile } from './load-file.ts';
import { queryParquet } from './test-helpers.ts';

// The loader splits and classifies the file's bytes (UTF-8, or Big5/UTF-16 converted to UTF-8) without
// decoding them to strings; these pin what a publisher sees: characters intact across the 256 KiB reads,
// undecodable bytes refused with their offset, padded numbers and dates still typed.
const dir = mkdtempSync(join(tmpdir(), 'odp-encoding-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const real = join(import.meta.dirname, '../../fixtures/real');

async function load(name: string, bytes: Uint8Array | string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const { tables, findings } = await loadFile({ path, fileName: name, workDir: join(dir, `${name}.work`) });
  const table = tables[0]!;
  const rows = await queryParquet(table.parquetPath, 'SELECT * FROM t');
  return { schema: table.schema, rows, findings };
}

/** Rows whose text (2-, 3- and 4-byte UTF-8, 2-byte Big5) lands on every possible cut of a 256 KiB read. */
const mixedRows = (n: number, astral: boolean): string =>
  Array.from(
    { length: n },
    (_, i) =>
      `${i},臺北市中正區${'段'.repeat(i % 5)}${astral ? '𠀀😀' : 'é'},"第${i}列, 含逗號",${i % 3 === 0 ? '" 1,234 "' : String(i)}`,
  ).join('\n');

describe('reading the bytes of a file', () => {
  it('UTF-8 characters and records cut by the reads come out whole', async () => {
    const { rows, schema } = await load('utf8-cuts.csv', `編號,地址,說明,數量\n${mixedRows(40000, true)}\n`);
    assert.equal(rows.length, 40000);
    assert.equal(rows[31234]!.c2, '臺北市中正區段段段段𠀀😀');
    assert.equal(rows[31234]!.c3, '第31234列, 含逗號');
    assert.equal(schema.columns[3]?.type, 'integer');
    assert.equal(rows[39998]!.c4, 39998n);
    assert.equal(rows[3]!.c4, 1234n);
  });

  it('a Big5 file gives the same rows as its UTF-8 original, two-byte characters cut by the reads included', async () => {
    const text = `編號,地址,說明,數量\n${mixedRows(40000, false).replaceAll('é', '')}\n`;
    const utf8 = await load('same.csv', text);
    const big5 = await load('same-big5.csv', encodeBig5(text));
    assert.equal(big5.schema.encoding, 'big5');
    assert.deepEqual(big5.rows, utf8.rows);
    assert.deepEqual(
      big5.schema.columns.map((c) => c.type),
      utf8.schema.columns.map((c) => c.type),
    );
  });

  it('Big5 is converted exactly as the platform decoder reads it (real Big5 files, cut at odd sizes)', () => {
    for (const file of ['moe/input205.txt', 'catalog/yilan.2018.03.20.OpenData.csv']) {
      const bytes = readFileSync(join(real, file));
      const t = new Big5ToUtf8();
      const parts: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += 4097) {
        parts.push(Buffer.from(t.transcode(bytes.subarray(i, i + 4097))));
        assert.equal(t.bad, -1);
      }
      assert.equal(Buffer.concat(parts).toString('utf8'), new TextDecoder('big5').decode(bytes), file);
    }
  });

  it('a Big5 byte that maps to no character fails the load with its offset, even after many good rows', async () => {
    const good = encodeBig5(`編號,名稱\n${'1,臺北\n'.repeat(60000)}`);
    for (const bad of [0x80, 0xff]) {
      const bytes = Buffer.concat([good, Buffer.from([0x32, 0x2c, bad, 0x0a])]);
      await assert.rejects(
        load(`bad-${bad}.csv`, bytes),
        new RegExp(`byte offset ${good.length + 2} \\(encodings tried: big5\\)`),
      );
    }
  });

  it('an invalid UTF-8 byte after the sniffed start: retried as Big5, or refused naming the offset', async () => {
    const start = `id,name\n${'1,abc\n'.repeat(20000)}`;
    const asBig5 = await load('late-big5.csv', Buffer.concat([Buffer.from(start), encodeBig5('2,臺北\n')]));
    assert.equal(asBig5.schema.encoding, 'big5');
    assert.equal(asBig5.rows.at(-1)!.c2, '臺北');
    assert.ok(asBig5.findings.some((f) => f.code === 'ENCODING_LATE_SWITCH'));
    const broken = Buffer.concat([Buffer.from(start), Buffer.from([0x32, 0x2c, 0xff, 0x0a])]);
    await assert.rejects(
      load('late-bad.csv', broken),
      new RegExp(`byte offset ${Buffer.byteLength(start) + 2} \\(encodings tried: utf-8, big5`),
    );
  });

  it('an unclosed quote swallowing the rest of a large file is refused with a clear error', async () => {
    const rows = Buffer.from('7,臺北市中正區,9\n'.repeat(200_000));
    const bytes = Buffer.concat([Buffer.from('a,b,c\n1,2,3\n4,"unclosed,6\n'), ...Array(8).fill(rows)]);
    await assert.rejects(
      load('unclosed.csv', bytes),
      /a record longer than 32 MiB \(an unclosed quote\?\) near data row 2/,
    );
  });

  it('numbers and dates padded with ideographic spaces, NBSP or a BOM are still typed', async () => {
    const text =
      '編號,數量,日期\n1,\u3000123,民國 108年 8月 1日\n2,45\u00a0,\u3000108/08/02\n3,\ufeff6,1080803\u3000\n4, 7 ,\n';
    const { schema, rows } = await load('padded.csv', text);
    assert.equal(schema.columns[1]?.type, 'integer');
    assert.deepEqual(
      rows.map((r) => r.c2),
      [123n, 45n, 6n, 7n],
    );
    const iso = schema.columns.find((c) => c.derivedFrom === 'c3');
    assert.equal(iso?.type, 'date');
    assert.deepEqual(
      rows.map((r) => (r.c3_iso as Date | null)?.toISOString().slice(0, 10) ?? null),
      ['2019-08-01', '2019-08-02', '2019-08-03', null],
    );
  });
});
