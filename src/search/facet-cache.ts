/**
 * Facet counting from integer codes. On SQLite each process keeps every document's codes in memory
 * (a few bytes per value) and follows search_changes to stay exact when this or another process
 * writes the index; a query then only fetches the keys of its matches. On PostgreSQL the server
 * counts (unnest the codes, group by code). Either way the dictionary turns codes back into values.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db, Queryable } from '../platform/db/database.ts';
import { FacetDictionary } from './facet-codes.ts';
import type { FacetCount } from './types.ts';

/** Parses SQLite's stored codes ("12 7 301"). */
function parseCodes(text: string): Int32Array {
  if (text === '') return new Int32Array(0);
  const parts = text.split(' ');
  const out = new Int32Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
}

/** What the cache keeps of one document. */
interface DocMeta {
  codes: Int32Array;
  /** Seen by anonymous visitors (public = 1). */
  open: boolean;
  modified: string;
  id: string;
}

type MetaRow = {
  doc: number;
  public: number;
  codes: string | number[];
  modified: string;
  dataset_id: string;
};

/** Every document's codes and sort keys, kept current from the change log (SQLite only). */
class DocCodes {
  private seq = -1;
  readonly docs = new Map<number, DocMeta>();

  private put(r: MetaRow): void {
    this.docs.set(Number(r.doc), {
      codes: parseCodes(String(r.codes)),
      open: Number(r.public) === 1,
      modified: r.modified,
      id: r.dataset_id,
    });
  }

  async refresh(q: Queryable): Promise<void> {
    const head = await sql<{ lo: number | null; hi: number | null }>`select min(seq) as lo, max(seq) as hi
      from search_changes`.execute(q);
    const lo = Number(head.rows[0]?.lo ?? 0);
    const hi = Number(head.rows[0]?.hi ?? 0);
    if (hi === this.seq) return;
    let changed: number[] | null = null;
    if (this.seq >= 0 && lo <= this.seq + 1) {
      const rows = await q
        .selectFrom('search_changes')
        .select('doc')
        .where('seq', '>', this.seq)
        .where('seq', '<=', hi)
        .execute();
      changed = rows.map((r) => Number(r.doc));
      if (changed.includes(-1)) changed = null;
    }
    const cols = ['doc', 'public', 'codes', 'modified', 'dataset_id'] as const;
    if (changed === null) {
      this.docs.clear();
      for (const r of await q.selectFrom('search_docs').select(cols).execute()) this.put(r);
    } else {
      const unique = [...new Set(changed)];
      for (let i = 0; i < unique.length; i += 500) {
        const part = unique.slice(i, i + 500);
        for (const d of part) this.docs.delete(d);
        const rows = await q.selectFrom('search_docs').select(cols).where('doc', 'in', part).execute();
        for (const r of rows) this.put(r);
      }
    }
    this.seq = hi;
  }
}

interface State {
  dict: FacetDictionary;
  docs: DocCodes;
}
const states = new WeakMap<object, State>();

function stateOf(db: Db): State {
  let s = states.get(db.kysely);
  if (!s) {
    s = { dict: new FacetDictionary(), docs: new DocCodes() };
    states.set(db.kysely, s);
  }
  return s;
}

/**
 * Raw counts per code of the documents matching `from`/`cond` (over `search_docs d`), and their
 * number. `publicMatch` (SQLite): the same set as public documents matching this FTS5 expression,
 * which the cache can filter without joining search_docs.
 */
async function countCodes(
  db: Db,
  from: RawBuilder<unknown>,
  cond: RawBuilder<unknown>,
  publicMatch: string | null,
): Promise<{ total: number; counts: Map<number, number> }> {
  const k = db.kysely;
  const counts = new Map<number, number>();
  if (db.dialect === 'postgres') {
    const [agg, total] = await Promise.all([
      sql<{
        code: number;
        n: number;
      }>`select c as code, count(*) as n from ${from} cross join lateral unnest(d.codes) c
        where ${cond} group by c`.execute(k),
      sql<{ n: number }>`select count(*) as n from ${from} where ${cond}`.execute(k),
    ]);
    for (const r of agg.rows) counts.set(Number(r.code), Number(r.n));
    return { total: Number(total.rows[0]?.n ?? 0), counts };
  }
  const state = stateOf(db);
  await state.docs.refresh(k);
  const docs = state.docs.docs;
  let rows: { doc: number }[];
  if (publicMatch !== null) {
    const all = await sql<{ doc: number }>`select rowid as doc from search_fts
      where search_fts match ${publicMatch}`.execute(k);
    rows = all.rows.filter((r) => docs.get(r.doc)?.open === true);
  } else rows = (await sql<{ doc: number }>`select d.doc from ${from} where ${cond}`.execute(k)).rows;
  return { total: rows.length, counts: tally(docs, rows) };
}

function tally(docs: Map<number, DocMeta>, rows: readonly { doc: number }[]): Map<number, number> {
  let top = 0;
  const metas: DocMeta[] = [];
  for (const r of rows) {
    const m = docs.get(r.doc);
    if (!m) continue;
    metas.push(m);
    for (let i = 0; i < m.codes.length; i++) top = Math.max(top, m.codes[i] as number);
  }
  // A typed array indexed by code: far cheaper than a Map over hundreds of thousands of values.
  const dense = new Int32Array(top + 1);
  for (const m of metas)
    for (let i = 0; i < m.codes.length; i++) {
      const c = m.codes[i] as number;
      dense[c] = (dense[c] ?? 0) + 1;
    }
  const counts = new Map<number, number>();
  for (let c = 0; c <= top; c++) if (dense[c]) counts.set(c, dense[c] as number);
  return counts;
}

/** Rowids of an FTS5 match, as one text value (one row object per match costs more than the match). */
async function matchRowids(q: Queryable, match: string): Promise<number[]> {
  const r = await sql<{ ids: string | null }>`select group_concat(rowid) as ids from search_fts
    where search_fts match ${match}`.execute(q);
  const text = r.rows[0]?.ids ?? '';
  return text === '' ? [] : text.split(',').map(Number);
}

/** Turns code counts into each requested field's values by count desc then name. */
async function facetLists(
  db: Db,
  counts: Map<number, number>,
  fields: readonly string[],
  limit: number,
  mincount: number,
): Promise<Record<string, FacetCount[]>> {
  const dict = stateOf(db).dict;
  const unknown = [...counts.keys()].filter((c) => !dict.has(c));
  if (unknown.length > 0) await dict.refresh(db.kysely, unknown);
  const wanted = new Set(fields);
  const lists = new Map<string, FacetCount[]>(fields.map((f) => [f, []]));
  for (const [code, n] of counts) {
    const field = dict.fields[code];
    if (field === undefined || !wanted.has(field) || n < mincount || n <= 0) continue;
    lists.get(field)?.push({ name: dict.values[code] ?? '', count: n });
  }
  const facets: Record<string, FacetCount[]> = {};
  for (const [field, list] of lists) {
    list.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    facets[field] = limit < 0 ? list : list.slice(0, limit);
  }
  return facets;
}

/** What rankPublic needs: the FTS5 match, its phrase bonus and how to page and count. */
export interface PublicRankRequest {
  match: string;
  /** FTS5 expression whose matches earn `bonus`. */
  phrase: string | null;
  bonus: number;
  /** bm25 column weights, as SQL. */
  weights: RawBuilder<unknown>;
  /** Tie-break by modification time (newest first) before the dataset id. */
  byModified: boolean;
  rows: number;
  start: number;
  fields: readonly string[];
  limit: number;
  mincount: number;
  /** Exact-value filters on facet fields that every match must pass (`field:value`, normalized). */
  require: readonly CodedFilter[];
}

/** `field:value` on facet fields (the value normalized); with `exclude`, `-field:value`. */
export interface CodedFilter {
  fields: readonly string[];
  norm: string;
  exclude: boolean;
}

/**
 * SQLite, anonymous viewer, text query without other filters, sorted by score: one FTS5 pass gives
 * every match's score; visibility, order, page, count and facets come from the in-memory documents
 * (same order as the SQL path: score desc, then modified desc when asked, then dataset id).
 */
export async function rankPublic(
  db: Db,
  r: PublicRankRequest,
): Promise<{ count: number; ids: string[]; facets: Record<string, FacetCount[]> }> {
  const k = db.kysely;
  const state = stateOf(db);
  await state.docs.refresh(k);
  const docs = state.docs.docs;
  const sets: { codes: Set<number>; exclude: boolean }[] = [];
  if (r.require.length > 0) {
    await state.dict.refresh(k);
    const dict = state.dict;
    for (const f of r.require) {
      const codes = new Set<number>();
      for (const field of f.fields)
        for (const c of dict.byField.get(field) ?? []) if (dict.norms[c] === f.norm) codes.add(c);
      sets.push({ codes, exclude: f.exclude });
    }
  }
  const passes = (m: DocMeta | undefined): m is DocMeta =>
    m?.open === true && sets.every((s) => m.codes.some((c) => s.codes.has(c)) !== s.exclude);
  // Count and facets: every public match, from its rowid alone.
  const matched = (await matchRowids(k, r.match)).filter((d) => passes(docs.get(d)));
  const facets =
    r.fields.length > 0
      ? await facetLists(
          db,
          tally(
            docs,
            matched.map((doc) => ({ doc })),
          ),
          r.fields,
          r.limit,
          r.mincount,
        )
      : {};
  // The page: the best K by score from FTS5 (phrase bonus included), ordered here with the tie-breaks;
  // K grows until the page cannot hide a tie or a skipped non-public match.
  const need = r.start + r.rows;
  const bonus =
    r.phrase === null
      ? sql`0`
      : sql`(case when rowid in (select rowid from search_fts where search_fts match ${r.phrase}) then ${sql.lit(r.bonus)} else 0 end)`;
  let ids: string[] = [];
  for (let want = need + 20; need > 0; want *= 4) {
    const top = await sql<{ doc: number; s: number }>`select rowid as doc,
      (-bm25(search_fts, ${r.weights}) + ${bonus}) as s from search_fts where search_fts match ${r.match}
      order by s desc limit ${want}`.execute(k);
    const hits: { score: number; meta: DocMeta }[] = [];
    for (const row of top.rows) {
      const meta = docs.get(row.doc);
      if (passes(meta)) hits.push({ score: row.s, meta });
    }
    hits.sort(
      (a, b) =>
        b.score - a.score ||
        (r.byModified && a.meta.modified !== b.meta.modified
          ? a.meta.modified < b.meta.modified
            ? 1
            : -1
          : 0) ||
        (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0),
    );
    const exhausted = top.rows.length < want;
    const last = top.rows[top.rows.length - 1]?.s;
    const pageEnd = hits[Math.min(need, hits.length) - 1]?.score;
    // Complete when every match was read, or the page is full and strictly above the cut-off score.
    if (exhausted || (hits.length >= need && pageEnd !== undefined && last !== undefined && pageEnd > last)) {
      ids = hits.slice(r.start, need).map((h) => h.meta.id);
      break;
    }
  }
  return { count: matched.length, ids, facets };
}

/**
 * Exact facet counts of the requested fields over the documents matching `cond`, and how many match.
 * Values by count desc then name, at least `mincount`, at most `limit` (-1 = all).
 */
export async function countFacets(
  db: Db,
  from: RawBuilder<unknown>,
  cond: RawBuilder<unknown>,
  fields: readonly string[],
  limit: number,
  mincount: number,
  publicMatch: string | null = null,
): Promise<{ count: number; facets: Record<string, FacetCount[]> }> {
  const { total, counts } = await countCodes(db, from, cond, publicMatch);
  return { count: total, facets: await facetLists(db, counts, fields, limit, mincount) };
}
