import { registerFacetField } from '../search/index.ts';

/** Facet (and fq filter) on a dataset's openness stars, "0".."5"; unchecked datasets have no value. */
export const OPENNESS_FACET = 'openness';
/** Facet (and fq filter) on a dataset's quality mark: none, bronze, silver, gold, platinum. */
export const QUALITY_MARK_FACET = 'quality_mark';

/**
 * Registers the quality facets with search (idempotent). Values come from `dataset_quality`, which the
 * search index reads with the catalog rows; a finished check reindexes its dataset (see saveRun).
 */
export function registerQualityFacets(): void {
  registerFacetField({
    name: OPENNESS_FACET,
    values: (src) => (src.quality ? [String(src.quality.stars)] : []),
  });
  registerFacetField({
    name: QUALITY_MARK_FACET,
    values: (src) => (src.quality ? [src.quality.mark] : []),
  });
}

// Registered on import: every process that writes the index (server, CLI, harvester) must produce the same
// facet rows, or a write by one of them would drop the quality values of the datasets it touched.
registerQualityFacets();
