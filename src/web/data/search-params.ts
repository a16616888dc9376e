/** The dataset search page's GET parameters, parsed and bounded. */

/** Facets the search page offers, in display order (CKAN facet field names). */
export const FACETS = [
  'organization',
  'groups',
  'tags',
  'res_format',
  'license_id',
  'update_frequency',
  'openness',
  'quality_mark',
] as const;
export type FacetName = (typeof FACETS)[number];

export const SORTS = ['relevance', 'modified', 'created', 'title'] as const;
export type SortKey = (typeof SORTS)[number];

export const PAGE_SIZE = 20;
const MAX_PAGE = 500;
const MAX_VALUES = 20;

export interface SearchParams {
  q: string;
  filters: Record<FacetName, string[]>;
  sort: SortKey;
  page: number;
}

type Query = Record<string, string | string[] | undefined>;

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v])
    .map((s) => s.trim())
    .filter((s) => s !== '' && s.length <= 200)
    .slice(0, MAX_VALUES);

/** Filters with no value chosen. */
export function emptyFilters(): Record<FacetName, string[]> {
  return {
    organization: [],
    groups: [],
    tags: [],
    res_format: [],
    license_id: [],
    update_frequency: [],
    openness: [],
    quality_mark: [],
  };
}

/** Reads the search page's query string (unknown keys ignored; out-of-range values clamped). */
export function parseSearchParams(query: Query): SearchParams {
  const q = (list(query.q)[0] ?? '').slice(0, 200);
  const filters = Object.fromEntries(FACETS.map((f) => [f, [...new Set(list(query[f]))]])) as Record<
    FacetName,
    string[]
  >;
  const sortRaw = list(query.sort)[0] ?? '';
  const sort: SortKey = (SORTS as readonly string[]).includes(sortRaw)
    ? (sortRaw as SortKey)
    : q
      ? 'relevance'
      : 'modified';
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(list(query.page)[0] ?? '1', 10) || 1));
  return { q, filters, sort, page };
}

/** The query string of a search (empty values left out), optionally with changes. */
export function searchQueryString(p: SearchParams): string {
  const qs = new URLSearchParams();
  if (p.q) qs.append('q', p.q);
  for (const f of FACETS) for (const v of p.filters[f]) qs.append(f, v);
  if (p.sort !== (p.q ? 'relevance' : 'modified')) qs.append('sort', p.sort);
  if (p.page > 1) qs.append('page', String(p.page));
  const s = qs.toString();
  return s ? `?${s}` : '';
}
