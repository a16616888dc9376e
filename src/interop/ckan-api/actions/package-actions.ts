import { findDatasetId, listPublicDatasetNames } from '../../../catalog/dataset-rows.ts';
import {
  createDataset,
  deleteDataset,
  purgeDataset,
  showDataset,
  updateDataset,
} from '../../../catalog/dataset-service.ts';
import { OdpError } from '../../../platform/errors.ts';
import type { ActionCall, ActionTable } from '../action-types.ts';
import { readPackageDict } from '../package-parser.ts';
import { optBool, optNatural, optString, required } from '../params.ts';
import { packageDicts } from '../presenters/package-dict.ts';

/** The package dict of one dataset the actor may read. */
export async function showPackage(call: ActionCall, idOrName: string): Promise<Record<string, unknown>> {
  const d = await showDataset(call.ctx.catalog, call.actor, idOrName);
  const [dict] = await packageDicts(call.ctx.db.kysely, [d]);
  return dict ?? {};
}

/** package_update / package_patch target: `id` or `name` (CKAN: "Package was not found."). */
async function targetOf(call: ActionCall): Promise<string> {
  const ref = optString(call.data, 'id') || optString(call.data, 'name');
  const id = ref ? await findDatasetId(call.ctx.db.kysely, ref) : null;
  if (!id) throw new OdpError('not_found', 'ODP_DATASET_NOT_FOUND', 'Package was not found.');
  return id;
}

async function update(call: ActionCall, mode: 'replace' | 'patch') {
  const id = await targetOf(call);
  const { id: _ignored, ...data } = call.data;
  const input = readPackageDict(data, { allowId: false });
  const d = await updateDataset(call.ctx.catalog, call.actor, id, input, { mode });
  const [dict] = await packageDicts(call.ctx.db.kysely, [d]);
  return dict;
}

/** Dataset actions: list, show, create, update, patch, delete, purge. */
export const packageActions: ActionTable = {
  package_list: {
    sideEffectFree: true,
    doc: "Return a list of the names of the site's public datasets (packages), by name.\n\n:param limit: (optional)\n:param offset: (optional)\n:rtype: list of strings",
    run: async ({ ctx, data }) =>
      listPublicDatasetNames(ctx.db.kysely, {
        limit: optNatural(data, 'limit'),
        offset: optNatural(data, 'offset'),
      }),
  },
  package_show: {
    sideEffectFree: true,
    doc: 'Return the metadata of a dataset (package) and its resources.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    run: async (call) => {
      const ref = optString(call.data, 'id') || required(call.data, 'name_or_id');
      return showPackage(call, ref);
    },
  },
  package_create: {
    sideEffectFree: false,
    doc: 'Create a new dataset (package). Organization editors and admins may create datasets in their organization.\n\n:param name: the name of the new dataset (2-100 lowercase alphanumeric characters, - and _)\n:param owner_org: the id or name of the owning organization\n:rtype: dictionary (or the id with return_id_only)',
    run: async (call) => {
      const input = readPackageDict(call.data, { allowId: call.actor.sysadmin });
      const d = await createDataset(call.ctx.catalog, call.actor, input);
      if (optBool(call.data, 'return_id_only')) return d.id;
      const [dict] = await packageDicts(call.ctx.db.kysely, [d]);
      return dict;
    },
  },
  package_update: {
    sideEffectFree: false,
    doc: 'Update a dataset (package): fields not given are reset, except resources, which are kept when the key is absent.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    run: (call) => update(call, 'replace'),
  },
  package_patch: {
    sideEffectFree: false,
    doc: 'Patch a dataset (package): only the fields given change.\n\n:param id: the id or name of the dataset\n:rtype: dictionary',
    run: (call) => update(call, 'patch'),
  },
  package_delete: {
    sideEffectFree: false,
    doc: 'Delete a dataset (package): its state becomes deleted; it stays readable by its editors.\n\n:param id: the id or name of the dataset',
    run: async (call) => {
      await deleteDataset(call.ctx.catalog, call.actor, required(call.data, 'id'));
      return null;
    },
  },
  dataset_purge: {
    sideEffectFree: false,
    doc: 'Purge a dataset for good (sysadmins only).\n\n:param id: the id or name of the dataset',
    run: async (call) => {
      await purgeDataset(call.ctx.catalog, call.actor, required(call.data, 'id'));
      return null;
    },
  },
};
