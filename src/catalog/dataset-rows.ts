import type { Queryable } from '../platform/db/database.ts';
import type { DatasetsTable, ResourcesTable } from '../platform/db/schema.ts';
import { emptyTwProfile } from './dataset-input.ts';
import type { Dataset, DatasetState, Resource, TwProfile } from './types.ts';

const parseJson = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

/** Maps a resources row to the domain Resource. */
export function resourceFromRow(r: ResourcesTable): Resource {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    name: r.name,
    description: r.description,
    url: r.url,
    urlType: r.url_type === 'upload' ? 'upload' : '',
    format: r.format,
    encoding: r.encoding,
    mimetype: r.mimetype,
    size: r.size === null ? null : Number(r.size),
    sha256: r.sha256,
    recordCount: r.record_count === null ? null : Number(r.record_count),
    position: r.position,
    state: r.state === 'deleted' ? 'deleted' : 'active',
    datastoreActive: r.datastore_active === 1,
    created: r.created,
    lastModified: r.last_modified,
    metadataModified: r.metadata_modified,
    extras: parseJson<Record<string, string>>(r.extras, {}),
  };
}

function datasetFromRow(
  d: DatasetsTable,
  tags: string[],
  groupIds: string[],
  resources: Resource[],
): Dataset {
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.notes,
    licenseId: d.license_id,
    ownerOrg: d.owner_org,
    private: d.private === 1,
    state: d.state as DatasetState,
    type: d.type,
    author: d.author,
    authorEmail: d.author_email,
    maintainer: d.maintainer,
    maintainerEmail: d.maintainer_email,
    url: d.url,
    version: d.version,
    creatorUserId: d.creator_user_id,
    created: d.created,
    modified: d.modified,
    revision: d.revision,
    tags,
    groupIds,
    extras: parseJson<Record<string, string>>(d.extras, {}),
    tw: { ...emptyTwProfile(), ...parseJson<Partial<TwProfile>>(d.tw, {}) },
    harvestSource: parseJson<Dataset['harvestSource']>(d.harvest_source, null),
    resources,
  };
}

/** Domain Dataset -> row (for insert/update). */
export function datasetToRow(d: Dataset): DatasetsTable {
  return {
    id: d.id,
    name: d.name,
    title: d.title,
    notes: d.notes,
    license_id: d.licenseId,
    owner_org: d.ownerOrg,
    private: d.private ? 1 : 0,
    state: d.state,
    type: d.type,
    author: d.author,
    author_email: d.authorEmail,
    maintainer: d.maintainer,
    maintainer_email: d.maintainerEmail,
    url: d.url,
    version: d.version,
    creator_user_id: d.creatorUserId,
    created: d.created,
    modified: d.modified,
    revision: d.revision,
    tw: JSON.stringify(d.tw),
    identifier: d.tw.identifier,
    service_category: d.tw.serviceCategory,
    update_frequency: d.tw.updateFrequency,
    extras: JSON.stringify(d.extras),
    harvest_source: d.harvestSource ? JSON.stringify(d.harvestSource) : null,
  };
}

/** Domain Resource -> row. */
export function resourceToRow(r: Resource): ResourcesTable {
  return {
    id: r.id,
    dataset_id: r.datasetId,
    name: r.name,
    description: r.description,
    url: r.url,
    url_type: r.urlType,
    format: r.format,
    encoding: r.encoding,
    mimetype: r.mimetype,
    size: r.size,
    sha256: r.sha256,
    record_count: r.recordCount,
    position: r.position,
    state: r.state,
    datastore_active: r.datastoreActive ? 1 : 0,
    created: r.created,
    last_modified: r.lastModified,
    metadata_modified: r.metadataModified,
    extras: JSON.stringify(r.extras),
  };
}

/** Loads whole datasets (tags, groups, active resources in position order), in the order of `ids`. */
export async function loadDatasets(db: Queryable, ids: readonly string[]): Promise<Dataset[]> {
  if (ids.length === 0) return [];
  const out: Dataset[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const [rows, tags, groups, resources] = await Promise.all([
      db.selectFrom('datasets').selectAll().where('id', 'in', chunk).execute(),
      db.selectFrom('dataset_tags').selectAll().where('dataset_id', 'in', chunk).orderBy('tag').execute(),
      db.selectFrom('dataset_groups').selectAll().where('dataset_id', 'in', chunk).execute(),
      db
        .selectFrom('resources')
        .selectAll()
        .where('dataset_id', 'in', chunk)
        .where('state', '=', 'active')
        .orderBy('position')
        .execute(),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const row = byId.get(id);
      if (!row) continue;
      out.push(
        datasetFromRow(
          row,
          tags.filter((t) => t.dataset_id === id).map((t) => t.tag),
          groups.filter((g) => g.dataset_id === id).map((g) => g.group_id),
          resources.filter((r) => r.dataset_id === id).map(resourceFromRow),
        ),
      );
    }
  }
  return out;
}

/** Finds a dataset id by id or name. */
export async function findDatasetId(db: Queryable, idOrName: string): Promise<string | null> {
  const row = await db
    .selectFrom('datasets')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Names of active public datasets in name order (CKAN package_list). */
export async function listPublicDatasetNames(
  db: Queryable,
  page: { limit?: number; offset?: number },
): Promise<string[]> {
  let q = db
    .selectFrom('datasets')
    .select('name')
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .orderBy('name');
  if (page.limit !== undefined) q = q.limit(page.limit);
  if (page.offset) q = q.offset(page.offset).$if(page.limit === undefined, (x) => x.limit(1_000_000_000));
  return (await q.execute()).map((r) => r.name);
}

/** Distinct tags of active public datasets, optionally only those containing `query`, case-insensitively (CKAN tag_list). */
export async function listPublicTags(db: Queryable, query?: string): Promise<string[]> {
  const rows = await db
    .selectFrom('dataset_tags')
    .innerJoin('datasets', 'datasets.id', 'dataset_tags.dataset_id')
    .select('dataset_tags.tag')
    .distinct()
    .where('datasets.state', '=', 'active')
    .where('datasets.private', '=', 0)
    .orderBy('dataset_tags.tag')
    .execute();
  const needle = query?.toLowerCase();
  return rows.map((r) => r.tag).filter((t) => !needle || t.toLowerCase().includes(needle));
}

/** How many active public datasets a user created (CKAN number_created_packages). */
export async function countPublicDatasetsCreatedBy(db: Queryable, userId: string): Promise<number> {
  const row = await db
    .selectFrom('datasets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('creator_user_id', '=', userId)
    .where('state', '=', 'active')
    .where('private', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
