/**
 * Row types of the search index tables (created by migration 010-search). The index is derived
 * data: `reindexDataset` rewrites a dataset's rows from the catalog tables, `reindexAll` rebuilds all.
 */
import type { Generated } from 'kysely';

/** One indexed dataset: the columns search filters and sorts on, copied from the catalog. */
export interface SearchDocsTable {
  /** Integer key; on SQLite it is also the FTS5 rowid. */
  doc: Generated<number>;
  dataset_id: string;
  name: string;
  title: string;
  /** Normalized title, for prefix autocomplete and title sort. */
  title_norm: string;
  state: string;
  private: number;
  /** 1 when active and not private: what anonymous users see. */
  public: number;
  owner_org: string | null;
  creator_user_id: string | null;
  type: string;
  license_id: string;
  created: string;
  modified: string;
  /** Facet values, `field \x1f value` pairs joined by \x1e, counted in memory for a match set. */
  facets: string;
  /**
   * Facet value codes (search_facet_codes): space-separated decimal text on SQLite, int4[] on
   * PostgreSQL. What facet counting reads.
   */
  codes: string | number[];
}

/** Dictionary of facet values: codes never change meaning once assigned (writers only add rows). */
export interface SearchFacetCodesTable {
  code: Generated<number>;
  field: string;
  value: string;
}

/** Index change log: each write records the doc keys it removed or added (-1 = everything changed). */
export interface SearchChangesTable {
  seq: Generated<number>;
  doc: number;
}

/** Facet and exact-filter values of a dataset (tags, groups, organization, res_format, extras_*, ...). */
export interface SearchFacetsTable {
  dataset_id: string;
  field: string;
  value: string;
  /** normalizeText(value): what filters compare against. */
  norm: string;
}

/** Facet counts over public active datasets, kept exact by every reindex ('' / '' holds the total). */
export interface SearchFacetCountsTable {
  field: string;
  value: string;
  n: number;
}

declare module '../platform/db/schema.ts' {
  interface Tables {
    search_docs: SearchDocsTable;
    search_facets: SearchFacetsTable;
    search_facet_counts: SearchFacetCountsTable;
    search_facet_codes: SearchFacetCodesTable;
    search_changes: SearchChangesTable;
  }
}
