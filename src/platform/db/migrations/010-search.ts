import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

/**
 * Search index: search_docs (filter/sort columns), search_facets (exact values), facet counts,
 * and the full-text index: an FTS5 table on SQLite (pre-tokenized text, kept intact by unicode61
 * with . _ - as token characters), a weighted tsvector with GIN on PostgreSQL.
 */
export const searchMigration: Migration = {
  id: '010-search',
  async up(db, dialect) {
    const s = db.schema;
    await s
      .createTable('search_docs')
      .addColumn('doc', dialect === 'sqlite' ? 'integer' : 'serial', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('title_norm', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('private', 'integer', (c) => c.notNull())
      .addColumn('public', 'integer', (c) => c.notNull())
      .addColumn('owner_org', 'text')
      .addColumn('creator_user_id', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('license_id', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('facets', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('search_docs_public_modified')
      .on('search_docs')
      .columns(['public', 'modified'])
      .execute();
    await s.createIndex('search_docs_owner_org').on('search_docs').columns(['owner_org', 'state']).execute();
    await s
      .createIndex('search_docs_creator')
      .on('search_docs')
      .columns(['creator_user_id', 'state'])
      .execute();
    await s.createIndex('search_docs_title_norm').on('search_docs').column('title_norm').execute();
    await s.createIndex('search_docs_name').on('search_docs').column('name').execute();
    await s.createIndex('search_docs_created').on('search_docs').column('created').execute();
    await s
      .createTable('search_facets')
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('norm', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('search_facets_lookup')
      .on('search_facets')
      .columns(['field', 'norm', 'dataset_id'])
      .execute();
    await s.createIndex('search_facets_dataset').on('search_facets').column('dataset_id').execute();
    await s
      .createTable('search_facet_counts')
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('search_facet_counts_pk', ['field', 'value'])
      .execute();
    if (dialect === 'sqlite') {
      await sql`create virtual table search_fts using fts5(title, tags, org, notes, res,
        tokenize = "unicode61 remove_diacritics 0 tokenchars '._-'")`.execute(db);
    } else {
      await sql`alter table search_docs add column tsv tsvector not null`.execute(db);
      await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
    }
  },
};
