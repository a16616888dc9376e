/**
 * The catalog's domain model: CKAN's entities plus the data.gov.tw metadata profile.
 * These are the shapes services return; presenters (CKAN dicts, /api/v1, DCAT, pages) derive from them.
 * Times are ISO 8601 strings in UTC with milliseconds (`2026-11-29T10:00:00.000Z`).
 */

export type DatasetState = 'active' | 'draft' | 'deleted';
export type MemberRole = 'admin' | 'editor' | 'member';
export type GroupKind = 'organization' | 'group';

/** A publishing agency (kind organization) or a theme (kind group, e.g. a data.gov.tw service category). */
export interface Group {
  id: string;
  name: string;
  title: string;
  description: string;
  imageUrl: string;
  kind: GroupKind;
  /** Parent agency (ministry -> subordinate agency); organizations only. */
  parentId: string | null;
  /** Government OID, e.g. 2.16.886.101.20003.20006. */
  govOid: string;
  /** Agency code used in data.gov.tw identifiers, e.g. A41000000G. */
  orgCode: string;
  state: 'active' | 'deleted';
  created: string;
  modified: string;
}

export interface User {
  id: string;
  name: string;
  fullname: string;
  email: string;
  sysadmin: boolean;
  state: 'active' | 'deleted';
  created: string;
}

export interface Membership {
  groupId: string;
  userId: string;
  role: MemberRole;
}

/** Fee information (計費方式). */
export interface Cost {
  type: 'free' | 'paid';
  feeUrl: string;
  legalBasis: string;
}

/** The data.gov.tw metadata profile carried by every dataset. Empty string = not given. */
export interface TwProfile {
  /** 資料集識別碼 `{orgCode}-{6 digits}`; assigned by ODP when the dataset has an organization with a code. */
  identifier: string;
  /** 服務分類 code, one of the 18 service categories (e.g. "I00"). */
  serviceCategory: string;
  /** 更新頻率, a key of UPDATE_FREQUENCIES. */
  updateFrequency: string;
  cost: Cost;
  /** 主要欄位說明, free text as agencies write it (e.g. "縣市、鄉鎮市區、村里、納稅單位"). */
  fieldDescriptions: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  temporalStart: string;
  temporalEnd: string;
  spatial: string;
  language: string;
  /** 資料集上架方式 / 資料提供屬性: file or API service. */
  provisionType: 'file' | 'api' | '';
  relatedUrl: string;
  /** 備註 */
  remarks: string;
}

export interface Resource {
  id: string;
  datasetId: string;
  name: string;
  description: string;
  url: string;
  /** 'upload' when the file lives in ODP's blob store, '' for a link. */
  urlType: 'upload' | '';
  format: string;
  /** Declared encoding (編碼格式), e.g. UTF-8, BIG5. */
  encoding: string;
  mimetype: string;
  size: number | null;
  sha256: string;
  /** Declared record count (資料量). */
  recordCount: number | null;
  position: number;
  state: 'active' | 'deleted';
  datastoreActive: boolean;
  created: string;
  lastModified: string | null;
  metadataModified: string;
  /** Free extra keys (CKAN allows any key on a resource). */
  extras: Record<string, string>;
}

export interface Dataset {
  id: string;
  name: string;
  title: string;
  /** Markdown. */
  notes: string;
  licenseId: string;
  ownerOrg: string | null;
  private: boolean;
  state: DatasetState;
  type: string;
  author: string;
  authorEmail: string;
  maintainer: string;
  maintainerEmail: string;
  url: string;
  version: string;
  creatorUserId: string | null;
  created: string;
  modified: string;
  /** Incremented by every change to the dataset or its resources; used for optimistic concurrency. */
  revision: number;
  tags: string[];
  /** Ids of the groups (themes) the dataset belongs to. */
  groupIds: string[];
  extras: Record<string, string>;
  tw: TwProfile;
  /** Set for harvested datasets: where it came from; such datasets are read-only locally. */
  harvestSource: { sourceId: string; url: string; remoteId: string } | null;
  resources: Resource[];
}

export interface License {
  id: string;
  title: string;
  url: string;
  odConformance: 'approved' | 'not reviewed' | 'rejected';
  osdConformance: 'approved' | 'not reviewed' | 'rejected';
  isOpen: boolean;
}

export interface Activity {
  id: string;
  timestamp: string;
  userId: string | null;
  objectId: string;
  objectType: 'dataset' | 'resource' | 'organization' | 'group';
  /** CKAN activity types: 'new package', 'changed package', 'deleted package', 'new organization', ... */
  activityType: string;
  /** Full snapshot of the object after the change (the dataset with resources for resource changes). */
  data: unknown;
}
