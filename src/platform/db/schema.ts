/**
 * Row types of the metadata store, shared by both dialects. Booleans are stored as 0/1 integers,
 * times as ISO 8601 text, structured values as JSON text, so one query layer serves SQLite and PostgreSQL.
 * Modules add their own tables by declaration merging into `Tables` (see search, datastore, quality).
 */
export interface UsersTable {
  id: string;
  name: string;
  fullname: string;
  email: string;
  password_hash: string;
  sysadmin: number;
  state: string;
  created: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created: string;
  expires_at: string | null;
  last_access: string | null;
  revoked: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created: string;
  expires_at: string;
}

export interface GroupsTable {
  id: string;
  name: string;
  title: string;
  description: string;
  image_url: string;
  kind: string;
  parent_id: string | null;
  gov_oid: string;
  org_code: string;
  state: string;
  created: string;
  modified: string;
}

export interface MembershipsTable {
  group_id: string;
  user_id: string;
  role: string;
  created: string;
}

export interface DatasetsTable {
  id: string;
  name: string;
  title: string;
  notes: string;
  license_id: string;
  owner_org: string | null;
  private: number;
  state: string;
  type: string;
  author: string;
  author_email: string;
  maintainer: string;
  maintainer_email: string;
  url: string;
  version: string;
  creator_user_id: string | null;
  created: string;
  modified: string;
  revision: number;
  /** data.gov.tw profile as JSON (TwProfile). */
  tw: string;
  identifier: string;
  service_category: string;
  update_frequency: string;
  extras: string;
  /** JSON {sourceId,url,remoteId} or null. */
  harvest_source: string | null;
}

export interface DatasetTagsTable {
  dataset_id: string;
  tag: string;
}

export interface DatasetGroupsTable {
  dataset_id: string;
  group_id: string;
}

export interface ResourcesTable {
  id: string;
  dataset_id: string;
  name: string;
  description: string;
  url: string;
  url_type: string;
  format: string;
  encoding: string;
  mimetype: string;
  size: number | null;
  sha256: string;
  record_count: number | null;
  position: number;
  state: string;
  datastore_active: number;
  created: string;
  last_modified: string | null;
  metadata_modified: string;
  extras: string;
}

export interface ActivitiesTable {
  id: string;
  timestamp: string;
  user_id: string | null;
  object_id: string;
  object_type: string;
  activity_type: string;
  /** The dataset the activity belongs to (for package_activity_list); null for organization activity. */
  dataset_id: string | null;
  data: string;
}

export interface MigrationsTable {
  id: string;
  applied_at: string;
}

export interface Tables {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  datasets: DatasetsTable;
  dataset_tags: DatasetTagsTable;
  dataset_groups: DatasetGroupsTable;
  resources: ResourcesTable;
  activities: ActivitiesTable;
  odp_migrations: MigrationsTable;
}
