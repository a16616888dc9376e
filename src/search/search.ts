/**
 * searchDatasets: parses q/fq, restricts to what the viewer may see, ranks full-text matches
 * (BM25 with field weights on SQLite, weighted ts_rank_cd on PostgreSQL, plus a phrase-proximity
 * bonus, newer first on ties), pages, and counts facets exactly over the whole match set.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { type CodedFilter, countFacets, rankPublic } from './facet-cache.ts';
import { FacetCounter } from './facet-count.ts';
import { facetField } from './facet-fields.ts';
import { filterSql } from './filter-sql.ts';
import { compileQuery, type Filter, mergeText, type TextExpr } from './query-compile.ts';
import { parseQuery, type QueryNode } from './query-parser.ts';
import { toFts5, toTsquery } from './render-text.ts';
import { type SortKey, type ValidQuery, validateQuery } from './search-params.ts';
import { DEFAULT_SYNONYMS, type SynonymTable } from './synonyms.ts';
import { queryUnits } from './tokenizer.ts';
import type { ExplainEntry, SearchQuery, SearchResult, Viewer } from './types.ts';
import { extraVisibility, visibilitySql } from './visibility.ts';

/** Field weights: title > tags > organization > notes > resources. */
const FTS5_WEIGHTS = sql.raw('10.0, 5.0, 3.0, 1.5, 1.0');
/** ts_rank_cd weights, in PostgreSQL's {D, C, B, A} order. */
const PG_WEIGHTS = '{0.15, 0.3, 0.5, 1.0}';
/** Phrase-proximity bonus on each engine's score scale. */
const BONUS = { sqlite: 4, postgres: 0.4 } as const;

export interface SearchOptions {
  synonyms?: SynonymTable;
}

interface Plan {
  driver: TextExpr | null;
  rest: Filter;
  phrase: TextExpr | null;
}

/** Searches the catalog. Throws OdpError ODP_SEARCH_QUERY (bad_request) for bad syntax or parameters. */
export async function searchDatasets(
  db: Db,
  query: SearchQuery,
  viewer: Viewer,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const v = validateQuery(query);
  const plan = planQuery(v, options.synonyms ?? DEFAULT_SYNONYMS);
  if (!plan.driver && plan.rest.kind === 'all' && !v.debug) return browse(db, v, viewer);
  return matchAndRank(db, v, viewer, plan);
}

function planQuery(v: ValidQuery, synonyms: SynonymTable): Plan {
  const qNode = parseQuery(v.q);
  const nodes: QueryNode[] = [qNode, ...v.fq.map(parseQuery)];
  const compiled = nodes.map((n) => compileQuery(n, { synonyms }));
  const filter = mergeText({ kind: 'and', items: compiled });
  let driver: TextExpr | null = null;
  let rest: Filter = filter;
  if (filter.kind === 'text') {
    driver = filter.expr;
    rest = { kind: 'all' };
  } else if (filter.kind === 'and') {
    const i = filter.items.findIndex((f) => f.kind === 'text');
    const found = filter.items[i];
    if (found?.kind === 'text') {
      driver = found.expr;
      const others = filter.items.filter((_, j) => j !== i);
      rest = others.length === 1 ? (others[0] as Filter) : { kind: 'and', items: others };
    }
  }
  return { driver, rest, phrase: driver ? proximityPhrase(qNode) : null };
}

const CJK_GAP = /([\p{Script=Han}])\s+(?=[\p{Script=Han}])/gu;

/** The words of q (plain, unfielded, required) as one phrase, when there are at least two of them. */
function proximityPhrase(q: QueryNode): TextExpr | null {
  const terms = (q.kind === 'and' ? q.items : [q]).filter(
    (n): n is Extract<QueryNode, { kind: 'term' }> => n.kind === 'term' && n.field === null && !n.phrase,
  );
  const text = terms.map((t) => t.value).join(' ');
  if (queryUnits(text).length < 2) return null;
  const [unit] = queryUnits(text.replace(CJK_GAP, '$1'), true);
  return unit && unit.tokens.length > 1
    ? { kind: 'phrase', tokens: unit.tokens, prefix: unit.prefix, cols: null }
    : null;
}

function orderSql(db: Db, keys: SortKey[], hasScore: boolean): RawBuilder<unknown> {
  // Byte order for names and titles on both engines; ISO times sort alike in any collation, and
  // leaving them uncollated lets PostgreSQL walk its modified index.
  const collate = db.dialect === 'postgres' ? sql` collate "C"` : sql``;
  const parts = keys
    .filter((k) => k.by !== 'score' || hasScore)
    .map((k) => {
      const textual = k.by === 'name' || k.by === 'title_norm';
      const col = k.by === 'score' ? sql`score` : sql`d.${sql.ref(k.by)}${textual ? collate : sql``}`;
      return sql`${col} ${sql.raw(k.dir)}`;
    });
  parts.push(sql`d.dataset_id${collate} asc`);
  return sql.join(parts);
}

/** Empty query, no filters: ids from the sort index, facets from the maintained public counts. */
async function browse(db: Db, v: ValidQuery, viewer: Viewer): Promise<SearchResult> {
  const k = db.kysely;
  const extra = extraVisibility(viewer, v.visibility);
  const where = visibilitySql(viewer, v.visibility);
  const page = await sql<{ id: string }>`select d.dataset_id as id from search_docs d where ${where}
    order by ${orderSql(db, v.sort, false)} limit ${v.rows} offset ${v.start}`.execute(k);
  const counter = new FacetCounter(v.facetFields);
  const total = await k
    .selectFrom('search_facet_counts')
    .select('n')
    .where('field', '=', '')
    .executeTakeFirst();
  let count = Number(total?.n ?? 0);
  // Only the viewer's extra (private, draft) datasets can change the public order: then read all.
  const limit = extra || v.facetLimit < 0 ? null : v.facetLimit;
  const collate = db.dialect === 'postgres' ? sql` collate "C"` : sql``;
  const perField = await Promise.all(
    v.facetFields.map((f) =>
      sql<{ value: string; n: number }>`select value, n from search_facet_counts where field = ${f}
          and n >= ${Math.max(1, extra ? 1 : v.facetMincount)}
          order by n desc, value${collate}${limit === null ? sql`` : sql` limit ${limit}`}`.execute(k),
    ),
  );
  v.facetFields.forEach((f, i) => {
    for (const r of perField[i]?.rows ?? []) counter.add(f, r.value, Number(r.n));
  });
  if (extra) {
    const rows = await sql<{ facets: string }>`select d.facets from search_docs d
      where d.public = 0 and ${extra}`.execute(k);
    count += rows.rows.length;
    for (const r of rows.rows) counter.addBlob(r.facets);
  }
  return { count, ids: page.rows.map((r) => r.id), facets: counter.result(v.facetLimit, v.facetMincount) };
}

interface MatchRow {
  id: string;
  facets?: string;
  score?: number;
  text_score?: number;
  bonus?: number;
  modified?: string;
}

/** Matches of one exact value beyond which it counts as broad. */
const BROAD = 5000;

/** Whether the top-level filters hold a date range and only broad exact-value filters. */
async function rangeShouldDrive(db: Db, rest: Filter): Promise<boolean> {
  const items = rest.kind === 'and' ? rest.items : [rest];
  if (!items.some((f) => f.kind === 'range')) return false;
  for (const f of items) {
    if (f.kind !== 'facet' || f.norm === null) continue;
    const r = await sql<{ n: number }>`select count(*) as n from (select 1 from search_facets
      where field in (${sql.join(f.fields)}) and norm = ${f.norm} limit ${BROAD})`.execute(db.kysely);
    if (Number(r.rows[0]?.n ?? 0) < BROAD) return false;
  }
  return true;
}

/**
 * The filter as exact values of registered facet fields that must all match or, negated, must not
 * (what the in-memory documents can check), or null when it holds anything else.
 */
function codedFilters(rest: Filter): CodedFilter[] | null {
  const items = rest.kind === 'all' ? [] : rest.kind === 'and' ? rest.items : [rest];
  const out: CodedFilter[] = [];
  for (const item of items) {
    const exclude = item.kind === 'not';
    const f = exclude ? item.item : item;
    if (f.kind !== 'facet' || f.norm === null || !f.fields.every((n) => facetField(n))) return null;
    out.push({ fields: f.fields, norm: f.norm, exclude });
  }
  return out;
}

/** Whether the sort is the default "score desc[, metadata_modified desc]" (what rankPublic orders by). */
function scoreSort(keys: SortKey[]): { byModified: boolean } | null {
  const [first, second, ...rest] = keys;
  if (first?.by !== 'score' || first.dir !== 'desc' || rest.length > 0) return null;
  if (!second) return { byModified: false };
  return second.by === 'modified' && second.dir === 'desc' ? { byModified: true } : null;
}

async function matchAndRank(db: Db, v: ValidQuery, viewer: Viewer, plan: Plan): Promise<SearchResult> {
  const k = db.kysely;
  const sqlite = db.dialect === 'sqlite';
  const anonymous = !extraVisibility(viewer, v.visibility);
  const publicOnly = plan.rest.kind === 'all' && anonymous;
  const sorted = scoreSort(v.sort);
  const require = anonymous ? codedFilters(plan.rest) : null;
  if (sqlite && plan.driver && require && sorted && !v.debug)
    return rankPublic(db, {
      match: toFts5(plan.driver),
      phrase: plan.phrase ? toFts5(plan.phrase) : null,
      bonus: BONUS.sqlite,
      weights: FTS5_WEIGHTS,
      byModified: sorted.byModified,
      rows: v.rows,
      start: v.start,
      fields: v.facetFields,
      limit: v.facetLimit,
      mincount: v.facetMincount,
      require,
    });
  // SQLite's statistics cannot tell a broad value (res_format:JSON) from a narrow one (an
  // organization): when a date range is there and every exact-value filter is broad, the
  // (public, modified|created) index should drive and the values only be checked.
  const rangeDrives = sqlite && !plan.driver && (await rangeShouldDrive(db, plan.rest));
  const where = [
    visibilitySql(viewer, v.visibility, rangeDrives),
    filterSql(db.dialect, plan.rest, !rangeDrives),
  ];
  let from = sql`search_docs d`;
  let textScore: RawBuilder<number> = sql<number>`0`;
  let bonus: RawBuilder<number> = sql<number>`0`;
  if (plan.driver) {
    if (sqlite) {
      from = sql`search_fts join search_docs d on d.doc = search_fts.rowid`;
      where.push(sql<boolean>`search_fts match ${toFts5(plan.driver)}`);
      textScore = sql<number>`(-bm25(search_fts, ${FTS5_WEIGHTS}))`;
    } else {
      const tsq = toTsquery(plan.driver);
      where.push(sql<boolean>`d.tsv @@ ${tsq}::tsquery`);
      textScore = sql<number>`ts_rank_cd(${PG_WEIGHTS}::float4[], d.tsv, ${tsq}::tsquery)`;
    }
    if (plan.phrase) {
      const hit = sqlite
        ? sql`d.doc in (select rowid from search_fts where search_fts match ${toFts5(plan.phrase)})`
        : sql`d.tsv @@ ${toTsquery(plan.phrase)}::tsquery`;
      bonus = sql<number>`(case when ${hit} then ${sql.lit(BONUS[db.dialect])} else 0 end)`;
    }
  }
  const hasScore = plan.driver !== null;
  const cond = sql.join(where, sql` and `);
  const order = orderSql(db, v.sort, hasScore);
  const cols = [
    sql`d.dataset_id as id`,
    sql`(${textScore} + ${bonus}) as score`,
    ...(v.debug ? [sql`${textScore} as text_score`, sql`${bonus} as bonus`, sql`d.modified`] : []),
  ];
  const select = sql`select ${sql.join(cols)} from ${from} where ${cond}`;
  const page = sql<MatchRow>`${select} order by ${order} limit ${v.rows} offset ${v.start}`.execute(k);
  let rows: MatchRow[];
  let count: number;
  let facets: SearchResult['facets'] = {};
  if (v.facetFields.length > 0) {
    // Facets need every match, but only its codes: no score, no sort, no row data.
    const counted = await countFacets(
      db,
      from,
      cond,
      v.facetFields,
      v.facetLimit,
      v.facetMincount,
      sqlite && publicOnly && plan.driver ? toFts5(plan.driver) : null,
    );
    rows = (await page).rows;
    count = counted.count;
    facets = counted.facets;
  } else {
    const [p, total] = await Promise.all([
      page,
      sql<{ n: number }>`select count(*) as n from ${from} where ${cond}`.execute(k),
    ]);
    rows = p.rows;
    count = Number(total.rows[0]?.n ?? 0);
  }
  const result: SearchResult = { count, ids: rows.map((r) => r.id), facets };
  if (v.debug) {
    result.explain = {
      engine: sqlite ? 'sqlite-fts5' : 'postgres-tsvector',
      textQuery: plan.driver ? (sqlite ? toFts5(plan.driver) : toTsquery(plan.driver)) : null,
      phraseQuery: plan.phrase ? (sqlite ? toFts5(plan.phrase) : toTsquery(plan.phrase)) : null,
      sort: v.sortText,
      results: rows.map(
        (r): ExplainEntry => ({
          id: r.id,
          score: Number(r.score ?? 0),
          textScore: Number(r.text_score ?? 0),
          phraseBonus: Number(r.bonus ?? 0),
          modified: r.modified ?? '',
        }),
      ),
    };
  }
  return result;
}
