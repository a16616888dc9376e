/**
 * One harvest run: read the source, create or update a local dataset per record (as SYSTEM_ACTOR, with the
 * source link that makes it read-only locally), skip unchanged records, withdraw (soft-delete) the datasets
 * the source no longer lists, and store a report. A bad record is reported and the run goes on.
 */

import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../catalog/actor.ts';
import type { CatalogContext } from '../../catalog/catalog-context.ts';
import type { DatasetInput, ResourceInput } from '../../catalog/dataset-input.ts';
import { findDatasetId, loadDatasets } from '../../catalog/dataset-rows.ts';
import { createDataset, deleteDataset, updateDataset } from '../../catalog/dataset-service.ts';
import type { Dataset } from '../../catalog/types.ts';
import { nameProblem } from '../../catalog/validation.ts';
import { OdpError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { ExternalDataset } from '../dataset-input.ts';
import type { FetchPolicy } from './fetch.ts';
import { organizationResolver } from './organizations.ts';
import { readSource } from './read-source.ts';
import { datasetInputOf } from './sanitize.ts';
import type { HarvestSource } from './sources.ts';

/** A record the run could not use, with what the source sent (truncated). */
export interface HarvestError {
  remoteId: string | null;
  error: string;
  record: unknown;
}

/** What a run did. */
export interface HarvestReport {
  sourceId: string;
  startedAt: string;
  finishedAt: string;
  status: 'succeeded' | 'failed';
  /** Documents (pages) fetched. */
  documents: number;
  /** Records read (good and bad). */
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  /** Bad records (at most MAX_ERRORS listed; `errorCount` counts all). */
  errors: HarvestError[];
  errorCount: number;
  /** Why the source could not be read at all (then nothing was withdrawn). */
  fetchError: string | null;
}

const MAX_ERRORS = 500;
const MAX_RECORD_CHARS = 2000;

/** What a run needs from the app. */
export interface HarvestDeps {
  catalog: CatalogContext;
  policy: FetchPolicy;
}

function errorText(e: unknown): string {
  if (e instanceof OdpError) {
    const fields = Object.entries(e.fields).map(([k, v]) => `${k}: ${v.join('; ')}`);
    return fields.length ? `${e.message} (${fields.join(', ')})` : e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function clip(record: unknown): unknown {
  const text = typeof record === 'string' ? record : JSON.stringify(record);
  if (text.length <= MAX_RECORD_CHARS) return record;
  return `${text.slice(0, MAX_RECORD_CHARS)}…`;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

async function freeDatasetName(
  catalog: CatalogContext,
  source: HarvestSource,
  remoteId: string,
  wanted: string,
) {
  const db = catalog.db.kysely;
  if (wanted && !nameProblem(wanted) && !(await findDatasetId(db, wanted))) return wanted;
  const slug = remoteId
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const prefix = source.name.slice(0, 40);
  const fromId = `${prefix}-${slug}`.slice(0, 100);
  if (slug && slug.length <= 50 && !nameProblem(fromId) && !(await findDatasetId(db, fromId))) return fromId;
  return `${prefix}-${sha256(`${source.id}\n${remoteId}`).slice(0, 16)}`;
}

/** Keeps resource ids stable across updates: same URL first, then same position. */
function withResourceIds(before: Dataset, resources: ResourceInput[]): ResourceInput[] {
  const free = [...before.resources];
  const take = (i: number) => free.splice(i, 1)[0]?.id;
  const byUrl = resources.map((r) => {
    const i = free.findIndex((b) => r.url && b.url === r.url);
    return i >= 0 ? take(i) : undefined;
  });
  return resources.map((r, i) => ({ ...r, id: byUrl[i] ?? (free.length ? take(0) : undefined) }));
}

interface Upsert {
  source: HarvestSource;
  remoteId: string;
  ext: ExternalDataset;
  ownerOrg: string | null;
}

async function upsert(deps: HarvestDeps, u: Upsert): Promise<'added' | 'updated' | 'unchanged'> {
  const db = deps.catalog.db.kysely;
  const hash = sha256(JSON.stringify([u.ext, u.ownerOrg]));
  const link = await db
    .selectFrom('harvest_objects')
    .selectAll()
    .where('source_id', '=', u.source.id)
    .where('remote_id', '=', u.remoteId)
    .executeTakeFirst();
  const [existing] = link ? await loadDatasets(db, [link.dataset_id]) : [];
  const input: DatasetInput = {
    ...datasetInputOf(u.ext),
    ownerOrg: u.ownerOrg,
    harvestSource: { sourceId: u.source.id, url: u.source.url, remoteId: u.remoteId },
  };
  let datasetId: string;
  let outcome: 'added' | 'updated' | 'unchanged';
  if (existing && link) {
    if (link.content_hash === hash && link.state === 'active' && existing.state === 'active')
      return 'unchanged';
    if (!input.tw?.identifier) input.tw = { ...input.tw, identifier: existing.tw.identifier };
    input.resources = withResourceIds(existing, input.resources ?? []);
    await updateDataset(deps.catalog, SYSTEM_ACTOR, existing.id, input, { mode: 'replace' });
    datasetId = existing.id;
    outcome = 'updated';
  } else {
    input.name = await freeDatasetName(deps.catalog, u.source, u.remoteId, u.ext.name);
    datasetId = (await createDataset(deps.catalog, SYSTEM_ACTOR, input)).id;
    outcome = 'added';
  }
  const row = {
    dataset_id: datasetId,
    content_hash: hash,
    state: 'active',
    modified: new Date().toISOString(),
  };
  if (link) {
    await db
      .updateTable('harvest_objects')
      .set(row)
      .where('source_id', '=', u.source.id)
      .where('remote_id', '=', u.remoteId)
      .execute();
  } else {
    await db
      .insertInto('harvest_objects')
      .values({ ...row, source_id: u.source.id, remote_id: u.remoteId })
      .execute();
  }
  return outcome;
}

async function withdraw(
  deps: HarvestDeps,
  source: HarvestSource,
  present: Set<string>,
  report: HarvestReport,
) {
  const db = deps.catalog.db.kysely;
  const links = await db
    .selectFrom('harvest_objects')
    .selectAll()
    .where('source_id', '=', source.id)
    .where('state', '=', 'active')
    .execute();
  for (const link of links) {
    if (present.has(link.remote_id)) continue;
    try {
      const [d] = await loadDatasets(db, [link.dataset_id]);
      if (d && d.state !== 'deleted') await deleteDataset(deps.catalog, SYSTEM_ACTOR, d.id);
      await db
        .updateTable('harvest_objects')
        .set({ state: 'withdrawn', modified: new Date().toISOString() })
        .where('source_id', '=', source.id)
        .where('remote_id', '=', link.remote_id)
        .execute();
      report.withdrawn++;
    } catch (e) {
      addError(report, { remoteId: link.remote_id, error: `withdraw failed: ${errorText(e)}`, record: null });
    }
  }
}

function addError(report: HarvestReport, e: HarvestError): void {
  report.errorCount++;
  if (report.errors.length < MAX_ERRORS) report.errors.push({ ...e, record: clip(e.record) });
}

/** Runs a harvest of `source` now and returns the report (also stored in harvest_runs). */
export async function runHarvest(deps: HarvestDeps, source: HarvestSource): Promise<HarvestReport> {
  const db = deps.catalog.db.kysely;
  const startedAt = new Date().toISOString();
  const runId = newId();
  const report: HarvestReport = {
    sourceId: source.id,
    startedAt,
    finishedAt: startedAt,
    status: 'succeeded',
    documents: 0,
    records: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    withdrawn: 0,
    errors: [],
    errorCount: 0,
    fetchError: null,
  };
  await db
    .insertInto('harvest_runs')
    .values({
      id: runId,
      source_id: source.id,
      started_at: startedAt,
      finished_at: null,
      status: 'running',
      report: '{}',
    })
    .execute();
  try {
    const read = await readSource(source, deps.policy, source.type === 'ckan' ? source.lastRunAt : null);
    report.documents = read.documents;
    report.records = read.records.length;
    const resolveOrg = organizationResolver(deps.catalog);
    const defaultOrg = source.organization;
    const seen = new Set<string>();
    for (const rec of read.records) {
      deps.policy.signal?.throwIfAborted();
      if ('error' in rec) {
        addError(report, { remoteId: null, error: rec.error, record: rec.record });
        continue;
      }
      if (seen.has(rec.remoteId)) {
        addError(report, {
          remoteId: rec.remoteId,
          error: 'duplicate remote id in this run',
          record: rec.input,
        });
        continue;
      }
      seen.add(rec.remoteId);
      try {
        const org = await resolveOrg(rec.input.organization);
        const outcome = await upsert(deps, {
          source,
          remoteId: rec.remoteId,
          ext: rec.input,
          ownerOrg: org?.id ?? defaultOrg,
        });
        report[outcome]++;
      } catch (e) {
        addError(report, { remoteId: rec.remoteId, error: errorText(e), record: rec.input });
      }
    }
    if (read.presentIds) await withdraw(deps, source, read.presentIds, report);
  } catch (e) {
    report.status = 'failed';
    report.fetchError = errorText(e);
  }
  report.finishedAt = new Date().toISOString();
  await db
    .updateTable('harvest_runs')
    .set({ finished_at: report.finishedAt, status: report.status, report: JSON.stringify(report) })
    .where('id', '=', runId)
    .execute();
  await db
    .updateTable('harvest_sources')
    .set({
      last_status: report.status,
      ...(report.status === 'succeeded' ? { last_run_at: startedAt } : {}),
    })
    .where('id', '=', source.id)
    .execute();
  return report;
}
