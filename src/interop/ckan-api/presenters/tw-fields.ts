import type { DatasetInput } from '../../../catalog/dataset-input.ts';
import type { TwProfile } from '../../../catalog/types.ts';

/**
 * The data.gov.tw profile as extra top-level keys of the CKAN package dict (the ckanext-scheming style
 * CKAN clients already handle), snake_case like every other CKAN key.
 */
const SCALAR_KEYS = {
  identifier: 'identifier',
  service_category: 'serviceCategory',
  update_frequency: 'updateFrequency',
  field_descriptions: 'fieldDescriptions',
  contact_name: 'contactName',
  contact_phone: 'contactPhone',
  contact_email: 'contactEmail',
  temporal_start: 'temporalStart',
  temporal_end: 'temporalEnd',
  spatial: 'spatial',
  language: 'language',
  provision_type: 'provisionType',
  related_url: 'relatedUrl',
  remarks: 'remarks',
} as const satisfies Record<string, Exclude<keyof TwProfile, 'cost'>>;

/** Every top-level key the profile adds to a package dict. */
export const TW_KEYS: readonly string[] = [...Object.keys(SCALAR_KEYS), 'cost', 'fee_url', 'fee_legal_basis'];

/** The profile as top-level package dict keys. */
export function twToDict(tw: TwProfile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, prop] of Object.entries(SCALAR_KEYS)) out[key] = tw[prop];
  out.cost = tw.cost.type;
  out.fee_url = tw.cost.feeUrl;
  out.fee_legal_basis = tw.cost.legalBasis;
  return out;
}

/** Reads profile keys from a package dict (top-level keys, or extras named like them); absent keys stay absent. */
export function twFromDict(source: Record<string, unknown>): NonNullable<DatasetInput['tw']> {
  const tw: NonNullable<DatasetInput['tw']> = {};
  const str = (k: string): string | undefined => {
    const v = source[k];
    return v === undefined || v === null ? undefined : String(v);
  };
  for (const [key, prop] of Object.entries(SCALAR_KEYS)) {
    const v = str(key);
    if (v !== undefined) Object.assign(tw, { [prop]: v });
  }
  const cost: NonNullable<typeof tw.cost> = {};
  const type = str('cost');
  if (type !== undefined) cost.type = type as 'free' | 'paid';
  const feeUrl = str('fee_url');
  if (feeUrl !== undefined) cost.feeUrl = feeUrl;
  const legal = str('fee_legal_basis');
  if (legal !== undefined) cost.legalBasis = legal;
  if (Object.keys(cost).length) tw.cost = cost;
  return tw;
}
