/**
 * Per-dataset documents for other ecosystems: schema.org Dataset JSON-LD and a Frictionless Data Package
 * (Table Schema from the datastore's column types). Read permission is the dataset's own.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { showDataset } from '../../catalog/dataset-service.ts';
import { findGroup } from '../../catalog/group-service.ts';
import type { Dataset, Group } from '../../catalog/types.ts';
import { currentTables } from '../../datastore/index.ts';
import type { TableSchema } from '../../datastore/table-schema.ts';
import { dataPackage } from '../datapackage.ts';
import { dcatUris } from '../dcat/dcat-context.ts';
import { schemaOrgDataset } from '../schema-org.ts';

const JsonDoc = Type.Record(Type.String(), Type.Unknown());
const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
const errors = { 403: ErrorSchema, 404: ErrorSchema };

async function organizationOf(ctx: AppContext, d: Dataset): Promise<Group | null> {
  return d.ownerOrg ? findGroup(ctx.db.kysely, 'organization', d.ownerOrg) : null;
}

/** datapackage.json of a dataset the caller may read. */
export async function dataPackageOf(ctx: AppContext, d: Dataset): Promise<Record<string, unknown>> {
  const tables = new Map<string, TableSchema>();
  for (const r of d.resources) {
    if (!r.datastoreActive) continue;
    const [first] = await currentTables(ctx.db, r.id);
    if (first) tables.set(r.id, first.schema);
  }
  const uris = dcatUris(ctx.config.baseUrl);
  return dataPackage(
    d,
    (r) => tables.get(r.id) ?? null,
    (r) => (r.url ? uris.absolute(r.url) : uris.distribution(d.name, r.id)),
  );
}

/** schema.org and Data Package routes. */
export function datasetFormatRoutes(app: FastifyInstance, ctx: AppContext): void {
  const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

  app.get(
    '/api/v1/datasets/:id/schema.org',
    {
      schema: {
        tags: ['datasets'],
        summary: 'schema.org Dataset (JSON-LD) of a dataset',
        params,
        response: { 200: JsonDoc, ...errors },
      },
    },
    async (req, reply) => {
      const d = await showDataset(ctx.catalog, req.actor, (req.params as { id: string }).id);
      const doc = schemaOrgDataset(d, await organizationOf(ctx, d), ctx.config.baseUrl);
      return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(doc));
    },
  );

  const packageHandler = (key: 'id' | 'name') => async (req: FastifyRequest, reply: FastifyReply) => {
    const d = await showDataset(ctx.catalog, req.actor, (req.params as Record<string, string>)[key] ?? '');
    return reply.type('application/json; charset=utf-8').send(await dataPackageOf(ctx, d));
  };
  app.get(
    '/api/v1/datasets/:id/datapackage',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Frictionless Data Package (datapackage.json) of a dataset',
        params,
        response: { 200: JsonDoc, ...errors },
      },
    },
    packageHandler('id'),
  );
  app.get(
    '/dataset/:name/datapackage.json',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Frictionless Data Package (datapackage.json) of a dataset',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: JsonDoc, ...errors },
      },
    },
    packageHandler('name'),
  );
}
