import { findLicense } from '../../catalog/licenses.ts';
import type { Dataset, Group } from '../../catalog/types.ts';

/** schema.org Dataset for a dataset page (Google Dataset Search reads it). */
export function datasetJsonLd(d: Dataset, org: Group | null, pageUrl: string, baseUrl: string): unknown {
  const license = findLicense(d.licenseId);
  const temporal = [d.tw.temporalStart, d.tw.temporalEnd].filter(Boolean).join('/');
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': pageUrl,
    url: pageUrl,
    name: d.title || d.name,
    description: d.notes || d.title || d.name,
    identifier: d.tw.identifier || d.id,
    keywords: d.tags,
    dateCreated: d.created,
    dateModified: d.modified,
    inLanguage: d.tw.language || 'zh-TW',
    isAccessibleForFree: d.tw.cost.type !== 'paid',
    ...(license?.url ? { license: license.url } : {}),
    ...(temporal ? { temporalCoverage: temporal } : {}),
    ...(d.tw.spatial ? { spatialCoverage: d.tw.spatial } : {}),
    ...(org
      ? {
          creator: {
            '@type': 'GovernmentOrganization',
            name: org.title,
            url: `${baseUrl}/organizations/${org.name}`,
          },
          publisher: { '@type': 'GovernmentOrganization', name: org.title },
        }
      : {}),
    distribution: d.resources.map((r) => ({
      '@type': 'DataDownload',
      name: r.name,
      encodingFormat: r.mimetype || r.format,
      contentUrl: r.url,
      ...(r.size !== null ? { contentSize: `${r.size} B` } : {}),
    })),
  };
}
