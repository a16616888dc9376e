/** Row types of the datastore's metadata tables (migration 020-datastore), merged into `Tables`. */

export interface DatastoreTablesTable {
  resource_id: string;
  /** '' for a single-table resource, else the sheet or archive member name. */
  table_name: string;
  position: number;
  version: number;
  /** Blob key of the Parquet file: `datastore/<resourceId>/<version>/<n>.parquet`. */
  parquet_key: string;
  /** TableSchema as JSON. */
  schema: string;
  row_count: number;
  created: string;
}

export type LoadStatus = 'queued' | 'running' | 'done' | 'failed';

export interface DatastoreLoadsTable {
  id: string;
  resource_id: string;
  version: number;
  status: LoadStatus;
  /** 0..1 */
  progress: number;
  error: string | null;
  /** JSON array of {code, message}. */
  findings: string;
  attempts: number;
  created: string;
  started: string | null;
  finished: string | null;
}

declare module '../platform/db/schema.ts' {
  interface Tables {
    datastore_tables: DatastoreTablesTable;
    datastore_loads: DatastoreLoadsTable;
  }
}
