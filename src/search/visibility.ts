import { type RawBuilder, sql } from 'kysely';
import type { Viewer } from './types.ts';

/** Which non-public datasets a search may include. */
export interface VisibilityOptions {
  includePrivate: boolean;
  includeDrafts: boolean;
  includeDeleted: boolean;
}

/**
 * SQL condition over `search_docs d`: what this viewer may see. Anonymous: active public datasets.
 * Members may add private datasets of their organizations, creators their drafts; sysadmins any
 * private dataset or draft, and deleted ones.
 */
export function visibilitySql(viewer: Viewer, o: VisibilityOptions, useIndex = true): RawBuilder<boolean> {
  // `+d.public` keeps SQLite from walking the (public, modified) index over every public dataset
  // when a selective filter (organization, tag) should drive the query instead.
  const ors: RawBuilder<boolean>[] = [useIndex ? sql<boolean>`d.public = 1` : sql<boolean>`+d.public = 1`];
  const extra = extraVisibility(viewer, o);
  if (extra) ors.push(extra);
  return sql<boolean>`(${sql.join(ors, sql` or `)})`;
}

/** The non-public part of the visibility condition, or null when the viewer sees only public datasets. */
export function extraVisibility(viewer: Viewer, o: VisibilityOptions): RawBuilder<boolean> | null {
  const ors: RawBuilder<boolean>[] = [];
  if (o.includePrivate) {
    if (viewer.sysadmin) ors.push(sql<boolean>`(d.state = 'active' and d.private = 1)`);
    else if (viewer.orgIds.length > 0)
      ors.push(
        sql<boolean>`(d.state = 'active' and d.private = 1 and d.owner_org in (${sql.join(viewer.orgIds)}))`,
      );
  }
  if (o.includeDrafts) {
    if (viewer.sysadmin) ors.push(sql<boolean>`d.state = 'draft'`);
    else if (viewer.userId !== null)
      ors.push(sql<boolean>`(d.state = 'draft' and d.creator_user_id = ${viewer.userId})`);
  }
  if (o.includeDeleted && viewer.sysadmin) ors.push(sql<boolean>`d.state = 'deleted'`);
  return ors.length === 0 ? null : sql<boolean>`(${sql.join(ors, sql` or `)})`;
}
