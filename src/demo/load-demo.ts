import { createReadStream } from 'node:fs';
import { basename, join } from 'node:path';
import { newResourceId } from '../api/uploads.ts';
import type { AppContext } from '../app-context.ts';
import { SYSTEM_ACTOR } from '../catalog/actor.ts';
import { findDatasetId } from '../catalog/dataset-rows.ts';
import { createDataset } from '../catalog/dataset-service.ts';
import { createGroup, findGroup } from '../catalog/group-service.ts';
import { storedFileFields, storeResourceFile } from '../catalog/resource-files.ts';
import { createResource } from '../catalog/resource-service.ts';
import { DEMO_DATASETS, DEMO_ORGS } from './demo-catalog.ts';

/** Where the real government files live in a checkout. */
export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'real');

const MIME: Record<string, string> = {
  CSV: 'text/csv',
  TXT: 'text/plain',
  XML: 'application/xml',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  XLS: 'application/vnd.ms-excel',
};

/** Ids of the resources created, so callers can load them into the datastore. */
export interface DemoResult {
  datasets: number;
  resourceIds: string[];
}

/** Loads the demo catalog (idempotent: existing organizations and datasets are left as they are). */
export async function loadDemo(ctx: AppContext): Promise<DemoResult> {
  for (const org of DEMO_ORGS) {
    if (!(await findGroup(ctx.db.kysely, 'organization', org.name))) {
      await createGroup(ctx.catalog, SYSTEM_ACTOR, 'organization', org);
    }
  }
  const result: DemoResult = { datasets: 0, resourceIds: [] };
  for (const demo of DEMO_DATASETS) {
    const name = demo.dataset.name ?? '';
    if (await findDatasetId(ctx.db.kysely, name)) continue;
    const d = await createDataset(ctx.catalog, SYSTEM_ACTOR, { ...demo.dataset, ownerOrg: demo.org });
    result.datasets += 1;
    for (const f of demo.files) {
      const id = newResourceId();
      const file = await storeResourceFile(
        ctx.blobs,
        id,
        basename(f.path),
        MIME[f.format] ?? 'application/octet-stream',
        createReadStream(join(FIXTURES_DIR, f.path)),
      );
      await createResource(ctx.catalog, SYSTEM_ACTOR, d.id, {
        ...storedFileFields(file, ctx.config.baseUrl, id),
        id,
        name: f.name,
        description: f.description ?? '',
        format: f.format,
        encoding: f.encoding,
      });
      result.resourceIds.push(id);
    }
  }
  return result;
}

/** True when the catalog holds no dataset yet (first start). */
export async function catalogIsEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.kysely.selectFrom('datasets').select('id').limit(1).executeTakeFirst();
  return !row;
}
