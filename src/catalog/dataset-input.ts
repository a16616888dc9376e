import type { Cost, DatasetState, TwProfile } from './types.ts';

/** What a client sends to create or change a resource. Absent keys keep (patch) or default (create). */
export interface ResourceInput {
  id?: string;
  name?: string;
  description?: string;
  url?: string;
  urlType?: 'upload' | '';
  format?: string;
  encoding?: string;
  mimetype?: string;
  size?: number | null;
  sha256?: string;
  recordCount?: number | null;
  lastModified?: string | null;
  extras?: Record<string, string>;
}

/** What a client sends to create or change a dataset (the domain form; CKAN and data.gov.tw payloads map to it). */
export interface DatasetInput {
  id?: string;
  name?: string;
  title?: string;
  notes?: string;
  licenseId?: string;
  /** Organization id or name; null for none. */
  ownerOrg?: string | null;
  private?: boolean;
  state?: DatasetState;
  type?: string;
  author?: string;
  authorEmail?: string;
  maintainer?: string;
  maintainerEmail?: string;
  url?: string;
  version?: string;
  tags?: string[];
  /** Group ids or names. */
  groups?: string[];
  extras?: Record<string, string>;
  tw?: Partial<Omit<TwProfile, 'cost'>> & { cost?: Partial<Cost> };
  resources?: ResourceInput[];
  harvestSource?: { sourceId: string; url: string; remoteId: string } | null;
}

/** A blank data.gov.tw profile. */
export function emptyTwProfile(): TwProfile {
  return {
    identifier: '',
    serviceCategory: '',
    updateFrequency: '',
    cost: { type: 'free', feeUrl: '', legalBasis: '' },
    fieldDescriptions: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    temporalStart: '',
    temporalEnd: '',
    spatial: '',
    language: 'zh-TW',
    provisionType: '',
    relatedUrl: '',
    remarks: '',
  };
}
