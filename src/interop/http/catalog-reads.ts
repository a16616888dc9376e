/** Reads the HTTP interop layer shares: the public catalogue in stable order, organizations by id, the DCAT context. */

import type { AppContext } from '../../app-context.ts';
import { loadDatasets } from '../../catalog/dataset-rows.ts';
import { listGroups } from '../../catalog/group-service.ts';
import type { Dataset, Group } from '../../catalog/types.ts';
import type { DcatContext } from '../dcat/dcat-context.ts';

/** Public, active datasets: what anonymous harvesters may see (private, draft, deleted never listed). */
export async function countPublicDatasets(ctx: AppContext): Promise<number> {
  const row = await ctx.db.kysely
    .selectFrom('datasets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of public active datasets in name order. */
export async function publicDatasetPage(ctx: AppContext, offset: number, limit: number): Promise<Dataset[]> {
  const rows = await ctx.db.kysely
    .selectFrom('datasets')
    .select('id')
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return loadDatasets(
    ctx.db.kysely,
    rows.map((r) => r.id),
  );
}

/** Every public active dataset, streamed in chunks (name order, keyset paging: no offset drift). */
export async function* publicDatasets(ctx: AppContext, chunk = 200): AsyncGenerator<Dataset> {
  let after = '';
  for (;;) {
    const rows = await ctx.db.kysely
      .selectFrom('datasets')
      .select(['id', 'name'])
      .where('state', '=', 'active')
      .where('private', '=', 0)
      .where('name', '>', after)
      .orderBy('name')
      .limit(chunk)
      .execute();
    if (rows.length === 0) return;
    yield* await loadDatasets(
      ctx.db.kysely,
      rows.map((r) => r.id),
    );
    after = rows[rows.length - 1]?.name ?? '';
    if (rows.length < chunk) return;
  }
}

/** Organizations by id (all of them: a few thousand at most). */
export async function organizationsById(ctx: AppContext): Promise<Map<string, Group>> {
  return new Map((await listGroups(ctx.db.kysely, 'organization')).map((g) => [g.id, g]));
}

/** The DCAT context of this portal. */
export function dcatContextOf(ctx: AppContext, orgs: Map<string, Group>): DcatContext {
  return {
    baseUrl: ctx.config.baseUrl,
    catalogTitle: 'ODP 政府資料開放平臺',
    catalogDescription: 'Open government data catalogue (DCAT-AP 3.0.1) of this ODP portal',
    publisher: { name: 'odp', title: 'ODP', govOid: '' },
    organizationOf: (d) => (d.ownerOrg ? (orgs.get(d.ownerOrg) ?? null) : null),
  };
}
