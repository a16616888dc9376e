/** Finds the organization a harvested record names (by government OID, agency code, name or title) or creates it. */

import { createHash } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../catalog/actor.ts';
import type { CatalogContext } from '../../catalog/catalog-context.ts';
import { createGroup, groupFromRow } from '../../catalog/group-service.ts';
import type { Group } from '../../catalog/types.ts';
import { nameProblem } from '../../catalog/validation.ts';
import type { OrganizationRef } from '../dataset-input.ts';

const OID_RE = /^\d+(\.\d+)+$/;
const ORG_CODE_RE = /^[A-Z0-9]{3,12}$/;

async function findBy(ctx: CatalogContext, column: 'gov_oid' | 'org_code' | 'name' | 'title', value: string) {
  if (!value) return null;
  const row = await ctx.db.kysely
    .selectFrom('groups')
    .selectAll()
    .where('kind', '=', 'organization')
    .where('state', '=', 'active')
    .where(column, '=', value)
    .orderBy('created')
    .executeTakeFirst();
  return row ? groupFromRow(row) : null;
}

async function freeName(ctx: CatalogContext, ref: OrganizationRef): Promise<string> {
  const candidates = [ref.name, ref.orgCode.toLowerCase()].filter((n) => n && !nameProblem(n));
  for (const n of candidates) {
    const taken = await ctx.db.kysely
      .selectFrom('groups')
      .select('id')
      .where('name', '=', n)
      .executeTakeFirst();
    if (!taken) return n;
  }
  const key = ref.govOid || ref.orgCode || ref.name || ref.title;
  return `org-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** Resolves organization refs within one run (cached), creating missing organizations as the system. */
export function organizationResolver(
  ctx: CatalogContext,
): (ref: OrganizationRef | null) => Promise<Group | null> {
  const cache = new Map<string, Group | null>();
  return async (ref) => {
    if (!ref || !(ref.govOid || ref.orgCode || ref.name || ref.title)) return null;
    const key = JSON.stringify([ref.govOid, ref.orgCode, ref.name, ref.title]);
    if (cache.has(key)) return cache.get(key) ?? null;
    const found =
      (OID_RE.test(ref.govOid) ? await findBy(ctx, 'gov_oid', ref.govOid) : null) ??
      (ref.orgCode ? await findBy(ctx, 'org_code', ref.orgCode) : null) ??
      (ref.name ? await findBy(ctx, 'name', ref.name) : null) ??
      (ref.title ? await findBy(ctx, 'title', ref.title) : null);
    const org =
      found ??
      (await createGroup(ctx, SYSTEM_ACTOR, 'organization', {
        name: await freeName(ctx, ref),
        title: ref.title || ref.name || ref.orgCode,
        govOid: OID_RE.test(ref.govOid) ? ref.govOid : '',
        orgCode: ORG_CODE_RE.test(ref.orgCode) ? ref.orgCode : '',
      }));
    cache.set(key, org);
    return org;
  };
}
