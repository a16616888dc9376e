/** Row types of the harvester's tables (migration 070-harvest), merged into the store's `Tables`. */

/** A harvest source a sysadmin configured (or the CLI created for a one-off run). */
export interface HarvestSourcesTable {
  id: string;
  name: string;
  url: string;
  /** ckan | dcat | datagovtw | taoyuan | taichung | yilan */
  type: string;
  /** Organization id that owns records naming no agency; null = none. */
  organization: string | null;
  /** Run every N hours; 0 = only on demand. */
  schedule_hours: number;
  /** 'active' or 'disabled' (disabled sources are not run by the schedule). */
  state: string;
  /** When the last successful run started (CKAN incremental lower bound), or null. */
  last_run_at: string | null;
  /** Status of the last run: 'succeeded' | 'failed' | '' (never run). */
  last_status: string;
  created: string;
  modified: string;
}

/** One run of a source with its report (JSON text). */
export interface HarvestRunsTable {
  id: string;
  source_id: string;
  started_at: string;
  finished_at: string | null;
  /** running | succeeded | failed */
  status: string;
  /** JSON text of HarvestReport. */
  report: string;
}

/** Which local dataset a remote record became (ckanext-harvest's harvest_object), with its content hash. */
export interface HarvestObjectsTable {
  source_id: string;
  remote_id: string;
  dataset_id: string;
  /** sha256 of the record as read, to skip unchanged records. */
  content_hash: string;
  /** 'active' or 'withdrawn' */
  state: string;
  modified: string;
}

declare module '../../platform/db/schema.ts' {
  interface Tables {
    harvest_sources: HarvestSourcesTable;
    harvest_runs: HarvestRunsTable;
    harvest_objects: HarvestObjectsTable;
  }
}
