import { newId } from '../platform/ids.ts';
import type { DatasetInput, ResourceInput } from './dataset-input.ts';
import { emptyTwProfile } from './dataset-input.ts';
import { DEFAULT_LICENSE_ID, findLicense } from './licenses.ts';
import type { Dataset, Resource } from './types.ts';

/** A dataset with every field at its default, keeping identity fields from `keep`. */
export function blankDataset(keep: Pick<Dataset, 'id' | 'created' | 'creatorUserId' | 'revision'>): Dataset {
  return {
    ...keep,
    name: '',
    title: '',
    notes: '',
    licenseId: DEFAULT_LICENSE_ID,
    ownerOrg: null,
    private: false,
    state: 'active',
    type: 'dataset',
    author: '',
    authorEmail: '',
    maintainer: '',
    maintainerEmail: '',
    url: '',
    version: '',
    modified: keep.created,
    tags: [],
    groupIds: [],
    extras: {},
    tw: emptyTwProfile(),
    harvestSource: null,
    resources: [],
  };
}

/** Applies the fields present in `input` over `base` (scalar fields; org, groups and resources are resolved by the service). */
export function applyDatasetFields(base: Dataset, input: DatasetInput): Dataset {
  const d: Dataset = { ...base, tw: { ...base.tw, cost: { ...base.tw.cost } }, extras: { ...base.extras } };
  if (input.name !== undefined) d.name = input.name;
  if (input.title !== undefined) d.title = input.title;
  if (input.notes !== undefined) d.notes = input.notes;
  if (input.licenseId !== undefined) d.licenseId = findLicense(input.licenseId)?.id ?? input.licenseId;
  if (input.private !== undefined) d.private = input.private;
  if (input.state !== undefined) d.state = input.state;
  if (input.type !== undefined) d.type = input.type || 'dataset';
  if (input.author !== undefined) d.author = input.author;
  if (input.authorEmail !== undefined) d.authorEmail = input.authorEmail;
  if (input.maintainer !== undefined) d.maintainer = input.maintainer;
  if (input.maintainerEmail !== undefined) d.maintainerEmail = input.maintainerEmail;
  if (input.url !== undefined) d.url = input.url;
  if (input.version !== undefined) d.version = input.version;
  if (input.tags !== undefined) d.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))].sort();
  if (input.extras !== undefined) d.extras = { ...input.extras };
  if (input.harvestSource !== undefined) d.harvestSource = input.harvestSource;
  if (input.tw) {
    const { cost, ...rest } = input.tw;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) Object.assign(d.tw, { [k]: v });
    if (cost) d.tw.cost = { ...d.tw.cost, ...cost };
  }
  if (!d.title) d.title = d.name;
  return d;
}

/** Applies a resource input over an existing resource (or a fresh one). */
export function applyResourceFields(
  base: Resource | null,
  input: ResourceInput,
  datasetId: string,
  position: number,
  now: string,
): Resource {
  const r: Resource = base
    ? { ...base, extras: { ...base.extras } }
    : {
        id: input.id ?? newId(),
        datasetId,
        name: '',
        description: '',
        url: '',
        urlType: '',
        format: '',
        encoding: '',
        mimetype: '',
        size: null,
        sha256: '',
        recordCount: null,
        position,
        state: 'active',
        datastoreActive: false,
        created: now,
        lastModified: null,
        metadataModified: now,
        extras: {},
      };
  if (input.name !== undefined) r.name = input.name;
  if (input.description !== undefined) r.description = input.description;
  if (input.url !== undefined) r.url = input.url;
  if (input.urlType !== undefined) r.urlType = input.urlType;
  if (input.format !== undefined) r.format = input.format;
  if (input.encoding !== undefined) r.encoding = input.encoding;
  if (input.mimetype !== undefined) r.mimetype = input.mimetype;
  if (input.size !== undefined) r.size = input.size;
  if (input.sha256 !== undefined) r.sha256 = input.sha256;
  if (input.recordCount !== undefined) r.recordCount = input.recordCount;
  if (input.lastModified !== undefined) r.lastModified = input.lastModified;
  if (input.extras !== undefined) r.extras = { ...r.extras, ...input.extras };
  if (!r.format) r.format = guessFormat(r.url);
  r.position = position;
  r.metadataModified = now;
  return r;
}

/** Format from a URL's extension (CKAN fills an empty format the same way). */
export function guessFormat(url: string): string {
  const m = /\.([a-z0-9]{2,8})(?:[?#].*)?$/i.exec(url);
  return m?.[1] ? m[1].toUpperCase() : '';
}
