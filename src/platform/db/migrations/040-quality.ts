import type { Migration } from '../migration.ts';

/** Quality and openness (src/quality): check history, per-dataset summary for facets, agency snapshots. */
export const qualityMigration: Migration = {
  id: '040-quality',
  async up(db) {
    const s = db.schema;
    await s
      .createTable('quality_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('stars', 'integer', (c) => c.notNull())
      .addColumn('mark', 'text', (c) => c.notNull())
      .addColumn('criteria', 'text', (c) => c.notNull())
      .addColumn('resources', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('quality_runs_dataset')
      .on('quality_runs')
      .columns(['dataset_id', 'checked_at'])
      .execute();
    await s
      .createTable('dataset_quality')
      .addColumn('dataset_id', 'text', (c) => c.primaryKey().references('datasets.id').onDelete('cascade'))
      .addColumn('stars', 'integer', (c) => c.notNull())
      .addColumn('mark', 'text', (c) => c.notNull())
      .addColumn('failed', 'text', (c) => c.notNull())
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('broken_links', 'integer', (c) => c.notNull())
      .addColumn('stale', 'integer', (c) => c.notNull())
      .execute();
    await s.createIndex('dataset_quality_mark').on('dataset_quality').column('mark').execute();
    await s.createIndex('dataset_quality_stars').on('dataset_quality').column('stars').execute();
    await s
      .createTable('resource_quality')
      .addColumn('resource_id', 'text', (c) => c.primaryKey().references('resources.id').onDelete('cascade'))
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('stars', 'integer', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('link_ok', 'integer', (c) => c.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('failure', 'text')
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('resource_quality_dataset').on('resource_quality').column('dataset_id').execute();
    await s
      .createTable('quality_snapshots')
      .addColumn('org_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('figures', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('quality_snapshots_pk', ['org_id', 'day'])
      .execute();
  },
};
