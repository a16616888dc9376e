import { sql } from 'kysely';
import type { Queryable } from '../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordActivity } from './activity.ts';
import type { Actor } from './actor.ts';
import { type CatalogContext, inTransaction } from './catalog-context.ts';
import type { DatasetInput } from './dataset-input.ts';
import { applyDatasetFields, applyResourceFields, blankDataset } from './dataset-merge.ts';
import { findDatasetId, loadDatasets } from './dataset-rows.ts';
import { lockDataset, nextIdentifier, saveDataset } from './dataset-store.ts';
import { canCreateDataset, canDataset, type DatasetAction } from './policies.ts';
import { categoryGroupName } from './service-categories.ts';
import type { Dataset } from './types.ts';
import { validateDatasetInput } from './validation.ts';

export const factsOf = (d: Dataset) => ({
  ownerOrg: d.ownerOrg,
  private: d.private,
  state: d.state,
  creatorUserId: d.creatorUserId,
  harvested: d.harvestSource !== null,
});

/** Loads a dataset by id or name and checks the actor may do `action` on it (404 unknown, 403 not allowed). */
export async function getDatasetFor(
  db: Queryable,
  actor: Actor,
  idOrName: string,
  action: DatasetAction,
): Promise<Dataset> {
  const id = await findDatasetId(db, idOrName);
  const [d] = id ? await loadDatasets(db, [id]) : [];
  if (!d) throw notFound('Dataset', 'ODP_DATASET_NOT_FOUND');
  if (!canDataset(actor, action, factsOf(d))) {
    throw forbidden(`User ${actor.userName ?? 'anonymous'} not authorized to ${action} package ${d.name}`);
  }
  return d;
}

/** Reads a dataset the actor may see. */
export async function showDataset(ctx: CatalogContext, actor: Actor, idOrName: string): Promise<Dataset> {
  return getDatasetFor(ctx.db.kysely, actor, idOrName, 'read');
}

async function resolveOrg(trx: Queryable, idOrName: string | null | undefined) {
  if (!idOrName) return null;
  const org = await trx
    .selectFrom('groups')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .where('kind', '=', 'organization')
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!org) throw invalid({ owner_org: ['Organization does not exist'] });
  return org;
}

/** Group ids for names/ids given, plus the service-category group of the dataset's 服務分類. */
async function resolveGroups(trx: Queryable, refs: string[], serviceCategory: string): Promise<string[]> {
  const wanted = [...refs];
  if (serviceCategory) wanted.push(categoryGroupName(serviceCategory));
  if (!wanted.length) return [];
  const rows = await trx
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('kind', '=', 'group')
    .where((eb) => eb.or([eb('id', 'in', wanted), eb('name', 'in', wanted)]))
    .execute();
  const missing = refs.filter((r) => !rows.some((g) => g.id === r || g.name === r));
  if (missing.length) throw invalid({ groups: missing.map((m) => `Group ${m} does not exist`) });
  return [...new Set(rows.map((g) => g.id))].sort();
}

/** Makes the name free: another active dataset's name is a conflict; a deleted one is renamed to its id (CKAN). */
async function claimName(trx: Queryable, name: string, selfId: string): Promise<void> {
  const other = await trx
    .selectFrom('datasets')
    .select(['id', 'state'])
    .where('name', '=', name)
    .where('id', '!=', selfId)
    .executeTakeFirst();
  if (!other) return;
  if (other.state !== 'deleted') throw invalid({ name: ['That URL is already in use.'] });
  await trx.updateTable('datasets').set({ name: other.id }).where('id', '=', other.id).execute();
}

async function finishDataset(
  trx: Queryable,
  ctx: CatalogContext,
  before: Dataset | null,
  d: Dataset,
  input: DatasetInput,
  resolved?: Awaited<ReturnType<typeof resolveOrg>>,
) {
  const org =
    resolved !== undefined
      ? resolved
      : await resolveOrg(trx, input.ownerOrg !== undefined ? input.ownerOrg : d.ownerOrg);
  d.ownerOrg = org?.id ?? null;
  if (d.private && !d.ownerOrg)
    throw invalid({ private: ['Datasets with no organization can not be private.'] });
  if (org && ctx.db.dialect === 'postgres')
    await sql`select id from groups where id = ${org.id} for update`.execute(trx);
  if (org?.org_code && !d.tw.identifier) d.tw.identifier = await nextIdentifier(trx, org.org_code);
  const groupRefs =
    input.groups ??
    (before
      ? before.groupIds.filter((g) => !g.startsWith('category-')) // recomputed below from the category
      : []);
  d.groupIds = await resolveGroups(trx, groupRefs, d.tw.serviceCategory);
  await claimName(trx, d.name, d.id);
}

/** Creates a dataset (CKAN package_create rules plus the data.gov.tw profile). */
export async function createDataset(
  ctx: CatalogContext,
  actor: Actor,
  input: DatasetInput,
): Promise<Dataset> {
  const errors = validateDatasetInput(input, 'create');
  if (Object.keys(errors).length) throw invalid(errors);
  if (input.id && !actor.sysadmin) throw forbidden('Only sysadmins may set the id of a new dataset');
  // The dataset as written is the answer: reading it back would cost four more queries per write.
  return inTransaction(ctx, async (trx) => {
    const org = await resolveOrg(trx, input.ownerOrg);
    if (!canCreateDataset(actor, org?.id ?? null)) {
      throw forbidden(`User ${actor.userName ?? 'anonymous'} not authorized to create packages`);
    }
    const now = new Date().toISOString();
    const id = input.id ?? newId();
    if (input.id && (await findDatasetId(trx, input.id)))
      throw invalid({ id: ['Dataset id already exists'] });
    const d = applyDatasetFields(
      blankDataset({ id, created: now, creatorUserId: actor.userId, revision: 1 }),
      input,
    );
    d.modified = now;
    await finishDataset(trx, ctx, null, d, input, org);
    d.resources = (input.resources ?? []).map((r, i) => applyResourceFields(null, r, id, i, now));
    await saveDataset(trx, null, d);
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: id,
      objectType: 'dataset',
      activityType: 'new package',
      datasetId: id,
      data: d,
      timestamp: now,
    });
    return { value: d, touched: [id] };
  });
}

export interface UpdateOptions {
  /** 'replace' (CKAN package_update: absent fields reset, resources kept if omitted) or 'patch' (shallow merge). */
  mode: 'replace' | 'patch';
  /** The revision the client based its change on; a stale one is refused (409 ODP_REVISION_CONFLICT). */
  expectedRevision?: number;
}

/** Updates a dataset; refuses stale revisions; records the change with a full snapshot. */
export async function updateDataset(
  ctx: CatalogContext,
  actor: Actor,
  idOrName: string,
  input: DatasetInput,
  opts: UpdateOptions,
): Promise<Dataset> {
  const errors = validateDatasetInput(input, 'update');
  if (Object.keys(errors).length) throw invalid(errors);
  return inTransaction(ctx, async (trx) => {
    const found = await findDatasetId(trx, idOrName);
    if (!found) throw notFound('Dataset', 'ODP_DATASET_NOT_FOUND');
    await lockDataset(trx, ctx.db.dialect, found);
    const before = await getDatasetFor(trx, actor, found, 'update');
    checkRevision(before, opts.expectedRevision);
    const now = new Date().toISOString();
    const base =
      opts.mode === 'patch'
        ? before
        : {
            ...blankDataset(before),
            ownerOrg: before.ownerOrg,
            name: before.name,
            tw: { ...blankDataset(before).tw, identifier: before.tw.identifier },
            harvestSource: before.harvestSource,
          };
    const d = applyDatasetFields(base, input);
    d.revision = before.revision + 1;
    d.modified = now;
    if (d.ownerOrg !== before.ownerOrg && input.ownerOrg !== undefined && !actor.sysadmin) {
      const target = await resolveOrg(trx, input.ownerOrg);
      if (!canCreateDataset(actor, target?.id ?? null))
        throw forbidden('Not authorized to move the dataset there');
    }
    await finishDataset(trx, ctx, before, d, input);
    d.resources = input.resources
      ? input.resources.map((r, i) =>
          applyResourceFields(before.resources.find((b) => b.id === r.id) ?? null, r, d.id, i, now),
        )
      : before.resources;
    await saveDataset(trx, before, d);
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: d.id,
      objectType: 'dataset',
      activityType: d.state === 'deleted' ? 'deleted package' : 'changed package',
      datasetId: d.id,
      data: d,
      timestamp: now,
    });
    return { value: d, touched: [d.id] };
  });
}

export function checkRevision(d: Dataset, expected: number | undefined): void {
  if (expected !== undefined && expected !== d.revision) {
    throw conflict(
      `The dataset changed since revision ${expected} (now ${d.revision}); reload it and apply your change again`,
      'ODP_REVISION_CONFLICT',
    );
  }
}

/** Soft-deletes a dataset (state deleted; still readable by its editors). */
export async function deleteDataset(ctx: CatalogContext, actor: Actor, idOrName: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const found = await findDatasetId(trx, idOrName);
    if (!found) throw notFound('Dataset', 'ODP_DATASET_NOT_FOUND');
    await lockDataset(trx, ctx.db.dialect, found);
    const before = await getDatasetFor(trx, actor, found, 'delete');
    const now = new Date().toISOString();
    const d: Dataset = { ...before, state: 'deleted', modified: now, revision: before.revision + 1 };
    await saveDataset(trx, before, d);
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: d.id,
      objectType: 'dataset',
      activityType: 'deleted package',
      datasetId: d.id,
      data: d,
      timestamp: now,
    });
    return { value: undefined, touched: [d.id] };
  });
}

/** Removes a dataset and everything it owns for good (sysadmins only). */
export async function purgeDataset(ctx: CatalogContext, actor: Actor, idOrName: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const found = await findDatasetId(trx, idOrName);
    if (!found) throw notFound('Dataset', 'ODP_DATASET_NOT_FOUND');
    await getDatasetFor(trx, actor, found, 'purge');
    await trx.deleteFrom('resources').where('dataset_id', '=', found).execute();
    await trx.deleteFrom('dataset_tags').where('dataset_id', '=', found).execute();
    await trx.deleteFrom('dataset_groups').where('dataset_id', '=', found).execute();
    await trx.deleteFrom('datasets').where('id', '=', found).execute();
    return { value: undefined, touched: [found] };
  });
}
