import type { Queryable } from '../db/database.ts';
import { newSecret, sha256 } from './secrets.ts';

const SESSION_DAYS = 14;

/** Starts a browser session; returns the cookie value and the CSRF token bound to it. */
export async function startSession(
  db: Queryable,
  userId: string,
): Promise<{ sessionId: string; csrfToken: string }> {
  const sessionId = newSecret('');
  const csrfToken = newSecret('');
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(sessionId),
      user_id: userId,
      csrf_token: csrfToken,
      created: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 86400_000).toISOString(),
    })
    .execute();
  return { sessionId, csrfToken };
}

/** Looks a session cookie up; null when unknown or expired. */
export async function findSession(
  db: Queryable,
  sessionId: string,
): Promise<{ userId: string; csrfToken: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', sha256(sessionId))
    .executeTakeFirst();
  if (!row || row.expires_at <= new Date().toISOString()) return null;
  return { userId: row.user_id, csrfToken: row.csrf_token };
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', sha256(sessionId)).execute();
}
