import type { ResourceInput } from '../../../catalog/dataset-input.ts';
import { resourceFileKey, storedFileFields } from '../../../catalog/resource-files.ts';
import {
  createResource,
  deleteResource,
  showResource,
  updateResource,
} from '../../../catalog/resource-service.ts';
import { OdpError } from '../../../platform/errors.ts';
import type { ActionCall, ActionTable } from '../action-types.ts';
import { readResourceDict } from '../package-parser.ts';
import { required } from '../params.ts';
import { resourceDict } from '../presenters/resource-dict.ts';

/** The uploaded file (if any) as resource fields; the blob is moved under the resource's own key if needed. */
async function withUpload(
  call: ActionCall,
  input: ResourceInput,
  resourceId: string,
): Promise<ResourceInput> {
  const { upload, uploadId, ctx } = call;
  if (!upload || !uploadId) return input;
  if (uploadId !== resourceId) {
    // The file was received before the resource id was known (resource_update): store it under its key.
    const key = resourceFileKey(resourceId, upload.fileName);
    await ctx.blobs.put(key, ctx.blobs.get(upload.key));
    await ctx.blobs.delete(upload.key);
    upload.key = key;
  }
  return {
    ...input,
    ...storedFileFields(upload, ctx.config.baseUrl, resourceId),
    name: input.name || upload.fileName,
  };
}

const resourceMissing = () => new OdpError('not_found', 'ODP_RESOURCE_NOT_FOUND', 'Resource was not found.');

async function existing(call: ActionCall, id: string) {
  try {
    return await showResource(call.ctx.catalog, call.actor, id);
  } catch (err) {
    if (err instanceof OdpError && err.kind === 'not_found') throw resourceMissing();
    throw err;
  }
}

async function change(call: ActionCall, mode: 'replace' | 'patch') {
  const id = required(call.data, 'id');
  await existing(call, id);
  const { id: _id, package_id: _pkg, ...rest } = call.data;
  const input = await withUpload(call, readResourceDict(rest), id);
  return resourceDict(await updateResource(call.ctx.catalog, call.actor, id, input, mode));
}

/** Resource actions: show, create (JSON or multipart `upload`), update, patch, delete. */
export const resourceActions: ActionTable = {
  resource_show: {
    sideEffectFree: true,
    doc: 'Return the metadata of a resource.\n\n:param id: the id of the resource\n:rtype: dictionary',
    run: async (call) => resourceDict(await existing(call, required(call.data, 'id'))),
  },
  resource_create: {
    sideEffectFree: false,
    acceptsUpload: true,
    doc: 'Add a resource to a dataset: a link (url) or a file sent as multipart field `upload` (url_type becomes upload, size and hash are set).\n\n:param package_id: the id or name of the dataset\n:rtype: dictionary',
    run: async (call) => {
      const packageId = required(call.data, 'package_id');
      const { package_id: _pkg, id: _id, ...rest } = call.data;
      const resourceId = call.uploadId ?? undefined;
      const base = readResourceDict(rest);
      const input = resourceId ? await withUpload(call, base, resourceId) : base;
      const r = await createResource(call.ctx.catalog, call.actor, packageId, {
        ...input,
        ...(resourceId ? { id: resourceId } : {}),
      });
      return resourceDict(r);
    },
  },
  resource_update: {
    sideEffectFree: false,
    acceptsUpload: true,
    doc: 'Update a resource: fields not given are reset.\n\n:param id: the id of the resource\n:rtype: dictionary',
    run: (call) => change(call, 'replace'),
  },
  resource_patch: {
    sideEffectFree: false,
    acceptsUpload: true,
    doc: 'Patch a resource: only the fields given change.\n\n:param id: the id of the resource\n:rtype: dictionary',
    run: (call) => change(call, 'patch'),
  },
  resource_delete: {
    sideEffectFree: false,
    doc: 'Delete a resource from its dataset.\n\n:param id: the id of the resource',
    run: async (call) => {
      const id = required(call.data, 'id');
      await existing(call, id);
      await deleteResource(call.ctx.catalog, call.actor, id);
      return null;
    },
  },
};
