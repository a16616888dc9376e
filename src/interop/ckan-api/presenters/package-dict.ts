import { createHash } from 'node:crypto';
import { getGroupsByIds } from '../../../catalog/group-service.ts';
import { findLicense } from '../../../catalog/licenses.ts';
import type { Dataset, Group } from '../../../catalog/types.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { type QualitySummary, qualityOfMany } from '../../../quality/index.ts';
import { ckanTime } from '../ckan-time.ts';
import { embeddedGroupDict, embeddedOrgDict } from './group-dict.ts';
import { resourceDict } from './resource-dict.ts';
import { twToDict } from './tw-fields.ts';

/** A stable UUID-shaped id for a free tag (ODP stores tags by name; CKAN clients expect an id). */
export function tagId(name: string): string {
  const h = createHash('sha1').update(`tag:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * CKAN's package dict (package_show, package_search results) with the data.gov.tw profile as extra keys,
 * and ODP's quality as `openness_score` (0-5) and `quality_mark` (null when never checked).
 */
export function packageDict(
  d: Dataset,
  groups: ReadonlyMap<string, Group>,
  quality: QualitySummary | null = null,
): Record<string, unknown> {
  const license = findLicense(d.licenseId);
  const org = d.ownerOrg ? groups.get(d.ownerOrg) : undefined;
  const themes = d.groupIds.map((id) => groups.get(id)).filter((g): g is Group => g !== undefined);
  return {
    ...twToDict(d.tw),
    id: d.id,
    name: d.name,
    title: d.title,
    type: d.type,
    state: d.state,
    private: d.private,
    notes: d.notes,
    url: d.url,
    version: d.version,
    author: d.author,
    author_email: d.authorEmail,
    maintainer: d.maintainer,
    maintainer_email: d.maintainerEmail,
    license_id: d.licenseId,
    license_title: license?.title ?? d.licenseId,
    license_url: license?.url ?? '',
    isopen: license?.isOpen ?? false,
    owner_org: d.ownerOrg,
    organization: org ? embeddedOrgDict(org) : null,
    creator_user_id: d.creatorUserId,
    metadata_created: ckanTime(d.created),
    metadata_modified: ckanTime(d.modified),
    num_resources: d.resources.length,
    num_tags: d.tags.length,
    tags: d.tags.map((name) => ({
      id: tagId(name),
      name,
      display_name: name,
      state: 'active',
      vocabulary_id: null,
    })),
    groups: themes.map(embeddedGroupDict),
    extras: Object.entries(d.extras).map(([key, value]) => ({ key, value })),
    resources: d.resources.map(resourceDict),
    relationships_as_object: [],
    relationships_as_subject: [],
    // CKAN 2.8 and earlier sent it; ODP's revision counter fills it (also usable for change detection).
    revision_id: String(d.revision),
    harvest_source_url: d.harvestSource?.url ?? null,
    openness_score: quality?.stars ?? null,
    quality_mark: quality?.mark ?? null,
  };
}

/** Package dicts for many datasets, loading their organizations, groups and quality in one query each. */
export async function packageDicts(
  db: Queryable,
  datasets: readonly Dataset[],
): Promise<Record<string, unknown>[]> {
  const ids = datasets.flatMap((d) => [...(d.ownerOrg ? [d.ownerOrg] : []), ...d.groupIds]);
  const groups = new Map((await getGroupsByIds(db, ids)).map((g) => [g.id, g]));
  const quality = await qualityOfMany(
    db,
    datasets.map((d) => d.id),
  );
  return datasets.map((d) => packageDict(d, groups, quality.get(d.id) ?? null));
}
