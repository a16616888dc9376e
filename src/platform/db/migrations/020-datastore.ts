import type { Migration } from '../migration.ts';

/** Datastore: which Parquet version of each resource's tables is serving, and the history of loads. */
export const datastoreMigration: Migration = {
  id: '020-datastore',
  async up(db) {
    await db.schema
      .createTable('datastore_tables')
      .addColumn('resource_id', 'text', (c) => c.notNull())
      .addColumn('table_name', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('parquet_key', 'text', (c) => c.notNull())
      .addColumn('schema', 'text', (c) => c.notNull())
      .addColumn('row_count', 'bigint', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('datastore_tables_pk', ['resource_id', 'table_name'])
      .execute();
    await db.schema
      .createTable('datastore_loads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resource_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'real', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('findings', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('started', 'text')
      .addColumn('finished', 'text')
      .execute();
    await db.schema
      .createIndex('datastore_loads_resource')
      .on('datastore_loads')
      .columns(['resource_id', 'version'])
      .execute();
  },
};
