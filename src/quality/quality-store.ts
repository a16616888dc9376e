import type { Db, Queryable } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import { reindexDataset } from '../search/index.ts';
import type { CriterionResult, FailedCriterion, Mark } from './criteria.ts';
import type { Stars } from './openness.ts';
import type { ResourceCheck } from './resource-check.ts';
import './quality-tables.ts';

/** The cheap per-dataset answer presenters and search facets need. */
export interface QualitySummary {
  stars: Stars;
  mark: Mark;
  failedCriteria: FailedCriterion[];
  checkedAt: string;
  brokenLinks: number;
  stale: boolean;
}

/** A stored run, newest first in history. */
export interface QualityRun {
  id: string;
  datasetId: string;
  checkedAt: string;
  stars: Stars;
  mark: Mark;
  criteria: CriterionResult[];
  resources: ResourceCheck[];
}

export interface RunToSave {
  datasetId: string;
  checkedAt: string;
  stars: Stars;
  mark: Mark;
  criteria: CriterionResult[];
  failed: FailedCriterion[];
  resources: ResourceCheck[];
  stale: boolean;
}

/**
 * Stores a run in the history, replaces the dataset's summary and its resources' rows, and, when its
 * stars or mark changed, reindexes the dataset for search (the openness and quality_mark facets, and
 * what package dicts show), all in one transaction. An unchanged re-check leaves the index (and the
 * cached search answers that follow it) alone.
 */
export async function saveRun(db: Db, run: RunToSave): Promise<string> {
  const id = newId();
  const brokenLinks = run.resources.filter((r) => !r.link.ok).length;
  await db.kysely.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('dataset_quality')
      .select(['stars', 'mark'])
      .where('dataset_id', '=', run.datasetId)
      .executeTakeFirst();
    await trx
      .insertInto('quality_runs')
      .values({
        id,
        dataset_id: run.datasetId,
        checked_at: run.checkedAt,
        stars: run.stars,
        mark: run.mark,
        criteria: JSON.stringify(run.criteria),
        resources: JSON.stringify(run.resources),
      })
      .execute();
    const summary = {
      stars: run.stars,
      mark: run.mark,
      failed: JSON.stringify(run.failed),
      checked_at: run.checkedAt,
      run_id: id,
      broken_links: brokenLinks,
      stale: run.stale ? 1 : 0,
    };
    await trx
      .insertInto('dataset_quality')
      .values({ dataset_id: run.datasetId, ...summary })
      .onConflict((oc) => oc.column('dataset_id').doUpdateSet(summary))
      .execute();
    await trx.deleteFrom('resource_quality').where('dataset_id', '=', run.datasetId).execute();
    for (const r of run.resources) {
      await trx
        .insertInto('resource_quality')
        .values({
          resource_id: r.resourceId,
          dataset_id: run.datasetId,
          stars: r.openness.stars,
          format: r.sniffedFormat || r.openness.format,
          link_ok: r.link.ok ? 1 : 0,
          http_status: r.link.status,
          content_type: r.link.contentType,
          failure: r.link.failure,
          checked_at: run.checkedAt,
        })
        .execute();
    }
    if (Number(before?.stars) !== run.stars || before?.mark !== run.mark)
      await reindexDataset(trx, db.dialect, run.datasetId);
  });
  return id;
}

/** The latest quality of a dataset (one indexed row), or null when it was never checked. */
export async function qualityOf(db: Db | Queryable, datasetId: string): Promise<QualitySummary | null> {
  return (await qualityOfMany(db, [datasetId])).get(datasetId) ?? null;
}

/** Latest quality of many datasets at once (search result lists); unchecked ones are absent. Accepts a transaction. */
export async function qualityOfMany(
  db: Db | Queryable,
  datasetIds: readonly string[],
): Promise<Map<string, QualitySummary>> {
  const q = 'kysely' in db ? db.kysely : db;
  const out = new Map<string, QualitySummary>();
  for (let i = 0; i < datasetIds.length; i += 500) {
    const rows = await q
      .selectFrom('dataset_quality')
      .selectAll()
      .where('dataset_id', 'in', datasetIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.set(r.dataset_id, {
        stars: r.stars as Stars,
        mark: r.mark as Mark,
        failedCriteria: JSON.parse(r.failed) as FailedCriterion[],
        checkedAt: r.checked_at,
        brokenLinks: Number(r.broken_links),
        stale: r.stale === 1,
      });
    }
  }
  return out;
}

/** Past runs of a dataset, newest first. */
export async function qualityHistory(db: Db, datasetId: string, limit = 20): Promise<QualityRun[]> {
  const rows = await db.kysely
    .selectFrom('quality_runs')
    .selectAll()
    .where('dataset_id', '=', datasetId)
    .orderBy('checked_at', 'desc')
    .limit(Math.min(Math.max(limit, 1), 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    datasetId: r.dataset_id,
    checkedAt: r.checked_at,
    stars: r.stars as Stars,
    mark: r.mark as Mark,
    criteria: JSON.parse(r.criteria) as CriterionResult[],
    resources: JSON.parse(r.resources) as ResourceCheck[],
  }));
}
