export {
  createDatastoreEngine,
  type DatastoreEngine,
  type DatastoreEngineOptions,
  lazyDatastoreEngine,
} from './engine.ts';
export {
  type ExportFormat,
  type ExportOptions,
  exportContentType,
  exportTable,
  writeExport,
  XLSX_EXCEL_MAX_ROWS,
} from './export.ts';
export type { LoadFinding } from './load-errors.ts';
export { type LoadFileOptions, type LoadFileResult, loadFile, MAX_IN_MEMORY_BYTES } from './load-file.ts';
export {
  type LoadResourceInput,
  type LoadResourceResult,
  loadResource,
  recoverInterruptedLoads,
} from './load-service.ts';
export { runSearch, type SearchResult, searchTable } from './query.ts';
export {
  AGGREGATE_MAX_GROUPS,
  type AggregateInput,
  type AggregateOp,
  type AggregateResult,
  aggregateTable,
} from './query-aggregate.ts';
export { type CkanField, type DatastoreTable, type ExposedField, exposedFields } from './query-fields.ts';
export { parseSearchInput, ROWS_MAX, type SearchInput, type SearchRequest } from './query-params.ts';
export {
  createSqlSandbox,
  lazySqlSandbox,
  type ReadableTableLookup,
  readableTables,
  type SqlResult,
  type SqlSandbox,
  type SqlSandboxOptions,
} from './sql-sandbox.ts';
export type { ColumnSchema, ColumnType, TableSchema } from './table-schema.ts';
export type { DatastoreLoadsTable, DatastoreTablesTable, LoadStatus } from './tables.ts';
export {
  currentTables,
  failVersion,
  type PendingVersion,
  publishVersion,
  resourceLoads,
  type ServingTable,
  startVersion,
  VERSION_MOVED,
  versionMoved,
  versionPrefix,
} from './versions.ts';
