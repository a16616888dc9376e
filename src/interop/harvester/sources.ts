/** Harvest sources: stored configuration of where to harvest from, how often, and for which organization. */

import type { Queryable } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { HarvestRunsTable, HarvestSourcesTable } from './tables.ts';

export const SOURCE_TYPES = ['ckan', 'dcat', 'datagovtw', 'taoyuan', 'taichung', 'yilan'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** A harvest source as services and routes see it. */
export interface HarvestSource {
  id: string;
  name: string;
  url: string;
  type: SourceType;
  /** Organization id owning records that name no agency, or null. */
  organization: string | null;
  /** Run every N hours; 0 = on demand only. */
  scheduleHours: number;
  state: 'active' | 'disabled';
  lastRunAt: string | null;
  lastStatus: string;
  created: string;
  modified: string;
}

export interface HarvestSourceInput {
  name?: string;
  url?: string;
  type?: string;
  organization?: string | null;
  scheduleHours?: number;
  state?: 'active' | 'disabled';
}

export const isSourceType = (t: string): t is SourceType => (SOURCE_TYPES as readonly string[]).includes(t);

function fromRow(r: HarvestSourcesTable): HarvestSource {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    type: isSourceType(r.type) ? r.type : 'dcat',
    organization: r.organization,
    scheduleHours: Number(r.schedule_hours),
    state: r.state === 'disabled' ? 'disabled' : 'active',
    lastRunAt: r.last_run_at,
    lastStatus: r.last_status,
    created: r.created,
    modified: r.modified,
  };
}

/** http(s) URLs, or (allowFiles) a local path for the CLI. */
function checkInput(input: HarvestSourceInput, creating: boolean, allowFiles: boolean): void {
  const errors: Record<string, string[]> = {};
  if (creating && !input.name) errors.name = ['Missing value'];
  if (input.name !== undefined && !/^[a-z0-9_-]{2,100}$/.test(input.name))
    errors.name = ['Must be 2-100 lowercase letters, digits, - or _'];
  if (creating && !input.url) errors.url = ['Missing value'];
  if (input.url !== undefined && !allowFiles) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(input.url).protocol);
    } catch {}
    if (!ok) errors.url = ['Must be an http(s) URL'];
  }
  if (creating && !input.type) errors.type = ['Missing value'];
  if (input.type !== undefined && !isSourceType(input.type))
    errors.type = [`Must be one of ${SOURCE_TYPES.join(', ')}`];
  const h = input.scheduleHours;
  if (h !== undefined && (!Number.isInteger(h) || h < 0 || h > 24 * 366))
    errors.schedule_hours = ['Must be a whole number of hours from 0 to 8784'];
  if (Object.keys(errors).length) throw invalid(errors);
}

/** Lists every source by name. */
export async function listSources(db: Queryable): Promise<HarvestSource[]> {
  return (await db.selectFrom('harvest_sources').selectAll().orderBy('name').execute()).map(fromRow);
}

/** A source by id or name, or null. */
export async function findSource(db: Queryable, idOrName: string): Promise<HarvestSource | null> {
  const row = await db
    .selectFrom('harvest_sources')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** A source by id or name; 404 when unknown. */
export async function getSource(db: Queryable, idOrName: string): Promise<HarvestSource> {
  const s = await findSource(db, idOrName);
  if (!s) throw notFound('Harvest source', 'ODP_HARVEST_SOURCE_NOT_FOUND');
  return s;
}

/** Creates a source (callers check the actor is a sysadmin). `allowFiles` lets the CLI name a local file. */
export async function createSource(
  db: Queryable,
  input: HarvestSourceInput,
  opts: { allowFiles?: boolean } = {},
): Promise<HarvestSource> {
  checkInput(input, true, opts.allowFiles ?? false);
  if (await findSource(db, input.name ?? '')) throw invalid({ name: ['A source with that name exists'] });
  const now = new Date().toISOString();
  const row: HarvestSourcesTable = {
    id: newId(),
    name: input.name ?? '',
    url: input.url ?? '',
    type: input.type ?? '',
    organization: input.organization ?? null,
    schedule_hours: input.scheduleHours ?? 0,
    state: input.state ?? 'active',
    last_run_at: null,
    last_status: '',
    created: now,
    modified: now,
  };
  await db.insertInto('harvest_sources').values(row).execute();
  return fromRow(row);
}

/** Changes the fields given. */
export async function updateSource(
  db: Queryable,
  idOrName: string,
  input: HarvestSourceInput,
): Promise<HarvestSource> {
  const before = await getSource(db, idOrName);
  checkInput(input, false, false);
  if (input.name && input.name !== before.name && (await findSource(db, input.name)))
    throw invalid({ name: ['A source with that name exists'] });
  await db
    .updateTable('harvest_sources')
    .set({
      name: input.name ?? before.name,
      url: input.url ?? before.url,
      type: input.type ?? before.type,
      organization: input.organization !== undefined ? input.organization : before.organization,
      schedule_hours: input.scheduleHours ?? before.scheduleHours,
      state: input.state ?? before.state,
      modified: new Date().toISOString(),
    })
    .where('id', '=', before.id)
    .execute();
  return getSource(db, before.id);
}

/** Removes a source, its runs and record links (harvested datasets stay, still marked with their source). */
export async function deleteSource(db: Queryable, idOrName: string): Promise<void> {
  const s = await getSource(db, idOrName);
  await db.deleteFrom('harvest_objects').where('source_id', '=', s.id).execute();
  await db.deleteFrom('harvest_runs').where('source_id', '=', s.id).execute();
  await db.deleteFrom('harvest_sources').where('id', '=', s.id).execute();
}

/** A stored run. */
export interface HarvestRun {
  id: string;
  sourceId: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  report: unknown;
}

const runFromRow = (r: HarvestRunsTable): HarvestRun => ({
  id: r.id,
  sourceId: r.source_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  report: JSON.parse(r.report) as unknown,
});

/** Runs of a source, newest first. */
export async function listRuns(db: Queryable, sourceId: string, limit = 20): Promise<HarvestRun[]> {
  const rows = await db
    .selectFrom('harvest_runs')
    .selectAll()
    .where('source_id', '=', sourceId)
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(runFromRow);
}
