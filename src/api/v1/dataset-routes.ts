import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { diffSnapshots, getActivity, listDatasetActivity } from '../../catalog/activity.ts';
import {
  createDataset,
  deleteDataset,
  getDatasetFor,
  showDataset,
  updateDataset,
} from '../../catalog/dataset-service.ts';
import { notFound } from '../../platform/errors.ts';
import { qualityOf } from '../../quality/index.ts';
import { qualityView } from './quality-schemas.ts';
import { etagOf, expectedRevision } from './revision.ts';
import {
  ActivitySchema,
  type DatasetInputBody,
  DatasetInputSchema,
  DatasetSchema,
  ErrorSchema,
  IdOrName,
} from './schemas.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['datasets'];

/** /api/v1/datasets: create, read, replace, patch, delete, history and diffs. */
export async function datasetRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/datasets',
    {
      schema: {
        tags,
        summary: 'Create a dataset',
        body: DatasetInputSchema,
        response: { 201: DatasetSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { revision: _ignored, ...input } = req.body as DatasetInputBody;
      const d = await createDataset(ctx.catalog, req.actor, input);
      return reply
        .status(201)
        .header('etag', etagOf(d.revision))
        .header('location', `/api/v1/datasets/${d.name}`)
        .send(d);
    },
  );

  app.get(
    '/api/v1/datasets/:id',
    {
      schema: {
        tags,
        summary: 'Read a dataset by id or name',
        params: IdOrName,
        response: { 200: DatasetSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const d = await showDataset(ctx.catalog, req.actor, id);
      const quality = qualityView(await qualityOf(ctx.db, d.id));
      return reply.header('etag', etagOf(d.revision)).send({ ...d, quality });
    },
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/v1/datasets/:id',
      {
        schema: {
          tags,
          summary:
            method === 'put'
              ? 'Replace a dataset (resources kept if omitted)'
              : 'Change some fields of a dataset',
          description:
            'Send If-Match with the revision you read to refuse the write if someone changed it meanwhile.',
          params: IdOrName,
          body: DatasetInputSchema,
          response: { 200: DatasetSchema, ...errors },
        },
      },
      async (req, reply) => {
        const { id } = req.params as { id: string };
        const { revision, ...input } = req.body as DatasetInputBody;
        const d = await updateDataset(ctx.catalog, req.actor, id, input, {
          mode: method === 'put' ? 'replace' : 'patch',
          expectedRevision: expectedRevision(req, revision),
        });
        const quality = qualityView(await qualityOf(ctx.db, d.id));
        return reply.header('etag', etagOf(d.revision)).send({ ...d, quality });
      },
    );
  }

  app.delete(
    '/api/v1/datasets/:id',
    {
      schema: {
        tags,
        summary: 'Delete a dataset (soft)',
        params: IdOrName,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      await deleteDataset(ctx.catalog, req.actor, id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/datasets/:id/activity',
    {
      schema: {
        tags,
        summary: 'Change history of a dataset, newest first',
        params: IdOrName,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 31 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: { 200: Type.Array(ActivitySchema), ...errors },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const q = req.query as { limit?: number; offset?: number };
      const d = await getDatasetFor(ctx.db.kysely, req.actor, id, 'read');
      return listDatasetActivity(ctx.db.kysely, d.id, { limit: q.limit ?? 31, offset: q.offset ?? 0 });
    },
  );

  app.get(
    '/api/v1/datasets/:id/diff',
    {
      schema: {
        tags,
        summary: 'Field-by-field difference between two versions (activity ids) of a dataset',
        params: IdOrName,
        querystring: Type.Object({ from: Type.String(), to: Type.String() }),
        response: {
          200: Type.Array(
            Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() }),
          ),
          ...errors,
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const { from, to } = req.query as { from: string; to: string };
      const d = await getDatasetFor(ctx.db.kysely, req.actor, id, 'read');
      const [a, b] = await Promise.all([getActivity(ctx.db.kysely, from), getActivity(ctx.db.kysely, to)]);
      if (!a || !b || a.objectId !== d.id || b.objectId !== d.id)
        throw notFound('Activity', 'ODP_ACTIVITY_NOT_FOUND');
      return diffSnapshots(a.data, b.data);
    },
  );
}
