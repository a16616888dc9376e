/** Dataset search for the portal: the search page's parameters turned into a search-module query. */
import { type Actor, viewerOf } from '../../catalog/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { OdpError } from '../../platform/errors.ts';
import { facetFields, type SearchQuery, searchDatasets } from '../../search/index.ts';
import { FACETS, type FacetName, PAGE_SIZE, type SearchParams, type SortKey } from './search-params.ts';

/** One facet value with how many matching datasets carry it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** What the search page shows: the total, one page of dataset ids, facet counts. */
export interface SearchOutcome {
  count: number;
  ids: string[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

const SORT_TEXT: Record<SortKey, string> = {
  relevance: 'score desc, metadata_modified desc',
  modified: 'metadata_modified desc',
  created: 'metadata_created desc',
  title: 'title asc',
};

/** The page's facets the search index knows (openness and quality marks exist once quality registers them). */
function available(): FacetName[] {
  const known = new Set(facetFields().map((f) => f.name));
  return FACETS.filter((f) => known.has(f));
}

/** A Solr-quoted exact value: `"a \"b\""`. */
const quoted = (v: string): string => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** The search-module query for the page's parameters (filters as fq, facets counted). */
export function toSearchQuery(p: SearchParams, q = p.q, includePrivate = true): SearchQuery {
  return {
    q,
    fq: available().flatMap((f) => p.filters[f].map((v) => `${f}:${quoted(v)}`)),
    facetFields: available(),
    facetLimit: 30,
    sort: SORT_TEXT[p.sort],
    rows: PAGE_SIZE,
    start: (p.page - 1) * PAGE_SIZE,
    includePrivate,
  };
}

/** Runs a dataset search as the actor sees the catalog. Query syntax people mistype is searched as plain words. */
export async function findDatasets(db: Db, p: SearchParams, actor: Actor): Promise<SearchOutcome> {
  const viewer = viewerOf(actor);
  // Only members see private datasets; asking for them otherwise only costs time.
  const withPrivate = viewer.sysadmin || viewer.orgIds.length > 0;
  let result: Awaited<ReturnType<typeof searchDatasets>>;
  try {
    result = await searchDatasets(db, toSearchQuery(p, p.q, withPrivate), viewer);
  } catch (err) {
    if (!(err instanceof OdpError) || err.status !== 400) throw err;
    const plain = p.q.replace(/["():\\[\]{}^~*?!+-]/g, ' ').replace(/\b(AND|OR|NOT)\b/g, ' ');
    result = await searchDatasets(db, toSearchQuery(p, plain, withPrivate), viewer);
  }
  const facets: Partial<Record<FacetName, FacetCount[]>> = {};
  for (const f of FACETS)
    facets[f] = (result.facets[f] ?? []).map((c) => ({ value: c.name, count: c.count }));
  return { count: result.count, ids: result.ids, facets };
}
