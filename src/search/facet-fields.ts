import type { DocSource } from './doc-source.ts';

/**
 * A facet: a named field whose values are taken from a dataset's index sources. Facets are
 * pluggable: register a field (e.g. openness stars, quality mark) and run reindexAll once.
 * Registered fields are also exact filters in q/fq (`field:value`).
 */
export interface FacetField {
  name: string;
  values(src: DocSource): string[];
}

const tw = (src: DocSource): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(src.dataset.tw);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const nonEmpty = (...v: string[]): string[] => v.filter((x) => x !== '');

const registry = new Map<string, FacetField>();

/** Adds (or replaces) a facet field. Values of existing datasets appear after reindexAll. */
export function registerFacetField(field: FacetField): void {
  if (!/^[a-z][a-z0-9_]*$/.test(field.name)) throw new Error(`bad facet field name ${field.name}`);
  registry.set(field.name, field);
}

/** The facet field of that name, if registered. */
export function facetField(name: string): FacetField | undefined {
  return registry.get(name);
}

/** Every registered facet field, in registration order. */
export function facetFields(): FacetField[] {
  return [...registry.values()];
}

registerFacetField({ name: 'organization', values: (s) => (s.organization ? [s.organization.name] : []) });
registerFacetField({ name: 'groups', values: (s) => s.groups.map((g) => g.name) });
registerFacetField({ name: 'tags', values: (s) => s.tags });
registerFacetField({
  name: 'res_format',
  values: (s) => s.resources.map((r) => r.format.trim()).filter(Boolean),
});
registerFacetField({ name: 'license_id', values: (s) => nonEmpty(s.dataset.license_id) });
registerFacetField({ name: 'update_frequency', values: (s) => nonEmpty(s.dataset.update_frequency) });
registerFacetField({ name: 'service_category', values: (s) => nonEmpty(s.dataset.service_category) });

/** Filter-only values (not facets): organization title/code, dataset extras as extras_<key>. */
export function filterOnlyValues(src: DocSource): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  if (src.organization) {
    for (const v of nonEmpty(src.organization.title, src.organization.orgCode))
      out.push({ field: '_org_alias', value: v });
  }
  const identifier = tw(src).identifier;
  if (typeof identifier === 'string' && identifier) out.push({ field: '_identifier', value: identifier });
  try {
    const extras: unknown = JSON.parse(src.dataset.extras);
    if (extras && typeof extras === 'object' && !Array.isArray(extras)) {
      for (const [k, v] of Object.entries(extras)) {
        if (/^[A-Za-z0-9_]{1,60}$/.test(k) && typeof v === 'string' && v.length <= 500)
          out.push({ field: `extras_${k}`, value: v });
      }
    }
  } catch {
    // Malformed extras are simply not filterable.
  }
  return out;
}

/** The tw profile object of a dataset (empty when unparsable). */
export const twProfile = tw;
