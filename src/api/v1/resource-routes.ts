import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import type { ResourceInput } from '../../catalog/dataset-input.ts';
import { getDatasetFor } from '../../catalog/dataset-service.ts';
import { resourceFileKey, type StoredFile, storedFileFields } from '../../catalog/resource-files.ts';
import {
  createResource,
  deleteResource,
  showResource,
  updateResource,
} from '../../catalog/resource-service.ts';
import type { Resource } from '../../catalog/types.ts';
import { isLoadable, scheduleDatastoreLoad } from '../../datastore/load-job.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newResourceId, receiveMultipart } from '../uploads.ts';
import { expectedRevision } from './revision.ts';
import { ErrorSchema, IdOrName, ResourceInputSchema, ResourceSchema } from './schemas.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema };
const tags = ['resources'];

/** Fields of a resource sent as multipart form fields (strings). */
export function resourceInputFromFields(f: Record<string, string>): ResourceInput {
  const input: ResourceInput = {};
  if (f.name !== undefined) input.name = f.name;
  if (f.description !== undefined) input.description = f.description;
  if (f.url !== undefined) input.url = f.url;
  if (f.format !== undefined) input.format = f.format;
  if (f.encoding !== undefined) input.encoding = f.encoding;
  if (f.record_count ?? f.recordCount) input.recordCount = Number(f.record_count ?? f.recordCount);
  return input;
}

async function readResourceBody(
  req: FastifyRequest,
  ctx: AppContext,
  resourceId: string,
): Promise<{ input: ResourceInput; upload: StoredFile | null }> {
  if (req.isMultipart()) {
    const { fields, upload } = await receiveMultipart(req, ctx.blobs, resourceId);
    const input = resourceInputFromFields(fields);
    if (upload)
      Object.assign(input, storedFileFields(upload, ctx.config.baseUrl, resourceId), {
        name: input.name || upload.fileName,
      });
    return { input, upload };
  }
  // typebox/value (300 modules) loads on the first JSON resource write, not at the server's start.
  const { Value } = await import('typebox/value');
  if (!Value.Check(ResourceInputSchema, req.body)) {
    const first = [...Value.Errors(ResourceInputSchema, req.body)][0];
    throw badRequest(
      `Invalid resource: ${first ? `${first.instancePath || '/'} ${first.message}` : 'expected an object'}`,
    );
  }
  return { input: { ...(req.body as ResourceInput) }, upload: null };
}

/** /api/v1 resources: add (link or upload), read, change, delete, download. */
export async function resourceRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.post(
    '/api/v1/datasets/:id/resources',
    {
      schema: {
        tags,
        summary: 'Add a resource: JSON for a link, or multipart with the file in field `upload`',
        params: IdOrName,
        response: { 201: ResourceSchema, ...errors },
      },
      validatorCompiler: () => (data) => ({ value: data }),
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      await getDatasetFor(ctx.db.kysely, req.actor, id, 'update');
      const resourceId = newResourceId();
      const { input, upload } = await readResourceBody(req, ctx, resourceId);
      try {
        const r = await createResource(
          ctx.catalog,
          req.actor,
          id,
          { ...input, id: resourceId },
          expectedRevision(req),
        );
        if (r.url && isLoadable(r.format, r.url)) await scheduleDatastoreLoad(ctx.db.kysely, r.id);
        return reply.status(201).send(r);
      } catch (err) {
        if (upload) await ctx.blobs.delete(upload.key);
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/resources/:id',
    {
      schema: {
        tags,
        summary: 'Read a resource',
        params: IdOrName,
        response: { 200: ResourceSchema, ...errors },
      },
    },
    async (req) => showResource(ctx.catalog, req.actor, (req.params as { id: string }).id),
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/v1/resources/:id',
      {
        schema: {
          tags,
          summary: method === 'put' ? 'Replace a resource' : 'Change some fields of a resource',
          params: IdOrName,
          body: ResourceInputSchema,
          response: { 200: ResourceSchema, ...errors },
        },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        return updateResource(
          ctx.catalog,
          req.actor,
          id,
          req.body as ResourceInput,
          method === 'put' ? 'replace' : 'patch',
          expectedRevision(req),
        );
      },
    );
  }

  app.delete(
    '/api/v1/resources/:id',
    {
      schema: {
        tags,
        summary: 'Delete a resource',
        params: IdOrName,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      await deleteResource(ctx.catalog, req.actor, (req.params as { id: string }).id);
      return reply.status(204).send();
    },
  );

  const download = async (req: FastifyRequest, reply: FastifyReply) => {
    const r: Resource = await showResource(ctx.catalog, req.actor, (req.params as { id: string }).id);
    if (r.urlType !== 'upload') return reply.redirect(r.url, 302);
    const fileName = decodeURIComponent(r.url.split('/').pop() ?? 'file');
    const key = resourceFileKey(r.id, fileName);
    const size = await ctx.blobs.size(key);
    if (size === null) throw notFound('File', 'ODP_FILE_NOT_FOUND');
    return reply
      .header('content-type', r.mimetype || 'application/octet-stream')
      .header('content-length', size)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .send(ctx.blobs.get(key));
  };
  const dlSchema = {
    tags,
    summary: 'Download the file of an uploaded resource (links redirect)',
    hide: false,
  };
  app.get('/api/v1/resources/:id/download', { schema: { ...dlSchema, params: IdOrName } }, download);
  app.get(
    '/api/v1/resources/:id/download/:file',
    { schema: { ...dlSchema, params: Type.Object({ id: Type.String(), file: Type.String() }) } },
    download,
  );
}
