/**
 * CKAN datastore writes: datastore_create, datastore_upsert, datastore_delete. Each write produces a
 * new immutable Parquet version of the resource's table (swapped in atomically); dataset editors only.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writableResource } from '../../../api/v1/datastore-access.ts';
import { createResource } from '../../../catalog/resource-service.ts';
import type { Resource } from '../../../catalog/types.ts';
import {
  currentTables,
  exposedFields,
  parseSearchInput,
  type ServingTable,
  versionMoved,
} from '../../../datastore/index.ts';
import { isLoadable, scheduleDatastoreLoad } from '../../../datastore/load-job.ts';
import { conflict, type FieldErrors, invalid, OdpError } from '../../../platform/errors.ts';
import type { ActionCall, ActionTable, DataDict } from '../action-types.ts';
import { readResourceDict } from '../package-parser.ts';
import { optBool, optList, required } from '../params.ts';
import { datastoreParams } from './datastore-params.ts';
import {
  blankSchema,
  checkRecordKeys,
  extendSchema,
  labelsOf,
  readFieldDefs,
  readRecords,
} from './datastore-records.ts';
import {
  assertNoLoadRunning,
  dropTables,
  publishTable,
  serialized,
  type WritableSchema,
} from './datastore-version.ts';
import {
  type DeleteFilter,
  type WriteInput,
  type WriteMethod,
  writeRecords,
  writeWithout,
} from './datastore-write.ts';

const fail = (key: string, message: string): never => {
  const errors: FieldErrors = { [key]: [message] };
  throw invalid(errors);
};

const notFoundIn = (resourceId: string) =>
  new OdpError('not_found', 'ODP_DATASTORE_NOT_FOUND', `Resource "${resourceId}" was not found.`);

/** The resource, if the actor may update its dataset; CKAN's read-only rule for file-backed resources. */
async function target(call: ActionCall, resourceId: string, data: DataDict): Promise<Resource> {
  let resource: Resource;
  try {
    resource = await writableResource(call.ctx, call.actor, resourceId);
  } catch (err) {
    if (err instanceof OdpError && err.code === 'ODP_RESOURCE_NOT_FOUND') throw notFoundIn(resourceId);
    throw err;
  }
  // A table loaded from the resource's file is replaced by the next load: CKAN calls it read-only.
  if (resource.url && !optBool(data, 'force')) {
    fail(
      'read-only',
      'Cannot edit read-only resource because changes made may be lost. Use force=True to ignore this warning.',
    );
  }
  return resource;
}

/** The one table a write works on (a multi-table resource is refused). */
async function singleTable(call: ActionCall, resourceId: string): Promise<ServingTable | null> {
  const tables = await currentTables(call.ctx.db, resourceId);
  if (tables.length > 1) {
    throw conflict(
      'Datastore writes need a resource with a single table; this one has several',
      'ODP_DATASTORE_MULTI_TABLE',
    );
  }
  return tables[0] ?? null;
}

/** Runs a write in a temporary folder on the resource's current table, then publishes what it wrote. */
async function writeVersion(
  call: ActionCall,
  resourceId: string,
  current: ServingTable | null,
  schema: WritableSchema,
  write: (input: WriteInput) => Promise<{ path: string; rows: number }>,
  summary: { code: string; message: string },
  dryRun = false,
): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'odp-ds-write-'));
  try {
    const input: WriteInput = {
      schema,
      oldParquet: current ? call.ctx.blobs.localPath(current.parquetKey) : null,
      oldColumns: new Set(current?.schema.columns.map((c) => c.id) ?? []),
      workDir,
    };
    const out = await write(input).catch((err: unknown) => {
      // Another process published a newer version and removed this one's files while we read them.
      if (input.oldParquet && !existsSync(input.oldParquet)) throw versionMoved();
      throw err;
    });
    if (!dryRun)
      await publishTable(
        call.ctx,
        resourceId,
        current?.version ?? null,
        { ...schema, rowCount: out.rows },
        out.path,
        summary,
      );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The table's fields as CKAN lists them (without `_id`). */
function fieldList(schema: WritableSchema): Array<Record<string, unknown>> {
  return exposedFields(schema)
    .filter((f) => f.columnId !== null)
    .map((f) => ({ id: f.label, type: f.type, ...(f.info ? { info: f.info } : {}) }));
}

const CREATE_KEYS = new Set([
  'resource_id',
  'resource',
  'force',
  'aliases',
  'fields',
  'records',
  'primary_key',
  'indexes',
  'triggers',
  'calculate_record_count',
]);

/** datastore_create with `resource`: creates the resource first (a link is loaded by the datastore job). */
async function createTargetResource(call: ActionCall, raw: unknown): Promise<Resource | { queued: string }> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('resource', 'Not a dict');
  const dict = raw as DataDict;
  const packageId = required(dict, 'package_id');
  const { package_id: _pkg, ...rest } = dict;
  const r = await createResource(call.ctx.catalog, call.actor, packageId, readResourceDict(rest));
  if (r.url && isLoadable(r.format, r.url)) {
    await scheduleDatastoreLoad(call.ctx.db.kysely, r.id);
    return { queued: r.id };
  }
  return r;
}

async function datastoreCreate(call: ActionCall): Promise<Record<string, unknown>> {
  const data = datastoreParams(call.data, CREATE_KEYS);
  if (data.resource !== undefined && data.resource_id !== undefined)
    fail('resource', 'resource cannot be used with resource_id');
  if (data.resource === undefined && (data.resource_id === undefined || data.resource_id === ''))
    fail('resource_id', 'resource_id or resource required');
  for (const key of ['aliases', 'triggers'] as const) {
    // Tables are addressed by resource id only, and Parquet versions have no triggers: say so, never ignore.
    if (optList(data, key)?.length) fail(key, `${key} are not supported by this portal's datastore`);
  }
  const records = readRecords(data.records);
  const defs = readFieldDefs(data.fields, records[0]);
  let resource: Resource;
  if (data.resource !== undefined) {
    const made = await createTargetResource(call, data.resource);
    if ('queued' in made) return { resource_id: made.queued, method: 'insert', queued_load: true };
    resource = made;
  } else resource = await target(call, required(data, 'resource_id'), data);

  return serialized(resource.id, async () => {
    await assertNoLoadRunning(call.ctx, resource.id);
    const current = await singleTable(call, resource.id);
    let schema = extendSchema(current?.schema ?? blankSchema(), defs, records[0]);
    if (schema.columns.length === 0) fail('fields', 'Missing value');
    const pk = optList(data, 'primary_key')
      ?.flatMap((k) => k.split(',').map((s) => s.trim()))
      .filter(Boolean);
    if (pk !== undefined) {
      const labels = labelsOf(schema);
      schema = {
        ...schema,
        primaryKey: pk.map(
          (label) => labels.get(label) ?? fail('primary_key', `field "${label}" does not exist`),
        ),
      };
    }
    checkRecordKeys(records, schema);
    const changed =
      !current ||
      records.length > 0 ||
      pk !== undefined ||
      schema.columns.length !== current.schema.columns.length;
    if (changed) {
      await writeVersion(
        call,
        resource.id,
        current,
        schema,
        (input) => writeRecords(call.ctx, input, records, 'insert'),
        {
          code: 'datastore_create',
          message: `datastore_create: ${records.length} records`,
        },
      );
    }
    return {
      resource_id: resource.id,
      fields: fieldList(schema),
      method: 'insert',
      ...(pk !== undefined ? { primary_key: pk } : {}),
      ...(data.indexes !== undefined ? { indexes: data.indexes } : {}),
    };
  });
}

const UPSERT_KEYS = new Set([
  'resource_id',
  'force',
  'records',
  'method',
  'dry_run',
  'include_records',
  'calculate_record_count',
]);
const METHODS: WriteMethod[] = ['upsert', 'insert', 'update'];

async function datastoreUpsert(call: ActionCall): Promise<Record<string, unknown>> {
  const data = datastoreParams(call.data, UPSERT_KEYS);
  const resourceId = required(data, 'resource_id');
  const method = (data.method ?? 'upsert') as WriteMethod;
  if (!METHODS.includes(method)) fail('method', `Value must be one of ['upsert', 'insert', 'update']`);
  const records = readRecords(data.records);
  const resource = await target(call, resourceId, data);
  const dryRun = optBool(data, 'dry_run') === true;
  return serialized(resource.id, async () => {
    await assertNoLoadRunning(call.ctx, resource.id);
    const current = await singleTable(call, resource.id);
    if (!current) throw notFoundIn(resourceId);
    const schema: WritableSchema = current.schema;
    checkRecordKeys(records, schema);
    await writeVersion(
      call,
      resource.id,
      current,
      schema,
      (input) => writeRecords(call.ctx, input, records, method),
      { code: 'datastore_upsert', message: `datastore_upsert (${method}): ${records.length} records` },
      dryRun,
    );
    return {
      resource_id: resource.id,
      method,
      ...(optBool(data, 'include_records') ? { records } : {}),
      ...(dryRun ? { dry_run: true } : {}),
    };
  });
}

/** datastore_delete filters: equality on labels (`_id` refused: row numbers change between versions). */
function deleteFilters(raw: unknown, schema: WritableSchema): DeleteFilter[] {
  let value = raw;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return fail('filters', 'filters must be either a dict or a list');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('filters', 'filters must be either a dict or a list');
  if ('_id' in value) return fail('filters', 'invalid value "_id"');
  const parsed = parseSearchInput({ filters: value }, exposedFields(schema));
  const types = new Map(schema.columns.map((c) => [c.id, c.type]));
  return parsed.filters.map((f) => ({
    columnId: f.field.columnId as string,
    type: types.get(f.field.columnId as string) ?? 'text',
    values: f.values,
  }));
}

async function datastoreDelete(call: ActionCall): Promise<Record<string, unknown>> {
  const data = datastoreParams(
    call.data,
    new Set(['resource_id', 'force', 'filters', 'calculate_record_count']),
  );
  const resourceId = required(data, 'resource_id');
  const resource = await target(call, resourceId, data);
  return serialized(resource.id, async () => {
    await assertNoLoadRunning(call.ctx, resource.id);
    const current = await singleTable(call, resource.id);
    if (!current) throw notFoundIn(resourceId);
    if (data.filters === undefined || data.filters === null) {
      await dropTables(call.ctx, resource.id);
      return { resource_id: resource.id };
    }
    const filters = deleteFilters(data.filters, current.schema);
    await writeVersion(
      call,
      resource.id,
      current,
      current.schema,
      (input) => writeWithout(call.ctx, input, filters),
      {
        code: 'datastore_delete',
        message: 'datastore_delete: rows matching the filters removed',
      },
    );
    return {
      resource_id: resource.id,
      filters: typeof data.filters === 'string' ? JSON.parse(data.filters) : data.filters,
    };
  });
}

/** The write actions by CKAN name. */
export const datastoreWriteActions: ActionTable = {
  datastore_create: {
    sideEffectFree: false,
    doc: 'Create a DataStore table for a resource from `fields` and `records`, or add fields and records to it (a new version). A resource with a file is read-only unless force=true.\n\n:param resource_id: the resource (or `resource`: a resource dict with package_id to create)\n:param fields: [{"id": label, "type": "text|int|numeric|bool|date|timestamp"}] (optional)\n:param records: [{label: value}] (optional)\n:param primary_key: labels (optional)\n:param force: (optional)\n:rtype: dictionary',
    run: datastoreCreate,
  },
  datastore_upsert: {
    sideEffectFree: false,
    doc: 'Insert, update or upsert records of a DataStore table by its primary key (a new version).\n\n:param resource_id: the resource\n:param records: [{label: value}]\n:param method: upsert (default), insert or update\n:param dry_run: check only (optional)\n:param force: (optional)\n:rtype: dictionary',
    run: datastoreUpsert,
  },
  datastore_delete: {
    sideEffectFree: false,
    doc: 'Delete the rows matching `filters` (a new version), or with no filters the whole table (datastore_active becomes false).\n\n:param resource_id: the resource\n:param filters: {label: value or [values]} (optional)\n:param force: (optional)\n:rtype: dictionary',
    run: datastoreDelete,
  },
};
