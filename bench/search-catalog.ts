/**
 * Builds a benchmark catalog from the real data.gov.tw exports in fixtures/real/catalog/:
 * 35,955 real titles with their agencies (16-22_data_gov_download.csv), descriptions assembled from
 * real catalogue fields (field lists and descriptions of the Taoyuan and Taichung catalogues, the
 * 18 service categories), repeated with year/city variants to reach larger sizes. Rows go straight
 * into the catalog tables; ids of the real rows are `tw-<row>` so relevance judgments can name them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../src/platform/db/database.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real', 'catalog');

/** RFC 4180 CSV (quoted cells, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** One real data.gov.tw dataset: agency and title (row = its line in the export, 1-based after the header). */
export interface RealTitle {
  row: number;
  agency: string;
  title: string;
  date: string;
}

/** The 35,955 real titles of the national portal. */
export function realTitles(): RealTitle[] {
  const rows = parseCsv(readFileSync(join(DIR, '16-22_data_gov_download.csv'), 'utf8')).slice(1);
  return rows
    .map((r, i) => ({
      row: i + 1,
      agency: (r[0] ?? '').trim(),
      title: (r[1] ?? '').replace(/\s+/g, ' ').trim(),
      date: r[5] ?? '',
    }))
    .filter((r) => r.title !== '');
}

/** Real field lists / descriptions from the city catalogues, used as dataset notes. */
function realDescriptions(): string[] {
  const out: string[] = [];
  const ty = parseCsv(readFileSync(join(DIR, '03_taoyuan.csv'), 'utf8')).slice(1);
  for (const r of ty) out.push(`${r[8] ?? ''} 主要欄位：${r[9] ?? ''}`.trim());
  const tc = parseCsv(readFileSync(join(DIR, '08_Taichung.csv'), 'utf8').replace(/^\uFEFF/, '')).slice(1);
  for (const r of tc) out.push(`${r[2] ?? ''} 主要欄位：${(r[4] ?? '').replace(/\\[rnt]/g, ' ')}`.trim());
  return out.filter((d) => d.length > 8);
}

const CATEGORIES = [
  '生育保健',
  '出生及收養',
  '求學及進修',
  '服兵役',
  '求職及就業',
  '開創事業',
  '婚姻',
  '投資理財',
  '休閒旅遊',
  '交通及通訊',
  '就醫',
  '購屋及遷徙',
  '選舉及投票',
  '生活安全及品質',
  '退休',
  '老年安養',
  '生命禮儀',
  '公共資訊',
];
const FREQ = ['每日', '每月', '每季', '每年', '不定期', '每小時'];
const FORMATS = ['CSV', 'JSON', 'XML', 'XLSX', 'ODS', 'PDF', 'ZIP', 'KML'];
const VARIANT_PREFIX = [
  '',
  '108年',
  '109年',
  '110年',
  '111年',
  '112年',
  '臺北市',
  '新北市',
  '高雄市',
  '臺中市',
];

const hash = (s: string): number => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

const segmenter = new Intl.Segmenter('zh-Hant', { granularity: 'word' });

/** Inserts `size` datasets (real titles first, then variants) with orgs, tags, groups and resources. */
export async function buildCatalog(db: Db, size: number, log: (m: string) => void): Promise<void> {
  const titles = realTitles();
  const notes = realDescriptions();
  const k = db.kysely;
  const now = '2026-01-01T00:00:00.000Z';
  const agencies = [...new Set(titles.map((t) => t.agency))];
  const orgId = new Map(agencies.map((a, i) => [a, `org-${i}`]));
  await k.transaction().execute(async (trx) => {
    const orgRows = agencies.map((a, i) => ({
      id: `org-${i}`,
      name: `org-${i}`,
      title: a,
      description: '',
      image_url: '',
      kind: 'organization',
      parent_id: null,
      gov_oid: `2.16.886.101.${20000 + i}`,
      org_code: `A${(10000000 + i * 7919).toString().slice(0, 8)}G`,
      state: 'active',
      created: now,
      modified: now,
    }));
    const themeRows = CATEGORIES.map((c, i) => ({
      id: `cat-${i}`,
      name: `cat-${i}`,
      title: c,
      description: '',
      image_url: '',
      kind: 'group',
      parent_id: null,
      gov_oid: '',
      org_code: '',
      state: 'active',
      created: now,
      modified: now,
    }));
    for (let i = 0; i < orgRows.length + themeRows.length; i += 500)
      await trx
        .insertInto('groups')
        .values([...orgRows, ...themeRows].slice(i, i + 500))
        .execute();
  });
  const batch = 1000;
  for (let start = 0; start < size; start += batch) {
    await k.transaction().execute(async (trx) => {
      const ds = [];
      const tags = [];
      const groups = [];
      const res = [];
      for (let n = start; n < Math.min(size, start + batch); n++) {
        const base = titles[n % titles.length] as RealTitle;
        const round = Math.floor(n / titles.length);
        const id = round === 0 ? `tw-${base.row}` : `tw-${base.row}-v${round}`;
        const title =
          round === 0
            ? base.title
            : `${VARIANT_PREFIX[round % VARIANT_PREFIX.length]}${base.title}${round >= VARIANT_PREFIX.length ? `(${round})` : ''}`;
        const h = hash(id);
        const cat = CATEGORIES[h % CATEGORIES.length] as string;
        const desc = notes[h % notes.length] as string;
        const date = /^\d{4}\/\d{2}\/\d{2}$/.test(base.date) ? base.date.replaceAll('/', '-') : '2018-07-01';
        const modified = new Date(
          Date.parse(`${date}T00:00:00Z`) + (h % 86400) * 1000 + round * 86400000,
        ).toISOString();
        const state = h % 100 === 7 ? 'draft' : 'active';
        ds.push({
          id,
          name: id,
          title,
          // Real rows keep only their own facts; synthetic variants carry real field lists of other
          // datasets (text volume for the speed runs; excluded from relevance by extras_variant).
          notes:
            round === 0
              ? `${title}。提供機關：${base.agency}`
              : `${title}。提供機關：${base.agency}。服務分類：${cat}。${desc}`,
          license_id: 'GOV-OPEN-1',
          owner_org: orgId.get(base.agency) ?? null,
          private: h % 20 === 3 ? 1 : 0,
          state,
          type: 'dataset',
          author: '',
          author_email: '',
          maintainer: '',
          maintainer_email: '',
          url: '',
          version: '',
          creator_user_id: `user-${h % 50}`,
          created: modified,
          modified,
          revision: 1,
          tw: JSON.stringify(round === 0 ? {} : { fieldDescriptions: desc.slice(0, 200) }),
          identifier: '',
          service_category: cat,
          update_frequency: FREQ[h % FREQ.length] as string,
          extras: round === 0 ? '{}' : '{"variant":"yes"}',
          harvest_source: null,
        });
        const words = [...segmenter.segment(base.title)]
          .map((s) => s.segment)
          .filter((w) => w.length >= 2 && /\p{Script=Han}/u.test(w));
        for (const w of new Set(words.slice(0, 3))) tags.push({ dataset_id: id, tag: w });
        groups.push({ dataset_id: id, group_id: `cat-${h % CATEGORIES.length}` });
        const nres = 1 + (h % 3);
        for (let r = 0; r < nres; r++) {
          res.push({
            id: `${id}-r${r}`,
            dataset_id: id,
            name: `${title} ${r + 1}`,
            description: '',
            url: 'https://data.gov.tw/',
            url_type: '',
            format: FORMATS[(h >>> (r * 3)) % FORMATS.length] as string,
            encoding: 'UTF-8',
            mimetype: '',
            size: null,
            sha256: '',
            record_count: null,
            position: r,
            state: 'active',
            datastore_active: 0,
            created: now,
            last_modified: null,
            metadata_modified: now,
            extras: '{}',
          });
        }
      }
      const chunk = <T>(rows: T[], n: number): T[][] =>
        Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, i * n + n));
      for (const c of chunk(ds, 200)) await trx.insertInto('datasets').values(c).execute();
      for (const c of chunk(tags, 2000)) await trx.insertInto('dataset_tags').values(c).execute();
      for (const c of chunk(groups, 2000)) await trx.insertInto('dataset_groups').values(c).execute();
      for (const c of chunk(res, 400)) await trx.insertInto('resources').values(c).execute();
    });
    if ((start / batch) % 25 === 0) log(`catalog ${Math.min(size, start + batch)}/${size}`);
  }
}
