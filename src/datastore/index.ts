export { createDatastoreEngine, type DatastoreEngine, type DatastoreEngineOptions } from './engine.ts';
export { runSearch, type SearchResult, searchTable } from './query.ts';
export { type CkanField, type DatastoreTable, type ExposedField, exposedFields } from './query-fields.ts';
export { parseSearchInput, ROWS_MAX, type SearchInput, type SearchRequest } from './query-params.ts';
export {
  createSqlSandbox,
  type ReadableTableLookup,
  readableTables,
  type SqlResult,
  type SqlSandbox,
  type SqlSandboxOptions,
} from './sql-sandbox.ts';
