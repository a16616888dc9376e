/** The dataset form's fields: read from a posted form, filled from a dataset, turned into a service input. */
import type { DatasetInput } from '../../catalog/dataset-input.ts';
import type { Dataset } from '../../catalog/types.ts';

export const DATASET_FORM_FIELDS = [
  'title',
  'name',
  'notes',
  'owner_org',
  'license_id',
  'service_category',
  'update_frequency',
  'tags',
  'field_descriptions',
  'temporal_start',
  'temporal_end',
  'spatial',
  'cost',
  'fee_url',
  'legal_basis',
  'provision_type',
  'contact_name',
  'contact_phone',
  'contact_email',
  'related_url',
  'remarks',
  'private',
] as const;
export type DatasetFormField = (typeof DATASET_FORM_FIELDS)[number];
export type DatasetFormValues = Record<DatasetFormField, string>;

/** Reads the posted fields (strings, trimmed, bounded). */
export function formValues(body: Record<string, unknown>): DatasetFormValues {
  const out = {} as DatasetFormValues;
  for (const f of DATASET_FORM_FIELDS) {
    const v = body[f];
    out[f] = typeof v === 'string' ? v.trim().slice(0, f === 'notes' ? 50_000 : 2_000) : '';
  }
  return out;
}

/** The form filled from a dataset (organization by name). */
export function valuesOf(d: Dataset, orgName: string): DatasetFormValues {
  return {
    title: d.title,
    name: d.name,
    notes: d.notes,
    owner_org: orgName,
    license_id: d.licenseId,
    service_category: d.tw.serviceCategory,
    update_frequency: d.tw.updateFrequency,
    tags: d.tags.join(', '),
    field_descriptions: d.tw.fieldDescriptions,
    temporal_start: d.tw.temporalStart,
    temporal_end: d.tw.temporalEnd,
    spatial: d.tw.spatial,
    cost: d.tw.cost.type,
    fee_url: d.tw.cost.feeUrl,
    legal_basis: d.tw.cost.legalBasis,
    provision_type: d.tw.provisionType,
    contact_name: d.tw.contactName,
    contact_phone: d.tw.contactPhone,
    contact_email: d.tw.contactEmail,
    related_url: d.tw.relatedUrl,
    remarks: d.tw.remarks,
    private: d.private ? 'on' : '',
  };
}

/** The catalog input of a submitted form. */
export function inputOf(v: DatasetFormValues): DatasetInput {
  return {
    title: v.title,
    name: v.name,
    notes: v.notes,
    ownerOrg: v.owner_org || null,
    licenseId: v.license_id,
    private: v.private === 'on',
    tags: v.tags
      .split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean),
    tw: {
      serviceCategory: v.service_category,
      updateFrequency: v.update_frequency,
      fieldDescriptions: v.field_descriptions,
      temporalStart: v.temporal_start,
      temporalEnd: v.temporal_end,
      spatial: v.spatial,
      cost: { type: v.cost === 'paid' ? 'paid' : 'free', feeUrl: v.fee_url, legalBasis: v.legal_basis },
      provisionType: v.provision_type === 'file' || v.provision_type === 'api' ? v.provision_type : '',
      contactName: v.contact_name,
      contactPhone: v.contact_phone,
      contactEmail: v.contact_email,
      relatedUrl: v.related_url,
      remarks: v.remarks,
    },
  };
}
