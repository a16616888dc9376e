import type { Queryable } from '../db/database.ts';
import { invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { hashPassword, newSecret, sha256, verifyPassword } from './secrets.ts';

export interface NewUser {
  name: string;
  email?: string;
  fullname?: string;
  password?: string;
  sysadmin?: boolean;
}

const USER_NAME_RE = /^[a-z0-9_-]{2,100}$/;

/** Creates a user; without a password the user can only act through API tokens. */
export async function createUser(db: Queryable, u: NewUser): Promise<{ id: string; name: string }> {
  if (!USER_NAME_RE.test(u.name)) {
    throw invalid({
      name: ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'],
    });
  }
  if (u.password !== undefined && u.password.length < 8) {
    throw invalid({ password: ['Your password must be 8 characters or longer'] });
  }
  if (await db.selectFrom('users').select('id').where('name', '=', u.name).executeTakeFirst()) {
    throw invalid({ name: ['That login name is not available.'] });
  }
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      name: u.name,
      fullname: u.fullname ?? '',
      email: u.email ?? '',
      password_hash: u.password ? await hashPassword(u.password) : '',
      sysadmin: u.sysadmin ? 1 : 0,
      state: 'active',
      created: new Date().toISOString(),
    })
    .execute();
  return { id, name: u.name };
}

/** Finds a user id by id or name. */
export async function findUserId(db: Queryable, idOrName: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Checks a name + password; returns the user id or null. */
export async function checkLogin(db: Queryable, name: string, password: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('name', '=', name)
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (!row?.password_hash) return null;
  return (await verifyPassword(password, row.password_hash)) ? row.id : null;
}

export interface TokenInfo {
  id: string;
  name: string;
  created: string;
  expiresAt: string | null;
  lastAccess: string | null;
}

/** Issues a named API token; the plain token is returned once and only its hash is stored. */
export async function createToken(
  db: Queryable,
  userId: string,
  name: string,
  expiresAt: string | null = null,
): Promise<{ token: string; info: TokenInfo }> {
  if (!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) {
    throw notFound('User', 'ODP_USER_NOT_FOUND');
  }
  const token = newSecret('odp_');
  const info: TokenInfo = {
    id: newId(),
    name,
    created: new Date().toISOString(),
    expiresAt,
    lastAccess: null,
  };
  await db
    .insertInto('api_tokens')
    .values({
      id: info.id,
      user_id: userId,
      name,
      token_hash: sha256(token),
      created: info.created,
      expires_at: expiresAt,
      last_access: null,
      revoked: 0,
    })
    .execute();
  return { token, info };
}

/** What a live (not revoked) token grants: its user, until when (null: no expiry). */
export interface TokenGrant {
  userId: string;
  expiresAt: string | null;
}

/** Whether a grant has expired at `now`. */
export const grantExpired = (g: TokenGrant, now = new Date()): boolean =>
  g.expiresAt !== null && g.expiresAt <= now.toISOString();

/** The grant of a token by its hash, or null when unknown or revoked (expiry is the caller's check). */
export async function tokenGrant(db: Queryable, tokenHash: string): Promise<TokenGrant | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['user_id', 'expires_at', 'revoked'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked === 1) return null;
  return { userId: row.user_id, expiresAt: row.expires_at };
}

/** A user's live tokens (never the secrets). */
export async function listTokens(db: Queryable, userId: string): Promise<TokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked', '=', 0)
    .orderBy('created')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    created: r.created,
    expiresAt: r.expires_at,
    lastAccess: r.last_access,
  }));
}

/** Revokes a token by id; returns the owning user id (for permission checks), or null if unknown. */
export async function revokeToken(db: Queryable, tokenId: string): Promise<string | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select('user_id')
    .where('id', '=', tokenId)
    .executeTakeFirst();
  if (!row) return null;
  await db.updateTable('api_tokens').set({ revoked: 1 }).where('id', '=', tokenId).execute();
  return row.user_id;
}

/** A user's public record by id or name (null when unknown). */
export async function findUser(
  db: Queryable,
  idOrName: string,
): Promise<{
  id: string;
  name: string;
  fullname: string;
  email: string;
  sysadmin: boolean;
  state: string;
  created: string;
} | null> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'name', 'fullname', 'email', 'sysadmin', 'state', 'created'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  return row ? { ...row, sysadmin: row.sysadmin === 1 } : null;
}

/** The id and owner of a token given its secret value (revoked or not), or null. */
export async function findTokenByValue(
  db: Queryable,
  token: string,
): Promise<{ id: string; userId: string } | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id } : null;
}

/** The user owning a token id, or null when unknown. */
export async function tokenOwner(db: Queryable, tokenId: string): Promise<string | null> {
  const row = await db
    .selectFrom('api_tokens')
    .select('user_id')
    .where('id', '=', tokenId)
    .executeTakeFirst();
  return row?.user_id ?? null;
}
