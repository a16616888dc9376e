/**
 * Who may read which datastore table: the one place /api/v1 and the CKAN datastore actions resolve a
 * resource id to its serving Parquet table, through the dataset's read permission.
 */
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../catalog/actor.ts';
import { getDatasetFor } from '../../catalog/dataset-service.ts';
import { showResource } from '../../catalog/resource-service.ts';
import type { Resource } from '../../catalog/types.ts';
import {
  currentTables,
  type DatastoreTable,
  type ReadableTableLookup,
  readableTables,
  type ServingTable,
} from '../../datastore/index.ts';
import { OdpError } from '../../platform/errors.ts';

/** A serving table of a resource the actor may read. */
export interface ReadableTable {
  resource: Resource;
  serving: ServingTable;
  /** What the query engine needs: the Parquet file's local path and the schema. */
  table: DatastoreTable;
  /** Every serving table of the resource (a workbook has one per sheet). */
  all: ServingTable[];
}

/** The error when a resource has no datastore table (CKAN: `Resource "<id>" was not found.`). */
export const noDatastoreTable = (resourceId: string): OdpError =>
  new OdpError('not_found', 'ODP_DATASTORE_NOT_FOUND', `Resource "${resourceId}" was not found.`);

/** The engine's view of a serving table. */
export function engineTable(ctx: AppContext, serving: ServingTable): DatastoreTable {
  return { parquetPath: ctx.blobs.localPath(serving.parquetKey), schema: serving.schema };
}

/** Picks a table by name ('' or absent: the first one); unknown names are a 404 naming the choices. */
export function pickTable(resourceId: string, tables: ServingTable[], name?: string): ServingTable {
  const found = name ? tables.find((t) => t.tableName === name) : tables[0];
  if (found) return found;
  if (!name || tables.length === 0) throw noDatastoreTable(resourceId);
  throw new OdpError(
    'not_found',
    'ODP_DATASTORE_TABLE_NOT_FOUND',
    `Table "${name}" was not found; the resource has ${tables.map((t) => `"${t.tableName}"`).join(', ')}`,
  );
}

/**
 * Resolves a resource the actor may read (404 unknown, 403 not allowed, as resource reads elsewhere)
 * and one of its serving tables (404 when none is loaded).
 */
export async function readableTable(
  ctx: AppContext,
  actor: Actor,
  resourceId: string,
  tableName?: string,
): Promise<ReadableTable> {
  const resource = await showResource(ctx.catalog, actor, resourceId);
  const all = await currentTables(ctx.db, resource.id);
  const serving = pickTable(resource.id, all, tableName);
  return { resource, serving, table: engineTable(ctx, serving), all };
}

/** Resolves a resource whose dataset the actor may update (datastore writes, reloads). */
export async function writableResource(ctx: AppContext, actor: Actor, resourceId: string): Promise<Resource> {
  const resource = await showResource(ctx.catalog, actor, resourceId);
  await getDatasetFor(ctx.db.kysely, actor, resource.datasetId, 'update');
  return resource;
}

/**
 * The SQL sandbox's table lookup for an actor. A query names `"<resource id>"` (its first table) or
 * `"<resource id>/<table name>"`. Missing and unreadable resources both answer null, so the sandbox
 * gives the same `relation ... does not exist` error for both.
 */
export function sqlTableLookup(ctx: AppContext, actor: Actor): ReadableTableLookup {
  const split = (name: string): { resourceId: string; table: string | undefined } => {
    const slash = name.indexOf('/');
    return slash < 0
      ? { resourceId: name, table: undefined }
      : { resourceId: name.slice(0, slash), table: name.slice(slash + 1) };
  };
  return readableTables(
    async (name) => {
      const { resourceId, table } = split(name);
      const tables = await currentTables(ctx.db, resourceId);
      const serving = table === undefined ? tables[0] : tables.find((t) => t.tableName === table);
      return serving ? engineTable(ctx, serving) : null;
    },
    async (name) => {
      try {
        await showResource(ctx.catalog, actor, split(name).resourceId);
        return true;
      } catch (err) {
        if (err instanceof OdpError) return false;
        throw err;
      }
    },
  );
}
