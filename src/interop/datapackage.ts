/**
 * Frictionless Data Package (datapackage.json) for a dataset: one resource per ODP resource, with a Table
 * Schema built from the datastore's column types where the resource was loaded.
 */

import { findLicense } from '../catalog/licenses.ts';
import type { Dataset, Resource } from '../catalog/types.ts';
import type { ColumnType, TableSchema } from '../datastore/table-schema.ts';
import { mediaTypeOf } from './file-formats.ts';

const FIELD_TYPE: Record<ColumnType, string> = {
  text: 'string',
  integer: 'integer',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'datetime',
};

export interface TableSchemaField {
  name: string;
  title: string;
  type: string;
  description?: string;
}

/** A Frictionless Table Schema from a datastore table (field name = column id, title = label). */
export function frictionlessSchema(table: TableSchema): { fields: TableSchemaField[] } {
  return {
    fields: table.columns.map((c) => {
      const field: TableSchemaField = { name: c.id, title: c.label, type: FIELD_TYPE[c.type] };
      const notes = [
        c.code ? `code: ${c.code}` : '',
        c.derivedFrom ? `derived from ${c.derivedFrom}` : '',
        c.note,
      ]
        .filter(Boolean)
        .join('; ');
      if (notes) field.description = notes;
      return field;
    }),
  };
}

/** Frictionless package names are lower-case `[a-z0-9._-]`. */
const packageName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'resource';

/**
 * datapackage.json for a dataset. `tableOf` returns the datastore schema of a resource (or null when it
 * was not loaded); such resources get a `schema` and `encoding: utf-8` is not claimed for them.
 */
export function dataPackage(
  d: Dataset,
  tableOf: (r: Resource) => TableSchema | null,
  resourceUrl: (r: Resource) => string = (r) => r.url,
): Record<string, unknown> {
  const license = findLicense(d.licenseId);
  const used = new Set<string>();
  return {
    profile: 'data-package',
    name: packageName(d.name),
    id: d.tw.identifier || d.id,
    title: d.title,
    description: d.notes,
    keywords: d.tags,
    created: d.created,
    licenses: license ? [{ name: license.id, title: license.title, path: license.url || undefined }] : [],
    resources: d.resources
      .filter((r) => r.state === 'active')
      .sort((a, b) => a.position - b.position)
      .map((r) => {
        let name = packageName(r.name || r.id);
        while (used.has(name)) name = `${name}-${r.position}`;
        used.add(name);
        const table = tableOf(r);
        return {
          name,
          title: r.name,
          description: r.description || undefined,
          path: resourceUrl(r),
          format: r.format.toLowerCase() || undefined,
          mediatype: r.mimetype || mediaTypeOf(r.format) || undefined,
          encoding: table?.encoding || r.encoding.toLowerCase() || undefined,
          bytes: r.size ?? undefined,
          hash: r.sha256 ? `sha256:${r.sha256}` : undefined,
          profile: table ? 'tabular-data-resource' : 'data-resource',
          schema: table ? frictionlessSchema(table) : undefined,
        };
      }),
  };
}
