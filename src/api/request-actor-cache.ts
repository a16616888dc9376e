import { type Actor, actorForUser } from '../catalog/actor.ts';
import { sha256 } from '../platform/auth/secrets.ts';
import { grantExpired, type TokenGrant, tokenGrant } from '../platform/auth/users.ts';
import type { Db } from '../platform/db/database.ts';

/** Every table a token's actor is read from: a write to any of them empties the cache. */
const AUTH_TABLES = ['api_tokens', 'users', 'memberships', 'groups'] as const;
/** Bound on cached tokens (the cache starts over when full). */
const MAX_TOKENS = 10_000;

interface Entry {
  grant: TokenGrant;
  actor: Actor;
}

/**
 * Token -> actor for API clients, which present the same token on every request. On SQLite the
 * resolved actor is kept while the store's write stamp of the auth tables is unchanged: any revocation,
 * role change, group deletion or user change (through this process or another one on the same file)
 * empties the cache before the next request is resolved, and expiry is checked on every hit. On
 * PostgreSQL, where other servers may write, every request reads the store.
 */
export class TokenActorCache {
  private readonly db: Db;
  private readonly entries = new Map<string, Entry>();
  private stamp = '';

  constructor(db: Db) {
    this.db = db;
  }

  /** The actor a token acts as, or null when the token is unknown, revoked or expired. */
  async actorFor(token: string): Promise<Actor | null> {
    const hash = sha256(token);
    const stampOf = this.db.writeStamp;
    if (!stampOf) return this.read(hash);
    const stamp = stampOf(AUTH_TABLES);
    if (stamp !== this.stamp) {
      this.entries.clear();
      this.stamp = stamp;
    }
    const hit = this.entries.get(hash);
    if (hit) return grantExpired(hit.grant) ? null : hit.actor;
    const grant = await tokenGrant(this.db.kysely, hash);
    if (!grant || grantExpired(grant)) return null;
    const actor = await actorForUser(this.db.kysely, grant.userId);
    // Kept only when nothing was written between the stamp and the reads: otherwise it may be stale.
    if (stampOf(AUTH_TABLES) === stamp) {
      if (this.entries.size >= MAX_TOKENS) this.entries.clear();
      this.entries.set(hash, { grant, actor });
    }
    return actor;
  }

  private async read(hash: string): Promise<Actor | null> {
    const grant = await tokenGrant(this.db.kysely, hash);
    return grant && !grantExpired(grant) ? actorForUser(this.db.kysely, grant.userId) : null;
  }
}
