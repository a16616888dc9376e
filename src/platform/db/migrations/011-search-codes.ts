import { sql } from 'kysely';
import type { Migration } from '../migration.ts';

/**
 * Search speed: facet values as integer codes (a dictionary, and each document's codes on its
 * search_docs row) so facets over large match sets are counted from integers; a change log that
 * lets each process keep its in-memory facet cache current; composite sort indexes whose last key
 * is the dataset_id tie-breaker (byte order on PostgreSQL), so a browse page is read in index order.
 */
export const searchCodesMigration: Migration = {
  id: '011-search-codes',
  async up(db, dialect) {
    const s = db.schema;
    const pg = dialect === 'postgres';
    await s
      .createTable('search_facet_codes')
      .addColumn('code', pg ? 'serial' : 'integer', (c) => c.primaryKey())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addUniqueConstraint('search_facet_codes_field_value', ['field', 'value'])
      .execute();
    if (pg) await sql`alter table search_docs add column codes int4[] not null default '{}'`.execute(db);
    else await sql`alter table search_docs add column codes text not null default ''`.execute(db);
    await s
      .createTable('search_changes')
      .addColumn('seq', pg ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('doc', 'integer', (c) => c.notNull())
      .execute();
    const c = pg ? sql` collate "C"` : sql``;
    await sql`create index search_docs_pub_title on search_docs (public, title_norm${c}, dataset_id${c})`.execute(
      db,
    );
    await sql`create index search_docs_pub_name on search_docs (public, name${c}, dataset_id${c})`.execute(
      db,
    );
    await sql`create index search_docs_pub_created on search_docs (public, created, dataset_id${c})`.execute(
      db,
    );
    await sql`create index search_docs_pub_mod on search_docs (public, modified, dataset_id${c})`.execute(db);
    await sql`drop index if exists search_docs_public_modified`.execute(db);
    // Browse pages read each facet's top values in order instead of sorting every tag.
    await sql`create index search_facet_counts_top on search_facet_counts (field, n desc, value${c})`.execute(
      db,
    );
    // Existing rows have no codes yet: a full rebuild fills them (reindexAll resets the change log).
    await sql`insert into search_changes (doc) values (-1)`.execute(db);
  },
};
