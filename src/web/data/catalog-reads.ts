/**
 * The few catalog reads the portal needs that no service offers yet (headline counts, newest). Query-builder only, public datasets only; everything else goes through catalog services.
 */
import type { Queryable } from '../../platform/db/database.ts';

/** Headline figures for the home page: public datasets, agencies, resources of public datasets. */
export async function headlineCounts(
  db: Queryable,
): Promise<{ datasets: number; organizations: number; resources: number }> {
  const [d, o, r] = await Promise.all([
    db
      .selectFrom('datasets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'active')
      .where('private', '=', 0)
      .executeTakeFirst(),
    db
      .selectFrom('groups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'organization')
      .where('state', '=', 'active')
      .executeTakeFirst(),
    db
      .selectFrom('resources')
      .innerJoin('datasets', 'datasets.id', 'resources.dataset_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('resources.state', '=', 'active')
      .where('datasets.state', '=', 'active')
      .where('datasets.private', '=', 0)
      .executeTakeFirst(),
  ]);
  return { datasets: Number(d?.n ?? 0), organizations: Number(o?.n ?? 0), resources: Number(r?.n ?? 0) };
}

/** Ids of the newest public datasets. */
export async function newestDatasetIds(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('datasets')
    .select('id')
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .orderBy('created', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
