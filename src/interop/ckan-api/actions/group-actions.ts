import {
  createGroup,
  deleteGroup,
  type GroupInput,
  getGroup,
  listGroups,
  listMembers,
  publicDatasetCounts,
  setMember,
  updateGroup,
} from '../../../catalog/group-service.ts';
import type { Group, GroupKind, MemberRole } from '../../../catalog/types.ts';
import { invalid } from '../../../platform/errors.ts';
import type { ActionCall, ActionDef, ActionTable, DataDict } from '../action-types.ts';
import { optBool, optList, optNatural, optString, required } from '../params.ts';
import { groupDict } from '../presenters/group-dict.ts';

const SORT_FIELDS = ['name', 'title', 'package_count'] as const;
type SortField = (typeof SORT_FIELDS)[number];

/** CKAN's `sort` for group lists: "title asc" default, fields name/title/package_count. */
function parseSort(raw: string | undefined): { field: SortField; desc: boolean } {
  const [field = 'title', dir = 'asc', ...more] = (raw ?? 'title asc').trim().split(/\s+/);
  const f = field === 'packages' ? 'package_count' : field;
  if (!SORT_FIELDS.includes(f as SortField) || !['asc', 'desc'].includes(dir.toLowerCase()) || more.length) {
    throw invalid({ sort: [`Cannot sort by field \`${field}\``] });
  }
  return { field: f as SortField, desc: dir.toLowerCase() === 'desc' };
}

async function list(call: ActionCall, kind: GroupKind) {
  const { data, ctx } = call;
  const sort = parseSort(optString(data, 'sort'));
  const allFields = optBool(data, 'all_fields') ?? false;
  const only = optList(data, kind === 'organization' ? 'organizations' : 'groups');
  const q = optString(data, 'q')?.toLowerCase();
  const counts = await publicDatasetCounts(ctx.db.kysely, kind);
  let groups = (await listGroups(ctx.db.kysely, kind)).filter(
    (g) =>
      (!only || only.includes(g.name)) &&
      (!q || [g.name, g.title, g.description].some((s) => s.toLowerCase().includes(q))),
  );
  const key = (g: Group): string | number =>
    sort.field === 'package_count'
      ? (counts.get(g.id) ?? 0)
      : sort.field === 'title'
        ? g.title || g.name
        : g.name;
  groups = groups.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c =
      typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return sort.desc ? -c : c;
  });
  const offset = optNatural(data, 'offset') ?? 0;
  const limit = optNatural(data, 'limit') ?? (allFields ? 25 : 1000);
  const page = groups.slice(offset, offset + limit);
  return allFields ? page.map((g) => groupDict(g, counts.get(g.id) ?? 0)) : page.map((g) => g.name);
}

async function show(call: ActionCall, kind: GroupKind) {
  const { data, ctx } = call;
  const g = await getGroup(ctx.db.kysely, kind, required(data, 'id'));
  const counts = await publicDatasetCounts(ctx.db.kysely, kind);
  const dict = groupDict(g, counts.get(g.id) ?? 0);
  if (kind === 'organization' && (optBool(data, 'include_users') ?? true)) {
    const members = await listMembers(ctx.db.kysely, g.id);
    dict.users = members.map((m) => ({ id: m.userId, name: m.name, display_name: m.name, capacity: m.role }));
  }
  dict.extras = [];
  dict.tags = [];
  dict.groups = [];
  return dict;
}

/** organization_create/update fields: CKAN's, plus gov_oid, org_code and the parent agency (`groups: [{name}]`). */
function readGroupInput(data: DataDict, replace: boolean): GroupInput {
  const input: GroupInput = {};
  const s = (k: string) => optString(data, k);
  const name = s('name');
  if (name !== undefined) input.name = name;
  for (const [key, prop] of [
    ['title', 'title'],
    ['description', 'description'],
    ['image_url', 'imageUrl'],
  ] as const) {
    const v = s(key);
    if (v !== undefined) input[prop] = v;
    else if (replace) input[prop] = '';
  }
  const oid = s('gov_oid');
  if (oid !== undefined) input.govOid = oid;
  const code = s('org_code');
  if (code !== undefined) input.orgCode = code;
  const parents = data.groups;
  if (Array.isArray(parents)) {
    const first = parents[0] as { name?: unknown; id?: unknown } | string | undefined;
    input.parent =
      first === undefined ? null : String(typeof first === 'string' ? first : (first.name ?? first.id));
  }
  return input;
}

function showAfter(kind: GroupKind): (call: ActionCall, g: Group) => Promise<unknown> {
  return async (call, g) => show({ ...call, data: { id: g.id } }, kind);
}

const orgWrite = (doc: string, run: ActionDef['run']): ActionDef => ({ sideEffectFree: false, doc, run });

/** Organization and group actions. */
export const groupActions: ActionTable = {
  organization_list: {
    sideEffectFree: true,
    doc: "Return the names of the site's organizations (all_fields for dicts).\n\n:param sort: name, title or package_count with asc/desc (default title asc)\n:param limit, offset, all_fields, organizations, q: (optional)",
    run: (call) => list(call, 'organization'),
  },
  organization_show: {
    sideEffectFree: true,
    doc: 'Return an organization with its package_count and members.\n\n:param id: id or name',
    run: (call) => show(call, 'organization'),
  },
  group_list: {
    sideEffectFree: true,
    doc: "Return the names of the site's groups (the data.gov.tw service categories).\n\n:param sort, limit, offset, all_fields, groups, q: (optional)",
    run: (call) => list(call, 'group'),
  },
  group_show: {
    sideEffectFree: true,
    doc: 'Return a group.\n\n:param id: id or name',
    run: (call) => show(call, 'group'),
  },
  organization_create: orgWrite(
    'Create an organization (sysadmins).\n\n:param name: 2-100 lowercase alphanumeric characters, - and _\n:param title, description, image_url, gov_oid, org_code: (optional)',
    async (call) => {
      const input = readGroupInput(call.data, false);
      if (input.name === undefined) input.name = '';
      return showAfter('organization')(
        call,
        await createGroup(call.ctx.catalog, call.actor, 'organization', input),
      );
    },
  ),
  organization_update: orgWrite(
    'Update an organization (its admins and sysadmins); title, description and image_url not given are reset.\n\n:param id: id or name',
    async (call) => {
      const id = required(call.data, 'id');
      const input = readGroupInput(call.data, true);
      return showAfter('organization')(
        call,
        await updateGroup(call.ctx.catalog, call.actor, 'organization', id, input),
      );
    },
  ),
  organization_patch: orgWrite(
    'Patch an organization: only the fields given change.\n\n:param id: id or name',
    async (call) => {
      const id = required(call.data, 'id');
      const input = readGroupInput(call.data, false);
      return showAfter('organization')(
        call,
        await updateGroup(call.ctx.catalog, call.actor, 'organization', id, input),
      );
    },
  ),
  organization_delete: orgWrite(
    'Delete an organization (sysadmins).\n\n:param id: id or name',
    async (call) => {
      await deleteGroup(call.ctx.catalog, call.actor, 'organization', required(call.data, 'id'));
      return null;
    },
  ),
  organization_member_create: orgWrite(
    'Make a user a member of an organization with a role (admin, editor or member).\n\n:param id: organization id or name\n:param username: user name or id\n:param role: admin, editor or member',
    async (call) => {
      const id = required(call.data, 'id');
      const username = required(call.data, 'username');
      const role = required(call.data, 'role');
      await setMember(call.ctx.catalog, call.actor, id, username, role as MemberRole);
      const org = await getGroup(call.ctx.db.kysely, 'organization', id);
      const member = (await listMembers(call.ctx.db.kysely, org.id)).find(
        (m) => m.name === username || m.userId === username,
      );
      return {
        group_id: org.id,
        table_name: 'user',
        table_id: member?.userId ?? username,
        capacity: role,
        state: 'active',
      };
    },
  ),
};
