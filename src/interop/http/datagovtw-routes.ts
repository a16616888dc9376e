/**
 * data.gov.tw publishing API v2 (/api/v2/rest/dataset): create, read, replace and delete a dataset with the
 * portal's field names and error codes, the API key in the Authorization header. datasetId is the
 * data.gov.tw identifier (A41000000G-000001), or ODP's id or name. Answers are
 * {success: true, result} or {success: false, errors: [{code, message}]}.
 */

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import type { DatasetInput } from '../../catalog/dataset-input.ts';
import { loadDatasets } from '../../catalog/dataset-rows.ts';
import { createDataset, deleteDataset, factsOf, updateDataset } from '../../catalog/dataset-service.ts';
import { findGroup, groupFromRow } from '../../catalog/group-service.ts';
import { canCreateDataset, canDataset } from '../../catalog/policies.ts';
import type { Dataset, Group } from '../../catalog/types.ts';
import { OdpError } from '../../platform/errors.ts';
import { fromDataGovTwPayload, toDataGovTwPayload } from '../datagovtw/publish-api.ts';
import { type ApiError, E, err } from '../datagovtw/publish-errors.ts';
import type { ExternalDataset } from '../dataset-input.ts';

const ErrorList = Type.Object({
  success: Type.Literal(false),
  errors: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
});
const Ok = Type.Object({ success: Type.Literal(true), result: Type.Record(Type.String(), Type.Unknown()) });
const errorResponses = { 400: ErrorList, 401: ErrorList, 403: ErrorList, 404: ErrorList, 409: ErrorList };
const DatasetIdParams = Type.Object({ datasetId: Type.String({ minLength: 1, maxLength: 200 }) });
const tags = ['data.gov.tw'];

class PublishError extends Error {
  readonly status: number;
  readonly errors: ApiError[];
  constructor(status: number, errors: ApiError[]) {
    super(errors.map((e) => e.code).join(','));
    this.status = status;
    this.errors = errors;
  }
}

const fail = (status: number, e: readonly [string, string], detail = '') =>
  new PublishError(status, [err(e, detail)]);

function requireKey(req: FastifyRequest): void {
  if (req.authVia !== 'token' || !req.actor.userId) throw fail(401, E.API_KEY_INVALID);
}

/** A dataset by data.gov.tw identifier, then ODP id or name. */
async function findByDatasetId(ctx: AppContext, datasetId: string): Promise<Dataset | null> {
  const row = await ctx.db.kysely
    .selectFrom('datasets')
    .select('id')
    .where((eb) =>
      eb.or([eb('identifier', '=', datasetId), eb('id', '=', datasetId), eb('name', '=', datasetId)]),
    )
    .orderBy('state') // 'active' before 'deleted' when an identifier was reused
    .executeTakeFirst();
  const [d] = row ? await loadDatasets(ctx.db.kysely, [row.id]) : [];
  return d ?? null;
}

async function organizationByOid(ctx: AppContext, oid: string): Promise<Group> {
  const row = await ctx.db.kysely
    .selectFrom('groups')
    .selectAll()
    .where('kind', '=', 'organization')
    .where('state', '=', 'active')
    .where('gov_oid', '=', oid)
    .executeTakeFirst();
  if (!row) throw fail(400, E.PUBLISHER_UNKNOWN, oid);
  return groupFromRow(row);
}

function parsePayload(body: unknown): ExternalDataset {
  const { input, errors } = fromDataGovTwPayload(body);
  if (errors.length) throw new PublishError(400, errors);
  return input;
}

function catalogInput(ext: ExternalDataset, org: Group): DatasetInput {
  const { organization: _o, issued: _i, modified: _m, name: _n, ...rest } = ext;
  return { ...rest, ownerOrg: org.id };
}

async function identifierFree(ctx: AppContext, identifier: string, selfId: string | null): Promise<void> {
  if (!identifier) return;
  const other = await ctx.db.kysely
    .selectFrom('datasets')
    .select('id')
    .where('identifier', '=', identifier)
    .where('state', '!=', 'deleted')
    .executeTakeFirst();
  if (other && other.id !== selfId) throw fail(409, E.IDENTIFIER_TAKEN, identifier);
}

function refused(e: unknown): never {
  if (e instanceof PublishError) throw e;
  if (e instanceof OdpError && e.status === 403) throw fail(403, E.FORBIDDEN, e.message);
  if (e instanceof OdpError && e.status === 404) throw fail(404, E.DATASET_NOT_FOUND);
  if (
    e instanceof OdpError &&
    (e.kind === 'validation' || e.kind === 'bad_request' || e.kind === 'conflict')
  ) {
    const fields = Object.entries(e.fields).map(([k, v]) => `${k}: ${v.join('; ')}`);
    throw fail(400, E.CATALOG_REFUSED, fields.join(', ') || e.message);
  }
  throw e;
}

async function result(ctx: AppContext, d: Dataset): Promise<Record<string, unknown>> {
  const org = d.ownerOrg ? await findGroup(ctx.db.kysely, 'organization', d.ownerOrg) : null;
  return { datasetId: d.tw.identifier || d.id, ...toDataGovTwPayload(d, org) };
}

/** The publishing API routes. */
export function dataGovTwRoutes(app: FastifyInstance, ctx: AppContext): void {
  const handle =
    (status: number, fn: (req: FastifyRequest) => Promise<Record<string, unknown>>) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      try {
        return reply.status(status).send({ success: true, result: await fn(req) });
      } catch (e) {
        if (e instanceof PublishError)
          return reply.status(e.status).send({ success: false, errors: e.errors });
        throw e;
      }
    };

  app.post(
    '/api/v2/rest/dataset',
    {
      schema: {
        tags,
        summary: 'Publish a dataset (data.gov.tw publishing API v2 payload)',
        body: Type.Unknown(),
        response: { 201: Ok, ...errorResponses },
      },
    },
    handle(201, async (req) => {
      requireKey(req);
      const ext = parsePayload(req.body);
      const org = await organizationByOid(ctx, ext.organization?.govOid ?? '');
      if (!canCreateDataset(req.actor, org.id)) throw fail(403, E.FORBIDDEN, org.title);
      await identifierFree(ctx, ext.tw.identifier, null);
      const input = catalogInput(ext, org);
      const stem = (
        ext.tw.identifier || `${org.orgCode || 'dataset'}-${randomUUID().slice(0, 8)}`
      ).toLowerCase();
      input.name = stem.replace(/[^a-z0-9_-]+/g, '-').slice(0, 100);
      try {
        return result(ctx, await createDataset(ctx.catalog, req.actor, input));
      } catch (e) {
        return refused(e);
      }
    }),
  );

  app.get(
    '/api/v2/rest/dataset/:datasetId',
    {
      schema: {
        tags,
        summary: 'Read a dataset as a publishing API v2 payload',
        params: DatasetIdParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    handle(200, async (req) => {
      const d = await findByDatasetId(ctx, (req.params as { datasetId: string }).datasetId);
      if (!d || !canDataset(req.actor, 'read', factsOf(d))) throw fail(404, E.DATASET_NOT_FOUND);
      return result(ctx, d);
    }),
  );

  app.put(
    '/api/v2/rest/dataset/:datasetId',
    {
      schema: {
        tags,
        summary: 'Replace a dataset with a publishing API v2 payload',
        params: DatasetIdParams,
        body: Type.Unknown(),
        response: { 200: Ok, ...errorResponses },
      },
    },
    handle(200, async (req) => {
      requireKey(req);
      const d = await findByDatasetId(ctx, (req.params as { datasetId: string }).datasetId);
      if (!d || !canDataset(req.actor, 'read', factsOf(d))) throw fail(404, E.DATASET_NOT_FOUND);
      if (!canDataset(req.actor, 'update', factsOf(d))) throw fail(403, E.FORBIDDEN, d.name);
      const ext = parsePayload(req.body);
      const org = await organizationByOid(ctx, ext.organization?.govOid ?? '');
      if (org.id !== d.ownerOrg && !canCreateDataset(req.actor, org.id))
        throw fail(403, E.FORBIDDEN, org.title);
      await identifierFree(ctx, ext.tw.identifier, d.id);
      const input = catalogInput(ext, org);
      if (!ext.tw.identifier) input.tw = { ...input.tw, identifier: d.tw.identifier };
      try {
        return result(ctx, await updateDataset(ctx.catalog, req.actor, d.id, input, { mode: 'replace' }));
      } catch (e) {
        return refused(e);
      }
    }),
  );

  app.delete(
    '/api/v2/rest/dataset/:datasetId',
    {
      schema: {
        tags,
        summary: 'Withdraw (soft-delete) a dataset',
        params: DatasetIdParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    handle(200, async (req) => {
      requireKey(req);
      const d = await findByDatasetId(ctx, (req.params as { datasetId: string }).datasetId);
      if (!d || d.state === 'deleted' || !canDataset(req.actor, 'read', factsOf(d)))
        throw fail(404, E.DATASET_NOT_FOUND);
      try {
        await deleteDataset(ctx.catalog, req.actor, d.id);
      } catch (e) {
        return refused(e);
      }
      return { datasetId: d.tw.identifier || d.id, deleted: true };
    }),
  );
}
