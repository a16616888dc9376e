import type { Migration } from '../migration.ts';

/** Web portal: page views per dataset (for "most viewed" on the home page). */
export const webMigration: Migration = {
  id: '060-web',
  async up(db) {
    await db.schema
      .createTable('web_dataset_views')
      .addColumn('dataset_id', 'text', (c) => c.primaryKey())
      .addColumn('views', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('web_dataset_views_views').on('web_dataset_views').column('views').execute();
  },
};
