import type { CatalogContext } from './catalog/catalog-context.ts';
import type { Config } from './config.ts';
import type { DatastoreEngine, SqlSandbox } from './datastore/index.ts';
import type { BlobStore } from './platform/blobs.ts';
import type { Db } from './platform/db/database.ts';
import type { JobRegistry, JobRunner } from './platform/jobs/index.ts';
import type { RequestActivity } from './platform/jobs/request-activity.ts';

/** The services one running ODP shares across routes, CLI commands and jobs. */
export interface AppContext {
  config: Config;
  db: Db;
  blobs: BlobStore;
  catalog: CatalogContext;
  /** DuckDB over the datastore's Parquet files: `engine` for queries and exports, `sandbox` for user SQL. */
  datastore: { engine: DatastoreEngine; sandbox: SqlSandbox };
  /**
   * Background jobs (datastore loads, link checks, harvests): the runner starts with the server and waits
   * while the app is answering requests (`activity`), so requests come first.
   */
  jobs: { registry: JobRegistry; runner: JobRunner; activity: RequestActivity };
  /** Called on shutdown, last registered first. */
  closers: (() => Promise<void>)[];
}
