import { viewerOf } from '../../../catalog/actor.ts';
import { loadDatasets } from '../../../catalog/dataset-rows.ts';
import { findLicense } from '../../../catalog/licenses.ts';
import { invalid, OdpError } from '../../../platform/errors.ts';
import { cachedAnswer } from '../../../search/answer-cache.ts';
import { type SearchQuery, searchDatasets } from '../../../search/index.ts';
import { type ActionCall, type ActionTable, type DataDict, JsonText } from '../action-types.ts';
import { optBool, optList, optNatural, optString } from '../params.ts';
import { packageDicts } from '../presenters/package-dict.ts';

/** CKAN's default sort and its row limit (ckan.search.rows_max). */
const DEFAULT_SORT = 'score desc, metadata_modified desc';
const ROWS_MAX = 1000;

/** Parameters package_search accepts (CKAN's schema plus the Solr parameters it lets through). */
const KNOWN = new Set([
  'q',
  'fq',
  'fq_list',
  'fl',
  'rows',
  'start',
  'sort',
  'facet',
  'facet.field',
  'facet.limit',
  'facet.mincount',
  'include_private',
  'include_drafts',
  'include_deleted',
  'use_default_schema',
  'qf',
  'defType',
  'wt',
  'bf',
  'boost',
  'tie',
  'mm',
  'df',
  'extras',
  'debug',
]);

/** CKAN refuses Solr local parameters (`{!...}`) as a Search Error (409). */
const searchError = (message: string) => new OdpError('conflict', 'ODP_SEARCH_ERROR', message);

/** facet.limit: an integer, -1 for all (CKAN's int_validator). */
function facetLimit(data: DataDict): number | undefined {
  const v = data['facet.limit'];
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw invalid({ 'facet.limit': ['Invalid integer'] });
  return n < 0 ? -1 : n;
}

/** Reads package_search's data_dict into a search query, with CKAN's messages. */
export function searchQueryOf(data: DataDict): { query: SearchQuery; fl: string[] | null; sort: string } {
  const unknown = Object.keys(data).filter((k) => !KNOWN.has(k) && !k.startsWith('ext_'));
  if (unknown.length) {
    throw new OdpError(
      'bad_request',
      'ODP_SEARCH_QUERY',
      `Invalid search parameters: [${unknown.map((k) => `'${k}'`).join(', ')}]`,
    );
  }
  const q = optString(data, 'q') ?? '';
  const fq = [optString(data, 'fq') ?? '', ...(optList(data, 'fq_list') ?? [])].filter(
    (f) => f.trim() !== '',
  );
  if (q.includes('{!') || fq.some((f) => f.includes('{!')))
    throw searchError('Local parameters are not supported.');
  const rows = Math.min(optNatural(data, 'rows') ?? 10, ROWS_MAX);
  const sort = optString(data, 'sort')?.trim() || DEFAULT_SORT;
  const facetOn = optBool(data, 'facet') ?? true;
  const facetFields = facetOn ? (optList(data, 'facet.field') ?? []) : [];
  const flText = optString(data, 'fl');
  const fl = flText ? flText.split(/[\s,]+/).filter(Boolean) : null;
  const query: SearchQuery = {
    q,
    fq,
    rows,
    start: optNatural(data, 'start') ?? 0,
    sort,
    facetFields,
    includePrivate: optBool(data, 'include_private') ?? false,
    includeDrafts: optBool(data, 'include_drafts') ?? false,
    includeDeleted: optBool(data, 'include_deleted') ?? false,
  };
  const limit = facetLimit(data);
  if (limit !== undefined) query.facetLimit = limit;
  const mincount = optNatural(data, 'facet.mincount');
  if (mincount !== undefined) query.facetMincount = mincount;
  return { query, fl: fl && !(fl.length === 1 && fl[0] === '*') ? fl : null, sort };
}

/** Facet value -> what CKAN shows for it: organization and group titles (of the listed values only). */
async function displayNames(
  call: ActionCall,
  facets: Record<string, { name: string }[]>,
): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const [field, kind] of [
    ['organization', 'organization'],
    ['groups', 'group'],
  ] as const) {
    const names = (facets[field] ?? []).map((c) => c.name);
    if (names.length === 0) continue;
    const groups = await call.ctx.db.kysely
      .selectFrom('groups')
      .select(['name', 'title'])
      .where('kind', '=', kind)
      .where('state', '=', 'active')
      .where('name', 'in', names)
      .execute();
    out.set(field, new Map(groups.filter((g) => g.title.trim()).map((g) => [g.name, g.title])));
  }
  return out;
}

/**
 * package_search. Anonymous answers (what most traffic is) come from the answer cache while the index
 * is unchanged; signed-in users' answers depend on their memberships and are always computed.
 */
async function packageSearch(call: ActionCall): Promise<JsonText> {
  const compute = async () => Buffer.from(JSON.stringify(await searchAnswer(call)));
  if (call.actor.userId !== null) return new JsonText(await compute());
  const params = Object.entries(call.data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new JsonText(await cachedAnswer(call.ctx.db, `package_search ${JSON.stringify(params)}`, compute));
}

async function searchAnswer(call: ActionCall) {
  const { query, fl, sort } = searchQueryOf(call.data);
  const found = await searchDatasets(call.ctx.db, query, viewerOf(call.actor));
  const datasets = await loadDatasets(call.ctx.db.kysely, found.ids);
  let results: Record<string, unknown>[] = await packageDicts(call.ctx.db.kysely, datasets);
  if (fl) results = results.map((p) => Object.fromEntries(fl.filter((k) => k in p).map((k) => [k, p[k]])));
  const fields = query.facetFields ?? [];
  const names = await displayNames(call, found.facets);
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {};
  for (const field of fields) {
    const counts = found.facets[field] ?? [];
    facets[field] = Object.fromEntries(counts.map((c) => [c.name, c.count]));
    searchFacets[field] = {
      title: field,
      items: counts.map((c) => ({
        name: c.name,
        display_name:
          field === 'license_id'
            ? (findLicense(c.name)?.title ?? c.name)
            : (names.get(field)?.get(c.name) ?? c.name),
        count: c.count,
      })),
    };
  }
  return { count: found.count, sort, results, facets, search_facets: searchFacets };
}

/** package_search over ODP's own index (CKAN's Solr query subset). */
export const searchActions: ActionTable = {
  package_search: {
    sideEffectFree: true,
    doc: 'Search datasets (packages).\n\n:param q: free text and field:value terms (Solr syntax subset)\n:param fq, fq_list: filter queries\n:param facet.field: JSON list of fields to count (organization, groups, tags, res_format, license_id, ...)\n:param facet.limit: values per facet (-1 all, default 50)\n:param facet.mincount: (default 1)\n:param sort: e.g. "score desc, metadata_modified desc" (the default), "metadata_modified desc", "id asc"\n:param rows: page size (default 10, at most 1000)\n:param start: offset\n:param fl: fields of each result (default: whole package dicts)\n:param include_private, include_drafts, include_deleted: (default false)\n:rtype: {count, results, facets, search_facets, sort}',
    run: packageSearch,
  },
};
