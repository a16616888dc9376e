/** Page views per dataset, counted by the dataset page, read by the home page's "most viewed". */
import type { Queryable } from '../../platform/db/database.ts';

declare module '../../platform/db/schema.ts' {
  interface Tables {
    web_dataset_views: { dataset_id: string; views: number };
  }
}

/** Counts one view of a dataset page. */
export async function countView(db: Queryable, datasetId: string): Promise<void> {
  await db
    .insertInto('web_dataset_views')
    .values({ dataset_id: datasetId, views: 1 })
    .onConflict((oc) =>
      oc.column('dataset_id').doUpdateSet((eb) => ({ views: eb('web_dataset_views.views', '+', 1) })),
    )
    .execute();
}

/**
 * The most viewed public datasets with their view counts. Two bounded reads (top views by their index, then
 * which of those are public) rather than a join the planner may drive from the whole datasets table.
 */
export async function mostViewed(db: Queryable, limit: number): Promise<{ id: string; views: number }[]> {
  const top = await db
    .selectFrom('web_dataset_views')
    .select(['dataset_id', 'views'])
    .orderBy('views', 'desc')
    .orderBy('dataset_id')
    .limit(limit * 5)
    .execute();
  if (!top.length) return [];
  const visible = await db
    .selectFrom('datasets')
    .select('id')
    .where(
      'id',
      'in',
      top.map((v) => v.dataset_id),
    )
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .execute();
  const ok = new Set(visible.map((r) => r.id));
  return top
    .filter((v) => ok.has(v.dataset_id))
    .slice(0, limit)
    .map((v) => ({ id: v.dataset_id, views: Number(v.views) }));
}
