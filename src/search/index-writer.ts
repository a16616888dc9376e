import { sql } from 'kysely';
import type { Dialect, Queryable } from '../platform/db/database.ts';
import { type IndexDoc, parseFacetBlob, TEXT_FIELDS } from './document.ts';
import { resolveCodes, storedCodes } from './facet-codes.ts';

const CHUNK = 400;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Options of a write: `log` records the touched doc keys in search_changes (what SQLite readers'
 * facet caches follow; a bulk rebuild logs one reset instead); `codes` caches facet codes resolved
 * in this transaction (or committed).
 */
export interface WriteOptions {
  log: boolean;
  codes: Map<string, number>;
}

/** Removes the index rows of the given datasets. */
export async function deleteDocs(
  q: Queryable,
  dialect: Dialect,
  datasetIds: readonly string[],
  log = true,
): Promise<void> {
  for (const ids of chunks(datasetIds, CHUNK)) {
    if (dialect === 'sqlite') {
      if (log)
        await sql`insert into search_changes (doc) select doc from search_docs where dataset_id in (${sql.join(ids)})`.execute(
          q,
        );
      await sql`delete from search_fts where rowid in (select doc from search_docs where dataset_id in (${sql.join(ids)}))`.execute(
        q,
      );
    }
    await q.deleteFrom('search_facets').where('dataset_id', 'in', ids).execute();
    await q.deleteFrom('search_docs').where('dataset_id', 'in', ids).execute();
  }
}

/** Inserts index rows for documents whose datasets have no index rows yet. */
export async function insertDocs(
  q: Queryable,
  dialect: Dialect,
  docs: readonly IndexDoc[],
  opts: WriteOptions = { log: true, codes: new Map() },
): Promise<void> {
  await resolveCodes(
    q,
    docs.flatMap((d) => d.facetKeys),
    opts.codes,
  );
  const codesOf = (d: IndexDoc): string | number[] =>
    storedCodes(
      dialect,
      d.facetKeys.map((k) => opts.codes.get(k) ?? 0).filter((c) => c > 0),
    );
  for (const batch of chunks(docs, dialect === 'sqlite' ? 200 : 100)) {
    if (dialect === 'sqlite') {
      const inserted = await q
        .insertInto('search_docs')
        .values(batch.map((d) => ({ ...d.row, codes: codesOf(d) })))
        .returning(['doc', 'dataset_id'])
        .execute();
      if (opts.log)
        await q
          .insertInto('search_changes')
          .values(inserted.map((r) => ({ doc: r.doc })))
          .execute();
      const docOf = new Map(inserted.map((r) => [r.dataset_id, r.doc]));
      const rows = batch.map(
        (d) =>
          sql`(${docOf.get(d.row.dataset_id) ?? null}, ${sql.join(d.text.fts ?? TEXT_FIELDS.map(() => ''))})`,
      );
      await sql`insert into search_fts (rowid, ${sql.raw(TEXT_FIELDS.join(', '))}) values ${sql.join(rows)}`.execute(
        q,
      );
    } else {
      const rows = batch.map(
        (d) =>
          sql`(${sql.join([
            d.row.dataset_id,
            d.row.name,
            d.row.title,
            d.row.title_norm,
            d.row.state,
            d.row.private,
            d.row.public,
            d.row.owner_org,
            d.row.creator_user_id,
            d.row.type,
            d.row.license_id,
            d.row.created,
            d.row.modified,
            d.row.facets,
          ])}, ${codesOf(d)}::int4[], ${d.text.tsv ?? ''}::tsvector)`,
      );
      await sql`insert into search_docs (dataset_id, name, title, title_norm, state, private, public, owner_org,
        creator_user_id, type, license_id, created, modified, facets, codes, tsv) values ${sql.join(rows)}`.execute(
        q,
      );
    }
    const facetRows = batch.flatMap((d) => d.facetRows.map((f) => ({ dataset_id: d.row.dataset_id, ...f })));
    for (const fr of chunks(facetRows, 1000)) await q.insertInto('search_facets').values(fr).execute();
  }
}

/** Facet-count contributions of a document: +1 per public facet value and for the total. */
export function countDeltas(
  doc: { public: number; facets: string } | undefined | null,
  sign: 1 | -1,
  into: Map<string, number>,
): void {
  if (doc?.public !== 1) return;
  const bump = (key: string): void => {
    into.set(key, (into.get(key) ?? 0) + sign);
  };
  bump('\x1f');
  for (const [field, value] of parseFacetBlob(doc.facets)) bump(`${field}\x1f${value}`);
}

/**
 * Applies count deltas (keys `field \x1f value`) in one statement, rows in key order so concurrent writers
 * do not deadlock; counts that reach zero are removed.
 */
export async function applyCountDeltas(q: Queryable, deltas: Map<string, number>): Promise<void> {
  const keys = [...deltas.keys()].filter((k) => deltas.get(k) !== 0).sort();
  if (keys.length === 0) return;
  for (const part of chunks(keys, 1000)) {
    const rows = part.map((key) => {
      const i = key.indexOf('\x1f');
      return { field: key.slice(0, i), value: key.slice(i + 1), n: deltas.get(key) ?? 0 };
    });
    await q
      .insertInto('search_facet_counts')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['field', 'value']).doUpdateSet({ n: sql`search_facet_counts.n + excluded.n` }),
      )
      .execute();
  }
  if (keys.some((k) => (deltas.get(k) ?? 0) < 0))
    await q.deleteFrom('search_facet_counts').where('n', '<=', 0).execute();
}

/** Recomputes every facet count from the index (after a bulk rebuild). */
export async function rebuildCounts(q: Queryable): Promise<void> {
  await q.deleteFrom('search_facet_counts').execute();
  const docs = q.selectFrom('search_docs').select(['public', 'facets']).where('public', '=', 1);
  const deltas = new Map<string, number>();
  for (const d of await docs.execute()) countDeltas(d, 1, deltas);
  const rows = [...deltas].map(([key, n]) => {
    const i = key.indexOf('\x1f');
    return { field: key.slice(0, i), value: key.slice(i + 1), n };
  });
  for (const part of chunks(rows, 1000)) await q.insertInto('search_facet_counts').values(part).execute();
}
