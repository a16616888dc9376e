/**
 * The shape of a dataset as it arrives from outside (a harvested record, a data.gov.tw publishing call):
 * the catalog's Dataset without ids, timestamps of our own, or state. The catalog service turns it into
 * a Dataset (assigning ids, the organization by govOid/orgCode/name, the name if empty).
 */

import type { DatasetInput, ResourceInput } from '../catalog/dataset-input.ts';
import { emptyTwProfile } from '../catalog/dataset-input.ts';
import type { Dataset, Group, Resource, TwProfile } from '../catalog/types.ts';

/** A resource as an external source describes it; every field filled ('' or null when not given). */
export interface ExternalResource extends ResourceInput {
  name: string;
  description: string;
  url: string;
  /** Upper-case file format as declared (CSV, JSON, XML, ZIP ...), '' if unknown. */
  format: string;
  /** Declared character encoding (UTF-8, BIG5 ...), '' if unknown. */
  encoding: string;
  /** Media type if declared or derived from the format, else ''. */
  mimetype: string;
  size: number | null;
  recordCount: number | null;
}

/** How the source named the publishing agency; any key may be '' when the source does not say. */
export interface OrganizationRef {
  name: string;
  title: string;
  govOid: string;
  orgCode: string;
}

/**
 * A dataset as it arrives from outside (harvested record, data.gov.tw publishing call): the catalog's
 * DatasetInput with every mapped field filled, plus who published it and the source's own dates. It is
 * assignable to DatasetInput; the caller resolves `organization` to an ownerOrg id.
 */
export interface ExternalDataset extends DatasetInput {
  /** URL-safe name; '' lets the catalog derive one. */
  name: string;
  title: string;
  notes: string;
  /** Catalog license id ('' when the source's license is not one we know; its text is kept in extras). */
  licenseId: string;
  tags: string[];
  /** Source-specific fields kept verbatim (e.g. the original category text, view counts). */
  extras: Record<string, string>;
  tw: TwProfile;
  resources: ExternalResource[];
  organization: OrganizationRef | null;
  /** Source dates (ISO 8601) when given, else ''. */
  issued: string;
  modified: string;
}

/** An empty ExternalDataset with the given title (language left empty: unknown). */
export function emptyExternalDataset(title = ''): ExternalDataset {
  return {
    name: '',
    title,
    notes: '',
    licenseId: '',
    tags: [],
    extras: {},
    tw: { ...emptyTwProfile(), language: '' },
    resources: [],
    organization: null,
    issued: '',
    modified: '',
  };
}

/** An empty ExternalResource with the given URL. */
export function emptyExternalResource(url = ''): ExternalResource {
  return {
    name: '',
    description: '',
    url,
    format: '',
    encoding: '',
    mimetype: '',
    size: null,
    recordCount: null,
  };
}

const externalResourceOf = (r: Resource): ExternalResource => ({
  name: r.name,
  description: r.description,
  url: r.url,
  format: r.format,
  encoding: r.encoding,
  mimetype: r.mimetype,
  size: r.size,
  recordCount: r.recordCount,
});

/** The external form of a stored dataset (what exports carry; used by round-trip checks). */
export function externalDatasetOf(dataset: Dataset, organization: Group | null): ExternalDataset {
  return {
    name: dataset.name,
    title: dataset.title,
    notes: dataset.notes,
    licenseId: dataset.licenseId,
    tags: [...dataset.tags],
    extras: { ...dataset.extras },
    tw: { ...dataset.tw, cost: { ...dataset.tw.cost } },
    resources: dataset.resources.filter((r) => r.state === 'active').map(externalResourceOf),
    organization: organization
      ? {
          name: organization.name,
          title: organization.title,
          govOid: organization.govOid,
          orgCode: organization.orgCode,
        }
      : null,
    issued: dataset.created,
    modified: dataset.modified,
  };
}

/** A record read by a harvest parser: a dataset input, or the reason the record was skipped. */
export type HarvestRecord =
  | { remoteId: string; input: ExternalDataset }
  | { error: string; record: Record<string, unknown> | string };
