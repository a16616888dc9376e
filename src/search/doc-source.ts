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
  // The organization and the quality summary come with the dataset row (at most one of each).
  const joined = await q
    .selectFrom('datasets')
    .leftJoin('groups as src_org', 'src_org.id', 'datasets.owner_org')
    .leftJoin('dataset_quality as src_q', 'src_q.dataset_id', 'datasets.id')
    .selectAll('datasets')
    .select([
      'src_org.name as src_org_name',
      'src_org.title as src_org_title',
      'src_org.org_code as src_org_code',
      'src_org.gov_oid as src_org_oid',
      'src_q.stars as src_q_stars',
      'src_q.mark as src_q_mark',
    ])
    .where('datasets.id', 'in', ids)
    .execute();
  if (joined.length === 0) return [];
  const found = joined.map((d) => d.id);
  const [tags, groups, resources] = await Promise.all([
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
  ]);
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
  // The joined row serves as the dataset row as it is: copying out ~40 columns per dataset costs more.
  return joined.map((d) => {
    return {
      dataset: d,
      tags: (tagsBy.get(d.id) ?? []).map((t) => t.tag),
      groups: (groupsBy.get(d.id) ?? []).map((g) => ({ name: g.name, title: g.title })),
      organization:
        d.owner_org && d.src_org_name !== null
          ? {
              name: d.src_org_name,
              title: d.src_org_title ?? '',
              orgCode: d.src_org_code ?? '',
              govOid: d.src_org_oid ?? '',
            }
          : null,
      resources: (resBy.get(d.id) ?? []).map((r) => ({
        name: r.name,
        description: r.description,
        format: r.format,
      })),
      quality:
        d.src_q_stars !== null && d.src_q_mark !== null
          ? { stars: Number(d.src_q_stars), mark: d.src_q_mark }
          : null,
    };
  });
}
