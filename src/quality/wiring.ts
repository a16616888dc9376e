import type { AppContext } from '../app-context.ts';
import { resourceFileKey } from '../catalog/resource-files.ts';
import type { Resource } from '../catalog/types.ts';
import { currentTables } from '../datastore/index.ts';
import { LOAD_JOB } from '../datastore/load-job.ts';
import type { BlobStore } from '../platform/blobs.ts';
import {
  enqueueQualityCheck,
  type QualityJobOptions,
  registerQualityJobs,
  scheduleQualityJobs,
} from './quality-jobs.ts';
import type { QualityDeps } from './run-checks.ts';
import './search-facets.ts';

const SAMPLE_BYTES = 262_144;

/** The first `max` bytes of a blob, or null when it is missing. */
async function readHead(blobs: BlobStore, key: string, max: number): Promise<Uint8Array | null> {
  if ((await blobs.size(key)) === null) return null;
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of blobs.get(key)) {
    const b = chunk as Buffer;
    chunks.push(b);
    n += b.length;
    if (n >= max) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, max);
}

function uploadFileName(resource: Resource): string | null {
  try {
    return decodeURIComponent(resource.url.split('/').pop() ?? '') || null;
  } catch {
    return null;
  }
}

/** What the checks need from a running ODP: the fetch policy, uploaded files, the datastore's tables. */
export function qualityDeps(ctx: AppContext): QualityDeps {
  return {
    sampleBytes: SAMPLE_BYTES,
    fetch: { allowLoopback: ctx.config.allowLoopbackFetch },
    readUpload: async (resource) => {
      const name = uploadFileName(resource);
      return name ? readHead(ctx.blobs, resourceFileKey(resource.id, name), SAMPLE_BYTES) : null;
    },
    tables: async (resource) => {
      const tables = await currentTables(ctx.db, resource.id);
      return tables.length > 0 ? tables.map((t) => ({ ...t.schema, rowCount: t.rowCount })) : null;
    },
  };
}

/**
 * Wires quality into one ODP: registers the quality jobs in the app's registry, queues a check (in the
 * same transaction) whenever a dataset or its resources change, and re-checks a dataset after a datastore
 * load of one of its resources (columns and record counts need the loaded table).
 * Call after the datastore's load job is registered.
 */
export function wireQuality(ctx: AppContext, opts: QualityJobOptions = {}): void {
  registerQualityJobs(qualityDeps(ctx), opts, ctx.jobs.registry);
  ctx.catalog.afterDatasetWrite.push(async (trx, _dialect, datasetId) => {
    await enqueueQualityCheck(trx, datasetId);
  });
  const load = ctx.jobs.registry.get(LOAD_JOB);
  if (load) {
    ctx.jobs.registry.register(LOAD_JOB, async (job) => {
      const result = await load(job);
      const resourceId = (job.payload as { resourceId?: unknown } | null)?.resourceId;
      if (typeof resourceId === 'string') {
        const row = await ctx.db.kysely
          .selectFrom('resources')
          .select('dataset_id')
          .where('id', '=', resourceId)
          .executeTakeFirst();
        if (row) await enqueueQualityCheck(ctx.db, row.dataset_id);
      }
      return result;
    });
  }
}

/** Queues the recurring quality jobs (sweep of due re-checks, daily scorecard snapshot); call at server start. */
export function scheduleQuality(ctx: AppContext, opts: QualityJobOptions = {}): Promise<void> {
  return scheduleQualityJobs(ctx.db, opts);
}
