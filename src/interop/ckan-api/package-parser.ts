import type { DatasetInput, ResourceInput } from '../../catalog/dataset-input.ts';
import type { DatasetState } from '../../catalog/types.ts';
import { type FieldErrors, invalid } from '../../platform/errors.ts';
import type { DataDict } from './action-types.ts';
import { parseClientTime } from './ckan-time.ts';
import { TW_KEYS, twFromDict } from './presenters/tw-fields.ts';

/** Collects CKAN-style errors while reading a dict. */
class Problems {
  readonly errors: FieldErrors = {};
  add(field: string, message: string): void {
    const list = this.errors[field] ?? [];
    list.push(message);
    this.errors[field] = list;
  }
  throwIfAny(): void {
    if (Object.keys(this.errors).length) throw invalid(this.errors);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function str(data: DataDict, key: string, p: Problems): string | undefined {
  const v = data[key];
  if (v === undefined) return undefined;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  p.add(key, 'Must be a string');
  return undefined;
}

function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return ['true', 'yes', '1', 'on', 't', 'y'].includes(String(v).toLowerCase());
}

/** Tags from `tags` ([{name}] or names) and `tag_string` ("a,b"). */
function readTags(data: DataDict, p: Problems): string[] | undefined {
  let tags: string[] | undefined;
  if (data.tags !== undefined && data.tags !== null) {
    if (!Array.isArray(data.tags)) p.add('tags', 'Must be a list');
    else
      tags = data.tags.flatMap((t) => {
        if (typeof t === 'string') return [t];
        if (isObj(t) && typeof t.name === 'string') return [t.name];
        p.add('tags', 'Each tag needs a name');
        return [];
      });
  }
  if (typeof data.tag_string === 'string') {
    tags = [
      ...(tags ?? []),
      ...data.tag_string
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ];
  }
  return tags;
}

/** Groups as [{id}] / [{name}] / names. */
function readGroups(data: DataDict, p: Problems): string[] | undefined {
  if (data.groups === undefined || data.groups === null) return undefined;
  if (!Array.isArray(data.groups)) {
    p.add('groups', 'Must be a list');
    return undefined;
  }
  return data.groups.flatMap((g) => {
    if (typeof g === 'string') return [g];
    if (isObj(g) && (typeof g.id === 'string' || typeof g.name === 'string')) return [String(g.id ?? g.name)];
    p.add('groups', 'Each group needs an id or a name');
    return [];
  });
}

/** Extras as [{key, value}]; keys naming a data.gov.tw profile field go to the profile (e.g. `spatial`). */
function readExtras(
  data: DataDict,
  p: Problems,
): { extras?: Record<string, string>; profile: Record<string, string> } {
  const profile: Record<string, string> = {};
  if (data.extras === undefined || data.extras === null) return { profile };
  if (!Array.isArray(data.extras)) {
    p.add('extras', 'Must be a list');
    return { profile };
  }
  const extras: Record<string, string> = {};
  for (const e of data.extras) {
    if (!isObj(e) || typeof e.key !== 'string' || !e.key) {
      p.add('extras', 'Each extra needs a key');
      continue;
    }
    if (e.deleted !== undefined && bool(e.deleted)) continue;
    const value = typeof e.value === 'string' ? e.value : JSON.stringify(e.value ?? '');
    if (TW_KEYS.includes(e.key)) profile[e.key] = value;
    else if (Object.hasOwn(data, e.key))
      p.add('extras', `There is a schema field with the same name: ${e.key}`);
    else extras[e.key] = value;
  }
  return { extras, profile };
}

const RESOURCE_CORE = new Set([
  'id',
  'package_id',
  'name',
  'description',
  'url',
  'url_type',
  'format',
  'mimetype',
  'size',
  'hash',
  'last_modified',
  'encoding',
  'record_count',
  'created',
  'metadata_modified',
  'position',
  'state',
  'datastore_active',
  'cache_url',
  'cache_last_updated',
  'mimetype_inner',
  'resource_type',
  'revision_id',
  'upload',
  'clear_upload',
]);

function natural(v: unknown, key: string, p: Problems): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) p.add(key, 'Invalid integer');
  else if (n < 0) p.add(key, 'Must be a natural number');
  else return n;
  return undefined;
}

/** A CKAN resource dict -> the catalog's resource input (unknown keys become resource extras, as in CKAN). */
export function readResourceDict(data: DataDict, p = new Problems(), prefix = ''): ResourceInput {
  const input: ResourceInput = {};
  const s = (k: string) => str(data, k, p);
  const set = <K extends keyof ResourceInput>(k: K, v: ResourceInput[K] | undefined) => {
    if (v !== undefined) input[k] = v;
  };
  if (typeof data.id === 'string' && data.id) input.id = data.id;
  set('name', s('name'));
  set('description', s('description'));
  set('url', s('url'));
  set('format', s('format'));
  set('mimetype', s('mimetype'));
  set('encoding', s('encoding'));
  set('sha256', s('hash'));
  const urlType = s('url_type');
  if (urlType !== undefined) input.urlType = urlType === 'upload' ? 'upload' : '';
  set('size', natural(data.size, `${prefix}size`, p));
  set('recordCount', natural(data.record_count, `${prefix}record_count`, p));
  const lm = s('last_modified');
  if (lm !== undefined) {
    const t = lm ? parseClientTime(lm) : null;
    if (lm && !t) p.add(`${prefix}last_modified`, 'Date format incorrect');
    else input.lastModified = t;
  }
  const extras: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (RESOURCE_CORE.has(k) || v === undefined || v === null) continue;
    extras[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  if (Object.keys(extras).length) input.extras = extras;
  if (!prefix) p.throwIfAny();
  return input;
}

/** What reading a package dict allows: sysadmins may set `id` (others' ids are dropped, as CKAN's empty_if_not_sysadmin). */
export interface PackageReadOptions {
  allowId: boolean;
}

/** A CKAN package dict -> the catalog's dataset input; only keys present are set. Throws Validation Error. */
export function readPackageDict(data: DataDict, opts: PackageReadOptions): DatasetInput {
  const p = new Problems();
  const input: DatasetInput = {};
  const set = <K extends keyof DatasetInput>(k: K, v: DatasetInput[K] | undefined) => {
    if (v !== undefined) input[k] = v;
  };
  const s = (k: string) => str(data, k, p);
  if (opts.allowId && typeof data.id === 'string' && data.id) input.id = data.id;
  set('name', s('name'));
  set('title', s('title'));
  set('notes', s('notes'));
  set('licenseId', s('license_id'));
  set('author', s('author'));
  set('authorEmail', s('author_email'));
  set('maintainer', s('maintainer'));
  set('maintainerEmail', s('maintainer_email'));
  set('url', s('url'));
  set('version', s('version'));
  set('type', s('type'));
  if (data.owner_org !== undefined)
    input.ownerOrg = data.owner_org === null || data.owner_org === '' ? null : String(data.owner_org);
  if (data.private !== undefined && data.private !== null) input.private = bool(data.private);
  const state = s('state');
  if (state) {
    if (['active', 'draft', 'deleted'].includes(state)) input.state = state as DatasetState;
    else p.add('state', 'Invalid state');
  }
  set('tags', readTags(data, p));
  set('groups', readGroups(data, p));
  const { extras, profile } = readExtras(data, p);
  set('extras', extras);
  const tw = twFromDict({ ...profile, ...data });
  if (Object.keys(tw).length) input.tw = tw;
  if (data.resources !== undefined && data.resources !== null) {
    if (!Array.isArray(data.resources)) p.add('resources', 'Must be a list');
    else
      input.resources = data.resources.map((r) => {
        if (!isObj(r)) {
          p.add('resources', 'Each resource must be a dict');
          return {};
        }
        return readResourceDict(r, p, 'resources.');
      });
  }
  p.throwIfAny();
  return input;
}
