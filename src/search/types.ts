/** Public types of the search module. */

/** Who is searching: decides which private, draft and deleted datasets may be seen and counted. */
export interface Viewer {
  userId: string | null;
  sysadmin: boolean;
  /** Organizations where the user is a member of any role. */
  orgIds: string[];
}

/** An anonymous visitor: sees active public datasets only. */
export const ANONYMOUS: Viewer = Object.freeze({ userId: null, sysadmin: false, orgIds: [] as string[] });

/** A search request (CKAN package_search parameters, camel-cased). */
export interface SearchQuery {
  /** Query text: words, "phrases", -exclusions, OR, field:value, Solr syntax subset. Empty = everything. */
  q?: string;
  /** Filter queries (CKAN fq, and each element of fq_list); all must match; they do not affect ranking. */
  fq?: string[];
  facetFields?: string[];
  /** Values per facet; -1 = all. Default 50. */
  facetLimit?: number;
  /** Smallest count reported. Default 1. */
  facetMincount?: number;
  /** e.g. "score desc, metadata_modified desc" (the default), "title asc", "metadata_created desc". */
  sort?: string;
  /** Page size, 0..1000, default 10. */
  rows?: number;
  /** Offset, default 0. */
  start?: number;
  /** Also private datasets of the viewer's organizations (all of them for a sysadmin). */
  includePrivate?: boolean;
  /** Also drafts the viewer created (all drafts for a sysadmin). */
  includeDrafts?: boolean;
  /** Also deleted datasets (sysadmin only; ignored for others). */
  includeDeleted?: boolean;
  /** Adds `explain` to the result. */
  debug?: boolean;
}

export interface FacetCount {
  name: string;
  count: number;
}

/** Why one result ranked where it did. */
export interface ExplainEntry {
  id: string;
  /** Final score (text + phrase bonus); results sort by it, then by modification time. */
  score: number;
  /** BM25 with field weights (SQLite) or ts_rank_cd with field weights (PostgreSQL). */
  textScore: number;
  /** Added when the query words appear next to each other, in order. */
  phraseBonus: number;
  modified: string;
}

export interface SearchExplain {
  engine: 'sqlite-fts5' | 'postgres-tsvector';
  /** The full-text expression sent to the engine (FTS5 MATCH text or tsquery), if any. */
  textQuery: string | null;
  /** The phrase that earns the proximity bonus, if any. */
  phraseQuery: string | null;
  sort: string;
  results: ExplainEntry[];
}

export interface SearchResult {
  /** Exact number of matching datasets the viewer may see. */
  count: number;
  /** Dataset ids of the requested page, in order. */
  ids: string[];
  facets: Record<string, FacetCount[]>;
  explain?: SearchExplain;
}
