/** Shapes datastore rows (tables, loads, jobs) for /api/v1 answers. */
import type { Static } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { type DatastoreLoadsTable, exposedFields, type ServingTable } from '../../datastore/index.ts';
import { LOAD_JOB } from '../../datastore/load-job.ts';
import type { JobSchema, LoadSchema, TableInfoSchema } from './datastore-schemas.ts';

/** A serving table with its columns and the fields datastore_search exposes. */
export function presentTable(t: ServingTable): Static<typeof TableInfoSchema> {
  return {
    name: t.tableName,
    version: t.version,
    rowCount: t.rowCount,
    format: t.schema.format,
    encoding: t.schema.encoding,
    columns: t.schema.columns.map((c) => ({
      id: c.id,
      label: c.label,
      code: c.code,
      type: c.type,
      note: c.note,
      derivedFrom: c.derivedFrom,
    })),
    fields: exposedFields(t.schema).map((f) => ({
      id: f.label,
      type: f.type,
      ...(f.info ? { info: f.info } : {}),
    })),
    notes: t.schema.notes,
    titles: t.schema.titles ?? [],
  };
}

function parseFindings(text: string): Array<{ code: string; message: string }> {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.map((f: { code?: unknown; message?: unknown }) => ({
          code: String(f?.code ?? ''),
          message: String(f?.message ?? ''),
        }))
      : [];
  } catch {
    return [];
  }
}

/** One load of a resource (status, progress, error, findings). */
export function presentLoad(l: DatastoreLoadsTable): Static<typeof LoadSchema> {
  return {
    id: l.id,
    version: Number(l.version),
    status: l.status,
    progress: Number(l.progress),
    error: l.error,
    findings: parseFindings(l.findings),
    attempts: Number(l.attempts),
    created: l.created,
    started: l.started,
    finished: l.finished,
  };
}

/** The newest load job of a resource (a queued job has no load row yet), or null. */
export async function latestLoadJob(
  ctx: AppContext,
  resourceId: string,
): Promise<Static<typeof JobSchema> | null> {
  const row = await ctx.db.kysely
    .selectFrom('jobs')
    .selectAll()
    .where('unique_key', '=', `${LOAD_JOB}:${resourceId}`)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lastError: row.last_error,
    runAt: row.run_at,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}
