import type { Queryable } from '../platform/db/database.ts';
import type { DatasetsTable } from '../platform/db/schema.ts';

/** Everything the index needs about one dataset, read from the catalog tables. */
export interface DocSource {
  dataset: DatasetsTable;
  tags: string[];
  /** Themes (groups of kind 'group') the dataset belongs to. */
  groups: { name: string; title: string }[];
  organization: { name: string; title: string; orgCode: string; govOid: string } | null;
  resources: { name: string; description: string; format: string }[];
  /** Latest quality check (openness stars, mark), null when never checked: for the quality facets. */
  quality: { stars: number; mark: string } | null;
}

const BATCH = 500;

/** Reads the index sources of the given datasets through `q` (a transaction sees its own writes). */
export async function loadSources(q: Queryable, ids: readonly string[]): Promise<DocSource[]> {
  const out: DocSource[] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(...(await loadBatch(q, ids.slice(i, i + BATCH))));
  return out;
}

async function loadBatch(q: Queryable, ids: string[]): Promise<DocSource[]> {
  if (ids.length === 0) return [];
  const datasets = await q.selectFrom('datasets').selectAll().where('id', 'in', ids).execute();
  if (datasets.length === 0) return [];
  const found = datasets.map((d) => d.id);
  const [tags, groups, resources, quality] = await Promise.all([
    q.selectFrom('dataset_tags').select(['dataset_id', 'tag']).where('dataset_id', 'in', found).execute(),
    q
      .selectFrom('dataset_groups')
      .innerJoin('groups', 'groups.id', 'dataset_groups.group_id')
      .select(['dataset_groups.dataset_id', 'groups.name', 'groups.title'])
      .where('dataset_groups.dataset_id', 'in', found)
      .where('groups.kind', '=', 'group')
      .where('groups.state', '=', 'active')
      .execute(),
    q
      .selectFrom('resources')
      .select(['dataset_id', 'name', 'description', 'format'])
      .where('dataset_id', 'in', found)
      .where('state', '=', 'active')
      .orderBy('dataset_id')
      .orderBy('position')
      .execute(),
    q
      .selectFrom('dataset_quality')
      .select(['dataset_id', 'stars', 'mark'])
      .where('dataset_id', 'in', found)
      .execute(),
  ]);
  const qualityBy = new Map(quality.map((r) => [r.dataset_id, { stars: Number(r.stars), mark: r.mark }]));
  const orgIds = [...new Set(datasets.map((d) => d.owner_org).filter((o): o is string => o !== null))];
  const orgs =
    orgIds.length === 0
      ? []
      : await q
          .selectFrom('groups')
          .select(['id', 'name', 'title', 'org_code', 'gov_oid'])
          .where('id', 'in', orgIds)
          .execute();
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const byDataset = <T extends { dataset_id: string }>(rows: T[]): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const list = m.get(r.dataset_id);
      if (list) list.push(r);
      else m.set(r.dataset_id, [r]);
    }
    return m;
  };
  const tagsBy = byDataset(tags);
  const groupsBy = byDataset(groups);
  const resBy = byDataset(resources);
  return datasets.map((d) => {
    const org = d.owner_org ? orgById.get(d.owner_org) : undefined;
    return {
      dataset: d,
      tags: (tagsBy.get(d.id) ?? []).map((t) => t.tag),
      groups: (groupsBy.get(d.id) ?? []).map((g) => ({ name: g.name, title: g.title })),
      organization: org
        ? { name: org.name, title: org.title, orgCode: org.org_code, govOid: org.gov_oid }
        : null,
      resources: (resBy.get(d.id) ?? []).map((r) => ({
        name: r.name,
        description: r.description,
        format: r.format,
      })),
      quality: qualityBy.get(d.id) ?? null,
    };
  });
}
