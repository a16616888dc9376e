import type { Queryable } from '../platform/db/database.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { recordActivity } from './activity.ts';
import type { Actor } from './actor.ts';
import { type CatalogContext, inTransaction } from './catalog-context.ts';
import type { ResourceInput } from './dataset-input.ts';
import { applyResourceFields } from './dataset-merge.ts';
import { loadDatasets } from './dataset-rows.ts';
import { checkRevision, getDatasetFor } from './dataset-service.ts';
import { lockDataset, saveDataset } from './dataset-store.ts';
import type { Dataset, Resource } from './types.ts';
import { validateResourceInput } from './validation.ts';

async function datasetIdOfResource(db: Queryable, resourceId: string): Promise<string> {
  const row = await db
    .selectFrom('resources')
    .select('dataset_id')
    .where('id', '=', resourceId)
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!row) throw notFound('Resource', 'ODP_RESOURCE_NOT_FOUND');
  return row.dataset_id;
}

/** Reads a resource the actor may see (through its dataset's permissions). */
export async function showResource(ctx: CatalogContext, actor: Actor, resourceId: string): Promise<Resource> {
  const datasetId = await datasetIdOfResource(ctx.db.kysely, resourceId);
  const d = await getDatasetFor(ctx.db.kysely, actor, datasetId, 'read');
  const r = d.resources.find((x) => x.id === resourceId);
  if (!r) throw notFound('Resource', 'ODP_RESOURCE_NOT_FOUND');
  return r;
}

/** Changes a dataset's resource list under the dataset's lock: the whole change is one revision. */
async function changeResources(
  ctx: CatalogContext,
  actor: Actor,
  datasetId: string,
  expectedRevision: number | undefined,
  change: (d: Dataset, now: string) => { resources: Resource[]; resourceId: string },
): Promise<{ dataset: Dataset; resourceId: string }> {
  const out = await inTransaction(ctx, async (trx) => {
    await lockDataset(trx, ctx.db.dialect, datasetId);
    const before = await getDatasetFor(trx, actor, datasetId, 'update');
    checkRevision(before, expectedRevision);
    const now = new Date().toISOString();
    const { resources, resourceId } = change(before, now);
    const after: Dataset = {
      ...before,
      resources: resources.map((r, i) => ({ ...r, position: i })),
      modified: now,
      revision: before.revision + 1,
    };
    await saveDataset(trx, before, after);
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: after.id,
      objectType: 'dataset',
      activityType: 'changed package',
      datasetId: after.id,
      data: after,
      timestamp: now,
    });
    return { value: { id: after.id, resourceId }, touched: [after.id] };
  });
  const [dataset] = await loadDatasets(ctx.db.kysely, [out.id]);
  if (!dataset) throw notFound('Dataset', 'ODP_DATASET_NOT_FOUND');
  return { dataset, resourceId: out.resourceId };
}

const resourceOf = (d: Dataset, id: string): Resource => {
  const r = d.resources.find((x) => x.id === id);
  if (!r) throw notFound('Resource', 'ODP_RESOURCE_NOT_FOUND');
  return r;
};

/** Appends a resource to a dataset (safe under concurrent creates: each lands, none is lost). */
export async function createResource(
  ctx: CatalogContext,
  actor: Actor,
  datasetIdOrName: string,
  input: ResourceInput,
  expectedRevision?: number,
): Promise<Resource> {
  const errors = validateResourceInput(input);
  if (Object.keys(errors).length) throw invalid(errors);
  const d0 = await getDatasetFor(ctx.db.kysely, actor, datasetIdOrName, 'update');
  const { dataset, resourceId } = await changeResources(ctx, actor, d0.id, expectedRevision, (d, now) => {
    const r = applyResourceFields(null, input, d.id, d.resources.length, now);
    return { resources: [...d.resources, r], resourceId: r.id };
  });
  return resourceOf(dataset, resourceId);
}

/** Updates a resource: 'replace' resets absent fields (CKAN resource_update), 'patch' merges. */
export async function updateResource(
  ctx: CatalogContext,
  actor: Actor,
  resourceId: string,
  input: ResourceInput,
  mode: 'replace' | 'patch',
  expectedRevision?: number,
): Promise<Resource> {
  const errors = validateResourceInput(input);
  if (Object.keys(errors).length) throw invalid(errors);
  const datasetId = await datasetIdOfResource(ctx.db.kysely, resourceId);
  const { dataset } = await changeResources(ctx, actor, datasetId, expectedRevision, (d, now) => {
    const old = resourceOf(d, resourceId);
    const base: Resource =
      mode === 'patch'
        ? old
        : {
            ...applyResourceFields(null, {}, d.id, old.position, now),
            id: old.id,
            created: old.created,
            datastoreActive: old.datastoreActive,
          };
    const next = applyResourceFields(base, input, d.id, old.position, now);
    return { resources: d.resources.map((r) => (r.id === resourceId ? next : r)), resourceId };
  });
  return resourceOf(dataset, resourceId);
}

/** Marks a resource deleted; the dataset's remaining resources close up their positions. */
export async function deleteResource(ctx: CatalogContext, actor: Actor, resourceId: string): Promise<void> {
  const datasetId = await datasetIdOfResource(ctx.db.kysely, resourceId);
  await changeResources(ctx, actor, datasetId, undefined, (d) => {
    resourceOf(d, resourceId);
    return { resources: d.resources.filter((r) => r.id !== resourceId), resourceId };
  });
}

/**
 * Marks whether a resource has a loaded datastore table (set by the datastore loader, not by users). The
 * dataset's after-write hooks run, so search answers (package dicts show datastore_active) follow.
 */
export async function setDatastoreActive(
  ctx: CatalogContext,
  resourceId: string,
  active: boolean,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const row = await trx
      .updateTable('resources')
      .set({ datastore_active: active ? 1 : 0 })
      .where('id', '=', resourceId)
      .returning('dataset_id')
      .executeTakeFirst();
    return { value: undefined, touched: row ? [row.dataset_id] : [] };
  });
}
