import { facetField } from './facet-fields.ts';
import { queryError } from './query-parser.ts';
import type { SearchQuery } from './types.ts';
import type { VisibilityOptions } from './visibility.ts';

/** A sort key: the search_docs column (or the score) and a direction. */
export interface SortKey {
  by: 'score' | 'modified' | 'created' | 'name' | 'title_norm' | 'dataset_id';
  dir: 'asc' | 'desc';
}

const SORT_FIELDS: Record<string, SortKey['by']> = {
  score: 'score',
  metadata_modified: 'modified',
  metadata_created: 'created',
  name: 'name',
  title: 'title_norm',
  title_string: 'title_norm',
  id: 'dataset_id',
};

export const DEFAULT_SORT = 'score desc, metadata_modified desc';
export const MAX_ROWS = 1000;
const MAX_START = 1_000_000;
const MAX_FQ = 50;
const KNOWN_KEYS = new Set([
  'q',
  'fq',
  'facetFields',
  'facetLimit',
  'facetMincount',
  'sort',
  'rows',
  'start',
  'includePrivate',
  'includeDrafts',
  'includeDeleted',
  'debug',
]);

/** Parses a CKAN sort string; a key without asc/desc or an unknown field is an error. */
export function parseSort(sort: string): SortKey[] {
  const keys = sort
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part): SortKey => {
      const [field = '', dir, ...rest] = part.split(/\s+/);
      const by = SORT_FIELDS[field];
      if (!by) throw queryError(`cannot sort by ${field}`);
      if ((dir !== 'asc' && dir !== 'desc') || rest.length > 0)
        throw queryError(`sort "${part}" needs a direction: asc or desc`);
      return { by, dir };
    });
  if (keys.length === 0) throw queryError('empty sort');
  return keys;
}

export interface ValidQuery {
  q: string;
  fq: string[];
  facetFields: string[];
  facetLimit: number;
  facetMincount: number;
  sort: SortKey[];
  sortText: string;
  rows: number;
  start: number;
  visibility: VisibilityOptions;
  debug: boolean;
}

function int(name: string, v: unknown, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw queryError(`${name} must be an integer from ${min} to ${max}`);
  return v;
}

/** Checks a search request and fills in defaults (throws ODP_SEARCH_QUERY). */
export function validateQuery(query: SearchQuery): ValidQuery {
  for (const k of Object.keys(query))
    if (!KNOWN_KEYS.has(k)) throw queryError(`unknown search parameter ${k}`);
  const fq = query.fq ?? [];
  if (!Array.isArray(fq) || fq.length > MAX_FQ || fq.some((f) => typeof f !== 'string'))
    throw queryError(`fq must be at most ${MAX_FQ} strings`);
  if (query.q !== undefined && typeof query.q !== 'string') throw queryError('q must be a string');
  const facetFields = [...new Set(query.facetFields ?? [])];
  for (const f of facetFields) if (!facetField(f)) throw queryError(`cannot facet on ${f}`);
  const sortText = query.sort?.trim() || DEFAULT_SORT;
  return {
    q: query.q ?? '',
    fq,
    facetFields,
    facetLimit: int('facet.limit', query.facetLimit, 50, -1, 100_000),
    facetMincount: int('facet.mincount', query.facetMincount, 1, 0, 1_000_000),
    sort: parseSort(sortText),
    sortText,
    rows: int('rows', query.rows, 10, 0, MAX_ROWS),
    start: int('start', query.start, 0, 0, MAX_START),
    visibility: {
      includePrivate: query.includePrivate === true,
      includeDrafts: query.includeDrafts === true,
      includeDeleted: query.includeDeleted === true,
    },
    debug: query.debug === true,
  };
}
