import { randomUUID } from 'node:crypto';
import { emptyTwProfile } from '../../src/catalog/dataset-input.ts';
import { blankDataset } from '../../src/catalog/dataset-merge.ts';
import { datasetToRow, resourceToRow } from '../../src/catalog/dataset-rows.ts';
import type { Dataset, Resource } from '../../src/catalog/types.ts';
import type { Db } from '../../src/platform/db/database.ts';

const NOW = '2026-11-01T00:00:00.000Z';

/** A resource with every field set; override what the test is about. */
export function makeResource(over: Partial<Resource> = {}): Resource {
  return {
    id: randomUUID(),
    datasetId: '',
    name: '資料',
    description: '',
    url: 'https://data.example.gov.tw/a.csv',
    urlType: '',
    format: 'CSV',
    encoding: 'UTF-8',
    mimetype: '',
    size: null,
    sha256: '',
    recordCount: null,
    position: 0,
    state: 'active',
    datastoreActive: false,
    created: NOW,
    lastModified: NOW,
    metadataModified: NOW,
    extras: {},
    ...over,
  };
}

/** A dataset that meets data.gov.tw's required metadata; override what the test is about. */
export function makeDataset(over: Partial<Dataset> = {}, tw: Partial<Dataset['tw']> = {}): Dataset {
  const id = over.id ?? randomUUID();
  const resources = (over.resources ?? [makeResource()]).map((r, i) => ({
    ...r,
    datasetId: id,
    position: i,
  }));
  return {
    ...blankDataset({ id, created: NOW, creatorUserId: null, revision: 1 }),
    name: `ds-${id.slice(0, 8)}`,
    title: '綜稅所得統計',
    notes: '各縣市鄉鎮村里綜合所得稅統計',
    modified: NOW,
    ...over,
    resources,
    tw: {
      ...emptyTwProfile(),
      serviceCategory: 'I00',
      updateFrequency: 'annual',
      fieldDescriptions: '縣市、鄉鎮市區、村里、納稅單位',
      contactName: '王小明',
      contactPhone: '02-23228000',
      contactEmail: 'open@example.gov.tw',
      ...tw,
    },
  };
}

/** Inserts an organization row (kind organization) and returns its id. */
export async function insertOrg(db: Db, name: string, parentId: string | null = null): Promise<string> {
  const id = randomUUID();
  await db.kysely
    .insertInto('groups')
    .values({
      id,
      name,
      title: name,
      description: '',
      image_url: '',
      kind: 'organization',
      parent_id: parentId,
      gov_oid: '',
      org_code: '',
      state: 'active',
      created: NOW,
      modified: NOW,
    })
    .execute();
  return id;
}

/** Writes a dataset and its resources straight into the catalog tables. */
export async function insertDataset(db: Db, d: Dataset): Promise<Dataset> {
  await db.kysely.insertInto('datasets').values(datasetToRow(d)).execute();
  for (const r of d.resources) await db.kysely.insertInto('resources').values(resourceToRow(r)).execute();
  return d;
}
