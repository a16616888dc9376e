/**
 * schema.org Dataset JSON-LD for dataset pages (what search engines read). Google asks for a description of
 * 50-5000 characters: a shorter one is padded with the title, agency and categories ("… — 提供機關：…；
 * 服務分類：…") and, if still short, the field list; a longer one is cut at 4,999 characters plus "…".
 */

import { findLicense } from '../catalog/licenses.ts';
import { findServiceCategory } from '../catalog/service-categories.ts';
import type { Dataset, Group } from '../catalog/types.ts';
import { dcatUris } from './dcat/dcat-context.ts';
import { mediaTypeOf } from './file-formats.ts';

const MIN = 50;
const MAX = 5000;

/** The description rules above, as a pure function. */
export function schemaOrgDescription(d: Dataset, org: Group | null): string {
  let text = d.notes.trim() || d.title;
  if (text.length < MIN) {
    const facts = [
      org ? `提供機關：${org.title}` : '',
      findServiceCategory(d.tw.serviceCategory)
        ? `服務分類：${findServiceCategory(d.tw.serviceCategory)?.zh}`
        : '',
    ].filter(Boolean);
    const title = text === d.title ? '' : `${d.title}。`;
    text = `${title}${text}${facts.length ? ` — ${facts.join('；')}` : ''}`;
  }
  if (text.length < MIN && d.tw.fieldDescriptions) text = `${text}。主要欄位：${d.tw.fieldDescriptions}`;
  if (text.length < MIN) text = `${text}。${d.title} 的開放資料集，由政府資料開放平臺提供下載與查詢。`;
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** schema.org Dataset for one dataset; `baseUrl` is the portal origin. */
export function schemaOrgDataset(d: Dataset, org: Group | null, baseUrl: string): Record<string, unknown> {
  const uris = dcatUris(baseUrl);
  const license = findLicense(d.licenseId);
  const agency = org
    ? {
        '@type': 'GovernmentOrganization',
        name: org.title,
        identifier: org.govOid || undefined,
        url: uris.organization(org.name),
      }
    : undefined;
  const temporal =
    d.tw.temporalStart || d.tw.temporalEnd
      ? `${d.tw.temporalStart || '..'}/${d.tw.temporalEnd || '..'}`
      : undefined;
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': uris.dataset(d.name),
    url: uris.dataset(d.name),
    name: d.title,
    description: schemaOrgDescription(d, org),
    identifier: d.tw.identifier || d.name,
    keywords: d.tags.length ? d.tags : undefined,
    license: license?.url || (d.licenseId ? uris.license(d.licenseId) : undefined),
    isAccessibleForFree: d.tw.cost.type === 'free',
    inLanguage: d.tw.language || undefined,
    creator: agency,
    publisher: agency,
    dateCreated: d.created,
    dateModified: d.modified,
    temporalCoverage: temporal,
    spatialCoverage: d.tw.spatial ? { '@type': 'Place', name: d.tw.spatial } : undefined,
    includedInDataCatalog: { '@type': 'DataCatalog', name: 'ODP', url: `${baseUrl.replace(/\/+$/, '')}/` },
    distribution: d.resources
      .filter((r) => r.state === 'active')
      .sort((a, b) => a.position - b.position)
      .map((r) => ({
        '@type': 'DataDownload',
        name: r.name || undefined,
        contentUrl: uris.absolute(r.url),
        encodingFormat: r.mimetype || mediaTypeOf(r.format) || r.format || undefined,
        contentSize: r.size === null ? undefined : String(r.size),
      })),
  };
}
