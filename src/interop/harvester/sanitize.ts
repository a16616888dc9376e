/**
 * Makes a harvested record acceptable to the catalog's validation without losing what the source said:
 * tags are munged as CKAN harvesters do, values the catalog refuses (bad e-mails, dates, URLs) are moved to
 * extras under `source_*` keys, so one odd cell does not cost the whole dataset.
 */

import type { DatasetInput, ResourceInput } from '../../catalog/dataset-input.ts';
import type { ExternalDataset } from '../dataset-input.ts';

const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ISO_DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Tag text CKAN accepts: letters, digits, space, _ . -; 2 to 100 characters. */
export function mungeTag(tag: string): string {
  return tag
    .replace(/[^\p{L}\p{N}_ .-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
    .trim();
}

function validUrl(url: string): boolean {
  try {
    return ['http:', 'https:', 'ftp:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function resource(r: ResourceInput): ResourceInput {
  const out: ResourceInput = { ...r, extras: { ...(r.extras ?? {}) } };
  if (out.url && !validUrl(out.url)) {
    (out.extras as Record<string, string>).source_url = out.url;
    out.url = '';
  }
  if (out.size != null && (!Number.isInteger(out.size) || out.size < 0)) out.size = null;
  if (out.recordCount != null && (!Number.isInteger(out.recordCount) || out.recordCount < 0))
    out.recordCount = null;
  return out;
}

/** The catalog input for a harvested record (organization, name and source link are set by the caller). */
export function datasetInputOf(ext: ExternalDataset): DatasetInput {
  const { organization: _org, issued, modified, name: _name, ...rest } = ext;
  const extras: Record<string, string> = { ...rest.extras };
  const tw = { ...rest.tw, cost: { ...rest.tw.cost } };
  if (issued) extras.source_issued = issued;
  if (modified) extras.source_modified = modified;
  const moveIfBad = (key: string, value: string, ok: boolean): string => {
    if (!value || ok) return value;
    extras[`source_${key}`] = value;
    return '';
  };
  tw.contactEmail = moveIfBad('contact_email', tw.contactEmail, EMAIL_RE.test(tw.contactEmail));
  tw.temporalStart = moveIfBad('temporal_start', tw.temporalStart, ISO_DATE_RE.test(tw.temporalStart));
  tw.temporalEnd = moveIfBad('temporal_end', tw.temporalEnd, ISO_DATE_RE.test(tw.temporalEnd));
  if (tw.cost.type === 'paid' && !tw.cost.feeUrl && !tw.cost.legalBasis) {
    // The catalog requires a reason for a fee; the source gave none, so say so rather than invent one.
    tw.cost.legalBasis = '來源未提供 (not given by the source)';
  }
  return {
    ...rest,
    title: rest.title.slice(0, 1000),
    authorEmail: moveIfBad('author_email', rest.authorEmail ?? '', EMAIL_RE.test(rest.authorEmail ?? '')),
    maintainerEmail: moveIfBad(
      'maintainer_email',
      rest.maintainerEmail ?? '',
      EMAIL_RE.test(rest.maintainerEmail ?? ''),
    ),
    tags: [...new Set(rest.tags.map(mungeTag).filter((t) => t.length >= 2))],
    extras,
    tw,
    resources: rest.resources.map(resource),
    private: false,
    state: 'active',
  };
}
