import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

/** Predicate of the partial unique index; enqueue's ON CONFLICT repeats it word for word. */
export const PENDING_UNIQUE = "unique_key is not null and status in ('queued', 'running')";

/** The persistent job queue (src/platform/jobs): one row per job, recurring jobs re-arm their own row. */
export const jobsMigration: Migration = {
  id: '030-jobs',
  async up(db) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('result', 'text')
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('unique_key', 'text')
      .addColumn('every_ms', 'bigint')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
    await db.schema.createIndex('jobs_kind').on('jobs').columns(['kind', 'created_at']).execute();
    // At most one pending job per unique key (e.g. one quality check per dataset, one recurring sweep).
    await db.schema
      .createIndex('jobs_unique_pending')
      .on('jobs')
      .column('unique_key')
      .unique()
      .where(sql.raw<boolean>(PENDING_UNIQUE))
      .execute();
  },
};
