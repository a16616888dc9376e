import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadFile } from './load-file.ts';
import type { TableSchema } from './table-schema.ts';
import { queryParquet } from './test-helpers.ts';

const real = join(import.meta.dirname, '../../fixtures/real');
const work = mkdtempSync(join(tmpdir(), 'odp-fixtures-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Expect {
  file: string;
  rows: number;
  encoding: string;
  format: string;
  /** Source columns (derived ISO/subtotal/section columns excluded). */
  columns: number;
  /** label -> type, for a few telling columns. */
  types: Record<string, string>;
  notes?: number;
  titles?: string[];
}

/** Expected figures read from the files themselves and fixtures/real/SOURCES.md (rows exclude header/title/footer). */
const expected: Expect[] = [
  {
    file: 'catalog/03_taoyuan.csv',
    rows: 1444,
    encoding: 'utf-8',
    format: 'csv',
    columns: 29,
    types: { 編號: 'integer', 資料名稱: 'text' },
  },
  {
    file: 'catalog/08_Taichung.csv',
    rows: 1136,
    encoding: 'utf-8',
    format: 'csv',
    columns: 19,
    types: { 編號: 'integer', 資料集名稱: 'text' },
  },
  {
    file: 'catalog/16-22_data_gov_download.csv',
    rows: 35955,
    encoding: 'utf-8',
    format: 'csv',
    columns: 6,
    types: { 瀏覽人次: 'integer', 下載次數: 'integer', 上架日: 'text', '上架日 (ISO)': 'date' },
  },
  {
    file: 'catalog/datasets_list.csv',
    rows: 74,
    encoding: 'utf-8',
    format: 'csv',
    columns: 19,
    types: { id: 'integer', 編碼格式: 'text' },
  },
  {
    file: 'catalog/datasets_list.json',
    rows: 74,
    encoding: 'utf-8',
    format: 'json',
    columns: 19,
    types: { Name_t: 'text', id: 'integer' },
  },
  {
    file: 'catalog/datasets_list.xlsx',
    rows: 74,
    encoding: '',
    format: 'xlsx',
    columns: 19,
    types: { id: 'integer', 資料集名稱: 'text' },
  },
  {
    file: 'catalog/datasets_list.xml',
    rows: 74,
    encoding: 'utf-8',
    format: 'xml',
    columns: 19,
    types: { 資料集名稱: 'text', id: 'integer' },
  },
  {
    file: 'catalog/yilan.2018.03.20.OpenData.csv',
    rows: 356,
    encoding: 'big5',
    format: 'csv',
    columns: 5,
    types: { 資料集名稱: 'text', 聯絡電話: 'text' },
  },
  {
    file: 'catalog/桃園市政府開放資料供應清單.xls',
    rows: 1429,
    encoding: '',
    format: 'xls',
    columns: 29,
    types: { 編號: 'integer', 資料來源: 'text' },
  },
  {
    file: 'ckan/allItems_20200821.csv',
    rows: 621,
    encoding: 'utf-8',
    format: 'csv',
    columns: 36,
    types: { Title: 'text' },
  },
  {
    file: 'ckan/package_search.json',
    rows: 10,
    encoding: 'utf-8',
    format: 'json',
    columns: 31,
    types: { num_tags: 'integer', private: 'boolean' },
  },
  {
    file: 'dgbas/cityWorkforce.xlsx',
    rows: 60,
    encoding: '',
    format: 'xlsx',
    columns: 25,
    types: { 臺北市: 'decimal', 分組: 'text' },
    notes: 36,
    titles: ['【改制後】縣市重要統計指標自選項目，依縣市、指標、期間'],
  },
  {
    file: 'gazette/106-08-01.xml',
    rows: 11,
    encoding: 'utf-8',
    format: 'xml',
    columns: 24,
    types: { Date_Published: 'text', 'Date_Published (ISO)': 'date' },
  },
  {
    file: 'income/106_165-9.csv',
    rows: 8549,
    encoding: 'utf-8',
    format: 'csv',
    columns: 11,
    types: { 縣市: 'text', 綜合所得總額: 'integer', 變異係數: 'decimal' },
  },
  {
    file: 'moe/105_students.csv',
    rows: 10169,
    encoding: 'utf-8',
    format: 'csv',
    columns: 24,
    types: { 學校代碼: 'text', 一年級男生: 'integer' },
  },
  {
    file: 'moe/108_students.csv',
    rows: 9877,
    encoding: 'utf-8',
    format: 'csv',
    columns: 27,
    types: { 總計: 'integer', 學校代碼: 'text' },
  },
  {
    file: 'moe/111_students.csv',
    rows: 9775,
    encoding: 'utf-8',
    format: 'csv',
    columns: 27,
    types: { 科系代碼: 'text', 延修生男生: 'integer' },
  },
  {
    file: 'moe/input205.txt',
    rows: 6407,
    encoding: 'big5',
    format: 'tsv',
    columns: 11,
    types: { 學校代碼: 'text', 學生數: 'integer', '日間∕進修別': 'text' },
    titles: ['大專校院各校科系別概況', '105 學年度 SY2016-2017'],
  },
  {
    file: 'population/2013.csv',
    rows: 7839,
    encoding: 'utf-16le',
    format: 'tsv',
    columns: 27,
    types: { 資料年度: 'integer', 區域別: 'text', 不識: 'integer' },
  },
  {
    file: 'population/2020.csv',
    rows: 7760,
    encoding: 'utf-8',
    format: 'csv',
    columns: 51,
    types: { 統計年: 'integer', 村里名稱: 'text' },
  },
  {
    file: 'realprice/a_lvr_land_a.csv',
    rows: 289,
    encoding: 'utf-8',
    format: 'csv',
    columns: 28,
    types: {
      交易年月日: 'integer',
      '交易年月日 (ISO)': 'date',
      建築完成年月: 'text',
      '建築完成年月 (ISO)': 'date',
      總價元: 'integer',
    },
  },
  {
    file: 'realprice/b_lvr_land_a.csv',
    rows: 1210,
    encoding: 'utf-8',
    format: 'csv',
    columns: 28,
    types: { 總價元: 'integer' },
  },
  {
    file: 'realprice/e_lvr_land_a.csv',
    rows: 501,
    encoding: 'utf-8',
    format: 'csv',
    columns: 28,
    types: { 總價元: 'integer' },
  },
  {
    file: 'realprice/f_lvr_land_a.csv',
    rows: 1110,
    encoding: 'utf-8',
    format: 'csv',
    columns: 28,
    types: { 總價元: 'integer' },
  },
  {
    file: 'realprice/h_lvr_land_a.csv',
    rows: 920,
    encoding: 'utf-8',
    format: 'csv',
    columns: 28,
    types: { 總價元: 'integer' },
  },
  {
    file: 'realprice-taipei-set/a_lvr_land_a.csv',
    rows: 6331,
    encoding: 'utf-8',
    format: 'csv',
    columns: 33,
    types: { 編號: 'text', '交易年月日 (ISO)': 'date' },
  },
  {
    file: 'realprice-taipei-set/a_lvr_land_a_build.csv',
    rows: 15839,
    encoding: 'utf-8',
    format: 'csv',
    columns: 8,
    types: { 屋齡: 'integer' },
  },
  {
    file: 'realprice-taipei-set/a_lvr_land_a_land.csv',
    rows: 9716,
    encoding: 'utf-8',
    format: 'csv',
    columns: 8,
    types: { 地號: 'integer' },
  },
  {
    file: 'realprice-taipei-set/a_lvr_land_a_park.csv',
    rows: 3397,
    encoding: 'utf-8',
    format: 'csv',
    columns: 5,
    types: { 車位價格: 'integer' },
  },
  {
    file: 'taitung/636485953864564217.csv',
    rows: 168,
    encoding: 'utf-8',
    format: 'csv',
    columns: 13,
    types: { 收容人數: 'integer', X坐標: 'decimal', '最後更新時間 (ISO)': 'date' },
  },
  {
    file: 'traffic/111年度A1交通事故資料.csv',
    rows: 4544,
    encoding: 'utf-8',
    format: 'csv',
    columns: 51,
    types: { 發生日期: 'integer', '發生日期 (ISO)': 'date', 發生時間: 'text', 經度: 'decimal' },
    notes: 2,
  },
];

const loaded = new Map<string, { schema: TableSchema; parquetPath: string }>();
async function load(file: string): Promise<{ schema: TableSchema; parquetPath: string }> {
  const hit = loaded.get(file);
  if (hit) return hit;
  const r = await loadFile({
    path: join(real, file),
    fileName: file,
    workDir: join(work, String(loaded.size)),
  });
  assert.equal(r.tables.length, 1, `${file}: one table`);
  const t = r.tables[0]!;
  loaded.set(file, t);
  return t;
}

const byLabel = (s: TableSchema, label: string) => s.columns.find((c) => c.label === label);

describe('every real fixture loads with the right labels, row counts and types', () => {
  for (const e of expected) {
    it(e.file, async () => {
      const { schema, parquetPath } = await load(e.file);
      assert.equal(schema.rowCount, e.rows);
      assert.equal(schema.encoding, e.encoding);
      assert.equal(schema.format, e.format);
      const source = schema.columns.filter(
        (c) => c.derivedFrom === null && c.note !== 'subtotal-flag' && c.note !== 'section-heading',
      );
      assert.equal(source.length, e.columns);
      for (const [label, type] of Object.entries(e.types))
        assert.equal(byLabel(schema, label)?.type, type, `${e.file} ${label}`);
      assert.equal(schema.notes.length, e.notes ?? 0);
      assert.deepEqual(schema.titles ?? [], e.titles ?? []);
      const [count] = await queryParquet(parquetPath, 'SELECT count(*)::INTEGER AS n FROM t');
      assert.equal(count?.n, e.rows);
      for (const c of schema.columns) assert.match(c.id, /^[a-z][a-z0-9_]*$/);
    });
  }
});

describe('values a reader checks', () => {
  it('111_students: " -" reads as zero, quoted "1,047" style totals as numbers, 8-digit codes keep their zero', async () => {
    const { schema, parquetPath } = await load('moe/111_students.csv');
    const col = (l: string) => byLabel(schema, l)!.id;
    assert.equal(byLabel(schema, '延修生男生')?.note, 'dash-zero');
    const rows = await queryParquet(
      parquetPath,
      `SELECT ${col('科系代碼')} AS code, ${col('延修生男生')}::INTEGER AS x, ${col('總計')}::INTEGER AS total FROM t LIMIT 1`,
    );
    assert.deepEqual(rows[0], { code: '01111001', x: 0, total: 101 });
    const [big] = await queryParquet(parquetPath, `SELECT max(${col('總計')})::INTEGER AS m FROM t`);
    assert.ok(Number(big?.m) > 999);
  });

  it('income: the BOM inside the first quoted field is not in the label; 389 合計 rows are flagged', async () => {
    const { schema, parquetPath } = await load('income/106_165-9.csv');
    assert.equal(schema.columns[0]?.label, '縣市');
    assert.equal(schema.subtotalColumn, 'subtotal');
    const [r] = await queryParquet(
      parquetPath,
      'SELECT count(*) FILTER (WHERE subtotal)::INTEGER AS n FROM t',
    );
    assert.equal(r?.n, 389);
  });

  it('realprice: bilingual header kept as label + code, ROC dates 1080630 and 0701119 get ISO columns', async () => {
    const { schema, parquetPath } = await load('realprice/a_lvr_land_a.csv');
    assert.equal(schema.columns[0]?.label, '鄉鎮市區');
    assert.equal(schema.columns[0]?.code, 'The villages and towns urban district');
    const d = byLabel(schema, '交易年月日 (ISO)')!;
    const b = byLabel(schema, '建築完成年月 (ISO)')!;
    assert.equal(d.derivedFrom, byLabel(schema, '交易年月日')!.id);
    const rows = await queryParquet(
      parquetPath,
      `SELECT ${d.derivedFrom} AS raw, ${d.id}::VARCHAR AS iso, ${b.derivedFrom} AS braw, ${b.id}::VARCHAR AS biso FROM t LIMIT 1`,
    );
    assert.deepEqual(rows[0], { raw: 1080630n, iso: '2019-06-30', braw: '0701119', biso: '1981-11-19' });
  });

  it('population 2020: English code row first, Chinese labels second', async () => {
    const { schema } = await load('population/2020.csv');
    assert.equal(schema.columns[0]?.label, '統計年');
    assert.equal(schema.columns[0]?.code, 'statistic_yyy');
  });

  it('gazette: 中華民國106年8月1日 becomes 2017-08-01', async () => {
    const { schema, parquetPath } = await load('gazette/106-08-01.xml');
    const d = byLabel(schema, 'Date_Published (ISO)')!;
    const rows = await queryParquet(
      parquetPath,
      `SELECT DISTINCT ${d.derivedFrom} AS raw, ${d.id}::VARCHAR AS iso FROM t`,
    );
    assert.deepEqual(rows, [{ raw: '中華民國106年8月1日', iso: '2017-08-01' }]);
  });

  it('traffic: footer rows become notes, not data', async () => {
    const { schema } = await load('traffic/111年度A1交通事故資料.csv');
    assert.deepEqual(schema.notes, ['資料提供日期：112年03月07日', '事故類別：A1類']);
  });

  it('dgbas: stacked indicator blocks become a section column; footnotes leave the data', async () => {
    const { schema, parquetPath } = await load('dgbas/cityWorkforce.xlsx');
    assert.ok(schema.notes.includes('資料來源：行政院主計總處國勢普查處'));
    const sec = byLabel(schema, '分組')!.id;
    const taipei = byLabel(schema, '臺北市')!.id;
    const rows = await queryParquet(
      parquetPath,
      `SELECT ${sec} AS s, ${taipei} AS v FROM t WHERE ${schema.columns[1]!.id} = 2010 ORDER BY s`,
    );
    assert.equal(rows.length, 5);
    assert.ok(rows.some((r) => r.s === '就業者之教育程度結構-大專及以上(％)' && r.v === 69.92));
  });

  it('realprice land: 7-digit 地號 integers are not taken for dates', async () => {
    const { schema } = await load('realprice-taipei-set/a_lvr_land_a_land.csv');
    assert.equal(
      schema.columns.some((c) => c.derivedFrom !== null),
      false,
    );
  });
});
