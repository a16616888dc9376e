/**
 * What a dataset card shows, for one page of results, in ONE query: the dataset row (description cut to
 * what a teaser needs), its resources' formats aggregated in SQL, and its latest quality (stars, mark).
 * Lists never load whole datasets (resources, tags, groups) row by row.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Mark, Stars } from '../../quality/index.ts';

/** One dataset as a list shows it. */
export interface DatasetSummary {
  id: string;
  name: string;
  title: string;
  /** The start of the description (enough for a teaser). */
  notes: string;
  ownerOrg: string | null;
  modified: string;
  /** Distinct resource formats, upper case, sorted. */
  formats: string[];
  /** Latest quality check; null when never checked. */
  quality: { stars: Stars; mark: Mark } | null;
}

const TEASER_SOURCE_CHARS = 600;

/** Summaries of the given datasets in the given order (ids not found are left out). */
export async function datasetSummaries(db: Db, ids: readonly string[]): Promise<DatasetSummary[]> {
  if (!ids.length) return [];
  const formats =
    db.dialect === 'postgres'
      ? sql<
          string | null
        >`(select string_agg(distinct upper(trim(r.format)), ',') from resources r where r.dataset_id = d.id and r.state = 'active' and r.format <> '')`
      : sql<
          string | null
        >`(select group_concat(distinct upper(trim(r.format))) from resources r where r.dataset_id = d.id and r.state = 'active' and r.format <> '')`;
  const rows = await db.kysely
    .selectFrom('datasets as d')
    .leftJoin('dataset_quality as q', 'q.dataset_id', 'd.id')
    .select([
      'd.id',
      'd.name',
      'd.title',
      sql<string>`substr(d.notes, 1, ${TEASER_SOURCE_CHARS})`.as('notes'),
      'd.owner_org',
      'd.modified',
      formats.as('formats'),
      'q.stars',
      'q.mark',
    ])
    .where('d.id', 'in', [...new Set(ids)].slice(0, 500))
    .execute();
  const byId = new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        title: r.title,
        notes: r.notes ?? '',
        ownerOrg: r.owner_org,
        modified: r.modified,
        formats: (r.formats ?? '').split(',').filter(Boolean).sort(),
        quality:
          r.stars === null || r.mark === null
            ? null
            : { stars: Number(r.stars) as Stars, mark: r.mark as Mark },
      } satisfies DatasetSummary,
    ]),
  );
  return ids.flatMap((id) => {
    const s = byId.get(id);
    return s ? [s] : [];
  });
}
