/**
 * Libraries loaded on their first use instead of at start: a server's start is mostly module loading, and
 * the large libraries (DuckDB, spreadsheets, XML, RDF, HTML sanitizing, the PostgreSQL driver) serve only some
 * requests. Loading is synchronous (require), so sync code can call the accessors; packages with a
 * CommonJS build load that build.
 */
import { createRequire } from 'node:module';
import type * as DuckDb from '@duckdb/node-api';
import type * as SheetJs from '@e965/xlsx';
import type * as FastXmlParser from 'fast-xml-parser';
import type * as N3 from 'n3';

const require = createRequire(import.meta.url);

/** An accessor that loads `specifier` on its first call. */
export function onFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}

/** DuckDB: datastore queries, the SQL sandbox and Parquet writing. */
export const duckDb = onFirstUse<typeof DuckDb>('@duckdb/node-api');
/** SheetJS: spreadsheets read (datastore, catalogue harvests) and written (XLSX exports). */
export const sheetJs = onFirstUse<typeof SheetJs>('@e965/xlsx');
/** XML record lists (datastore) and data.gov.tw XML exports. */
export const xmlParser = onFirstUse<typeof FastXmlParser>('fast-xml-parser');
/** RDF terms, Turtle parsing and writing (DCAT). */
export const n3 = onFirstUse<typeof N3>('n3');

/**
 * A service created on its first use rather than at start (DuckDB's engine and SQL sandbox); a failed
 * creation is tried again on the next use. `close()` closes it if it was created.
 */
export function createdOnFirstUse<T extends { close(): Promise<void> }>(
  create: () => Promise<T>,
): { get(): Promise<T>; ready(): T | null; close(): Promise<void> } {
  let created: Promise<T> | null = null;
  let ready: T | null = null;
  return {
    get() {
      created ??= create().then(
        (service) => {
          ready = service;
          return service;
        },
        (err: unknown) => {
          created = null;
          throw err;
        },
      );
      return created;
    },
    ready: () => ready,
    async close() {
      const pending = created;
      created = null;
      ready = null;
      if (pending) await (await pending.catch(() => null))?.close();
    },
  };
}
