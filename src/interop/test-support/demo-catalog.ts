import { blankDataset } from '../../catalog/dataset-merge.ts';
/**
 * Test support: real data.gov.tw catalogue rows (fixtures/real/catalog/datasets_list.csv) turned into stored
 * Datasets and Groups, as the catalog service would store them, so exporters are tested on real metadata.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Dataset, Group, Resource } from '../../catalog/types.ts';
import type { ExternalDataset } from '../dataset-input.ts';
import type { DcatContext } from '../dcat/dcat-context.ts';
import { parseDataGovTwCsv } from '../harvest/datagovtw-files.ts';

export const FIXTURES = resolve(import.meta.dirname, '../../../fixtures');

const T0 = '2026-11-29T10:00:00.000Z';

/** The 交通部觀光局 organization as ODP would hold it. */
export const TOURISM_BUREAU: Group = {
  id: 'org-1',
  name: 'taiwan-tourism-bureau',
  title: '交通部觀光局',
  description: '',
  imageUrl: '',
  kind: 'organization',
  parentId: null,
  govOid: '2.16.886.101.20003.20065.20006',
  orgCode: '315080000H',
  state: 'active',
  created: T0,
  modified: T0,
};

/** A stored Dataset built from an external one (ids, positions and timestamps filled in). */
export function storedDataset(
  input: ExternalDataset,
  n: number,
  org: Group | null = TOURISM_BUREAU,
): Dataset {
  const id = `ds-${n}`;
  const modified = input.modified || T0;
  const resources: Resource[] = input.resources.map((r, i) => ({
    ...r,
    id: `${id}-r${i}`,
    datasetId: id,
    urlType: '',
    sha256: '',
    position: i,
    state: 'active',
    datastoreActive: false,
    created: input.issued || T0,
    lastModified: null,
    metadataModified: modified,
    extras: {},
  }));
  return {
    ...blankDataset({ id, created: input.issued || T0, creatorUserId: null, revision: 1 }),
    name: input.name || `tourism-${n}`,
    title: input.title,
    notes: input.notes,
    licenseId: input.licenseId,
    ownerOrg: org?.id ?? null,
    modified,
    tags: input.tags,
    extras: input.extras,
    tw: { ...input.tw, identifier: org?.orgCode ? `${org.orgCode}-${String(n).padStart(6, '0')}` : '' },
    harvestSource: null,
    resources,
  };
}

/** The first `count` datasets of the real tourism-bureau export, stored. */
export function demoDatasets(count = 74): Dataset[] {
  const text = readFileSync(resolve(FIXTURES, 'real/catalog/datasets_list.csv'), 'utf8');
  const out: Dataset[] = [];
  for (const rec of parseDataGovTwCsv(text)) {
    if ('input' in rec && out.length < count) out.push(storedDataset(rec.input, out.length + 1));
  }
  return out;
}

/** A DCAT context for tests at https://data.example.tw. */
export const demoContext = (): DcatContext => ({
  baseUrl: 'https://data.example.tw',
  catalogTitle: 'ODP 示範目錄',
  catalogDescription: 'Demo catalogue built from real data.gov.tw metadata',
  publisher: { name: 'ndc', title: '國家發展委員會', govOid: '2.16.886.101.20003.20014' },
  organizationOf: (d) => (d.ownerOrg === TOURISM_BUREAU.id ? TOURISM_BUREAU : null),
});
