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

/** The most viewed public datasets with their view counts. */
export async function mostViewed(db: Queryable, limit: number): Promise<{ id: string; views: number }[]> {
  const rows = await db
    .selectFrom('web_dataset_views')
    .innerJoin('datasets', 'datasets.id', 'web_dataset_views.dataset_id')
    .select(['datasets.id', 'web_dataset_views.views'])
    .where('datasets.state', '=', 'active')
    .where('datasets.private', '=', 0)
    .orderBy('web_dataset_views.views', 'desc')
    .orderBy('datasets.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, views: Number(r.views) }));
}
