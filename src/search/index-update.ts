import { sql } from 'kysely';
import type { Queryable } from '../platform/db/database.ts';
import { type IndexDoc, TEXT_FIELDS } from './document.ts';
import { resolveCodes, storedCodes } from './facet-codes.ts';
import type { SearchDocsTable } from './tables.ts';

/** A search_docs row as stored (SQLite: codes as text). */
export type StoredDoc = Omit<SearchDocsTable, 'doc' | 'codes'> & { doc: number; codes: string | number[] };

const facetKey = (f: { field: string; value: string; norm: string }): string =>
  `${f.field}\x1f${f.value}\x1f${f.norm}`;

/**
 * Rewrites an indexed dataset's rows in place on SQLite, writing only what changed: a quality check
 * changes two facet values and no text, an edit of the notes changes the full text but few columns.
 * The doc key (also the FTS5 rowid) stays; the change log gets the doc, so every process's facet cache
 * (and answer cache) reloads it. Cheaper than deleting and inserting every row and index entry.
 */
export async function updateDocInPlace(q: Queryable, old: StoredDoc, next: IndexDoc): Promise<void> {
  const known = new Map<string, number>();
  await resolveCodes(q, next.facetKeys, known);
  const codes = storedCodes(
    'sqlite',
    next.facetKeys.map((k) => known.get(k) ?? 0).filter((c) => c > 0),
  );
  const row: Omit<StoredDoc, 'doc'> = { ...next.row, codes };
  const changed: Partial<Omit<StoredDoc, 'doc'>> = {};
  for (const key of Object.keys(row) as (keyof typeof row)[]) {
    if (row[key] !== old[key]) Object.assign(changed, { [key]: row[key] });
  }
  if (Object.keys(changed).length > 0)
    await q.updateTable('search_docs').set(changed).where('doc', '=', old.doc).execute();

  const text = next.text.fts ?? TEXT_FIELDS.map(() => '');
  const stored = await sql<Record<string, string>>`select ${sql.raw(TEXT_FIELDS.join(', '))}
    from search_fts where rowid = ${old.doc}`.execute(q);
  const before = stored.rows[0];
  if (!before || TEXT_FIELDS.some((f, i) => before[f] !== text[i])) {
    if (before) await sql`delete from search_fts where rowid = ${old.doc}`.execute(q);
    await sql`insert into search_fts (rowid, ${sql.raw(TEXT_FIELDS.join(', '))})
      values (${old.doc}, ${sql.join(text)})`.execute(q);
  }

  const had = await q
    .selectFrom('search_facets')
    .select(['field', 'value', 'norm'])
    .where('dataset_id', '=', old.dataset_id)
    .execute();
  const wanted = new Set(next.facetRows.map(facetKey));
  const present = new Set(had.map(facetKey));
  for (const f of had.filter((h) => !wanted.has(facetKey(h)))) {
    await q
      .deleteFrom('search_facets')
      .where('dataset_id', '=', old.dataset_id)
      .where('field', '=', f.field)
      .where('value', '=', f.value)
      .where('norm', '=', f.norm)
      .execute();
  }
  const added = next.facetRows.filter((f) => !present.has(facetKey(f)));
  if (added.length > 0) {
    await q
      .insertInto('search_facets')
      .values(added.map((f) => ({ dataset_id: old.dataset_id, ...f })))
      .execute();
  }
  // Logged even when no index row changed: answer caches follow the log, and a write can change what an
  // answer shows without changing the index (a resource's datastore_active flag).
  await q.insertInto('search_changes').values({ doc: old.doc }).execute();
}
