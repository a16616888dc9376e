import type { FieldErrors } from '../platform/errors.ts';
import type { DatasetInput, ResourceInput } from './dataset-input.ts';
import { findLicense } from './licenses.ts';
import { findServiceCategory } from './service-categories.ts';
import { UPDATE_FREQUENCIES } from './update-frequencies.ts';

/** Names CKAN refuses because they collide with its own pages. */
const RESERVED_NAMES = new Set(['new', 'edit', 'search']);
const NAME_RE = /^[a-z0-9_-]+$/;
const TAG_RE = /^[\p{L}\p{N}_ .-]*$/u;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ISO_DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Collects messages per field, CKAN style. */
export class FieldErrorBag {
  readonly errors: FieldErrors = {};
  add(field: string, message: string): void {
    const list = this.errors[field] ?? [];
    list.push(message);
    this.errors[field] = list;
  }
  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

/** CKAN's name_validator messages, for dataset, organization and group names. */
export function nameProblem(name: string): string | null {
  if (name.length < 2) return 'Must be at least 2 characters long';
  if (name.length > 100) return 'Name must be a maximum of 100 characters long';
  if (!NAME_RE.test(name))
    return 'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_';
  if (RESERVED_NAMES.has(name)) return 'That name cannot be used';
  return null;
}

function checkTags(tags: string[], bag: FieldErrorBag): void {
  for (const tag of tags) {
    if (tag.length < 2) bag.add('tags', `Tag "${tag}" length is less than minimum 2`);
    else if (tag.length > 100) bag.add('tags', `Tag "${tag}" length is more than maximum 100`);
    else if (!TAG_RE.test(tag))
      bag.add('tags', `Tag "${tag}" must be alphanumeric characters or symbols: -_.`);
  }
}

function checkEmail(field: string, value: string | undefined, bag: FieldErrorBag): void {
  if (value && !EMAIL_RE.test(value)) bag.add(field, `Email ${value} is not a valid format`);
}

/** Validates the fields present in a dataset input (create requires a name; patch validates what is given). */
export function validateDatasetInput(input: DatasetInput, mode: 'create' | 'update'): FieldErrors {
  const bag = new FieldErrorBag();
  if (mode === 'create' && !input.name) bag.add('name', 'Missing value');
  if (input.name !== undefined && input.name !== '') {
    const p = nameProblem(input.name);
    if (p) bag.add('name', p);
  }
  if (input.title !== undefined && input.title.length > 1000)
    bag.add('title', 'Title must be at most 1000 characters');
  if (input.licenseId && !findLicense(input.licenseId)) bag.add('license_id', 'License not found');
  if (input.tags) checkTags(input.tags, bag);
  checkEmail('author_email', input.authorEmail, bag);
  checkEmail('maintainer_email', input.maintainerEmail, bag);
  const tw = input.tw ?? {};
  if (tw.serviceCategory && !findServiceCategory(tw.serviceCategory)) {
    bag.add('service_category', `Unknown service category: ${tw.serviceCategory}`);
  }
  if (tw.updateFrequency && !(tw.updateFrequency in UPDATE_FREQUENCIES)) {
    bag.add('update_frequency', `Unknown update frequency: ${tw.updateFrequency}`);
  }
  if (tw.cost?.type && tw.cost.type !== 'free' && tw.cost.type !== 'paid')
    bag.add('cost', 'Cost must be free or paid');
  if (tw.cost?.type === 'paid' && !tw.cost.feeUrl && !tw.cost.legalBasis) {
    bag.add('cost', 'A paid dataset needs a fee URL or the legal basis for the fee');
  }
  checkEmail('contact_email', tw.contactEmail, bag);
  for (const [field, value] of [
    ['temporal_start', tw.temporalStart],
    ['temporal_end', tw.temporalEnd],
  ] as const) {
    if (value && !ISO_DATE_RE.test(value)) bag.add(field, 'Use an ISO date: YYYY, YYYY-MM or YYYY-MM-DD');
  }
  if (tw.provisionType && !['file', 'api'].includes(tw.provisionType)) {
    bag.add('provision_type', 'Provision type must be file or api');
  }
  if (input.state && !['active', 'draft', 'deleted'].includes(input.state)) bag.add('state', 'Invalid state');
  for (const r of input.resources ?? []) {
    const errs = validateResourceInput(r);
    for (const [k, msgs] of Object.entries(errs)) for (const m of msgs) bag.add(`resources.${k}`, m);
  }
  return bag.errors;
}

/** Validates a resource input. */
export function validateResourceInput(input: ResourceInput): FieldErrors {
  const bag = new FieldErrorBag();
  if (input.url && input.urlType !== 'upload') {
    try {
      const u = new URL(input.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'ftp:') {
        bag.add('url', 'Please provide a valid URL');
      }
    } catch {
      bag.add('url', 'Please provide a valid URL');
    }
  }
  if (input.size !== undefined && input.size !== null && (!Number.isInteger(input.size) || input.size < 0)) {
    bag.add('size', 'Must be a natural number');
  }
  if (
    input.recordCount !== undefined &&
    input.recordCount !== null &&
    (!Number.isInteger(input.recordCount) || input.recordCount < 0)
  ) {
    bag.add('record_count', 'Must be a natural number');
  }
  return bag.errors;
}
