/** What the DCAT-AP export needs besides the datasets: where ODP lives, who runs it, how to find agencies. */

import { findLicense } from '../../catalog/licenses.ts';
import type { Dataset, Group, License } from '../../catalog/types.ts';

export interface DcatContext {
  /** Public origin of the portal without a trailing slash, e.g. https://data.example.gov.tw */
  baseUrl: string;
  catalogTitle: string;
  catalogDescription: string;
  /** The agency running the portal (the catalog's dct:publisher). */
  publisher: { name: string; title: string; govOid: string };
  /** The dataset's owning organization, or null. */
  organizationOf: (dataset: Dataset) => Group | null;
  /** License by id; defaults to the catalog's license list. */
  licenseOf?: (id: string) => License | undefined;
}

/** The IRIs ODP mints for catalog entities. */
export function dcatUris(baseUrl: string) {
  const b = baseUrl.replace(/\/+$/, '');
  return {
    catalog: `${b}/catalog`,
    dataset: (name: string) => `${b}/dataset/${encodeURIComponent(name)}`,
    distribution: (datasetName: string, resourceId: string) =>
      `${b}/dataset/${encodeURIComponent(datasetName)}/resource/${encodeURIComponent(resourceId)}`,
    organization: (name: string) => `${b}/organization/${encodeURIComponent(name)}`,
    categoryScheme: `${b}/vocab/service-category`,
    category: (code: string) => `${b}/vocab/service-category/${encodeURIComponent(code)}`,
    license: (id: string) => `${b}/license/${encodeURIComponent(id)}`,
    format: (format: string) => `${b}/vocab/format/${encodeURIComponent(format)}`,
    /** Resolves a relative resource URL (uploads) against the portal. */
    absolute: (url: string) => new URL(url, `${b}/`).href,
  };
}

export const licenseLookup = (ctx: DcatContext): ((id: string) => License | undefined) =>
  ctx.licenseOf ?? findLicense;
