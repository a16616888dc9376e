/**
 * data.gov.tw publishing API v2 (/api/v2/rest/dataset) payloads <-> ODP. Field names follow the portal's
 * published metadata JSON (categoryService, publisherOID "oid|name", updateFrequency {regularupdate,
 * Frequency, unittime}, distribution[] with resourceDescription, resourceFormat, ...). Error codes are ODP's
 * own where the portal's are not public; docs/datagovtw-api.md lists every code.
 */

import { findLicense } from '../../catalog/licenses.ts';
import { findServiceCategory } from '../../catalog/service-categories.ts';
import type { Dataset, Group } from '../../catalog/types.ts';
import {
  type ExternalDataset,
  type ExternalResource,
  emptyExternalDataset,
  emptyExternalResource,
} from '../dataset-input.ts';
import { mediaTypeOf, normalizeFormat } from '../file-formats.ts';
import { frequencyFromLabel, frequencyFromPeriod, frequencyPeriod } from '../frequency-vocabulary.ts';
import { parseTaiwanDate } from '../harvest/values.ts';
import { taiwanLocalTime } from './catalog-export.ts';
import { type ApiError, E, err } from './publish-errors.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';

/** data.gov.tw license codes; "1" is the Open Government Data License, version 1.0. */
const LICENSE_CODES: Record<string, string> = { '1': 'gov-tw-1.0' };
const OID_RE = /^\d+(\.\d+){3,}$/;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MAX_TITLE = 500;
const MAX_TEXT = 20_000;
const MAX_DISTRIBUTIONS = 200;

export interface PublishParseResult {
  input: ExternalDataset;
  errors: ApiError[];
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function frequencyOf(v: unknown, errors: ApiError[]): string {
  if (v === undefined || v === null || v === '') {
    errors.push(err(E.FREQUENCY_MISSING));
    return '';
  }
  if (typeof v === 'string') {
    const key = frequencyFromLabel(v);
    if (!key) errors.push(err(E.FREQUENCY_INVALID, v));
    return key;
  }
  if (!isObj(v)) {
    errors.push(err(E.FREQUENCY_INVALID, JSON.stringify(v)));
    return '';
  }
  // regularupdate "1" = on a schedule of Frequency x unittime; "0" = irregular; "2" = no longer updated.
  const regular = str(v.regularupdate);
  if (regular === '0') return 'irregular';
  if (regular === '2') return 'never';
  const unit = str(v.unittime);
  const key = unit === '即時' ? 'realtime' : frequencyFromPeriod(unit, Number(str(v.Frequency) || '1'));
  if (!key) errors.push(err(E.FREQUENCY_INVALID, `${str(v.Frequency)} ${unit}`));
  return key;
}

function distributionOf(v: unknown, i: number, title: string, errors: ApiError[]): ExternalResource | null {
  if (!isObj(v)) {
    errors.push(err(E.DISTRIBUTION_INVALID, `distribution[${i}]`));
    return null;
  }
  const url = str(v.resourceDownloadUrl) || str(v.resourceAccessUrl);
  if (!url) errors.push(err(E.DOWNLOAD_URL_MISSING, `distribution[${i}]`));
  else if (!isHttpUrl(url)) errors.push(err(E.DOWNLOAD_URL_INVALID, `distribution[${i}]: ${url}`));
  const format = normalizeFormat(str(v.resourceFormat));
  if (!format) errors.push(err(E.FORMAT_MISSING, `distribution[${i}]`));
  const r = emptyExternalResource(url);
  r.description = str(v.resourceDescription);
  r.name = str(v.resourceName) || r.description || title;
  r.format = format;
  r.mimetype = mediaTypeOf(format);
  r.encoding = str(v.resourceCharacterEncoding).toUpperCase();
  const amount = str(v.resourceAmount);
  r.recordCount = /^\d+$/.test(amount) ? Number(amount) : null;
  if (amount && r.recordCount === null) errors.push(err(E.AMOUNT_INVALID, `distribution[${i}]: ${amount}`));
  const fields = Array.isArray(v.resourceField) ? v.resourceField.filter(isObj) : [];
  if (fields.length) r.description ||= fields.map((f) => str(f.name)).join('、');
  return r;
}

function publisherOf(v: unknown, input: ExternalDataset, errors: ApiError[]): void {
  const raw = str(v);
  if (!raw) return void errors.push(err(E.PUBLISHER_MISSING));
  const [oid = '', name = ''] = raw.split('|').map((s) => s.trim());
  if (!OID_RE.test(oid)) return void errors.push(err(E.PUBLISHER_INVALID, raw));
  input.organization = { name: '', title: name, govOid: oid, orgCode: '' };
}

function checkText(input: ExternalDataset, errors: ApiError[]): void {
  if (!input.title) errors.push(err(E.TITLE_MISSING));
  else if (input.title.length > MAX_TITLE)
    errors.push(err(E.TITLE_TOO_LONG, `${input.title.length} > ${MAX_TITLE}`));
  if (!input.notes) errors.push(err(E.DESCRIPTION_MISSING));
  for (const [k, s] of Object.entries({ description: input.notes, notes: input.tw.remarks })) {
    if (s.length > MAX_TEXT) errors.push(err(E.TEXT_TOO_LONG, `${k}: ${s.length} > ${MAX_TEXT}`));
  }
}

/**
 * Reads a publishing API v2 payload. Never throws: every problem is an error with a stable code, and the
 * input holds everything that could be read, so a caller can report all problems at once.
 */
export function fromDataGovTwPayload(json: unknown): PublishParseResult {
  const errors: ApiError[] = [];
  const input = emptyExternalDataset();
  if (!isObj(json)) return { input, errors: [err(E.BODY_INVALID)] };
  const p = json;
  input.title = str(p.title);
  input.notes = str(p.description);
  checkText(input, errors);
  const category = str(p.categoryService);
  if (!category) errors.push(err(E.CATEGORY_MISSING));
  else if (!findServiceCategory(category)) errors.push(err(E.CATEGORY_INVALID, category));
  input.tw.serviceCategory = findServiceCategory(category)?.code ?? '';
  publisherOf(p.publisherOID, input, errors);
  input.tw.updateFrequency = frequencyOf(p.updateFrequency, errors);
  const license = str(p.license);
  input.licenseId = LICENSE_CODES[license] ?? findLicense(license)?.id ?? '';
  if (license && !input.licenseId) errors.push(err(E.LICENSE_INVALID, license));
  const cost = str(p.cost) || 'free';
  if (cost !== 'free' && cost !== 'paid' && cost !== 'charge') errors.push(err(E.COST_INVALID, cost));
  input.tw.cost = {
    type: cost === 'free' ? 'free' : 'paid',
    feeUrl: str(p.costUrl),
    legalBasis: str(p.costLaw),
  };
  input.tw.identifier = str(p.identifier);
  input.tw.fieldDescriptions = str(p.fieldDescription);
  input.tw.contactName = str(p.publisherContactName);
  input.tw.contactPhone = str(p.publisherContactPhone);
  input.tw.contactEmail = str(p.publisherContactEmail);
  if (input.tw.contactEmail && !EMAIL_RE.test(input.tw.contactEmail)) {
    errors.push(err(E.EMAIL_INVALID, input.tw.contactEmail));
  }
  input.tw.temporalStart = dateField(p.coverageStartedDate, 'coverageStartedDate', errors).slice(0, 10);
  input.tw.temporalEnd = dateField(p.coverageEndedDate, 'coverageEndedDate', errors).slice(0, 10);
  input.issued = dateField(p.publishedDate, 'publishedDate', errors);
  input.modified = dateField(p.modifiedDate, 'modifiedDate', errors);
  input.tw.spatial = str(p.spatialCoverage);
  input.tw.language = str(p.language) || 'zh-TW';
  input.tw.relatedUrl = str(p.relatedUrl);
  input.tw.remarks = str(p.notes);
  const type = str(p.type);
  input.tw.provisionType = type === 'rawData' ? 'file' : type === 'services' || type === 'api' ? 'api' : '';
  input.tags = (Array.isArray(p.keyword) ? p.keyword.map(str) : str(p.keyword).split(/[,，、;；]/))
    .map((s) => s.trim())
    .filter(Boolean);
  const dist = Array.isArray(p.distribution) ? p.distribution : [];
  if (dist.length === 0) errors.push(err(E.DISTRIBUTION_MISSING));
  if (dist.length > MAX_DISTRIBUTIONS)
    errors.push(err(E.DISTRIBUTION_INVALID, `more than ${MAX_DISTRIBUTIONS}`));
  input.resources = dist
    .slice(0, MAX_DISTRIBUTIONS)
    .map((d, i) => distributionOf(d, i, input.title, errors))
    .filter((r): r is ExternalResource => r !== null);
  return { input, errors };
}

function dateField(v: unknown, name: string, errors: ApiError[]): string {
  const s = str(v);
  if (!s) return '';
  const iso = parseTaiwanDate(s);
  if (!iso) errors.push(err(E.DATE_INVALID, `${name}: ${s}`));
  return iso;
}

/** A stored dataset as a publishing API v2 payload (what ODP would send to data.gov.tw, or answer a GET). */
export function toDataGovTwPayload(d: Dataset, org: Group | null): Record<string, unknown> {
  const period = frequencyPeriod(d.tw.updateFrequency);
  const updateFrequency =
    d.tw.updateFrequency === 'irregular' || d.tw.updateFrequency === ''
      ? { regularupdate: '0', Frequency: '', unittime: '' }
      : d.tw.updateFrequency === 'never'
        ? { regularupdate: '2', Frequency: '', unittime: '' }
        : d.tw.updateFrequency === 'realtime'
          ? { regularupdate: '1', Frequency: '1', unittime: '即時' }
          : { regularupdate: '1', Frequency: String(period?.every ?? ''), unittime: period?.unit ?? '' };
  const licenseCode = Object.entries(LICENSE_CODES).find(([, id]) => id === d.licenseId)?.[0];
  return {
    identifier: d.tw.identifier,
    title: d.title,
    description: d.notes,
    categoryService: d.tw.serviceCategory,
    type: d.tw.provisionType === 'api' ? 'services' : 'rawData',
    license: licenseCode ?? d.licenseId,
    cost: d.tw.cost.type,
    costUrl: d.tw.cost.feeUrl,
    costLaw: d.tw.cost.legalBasis,
    publisherOID: org ? `${org.govOid}|${org.title}` : '',
    publisherContactName: d.tw.contactName,
    publisherContactPhone: d.tw.contactPhone,
    publisherContactEmail: d.tw.contactEmail,
    updateFrequency,
    fieldDescription: d.tw.fieldDescriptions,
    coverageStartedDate: d.tw.temporalStart,
    coverageEndedDate: d.tw.temporalEnd,
    publishedDate: taiwanLocalTime(d.created),
    modifiedDate: taiwanLocalTime(d.modified),
    spatialCoverage: d.tw.spatial,
    language: d.tw.language,
    relatedUrl: d.tw.relatedUrl,
    keyword: d.tags,
    notes: d.tw.remarks,
    distribution: d.resources
      .filter((r) => r.state === 'active')
      .sort((a, b) => a.position - b.position)
      .map((r) => ({
        resourceName: r.name,
        resourceDescription: r.description,
        resourceFormat: r.format,
        resourceCharacterEncoding: r.encoding,
        resourceDownloadUrl: r.url,
        resourceAmount: r.recordCount === null ? '' : String(r.recordCount),
        resourceModifiedDate: taiwanLocalTime(r.lastModified ?? r.metadataModified),
      })),
  };
}
