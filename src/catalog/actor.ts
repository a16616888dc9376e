import type { Queryable } from '../platform/db/database.ts';
import type { MemberRole } from './types.ts';

/** Who is asking: resolved once per request from a token or session. */
export interface Actor {
  userId: string | null;
  userName: string | null;
  sysadmin: boolean;
  /** Organization id -> role of the actor in it. */
  roles: ReadonlyMap<string, MemberRole>;
}

export const ANONYMOUS: Actor = Object.freeze({
  userId: null,
  userName: null,
  sysadmin: false,
  roles: new Map<string, MemberRole>(),
});

/** Builds the actor for a user id by reading their memberships. */
export async function actorForUser(db: Queryable, userId: string): Promise<Actor> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'sysadmin'])
    .where('id', '=', userId)
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!user) return ANONYMOUS;
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('groups', 'groups.id', 'memberships.group_id')
    .select(['memberships.group_id', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .where('groups.state', '=', 'active')
    .execute();
  return {
    userId: user.id,
    userName: user.name,
    sysadmin: user.sysadmin === 1,
    roles: new Map(rows.map((r) => [r.group_id, r.role as MemberRole])),
  };
}

/** The viewer shape search uses for permission-aware counts. */
export function viewerOf(actor: Actor): { userId: string | null; sysadmin: boolean; orgIds: string[] } {
  return { userId: actor.userId, sysadmin: actor.sysadmin, orgIds: [...actor.roles.keys()] };
}

/** The actor of operator commands (CLI, demo loader, harvest runs): acts with sysadmin rights, recorded as nobody. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: null,
  userName: 'system',
  sysadmin: true,
  roles: new Map<string, MemberRole>(),
});
