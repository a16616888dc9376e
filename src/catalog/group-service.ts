import type { Queryable } from '../platform/db/database.ts';
import type { GroupsTable } from '../platform/db/schema.ts';
import { forbidden, invalid, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordActivity } from './activity.ts';
import type { Actor } from './actor.ts';
import type { CatalogContext } from './catalog-context.ts';
import { canOrganization } from './policies.ts';
import { categoryGroupName, SERVICE_CATEGORIES } from './service-categories.ts';
import type { Group, GroupKind, MemberRole } from './types.ts';
import { FieldErrorBag, nameProblem } from './validation.ts';

export interface GroupInput {
  name?: string;
  title?: string;
  description?: string;
  imageUrl?: string;
  /** Parent organization id or name (ministry above an agency). */
  parent?: string | null;
  govOid?: string;
  orgCode?: string;
}

const OID_RE = /^\d+(\.\d+)+$/;
const ORG_CODE_RE = /^[A-Z0-9]{3,12}$/;

export function groupFromRow(r: GroupsTable): Group {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    description: r.description,
    imageUrl: r.image_url,
    kind: r.kind as GroupKind,
    parentId: r.parent_id,
    govOid: r.gov_oid,
    orgCode: r.org_code,
    state: r.state === 'deleted' ? 'deleted' : 'active',
    created: r.created,
    modified: r.modified,
  };
}

/** Finds an active group or organization by id or name. */
export async function findGroup(db: Queryable, kind: GroupKind, idOrName: string): Promise<Group | null> {
  const row = await db
    .selectFrom('groups')
    .selectAll()
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row ? groupFromRow(row) : null;
}

export async function getGroup(db: Queryable, kind: GroupKind, idOrName: string): Promise<Group> {
  const g = await findGroup(db, kind, idOrName);
  if (!g || g.state === 'deleted') throw notFound(kind === 'organization' ? 'Organization' : 'Group');
  return g;
}

/** Lists active groups or organizations by name. */
export async function listGroups(db: Queryable, kind: GroupKind): Promise<Group[]> {
  const rows = await db
    .selectFrom('groups')
    .selectAll()
    .where('kind', '=', kind)
    .where('state', '=', 'active')
    .orderBy('name')
    .execute();
  return rows.map(groupFromRow);
}

function validateGroup(input: GroupInput, creating: boolean): void {
  const bag = new FieldErrorBag();
  if (creating && !input.name) bag.add('name', 'Missing value');
  if (input.name) {
    const p = nameProblem(input.name);
    if (p) bag.add('name', p);
  }
  if (input.govOid && !OID_RE.test(input.govOid))
    bag.add('gov_oid', 'Must be an OID such as 2.16.886.101.20003');
  if (input.orgCode && !ORG_CODE_RE.test(input.orgCode))
    bag.add('org_code', 'Must be an agency code such as A41000000G');
  if (!bag.empty) throw invalid(bag.errors);
}

async function parentId(db: Queryable, parent: string | null | undefined): Promise<string | null> {
  if (!parent) return null;
  const p = await findGroup(db, 'organization', parent);
  if (!p) throw invalid({ parent: ['Parent organization does not exist'] });
  return p.id;
}

/** Creates an organization (sysadmins) or group. */
export async function createGroup(
  ctx: CatalogContext,
  actor: Actor,
  kind: GroupKind,
  input: GroupInput,
): Promise<Group> {
  if (!canOrganization(actor, 'create', null)) {
    throw forbidden(`User ${actor.userName ?? 'anonymous'} not authorized to create ${kind}s`);
  }
  validateGroup(input, true);
  const name = input.name ?? '';
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (await trx.selectFrom('groups').select('id').where('name', '=', name).executeTakeFirst()) {
      throw invalid({ name: ['Group name already exists in database'] });
    }
    const now = new Date().toISOString();
    const row: GroupsTable = {
      id: newId(),
      name,
      title: input.title ?? name,
      description: input.description ?? '',
      image_url: input.imageUrl ?? '',
      kind,
      parent_id: kind === 'organization' ? await parentId(trx, input.parent) : null,
      gov_oid: input.govOid ?? '',
      org_code: input.orgCode ?? '',
      state: 'active',
      created: now,
      modified: now,
    };
    await trx.insertInto('groups').values(row).execute();
    const g = groupFromRow(row);
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: g.id,
      objectType: kind,
      activityType: `new ${kind}`,
      datasetId: null,
      data: g,
      timestamp: now,
    });
    if (kind === 'organization' && actor.userId && !actor.sysadmin) {
      await trx
        .insertInto('memberships')
        .values({ group_id: g.id, user_id: actor.userId, role: 'admin', created: now })
        .execute();
    }
    return g;
  });
}

/** Updates an organization or group (patch semantics). */
export async function updateGroup(
  ctx: CatalogContext,
  actor: Actor,
  kind: GroupKind,
  idOrName: string,
  input: GroupInput,
): Promise<Group> {
  const g = await getGroup(ctx.db.kysely, kind, idOrName);
  if (!canOrganization(actor, 'update', g.id))
    throw forbidden(`User not authorized to edit ${kind} ${g.name}`);
  validateGroup(input, false);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (input.name && input.name !== g.name) {
      if (await trx.selectFrom('groups').select('id').where('name', '=', input.name).executeTakeFirst()) {
        throw invalid({ name: ['Group name already exists in database'] });
      }
    }
    const now = new Date().toISOString();
    const pid = input.parent !== undefined ? await parentId(trx, input.parent) : g.parentId;
    if (pid === g.id) throw invalid({ parent: ['An organization cannot be its own parent'] });
    const next: Group = {
      ...g,
      name: input.name ?? g.name,
      title: input.title ?? g.title,
      description: input.description ?? g.description,
      imageUrl: input.imageUrl ?? g.imageUrl,
      parentId: pid,
      govOid: input.govOid ?? g.govOid,
      orgCode: input.orgCode ?? g.orgCode,
      modified: now,
    };
    await trx
      .updateTable('groups')
      .set({
        name: next.name,
        title: next.title,
        description: next.description,
        image_url: next.imageUrl,
        parent_id: next.parentId,
        gov_oid: next.govOid,
        org_code: next.orgCode,
        modified: now,
      })
      .where('id', '=', g.id)
      .execute();
    // Datasets carry their organization's or group's title in the search index: refresh them.
    const members =
      kind === 'organization'
        ? await trx.selectFrom('datasets').select('id').where('owner_org', '=', g.id).execute()
        : await trx
            .selectFrom('dataset_groups')
            .select('dataset_id as id')
            .where('group_id', '=', g.id)
            .execute();
    for (const m of members) for (const hook of ctx.afterDatasetWrite) await hook(trx, ctx.db.dialect, m.id);
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: g.id,
      objectType: kind,
      activityType: `changed ${kind}`,
      datasetId: null,
      data: next,
      timestamp: now,
    });
    return next;
  });
}

/** Soft-deletes an organization or group (sysadmins). */
export async function deleteGroup(
  ctx: CatalogContext,
  actor: Actor,
  kind: GroupKind,
  idOrName: string,
): Promise<void> {
  const g = await getGroup(ctx.db.kysely, kind, idOrName);
  if (!canOrganization(actor, 'delete', g.id))
    throw forbidden(`User not authorized to delete ${kind} ${g.name}`);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    await trx.updateTable('groups').set({ state: 'deleted', modified: now }).where('id', '=', g.id).execute();
    await recordActivity(trx, {
      userId: actor.userId,
      objectId: g.id,
      objectType: kind,
      activityType: `deleted ${kind}`,
      datasetId: null,
      data: { ...g, state: 'deleted' },
      timestamp: now,
    });
  });
}

/** Adds or changes a member's role in an organization (organization admins and sysadmins). */
export async function setMember(
  ctx: CatalogContext,
  actor: Actor,
  orgIdOrName: string,
  userIdOrName: string,
  role: MemberRole,
): Promise<void> {
  const g = await getGroup(ctx.db.kysely, 'organization', orgIdOrName);
  if (!canOrganization(actor, 'manage_members', g.id))
    throw forbidden('User not authorized to manage members');
  if (!['admin', 'editor', 'member'].includes(role))
    throw invalid({ role: ['Role must be admin, editor or member'] });
  const user = await ctx.db.kysely
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', userIdOrName), eb('name', '=', userIdOrName)]))
    .executeTakeFirst();
  if (!user) throw notFound('User', 'ODP_USER_NOT_FOUND');
  const now = new Date().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('memberships').where('group_id', '=', g.id).where('user_id', '=', user.id).execute();
    await trx
      .insertInto('memberships')
      .values({ group_id: g.id, user_id: user.id, role, created: now })
      .execute();
  });
}

/** Members of an organization with their roles. */
export async function listMembers(
  db: Queryable,
  orgId: string,
): Promise<{ userId: string; name: string; role: MemberRole }[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'memberships.role'])
    .where('memberships.group_id', '=', orgId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, role: r.role as MemberRole }));
}

/** Creates the 18 service-category groups if missing (idempotent; run at start). */
export async function seedServiceCategories(db: Queryable): Promise<void> {
  const now = new Date().toISOString();
  for (const c of SERVICE_CATEGORIES) {
    const name = categoryGroupName(c.code);
    const exists = await db.selectFrom('groups').select('id').where('id', '=', name).executeTakeFirst();
    if (exists) continue;
    await db
      .insertInto('groups')
      .values({
        id: name,
        name,
        title: c.zh,
        description: `${c.code} ${c.zh} (${c.en})`,
        image_url: '',
        kind: 'group',
        parent_id: null,
        gov_oid: '',
        org_code: c.code,
        state: 'active',
        created: now,
        modified: now,
      })
      .execute();
  }
}

/** Groups or organizations by id (any state), in no particular order. */
export async function getGroupsByIds(db: Queryable, ids: readonly string[]): Promise<Group[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('groups')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(groupFromRow);
}

/** Number of active public datasets per group or organization id (CKAN package_count for anonymous viewers). */
export async function publicDatasetCounts(db: Queryable, kind: GroupKind): Promise<Map<string, number>> {
  const rows =
    kind === 'organization'
      ? await db
          .selectFrom('datasets')
          .select(['owner_org as gid', (eb) => eb.fn.countAll<number>().as('n')])
          .where('state', '=', 'active')
          .where('private', '=', 0)
          .where('owner_org', 'is not', null)
          .groupBy('owner_org')
          .execute()
      : await db
          .selectFrom('dataset_groups')
          .innerJoin('datasets', 'datasets.id', 'dataset_groups.dataset_id')
          .select(['dataset_groups.group_id as gid', (eb) => eb.fn.countAll<number>().as('n')])
          .where('datasets.state', '=', 'active')
          .where('datasets.private', '=', 0)
          .groupBy('dataset_groups.group_id')
          .execute();
  return new Map(rows.map((r) => [String(r.gid), Number(r.n)]));
}
