/** Parameter handling shared by the CKAN datastore actions. */
import { type FieldErrors, invalid } from '../../../platform/errors.ts';
import type { DataDict } from '../action-types.ts';

/**
 * CKAN's `'__before': [rename('id', 'resource_id')]` and `'__junk': [empty]`: `id` stands for
 * `resource_id`, and a key the action does not know is refused.
 */
export function datastoreParams(data: DataDict, allowed: Set<string>): DataDict {
  const out: DataDict = { ...data };
  if ((out.resource_id === undefined || out.resource_id === '') && out.id !== undefined)
    out.resource_id = out.id;
  delete out.id;
  if (Object.keys(out).some((k) => !allowed.has(k))) {
    const errors: FieldErrors = { __junk: ['The input field __junk was not expected.'] };
    throw invalid(errors);
  }
  return out;
}
