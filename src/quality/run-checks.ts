import { loadDatasets } from '../catalog/dataset-rows.ts';
import type { Dataset } from '../catalog/types.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import {
  assignMark,
  type CriterionResult,
  type FailedCriterion,
  failedCriteria,
  type Mark,
} from './criteria.ts';
import { evaluateCriteria } from './evaluate.ts';
import { checkFreshness, type FreshnessCheck } from './freshness-check.ts';
import { type MissingField, missingMetadata } from './metadata-check.ts';
import { isOpenLicense, type Stars } from './openness.ts';
import { saveRun } from './quality-store.ts';
import { checkResource, type ResourceCheck, type ResourceCheckDeps } from './resource-check.ts';

export interface QualityDeps extends ResourceCheckDeps {
  /** Clock (tests). */
  now?: () => Date;
  /** Loads the dataset with its active resources; default reads the catalog tables. */
  loadDataset?: (db: Db, id: string) => Promise<Dataset | null>;
}

/** The full outcome of one run, as stored in the history. */
export interface QualityReport {
  runId: string;
  datasetId: string;
  checkedAt: string;
  stars: Stars;
  mark: Mark;
  criteria: CriterionResult[];
  failedCriteria: FailedCriterion[];
  resources: ResourceCheck[];
  missingMetadata: MissingField[];
  freshness: FreshnessCheck;
}

const defaultLoad = async (db: Db, id: string): Promise<Dataset | null> =>
  (await loadDatasets(db.kysely, [id]))[0] ?? null;

/**
 * Runs every check on a dataset (links, formats, encodings, content types, stars, columns, record counts,
 * freshness, metadata), assigns its mark, and stores the run (history + latest summary).
 * Links are fetched one resource at a time, through safeFetch's per-host limit.
 */
export async function runQualityChecks(
  db: Db,
  datasetId: string,
  deps: QualityDeps = {},
): Promise<QualityReport> {
  const dataset = await (deps.loadDataset ?? defaultLoad)(db, datasetId);
  if (!dataset) throw notFound('Dataset', 'ODP_DATASET_NOT_FOUND');
  const now = (deps.now ?? (() => new Date()))();
  const licenseOpen = isOpenLicense(dataset.licenseId);
  const resources: ResourceCheck[] = [];
  const signal = deps.fetch?.signal;
  for (const r of dataset.resources.filter((x) => x.state === 'active')) {
    signal?.throwIfAborted();
    resources.push(await checkResource(r, licenseOpen, deps));
  }
  // An aborted fetch looks like a broken link: never store a run cut short.
  signal?.throwIfAborted();
  const stars = Math.max(0, ...resources.map((r) => r.openness.stars)) as Stars;
  const missing = missingMetadata(dataset);
  const freshness = checkFreshness(dataset, now);
  const criteria = evaluateCriteria(dataset, stars, resources, missing, freshness);
  const mark = assignMark(criteria);
  const failed = failedCriteria(criteria);
  const checkedAt = now.toISOString();
  const runId = await saveRun(db, {
    datasetId: dataset.id,
    checkedAt,
    stars,
    mark,
    criteria,
    failed,
    resources,
    stale: freshness.stale,
  });
  return {
    runId,
    datasetId: dataset.id,
    checkedAt,
    stars,
    mark,
    criteria,
    failedCriteria: failed,
    resources,
    missingMetadata: missing,
    freshness,
  };
}
