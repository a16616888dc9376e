/**
 * Catalog search: our own tokenizer (NFKC, case and variant folding, CJK bigrams, Intl.Segmenter
 * words) feeding SQLite FTS5 or PostgreSQL tsvector; CKAN q/fq syntax; exact permission-aware facets.
 */
export { type AutocompleteResult, autocomplete } from './autocomplete.ts';
export { type FacetField, facetFields, registerFacetField } from './facet-fields.ts';
export { normalizeText } from './normalize.ts';
export { parseQuery, type QueryNode } from './query-parser.ts';
export { type ReindexProgress, reindexAll, reindexDataset } from './reindex.ts';
export { type SearchOptions, searchDatasets } from './search.ts';
export { DEFAULT_SYNONYMS, type SynonymTable, synonymTable } from './synonyms.ts';
export { indexTokens } from './tokenizer.ts';
export {
  ANONYMOUS,
  type ExplainEntry,
  type FacetCount,
  type SearchExplain,
  type SearchQuery,
  type SearchResult,
  type Viewer,
} from './types.ts';
