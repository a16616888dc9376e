/**
 * Inserts catalog rows straight into the catalog tables for search tests and benches
 * (the catalog service is not needed to exercise the index).
 */
import type { Queryable } from '../platform/db/database.ts';

const NOW = '2026-01-01T00:00:00.000Z';
let seq = 0;
const nextId = (prefix: string): string =>
  `${prefix}-${(++seq).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Creates an organization (or theme group with kind 'group'); returns its id. */
export async function makeGroup(
  q: Queryable,
  g: { name: string; title?: string; kind?: 'organization' | 'group'; orgCode?: string; govOid?: string },
): Promise<string> {
  const id = nextId('g');
  await q
    .insertInto('groups')
    .values({
      id,
      name: g.name,
      title: g.title ?? g.name,
      description: '',
      image_url: '',
      kind: g.kind ?? 'organization',
      parent_id: null,
      gov_oid: g.govOid ?? '',
      org_code: g.orgCode ?? '',
      state: 'active',
      created: NOW,
      modified: NOW,
    })
    .execute();
  return id;
}

/** What a test dataset may specify; everything else gets a plain default. */
export interface TestDataset {
  id?: string;
  name?: string;
  title: string;
  notes?: string;
  ownerOrg?: string | null;
  private?: boolean;
  state?: 'active' | 'draft' | 'deleted';
  creatorUserId?: string | null;
  licenseId?: string;
  created?: string;
  modified?: string;
  tags?: string[];
  groupIds?: string[];
  resources?: { name: string; description?: string; format: string }[];
  updateFrequency?: string;
  serviceCategory?: string;
  extras?: Record<string, string>;
  tw?: Record<string, string>;
}

/** Inserts a dataset with its tags, group links and resources; returns its id. Does not index it. */
export async function makeDataset(q: Queryable, t: TestDataset): Promise<string> {
  const id = t.id ?? nextId('d');
  await q
    .insertInto('datasets')
    .values({
      id,
      name: t.name ?? id,
      title: t.title,
      notes: t.notes ?? '',
      license_id: t.licenseId ?? 'GOV-OPEN-1',
      owner_org: t.ownerOrg ?? null,
      private: t.private ? 1 : 0,
      state: t.state ?? 'active',
      type: 'dataset',
      author: '',
      author_email: '',
      maintainer: '',
      maintainer_email: '',
      url: '',
      version: '',
      creator_user_id: t.creatorUserId ?? null,
      created: t.created ?? t.modified ?? NOW,
      modified: t.modified ?? NOW,
      revision: 1,
      tw: JSON.stringify(t.tw ?? {}),
      identifier: '',
      service_category: t.serviceCategory ?? '',
      update_frequency: t.updateFrequency ?? '',
      extras: JSON.stringify(t.extras ?? {}),
      harvest_source: null,
    })
    .execute();
  if (t.tags?.length)
    await q
      .insertInto('dataset_tags')
      .values(t.tags.map((tag) => ({ dataset_id: id, tag })))
      .execute();
  if (t.groupIds?.length)
    await q
      .insertInto('dataset_groups')
      .values(t.groupIds.map((group_id) => ({ dataset_id: id, group_id })))
      .execute();
  let position = 0;
  for (const r of t.resources ?? []) {
    await q
      .insertInto('resources')
      .values({
        id: nextId('r'),
        dataset_id: id,
        name: r.name,
        description: r.description ?? '',
        url: 'https://example.gov.tw/file',
        url_type: '',
        format: r.format,
        encoding: 'UTF-8',
        mimetype: '',
        size: null,
        sha256: '',
        record_count: null,
        position: position++,
        state: 'active',
        datastore_active: 0,
        created: NOW,
        last_modified: null,
        metadata_modified: NOW,
        extras: '{}',
      })
      .execute();
  }
  return id;
}
