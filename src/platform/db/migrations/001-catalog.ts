import type { Migration } from '../migration.ts';

/** Users, tokens, sessions, organizations/groups, memberships, datasets, tags, resources, activity. */
export const catalogMigration: Migration = {
  id: '001-catalog',
  async up(db) {
    const s = db.schema;
    await s
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('fullname', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('sysadmin', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_access', 'text')
      .addColumn('revoked', 'integer', (c) => c.notNull())
      .execute();
    await s
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('groups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('image_url', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('groups.id'))
      .addColumn('gov_oid', 'text', (c) => c.notNull())
      .addColumn('org_code', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('memberships')
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pk', ['group_id', 'user_id'])
      .execute();
    await s
      .createTable('datasets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('license_id', 'text', (c) => c.notNull())
      .addColumn('owner_org', 'text', (c) => c.references('groups.id'))
      .addColumn('private', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('author_email', 'text', (c) => c.notNull())
      .addColumn('maintainer', 'text', (c) => c.notNull())
      .addColumn('maintainer_email', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('creator_user_id', 'text')
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('tw', 'text', (c) => c.notNull())
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addColumn('service_category', 'text', (c) => c.notNull())
      .addColumn('update_frequency', 'text', (c) => c.notNull())
      .addColumn('extras', 'text', (c) => c.notNull())
      .addColumn('harvest_source', 'text')
      .execute();
    await s.createIndex('datasets_owner_org').on('datasets').column('owner_org').execute();
    await s.createIndex('datasets_modified').on('datasets').column('modified').execute();
    await s.createIndex('datasets_identifier').on('datasets').column('identifier').execute();
    await s
      .createTable('dataset_tags')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dataset_tags_pk', ['dataset_id', 'tag'])
      .execute();
    await s.createIndex('dataset_tags_tag').on('dataset_tags').column('tag').execute();
    await s
      .createTable('dataset_groups')
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('dataset_groups_pk', ['dataset_id', 'group_id'])
      .execute();
    await s
      .createTable('resources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('url_type', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('encoding', 'text', (c) => c.notNull())
      .addColumn('mimetype', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint')
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('record_count', 'bigint')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('datastore_active', 'integer', (c) => c.notNull())
      .addColumn('created', 'text', (c) => c.notNull())
      .addColumn('last_modified', 'text')
      .addColumn('metadata_modified', 'text', (c) => c.notNull())
      .addColumn('extras', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('resources_dataset').on('resources').columns(['dataset_id', 'position']).execute();
    await s
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('timestamp', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('object_id', 'text', (c) => c.notNull())
      .addColumn('object_type', 'text', (c) => c.notNull())
      .addColumn('activity_type', 'text', (c) => c.notNull())
      .addColumn('dataset_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('activities_dataset').on('activities').columns(['dataset_id', 'timestamp']).execute();
    await s.createIndex('activities_object').on('activities').columns(['object_id', 'timestamp']).execute();
    await s.createIndex('activities_time').on('activities').column('timestamp').execute();
  },
};
