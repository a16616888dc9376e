import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../app-context.ts';
import { resourceFileKey } from '../catalog/resource-files.ts';
import { setDatastoreActive } from '../catalog/resource-service.ts';
import type { Queryable } from '../platform/db/database.ts';
import { enqueue } from '../platform/jobs/index.ts';
import { safeFetch } from '../platform/net/index.ts';
import { loadResource } from './load-service.ts';

export const LOAD_JOB = 'datastore.load';

/** Formats the datastore loads (declared format or file extension, case-insensitive). */
const LOADABLE = /^(csv|tsv|txt|xls|xlsx|ods|json|geojson|xml|zip)$/i;
/** Largest linked file fetched for loading. */
const MAX_LINKED_BYTES = 200 * 1024 * 1024;

const extensionOf = (name: string): string => /\.([a-z0-9]+)$/i.exec(name)?.[1] ?? '';

/** Whether a resource's file is something the datastore can load. */
export function isLoadable(format: string, url: string): boolean {
  return LOADABLE.test(format) || LOADABLE.test(extensionOf(new URL(url, 'http://x').pathname));
}

/** Queues a datastore load of a resource (at most one queued or running per resource). */
export async function scheduleDatastoreLoad(db: Queryable, resourceId: string): Promise<void> {
  await enqueue(db, LOAD_JOB, { resourceId }, { uniqueKey: `${LOAD_JOB}:${resourceId}`, maxAttempts: 3 });
}

/**
 * Registers the load job: an uploaded file is read from the blob store; a linked one is fetched through
 * the SSRF-safe fetcher into a temporary file. On success the resource is marked datastore_active.
 */
export function registerLoadJob(ctx: AppContext): void {
  ctx.jobs.registry.register(LOAD_JOB, async ({ payload, signal }) => {
    const { resourceId } = payload as { resourceId: string };
    const r = await ctx.db.kysely
      .selectFrom('resources')
      .select(['id', 'url', 'url_type', 'format', 'encoding'])
      .where('id', '=', resourceId)
      .where('state', '=', 'active')
      .executeTakeFirst();
    if (!r) return { skipped: 'resource gone' };
    let sourcePath: string;
    let fileName: string;
    let cleanup = async () => {};
    if (r.url_type === 'upload') {
      fileName = decodeURIComponent(r.url.split('/').pop() ?? 'file');
      sourcePath = ctx.blobs.localPath(resourceFileKey(r.id, fileName));
    } else {
      const res = await safeFetch(r.url, {
        allowLoopback: ctx.config.allowLoopbackFetch,
        maxBytes: MAX_LINKED_BYTES,
        timeoutMs: 120_000,
        signal,
      });
      if (res.status !== 200) throw new Error(`fetching ${r.url} answered HTTP ${res.status}`);
      const dir = await mkdtemp(join(tmpdir(), 'odp-fetch-'));
      fileName = decodeURIComponent(new URL(res.url).pathname.split('/').pop() || 'download');
      sourcePath = join(dir, 'source');
      await writeFile(sourcePath, res.body);
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    try {
      const result = await loadResource(ctx.db, ctx.blobs, {
        resourceId,
        sourcePath,
        fileName,
        declaredFormat: r.format || undefined,
        declaredEncoding: r.encoding || undefined,
      });
      await setDatastoreActive(ctx.catalog, resourceId, true);
      return {
        version: result.version,
        tables: result.tables.map((t) => ({ name: t.tableName, rows: t.rowCount })),
        findings: result.findings,
      };
    } finally {
      await cleanup();
    }
  });
}
