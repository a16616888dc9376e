/** Sysadmin-only management of harvest sources: create, list, read, change, delete, run, list runs. */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { findGroup } from '../../catalog/group-service.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { queueRun, runSourceNow, scheduleSource, unscheduleSource } from '../harvester/schedule.ts';
import {
  createSource,
  deleteSource,
  getSource,
  type HarvestSourceInput,
  listRuns,
  listSources,
  SOURCE_TYPES,
  updateSource,
} from '../harvester/sources.ts';

const Str = Type.String();
const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Str,
    message: Str,
    fields: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  }),
});
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const SourceSchema = Type.Object({
  id: Str,
  name: Str,
  url: Str,
  type: Str,
  organization: Type.Union([Str, Type.Null()]),
  scheduleHours: Type.Integer(),
  state: Str,
  lastRunAt: Type.Union([Str, Type.Null()]),
  lastStatus: Str,
  created: Str,
  modified: Str,
});
const SourceInput = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    url: Type.Optional(Type.String({ maxLength: 2000 })),
    type: Type.Optional(Type.Union(SOURCE_TYPES.map((t) => Type.Literal(t)))),
    organization: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    scheduleHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 8784 })),
    state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false },
);
const ReportSchema = Type.Record(Type.String(), Type.Unknown());
const RunSchema = Type.Object({
  id: Str,
  sourceId: Str,
  startedAt: Str,
  finishedAt: Type.Union([Str, Type.Null()]),
  status: Str,
  report: Type.Unknown(),
});
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const tags = ['harvest'];

function sysadminOnly(req: FastifyRequest): void {
  if (!req.actor.sysadmin) throw forbidden('Only sysadmins manage harvest sources');
}

async function withOrgId(db: Queryable, input: HarvestSourceInput): Promise<HarvestSourceInput> {
  if (!input.organization) return input;
  const org = await findGroup(db, 'organization', input.organization);
  if (org?.state !== 'active') throw invalid({ organization: ['Organization does not exist'] });
  return { ...input, organization: org.id };
}

/** /api/v1/harvest/sources routes. */
export function harvestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.db.kysely;

  app.get(
    '/api/v1/harvest/sources',
    {
      schema: {
        tags,
        summary: 'List harvest sources',
        response: { 200: Type.Array(SourceSchema), ...errors },
      },
    },
    async (req) => {
      sysadminOnly(req);
      return listSources(db);
    },
  );

  app.post(
    '/api/v1/harvest/sources',
    {
      schema: {
        tags,
        summary: 'Add a harvest source',
        body: SourceInput,
        response: { 201: SourceSchema, ...errors },
      },
    },
    async (req, reply) => {
      sysadminOnly(req);
      const source = await createSource(db, await withOrgId(db, req.body as HarvestSourceInput));
      await scheduleSource(ctx, source);
      return reply.status(201).send(source);
    },
  );

  app.get(
    '/api/v1/harvest/sources/:id',
    {
      schema: {
        tags,
        summary: 'Read a harvest source',
        params: IdParams,
        response: { 200: SourceSchema, ...errors },
      },
    },
    async (req) => {
      sysadminOnly(req);
      return getSource(db, (req.params as { id: string }).id);
    },
  );

  app.patch(
    '/api/v1/harvest/sources/:id',
    {
      schema: {
        tags,
        summary: 'Change a harvest source (its schedule is re-armed)',
        params: IdParams,
        body: SourceInput,
        response: { 200: SourceSchema, ...errors },
      },
    },
    async (req) => {
      sysadminOnly(req);
      const source = await updateSource(
        db,
        (req.params as { id: string }).id,
        await withOrgId(db, req.body as HarvestSourceInput),
      );
      await scheduleSource(ctx, source);
      return source;
    },
  );

  app.delete(
    '/api/v1/harvest/sources/:id',
    {
      schema: {
        tags,
        summary: 'Delete a harvest source (its datasets stay)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      sysadminOnly(req);
      const source = await getSource(db, (req.params as { id: string }).id);
      await unscheduleSource(ctx, source.id);
      await deleteSource(db, source.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/harvest/sources/:id/run',
    {
      schema: {
        tags,
        summary: 'Harvest a source now: queued (202), or inline with ?wait=true (200 with the report)',
        params: IdParams,
        querystring: Type.Object({ wait: Type.Optional(Type.Boolean()) }),
        response: { 200: ReportSchema, 202: Type.Object({ jobId: Str }), ...errors },
      },
    },
    async (req, reply) => {
      sysadminOnly(req);
      const source = await getSource(db, (req.params as { id: string }).id);
      if ((req.query as { wait?: boolean }).wait) return runSourceNow(ctx, source);
      const job = await queueRun(ctx, source);
      return reply.status(202).send({ jobId: job.id });
    },
  );

  app.get(
    '/api/v1/harvest/sources/:id/runs',
    {
      schema: {
        tags,
        summary: 'Recent runs of a source with their reports, newest first',
        params: IdParams,
        response: { 200: Type.Array(RunSchema), ...errors },
      },
    },
    async (req) => {
      sysadminOnly(req);
      const source = await getSource(db, (req.params as { id: string }).id);
      return listRuns(db, source.id);
    },
  );
}
