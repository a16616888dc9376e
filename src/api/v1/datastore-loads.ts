/** GET/POST /api/v1/resources/{id}/loads: datastore load history and job status; reload (editors). */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { showResource } from '../../catalog/resource-service.ts';
import { resourceLoads } from '../../datastore/index.ts';
import { isLoadable, scheduleDatastoreLoad } from '../../datastore/load-job.ts';
import { conflict } from '../../platform/errors.ts';
import { writableResource } from './datastore-access.ts';
import { latestLoadJob, presentLoad } from './datastore-presenters.ts';
import { JobSchema, LoadsResponse, ResourceIdParams } from './datastore-schemas.ts';
import { ErrorSchema } from './schemas.ts';

const tags = ['datastore'];
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** Registers the load routes. */
export async function loadRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/resources/:id/loads',
    {
      schema: {
        tags,
        summary:
          'Datastore loads of a resource, newest first (status, progress, errors, findings) and the load job',
        params: ResourceIdParams,
        response: { 200: LoadsResponse, ...errors },
      },
    },
    async (req): Promise<Static<typeof LoadsResponse>> => {
      const resource = await showResource(ctx.catalog, req.actor, (req.params as { id: string }).id);
      const [loads, job] = await Promise.all([
        resourceLoads(ctx.db, resource.id),
        latestLoadJob(ctx, resource.id),
      ]);
      return { resourceId: resource.id, job, loads: loads.map(presentLoad) };
    },
  );

  app.post(
    '/api/v1/resources/:id/loads',
    {
      schema: {
        tags,
        summary: "Queue a (re)load of the resource's file into the datastore (dataset editors)",
        params: ResourceIdParams,
        response: { 202: Type.Object({ resourceId: Type.String(), job: JobSchema }), ...errors },
      },
    },
    async (req, reply) => {
      const resource = await writableResource(ctx, req.actor, (req.params as { id: string }).id);
      if (!resource.url || !isLoadable(resource.format, resource.url)) {
        throw conflict(
          'This resource has no file the datastore can load (CSV, TSV, TXT, XLS, XLSX, ODS, JSON, XML, ZIP)',
          'ODP_DATASTORE_NOT_LOADABLE',
        );
      }
      await scheduleDatastoreLoad(ctx.db.kysely, resource.id);
      const job = await latestLoadJob(ctx, resource.id);
      if (!job) throw new Error('load job was not queued');
      return reply.status(202).send({ resourceId: resource.id, job });
    },
  );
}
