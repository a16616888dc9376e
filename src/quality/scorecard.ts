import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { Mark } from './criteria.ts';
import './quality-tables.ts';

/** An agency's figures over its public, active datasets (and its sub-agencies' when rolled up). */
export interface ScorecardFigures {
  datasets: number;
  /** Datasets checked at least once; the shares and averages below are over these. */
  checked: number;
  /** Share (0..1) of checked datasets that are open: obtainable under an open license (>= 1 star). */
  openShare: number;
  /** Share (0..1) of checked datasets with an open machine-readable format (>= 3 stars). */
  openFormatShare: number;
  /** Mean stars over checked datasets, null when none was checked. */
  averageStars: number | null;
  marks: Record<Mark, number>;
  /** Datasets not updated as often as their update frequency says. */
  stale: number;
  /** Resources whose link failed at the last check. */
  brokenLinks: number;
}

export interface TrendPoint extends ScorecardFigures {
  day: string;
}

export interface Scorecard extends ScorecardFigures {
  orgId: string;
  name: string;
  title: string;
  parentId: string | null;
  /** Sub-agencies included in the figures (all descendants through groups.parent_id). */
  subOrgIds: string[];
  /** Daily snapshots, oldest first. */
  trend: TrendPoint[];
}

interface Sums {
  datasets: number;
  checked: number;
  open: number;
  openFormat: number;
  starsSum: number;
  stale: number;
  brokenLinks: number;
  marks: Record<Mark, number>;
}

interface Org {
  id: string;
  name: string;
  title: string;
  parentId: string | null;
}

const emptyMarks = (): Record<Mark, number> => ({ none: 0, bronze: 0, silver: 0, gold: 0, platinum: 0 });
const emptySums = (): Sums => ({
  datasets: 0,
  checked: 0,
  open: 0,
  openFormat: 0,
  starsSum: 0,
  stale: 0,
  brokenLinks: 0,
  marks: emptyMarks(),
});

async function activeOrgs(db: Db): Promise<Org[]> {
  const rows = await db.kysely
    .selectFrom('groups')
    .select(['id', 'name', 'title', 'parent_id'])
    .where('kind', '=', 'organization')
    .where('state', '=', 'active')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, title: r.title, parentId: r.parent_id }));
}

/** Per-organization sums over its own datasets (one grouped query for every organization). */
async function ownSums(db: Db): Promise<Map<string, Sums>> {
  const rows = await db.kysely
    .selectFrom('datasets as d')
    .leftJoin('dataset_quality as q', 'q.dataset_id', 'd.id')
    .where('d.state', '=', 'active')
    .where('d.private', '=', 0)
    .where('d.owner_org', 'is not', null)
    .select((eb) => [
      'd.owner_org as org',
      'q.mark as mark',
      eb.fn.count<number>('d.id').as('datasets'),
      eb.fn.count<number>('q.dataset_id').as('checked'),
      sql<number>`coalesce(sum(case when q.stars >= 1 then 1 else 0 end), 0)`.as('open'),
      sql<number>`coalesce(sum(case when q.stars >= 3 then 1 else 0 end), 0)`.as('open_format'),
      sql<number>`coalesce(sum(q.stars), 0)`.as('stars_sum'),
      sql<number>`coalesce(sum(q.stale), 0)`.as('stale'),
      sql<number>`coalesce(sum(q.broken_links), 0)`.as('broken'),
    ])
    .groupBy(['d.owner_org', 'q.mark'])
    .execute();
  const out = new Map<string, Sums>();
  for (const r of rows) {
    if (!r.org) continue;
    const s = out.get(r.org) ?? emptySums();
    s.datasets += Number(r.datasets);
    s.checked += Number(r.checked);
    s.open += Number(r.open);
    s.openFormat += Number(r.open_format);
    s.starsSum += Number(r.stars_sum);
    s.stale += Number(r.stale);
    s.brokenLinks += Number(r.broken);
    if (r.mark && r.mark in s.marks) s.marks[r.mark as Mark] += Number(r.checked);
    out.set(r.org, s);
  }
  return out;
}

function descendants(orgs: readonly Org[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const o of orgs) if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  const out: string[] = [];
  const seen = new Set([rootId]);
  const stack = [...(children.get(rootId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue; // a cycle in parent_id must not loop forever
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out.sort();
}

function figuresOf(parts: readonly Sums[]): ScorecardFigures {
  const s = emptySums();
  for (const p of parts) {
    s.datasets += p.datasets;
    s.checked += p.checked;
    s.open += p.open;
    s.openFormat += p.openFormat;
    s.starsSum += p.starsSum;
    s.stale += p.stale;
    s.brokenLinks += p.brokenLinks;
    for (const m of Object.keys(s.marks) as Mark[]) s.marks[m] += p.marks[m];
  }
  const share = (n: number) => (s.checked === 0 ? 0 : Math.round((n / s.checked) * 1000) / 1000);
  return {
    datasets: s.datasets,
    checked: s.checked,
    openShare: share(s.open),
    openFormatShare: share(s.openFormat),
    averageStars: s.checked === 0 ? null : Math.round((s.starsSum / s.checked) * 100) / 100,
    marks: s.marks,
    stale: s.stale,
    brokenLinks: s.brokenLinks,
  };
}

async function trendOf(db: Db, orgId: string, days: number): Promise<TrendPoint[]> {
  const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const rows = await db.kysely
    .selectFrom('quality_snapshots')
    .select(['day', 'figures'])
    .where('org_id', '=', orgId)
    .where('day', '>=', since)
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, ...(JSON.parse(r.figures) as ScorecardFigures) }));
}

export interface ScorecardOptions {
  /** Include sub-agencies (default true). */
  includeSubOrgs?: boolean;
  /** Days of trend to return (default 365). */
  trendDays?: number;
}

/** Every active organization's scorecard, rolled up over sub-agencies (no trend; for lists and CSV). */
export async function allScorecards(db: Db, opts: ScorecardOptions = {}): Promise<Scorecard[]> {
  const [orgs, sums] = await Promise.all([activeOrgs(db), ownSums(db)]);
  return orgs.map((o) => {
    const subOrgIds = opts.includeSubOrgs === false ? [] : descendants(orgs, o.id);
    const parts = [o.id, ...subOrgIds].map((id) => sums.get(id) ?? emptySums());
    return {
      orgId: o.id,
      name: o.name,
      title: o.title,
      parentId: o.parentId,
      subOrgIds,
      ...figuresOf(parts),
      trend: [],
    };
  });
}

/** One organization's scorecard with its trend, or null when there is no such active organization. */
export async function scorecard(
  db: Db,
  orgId: string,
  opts: ScorecardOptions = {},
): Promise<Scorecard | null> {
  const card = (await allScorecards(db, opts)).find((c) => c.orgId === orgId);
  if (!card) return null;
  return { ...card, trend: await trendOf(db, orgId, opts.trendDays ?? 365) };
}

/** Stores today's figures for every organization (rolled up); re-running on the same day replaces them. */
export async function takeScorecardSnapshots(db: Db, now: Date = new Date()): Promise<number> {
  const day = now.toISOString().slice(0, 10);
  const cards = await allScorecards(db);
  for (const c of cards) {
    const { orgId, name: _n, title: _t, parentId: _p, subOrgIds: _s, trend: _tr, ...figures } = c;
    const row = { org_id: orgId, day, figures: JSON.stringify(figures) };
    await db.kysely
      .insertInto('quality_snapshots')
      .values(row)
      .onConflict((oc) => oc.columns(['org_id', 'day']).doUpdateSet({ figures: row.figures }))
      .execute();
  }
  return cards.length;
}
