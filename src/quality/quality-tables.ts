/** Row types of the quality tables (migration 040-quality). */

/** One run of the checks on one dataset: the history. */
export interface QualityRunsTable {
  id: string;
  dataset_id: string;
  checked_at: string;
  stars: number;
  mark: string;
  /** JSON CriterionResult[]. */
  criteria: string;
  /** JSON ResourceCheck[]. */
  resources: string;
}

/** The latest result per dataset: what search facets and presenters read. */
export interface DatasetQualityTable {
  dataset_id: string;
  stars: number;
  mark: string;
  /** JSON FailedCriterion[]. */
  failed: string;
  checked_at: string;
  run_id: string;
  broken_links: number;
  stale: number;
}

/** The latest result per resource (stars, link status) for resource pages and broken-link reports. */
export interface ResourceQualityTable {
  resource_id: string;
  dataset_id: string;
  stars: number;
  format: string;
  link_ok: number;
  http_status: number | null;
  content_type: string;
  failure: string | null;
  checked_at: string;
}

/** Daily per-agency scorecard figures (rolled up over sub-agencies), for trends. */
export interface QualitySnapshotsTable {
  org_id: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** JSON ScorecardFigures. */
  figures: string;
}

declare module '../platform/db/schema.ts' {
  interface Tables {
    quality_runs: QualityRunsTable;
    dataset_quality: DatasetQualityTable;
    resource_quality: ResourceQualityTable;
    quality_snapshots: QualitySnapshotsTable;
  }
}
