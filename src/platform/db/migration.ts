import { sql } from 'kysely';
import type { Db, Dialect, Queryable } from './database.ts';

/** One versioned schema step. Ids sort in the order they must run ("001-catalog", "010-search", ...). */
export interface Migration {
  id: string;
  up(db: Queryable, dialect: Dialect): Promise<void>;
}

/**
 * Applies every migration not yet recorded, each in its own transaction, in id order.
 * On PostgreSQL an advisory lock keeps two starting servers from migrating at once.
 */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<string[]> {
  const sorted = [...migrations].sort((a, b) => a.id.localeCompare(b.id));
  await db.kysely.schema
    .createTable('odp_migrations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const applied: string[] = [];
  await db.kysely.connection().execute(async (conn) => {
    if (db.dialect === 'postgres') await sql`select pg_advisory_lock(4242001)`.execute(conn);
    try {
      for (const m of sorted) {
        await conn.transaction().execute(async (trx) => {
          const done = await trx
            .selectFrom('odp_migrations')
            .select('id')
            .where('id', '=', m.id)
            .executeTakeFirst();
          if (done) return;
          await m.up(trx, db.dialect);
          await trx
            .insertInto('odp_migrations')
            .values({ id: m.id, applied_at: new Date().toISOString() })
            .execute();
          applied.push(m.id);
        });
      }
    } finally {
      if (db.dialect === 'postgres') await sql`select pg_advisory_unlock(4242001)`.execute(conn);
    }
  });
  return applied;
}
