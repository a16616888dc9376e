import type { Migration } from '../migration.ts';

/** Harvesting (src/interop/harvester): sources, runs with their reports, remote record -> dataset links. */
export const harvestMigration: Migration = {
  id: '070-harvest',
  async up(db) {
    const s = db.schema;
    await s
      .createTable('harvest_sources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('organization', 'text')
      .addColumn('schedule_hours', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_run_at', 'text')
      .addColumn('last_status', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('harvest_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) => c.notNull().references('harvest_sources.id').onDelete('cascade'))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('harvest_runs_source')
      .on('harvest_runs')
      .columns(['source_id', 'started_at'])
      .execute();
    await s
      .createTable('harvest_objects')
      .addColumn('source_id', 'text', (c) => c.notNull().references('harvest_sources.id').onDelete('cascade'))
      .addColumn('remote_id', 'text', (c) => c.notNull())
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('harvest_objects_pk', ['source_id', 'remote_id'])
      .execute();
    await s.createIndex('harvest_objects_dataset').on('harvest_objects').column('dataset_id').execute();
  },
};
