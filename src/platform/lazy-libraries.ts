/**
 * Libraries loaded on their first use instead of at start: a server's start is mostly module loading, and
 * the large parsers (spreadsheets, XML, RDF, HTML sanitizing, the PostgreSQL driver) serve only some
 * requests. Loading is synchronous (require), so sync code can call the accessors; packages with a
 * CommonJS build load that build.
 */
import { createRequire } from 'node:module';
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

/** SheetJS: spreadsheets read (datastore, catalogue harvests) and written (XLSX exports). */
export const sheetJs = onFirstUse<typeof SheetJs>('@e965/xlsx');
/** XML record lists (datastore) and data.gov.tw XML exports. */
export const xmlParser = onFirstUse<typeof FastXmlParser>('fast-xml-parser');
/** RDF terms, Turtle parsing and writing (DCAT). */
export const n3 = onFirstUse<typeof N3>('n3');
