import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { encodeBig5 } from './export-big5.ts';
import { loadFile } from './load-file.ts';
import { queryParquet } from './test-helpers.ts';
import { SPACE_CHARS, spaceAt, spaceBefore } from './utf8-text.ts';
import { dateShape } from './value-shape.ts';

// Inputs found in review (issue #5): a value the streaming pass classifies as a date must be one the SQL
// converts (else the whole load failed on a cast), and a header-only file loads whatever its encoding.
const dir = mkdtempSync(join(tmpdir(), 'odp-edge-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function load(name: string, bytes: Uint8Array | string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const { tables } = await loadFile({ path, fileName: name, workDir: join(dir, `${name}.work`) });
  const table = tables[0]!;
  const rows = await queryParquet(table.parquetPath, 'SELECT * FROM t');
  return { schema: table.schema, rows };
}

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString().slice(0, 16) : null);
const spaceName = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;

describe('ROC dates with spaces between their parts', () => {
  it('every space the classifier allows (NBSP, U+3000, tab, BOM, space) gives the ISO date', async () => {
    const spaces = [...SPACE_CHARS];
    const lines = spaces.map(
      (sp, i) => `${i + 1},108年${sp}6月${sp}30日,中華民國${sp}108年${sp}8月1日,102年01月01日${sp}03時00分`,
    );
    const { schema, rows } = await load('spaced-dates.csv', `編號,日期,公告日,時間\n${lines.join('\n')}\n`);
    assert.deepEqual(
      schema.columns.map((c) => [c.label, c.type]),
      [
        ['編號', 'integer'],
        ['日期', 'text'],
        ['日期 (ISO)', 'date'],
        ['公告日', 'text'],
        ['公告日 (ISO)', 'date'],
        ['時間', 'text'],
        ['時間 (ISO)', 'timestamp'],
      ],
    );
    assert.equal(schema.rowCount, spaces.length);
    rows.forEach((r, i) => {
      const name = spaceName(spaces[i]!);
      assert.equal(r.c2, `108年${spaces[i]}6月${spaces[i]}30日`, name);
      assert.equal(iso(r.c2_iso), '2019-06-30T00:00', name);
      assert.equal(iso(r.c3_iso), '2019-08-01T00:00', name);
      assert.equal(iso(r.c4_iso), '2013-01-01T03:00', name);
    });
  });

  it('the review cases: 108年 6月 30日 and 中華民國108年 8月1日 with NBSP, and U+3000', async () => {
    const text =
      '編號,日期\n1,108年\u00a06月\u00a030日\n2,中華民國108年\u00a08月1日\n3,108年\u30006月\u300030日\n';
    const { schema, rows } = await load('review-dates.csv', text);
    assert.equal(schema.columns.find((c) => c.derivedFrom === 'c2')?.type, 'date');
    assert.deepEqual(
      rows.map((r) => iso(r.c2_iso)),
      ['2019-06-30T00:00', '2019-08-01T00:00', '2019-06-30T00:00'],
    );
  });

  it('a space outside the set (EM SPACE) keeps the column text, and the load still succeeds', async () => {
    const { schema, rows } = await load('em-space.csv', '編號,日期\n1,108年\u20036月30日\n2,108年6月30日\n');
    assert.deepEqual(
      schema.columns.map((c) => [c.label, c.type]),
      [
        ['編號', 'integer'],
        ['日期', 'text'],
      ],
    );
    assert.equal(rows[0]!.c2, '108年\u20036月30日');
  });

  it('the byte matchers and the date classifier accept exactly SPACE_CHARS (the SQL pattern is built from it)', () => {
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const b = Buffer.from(ch, 'utf8');
      const allowed = SPACE_CHARS.includes(ch);
      assert.equal(spaceAt(b, 0, b.length), allowed ? b.length : 0, spaceName(ch));
      assert.equal(spaceBefore(b, 0, b.length), allowed ? b.length : 0, spaceName(ch));
      if (cp >= 48 && cp <= 57) continue; // a digit makes another valid date
      const date = Buffer.from(`108年${ch}6月30日`, 'utf8');
      assert.equal(dateShape(date, 0, date.length) !== 0, allowed, spaceName(ch));
    }
  });
});

describe('a file holding only its header row', () => {
  const header = '編號,名稱,數量';
  const utf16le = (s: string): Buffer =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const utf16be = (s: string): Buffer =>
    Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

  it('loads as an empty table with the header labels in every encoding, as a UTF-8 one does', async () => {
    const utf8 = await load('header.csv', `${header}\n`);
    assert.deepEqual(
      utf8.schema.columns.map((c) => [c.label, c.type]),
      [
        ['編號', 'text'],
        ['名稱', 'text'],
        ['數量', 'text'],
      ],
    );
    assert.equal(utf8.schema.rowCount, 0);
    assert.deepEqual(utf8.rows, []);
    const files: [string, Uint8Array | string, string][] = [
      ['header-le.csv', utf16le(`${header}\r\n`), 'utf-16le'],
      ['header-le-no-eol.csv', utf16le(header), 'utf-16le'],
      ['header-be.csv', utf16be(`${header}\n`), 'utf-16be'],
      ['header-big5.csv', encodeBig5(`${header}\r\n`), 'big5'],
      ['header-no-eol.csv', header, 'utf-8'],
    ];
    for (const [name, bytes, encoding] of files) {
      const { schema, rows } = await load(name, bytes);
      assert.equal(schema.encoding, encoding, name);
      assert.deepEqual(schema.columns, utf8.schema.columns, name);
      assert.equal(schema.rowCount, 0, name);
      assert.deepEqual(rows, [], name);
    }
  });

  it('a header followed only by a footnote loads as an empty table, the note kept, no section column', async () => {
    const { schema, rows } = await load('header-note.csv', `${header}\n說明：本期無資料\n`);
    assert.deepEqual(
      schema.columns.map((c) => c.label),
      ['編號', '名稱', '數量'],
    );
    assert.equal(schema.rowCount, 0);
    assert.deepEqual(rows, []);
    assert.deepEqual(schema.notes, ['說明：本期無資料']);
  });

  it('a UTF-16 "Unicode text" export (tab-separated) with only its header loads too', async () => {
    const { schema, rows } = await load('header.txt', utf16le('編號\t名稱\t數量\r\n'));
    assert.equal(schema.format, 'tsv');
    assert.deepEqual(
      schema.columns.map((c) => c.label),
      ['編號', '名稱', '數量'],
    );
    assert.equal(schema.rowCount, 0);
    assert.deepEqual(rows, []);
  });
});

describe('a file with no table at all', () => {
  it('is refused with a clear error, whatever its encoding marks', async () => {
    const files: [string, Uint8Array | string][] = [
      ['empty.csv', ''],
      ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf])],
      ['utf16-bom-only.csv', Buffer.from([0xff, 0xfe])],
      ['blank-lines.csv', '\r\n\r\n  \r\n'],
    ];
    for (const [name, bytes] of files)
      await assert.rejects(
        load(name, bytes),
        /The file holds no table: it is empty or has only blank lines/,
        name,
      );
  });
});
