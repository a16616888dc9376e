/**
 * CKAN `package_search` / `package_show` responses (CKAN 2.x action API) as harvest records. Strings are
 * trimmed (real portals leave trailing spaces in names and e-mails); null and "" both mean absent; a
 * resource without a format gets one from its URL's extension.
 */

import { findLicense } from '../../catalog/licenses.ts';
import {
  type ExternalDataset,
  type ExternalResource,
  emptyExternalDataset,
  emptyExternalResource,
  type HarvestRecord,
} from '../dataset-input.ts';
import { formatFromUrl, mediaTypeOf, normalizeFormat } from '../file-formats.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** CKAN timestamps carry no zone; CKAN stores UTC, so mark them as such. */
function ckanTime(v: unknown): string {
  const s = str(v);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s)) return '';
  const t = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(t.getTime()) ? '' : t.toISOString();
}

function resourceOf(r: Obj): ExternalResource {
  const res = emptyExternalResource(str(r.url));
  res.name = str(r.name);
  res.description = str(r.description);
  res.format = normalizeFormat(str(r.format)) || formatFromUrl(res.url);
  res.mimetype = str(r.mimetype) || mediaTypeOf(res.format);
  const size = typeof r.size === 'number' ? r.size : Number(str(r.size) || Number.NaN);
  res.size = Number.isInteger(size) && size >= 0 ? size : null;
  return res;
}

/** One CKAN package dict as an ExternalDataset. */
export function datasetFromCkanPackage(p: Obj): ExternalDataset {
  const d = emptyExternalDataset(str(p.title) || str(p.name));
  d.name = str(p.name);
  d.notes = str(p.notes);
  d.licenseId = findLicense(str(p.license_id))?.id ?? '';
  if (!d.licenseId && str(p.license_id)) d.extras.license = str(p.license_id);
  if (str(p.license_url)) d.extras.licenseUrl = str(p.license_url);
  d.tags = list(p.tags)
    .map((t) => str(t.name))
    .filter(Boolean);
  for (const e of list(p.extras)) if (str(e.key)) d.extras[str(e.key)] = str(e.value);
  d.author = str(p.author);
  d.authorEmail = str(p.author_email);
  d.maintainer = str(p.maintainer);
  d.maintainerEmail = str(p.maintainer_email);
  d.url = str(p.url);
  d.version = str(p.version);
  d.tw.contactName = d.maintainer || d.author;
  d.tw.contactEmail = d.maintainerEmail || d.authorEmail;
  d.tw.relatedUrl = d.url;
  const org = isObj(p.organization) ? p.organization : null;
  d.organization = org ? { name: str(org.name), title: str(org.title), govOid: '', orgCode: '' } : null;
  d.issued = ckanTime(p.metadata_created);
  d.modified = ckanTime(p.metadata_modified);
  d.resources = list(p.resources)
    .filter((r) => str(r.state || 'active') === 'active')
    .map(resourceOf);
  return d;
}

/** Every package of a package_search response ({result: {results: [...]}}) or a package_show ({result: {...}}). */
export function parseCkanResponse(json: string): HarvestRecord[] {
  const doc: unknown = JSON.parse(json);
  const result = isObj(doc) ? doc.result : undefined;
  const packages: unknown[] =
    isObj(result) && Array.isArray(result.results) ? result.results : isObj(result) ? [result] : [];
  if (packages.length === 0) return [{ error: 'no packages in the response', record: json.slice(0, 200) }];
  return packages.map((p): HarvestRecord => {
    if (!isObj(p)) return { error: 'package is not an object', record: String(p) };
    try {
      const input = datasetFromCkanPackage(p);
      const remoteId = str(p.id) || str(p.name);
      if (!remoteId) return { error: 'package has no id or name', record: p };
      if (!input.title) return { error: 'package has no title', record: p };
      return { remoteId, input };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), record: p };
    }
  });
}
