import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { textMatch } from './filter-sql.ts';
import { normalizeText } from './normalize.ts';
import type { TextExpr } from './query-compile.ts';
import { pieces, queryUnits } from './tokenizer.ts';
import { ANONYMOUS, type Viewer } from './types.ts';
import { visibilitySql } from './visibility.ts';

/** Suggestions for a search box. */
export interface AutocompleteResult {
  /** Datasets whose title starts with the text, then titles containing it (word prefix for Latin). */
  titles: { id: string; name: string; title: string }[];
  /** Tags starting with the text, most used first. */
  tags: { name: string; count: number }[];
  /** Organizations whose title, name or code starts with (or whose title contains) the text. */
  organizations: { name: string; title: string }[];
}

const MAX_PREFIX = 100;

/**
 * Prefix suggestions for titles, tags and organizations (Chinese included; 台/臺 and full-width
 * forms fold). Only datasets the viewer may see contribute titles and tags.
 */
export async function autocomplete(
  db: Db,
  text: string,
  viewer: Viewer = ANONYMOUS,
  limit = 10,
): Promise<AutocompleteResult> {
  const norm = normalizeText(text).trim().slice(0, MAX_PREFIX);
  const n = Math.max(1, Math.min(limit, 50));
  if (norm === '') return { titles: [], tags: [], organizations: [] };
  const k = db.kysely;
  const vis = visibilitySql(viewer, { includePrivate: true, includeDrafts: false, includeDeleted: false });
  const upper = `${norm}\uffff`;
  const starts = await sql<{
    id: string;
    name: string;
    title: string;
  }>`select d.dataset_id as id, d.name, d.title
    from search_docs d where d.title_norm >= ${norm} and d.title_norm < ${upper} and ${vis}
    order by d.modified desc limit ${n}`.execute(k);
  const titles = starts.rows;
  const contains = containsExpr(norm);
  if (titles.length < n && contains) {
    const seen = titles.map((t) => t.id);
    const more = await sql<{
      id: string;
      name: string;
      title: string;
    }>`select d.dataset_id as id, d.name, d.title
      from search_docs d where ${textMatch(db.dialect, contains)} and ${vis}
      ${seen.length ? sql`and d.dataset_id not in (${sql.join(seen)})` : sql``}
      order by d.modified desc limit ${n - titles.length}`.execute(k);
    titles.push(...more.rows);
  }
  const tags = await sql<{ name: string; count: number }>`select f.value as name, count(*) as count
    from search_facets f join search_docs d on d.dataset_id = f.dataset_id
    where f.field = 'tags' and f.norm >= ${norm} and f.norm < ${upper} and ${vis}
    group by f.value order by count(*) desc, f.value limit ${n}`.execute(k);
  const orgs = await k
    .selectFrom('groups')
    .select(['name', 'title', 'org_code'])
    .where('kind', '=', 'organization')
    .where('state', '=', 'active')
    .execute();
  const scored = orgs
    .map((o) => {
      const t = normalizeText(o.title);
      const rank =
        t.startsWith(norm) || normalizeText(o.name).startsWith(norm) || normalizeText(o.org_code) === norm
          ? 0
          : t.includes(norm)
            ? 1
            : 2;
      return { name: o.name, title: o.title, rank };
    })
    .filter((o) => o.rank < 2)
    .sort((a, b) => a.rank - b.rank || a.title.length - b.title.length || (a.name < b.name ? -1 : 1));
  return {
    titles,
    tags: tags.rows.map((r) => ({ name: r.name, count: Number(r.count) })),
    organizations: scored.slice(0, n).map(({ name, title }) => ({ name, title })),
  };
}

/** Title-contains expression: every word must appear in the title; a final Latin word as a prefix. */
function containsExpr(norm: string): TextExpr | null {
  const units = queryUnits(norm);
  if (units.length === 0) return null;
  const last = pieces(norm).at(-1);
  const items: TextExpr[] = units.map((u, i) => ({
    kind: 'phrase',
    tokens: i === units.length - 1 && last?.kind === 'word' ? [last.text] : u.tokens,
    prefix: u.prefix || (i === units.length - 1 && last?.kind === 'word'),
    cols: ['title'],
  }));
  return items.length === 1 ? (items[0] as TextExpr) : { kind: 'tand', items };
}
