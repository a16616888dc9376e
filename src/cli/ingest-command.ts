import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { newResourceId } from '../api/uploads.ts';
import { SYSTEM_ACTOR } from '../catalog/actor.ts';
import { showDataset } from '../catalog/dataset-service.ts';
import { resourceFileKey, storedFileFields, storeResourceFile } from '../catalog/resource-files.ts';
import { createResource, setDatastoreActive } from '../catalog/resource-service.ts';
import { loadResource } from '../datastore/load-service.ts';
import { withContext } from './context.ts';

/** Draws a one-line progress bar on stderr when it is a terminal, else prints every tenth. */
function progressBar(label: string): (f: number) => void {
  let lastTenth = -1;
  return (f) => {
    const pct = Math.round(f * 100);
    if (process.stderr.isTTY) {
      const width = 30;
      const done = Math.round(f * width);
      process.stderr.write(`\r${label} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${pct}%`);
      if (f >= 1) process.stderr.write('\n');
    } else if (Math.floor(pct / 10) !== lastTenth) {
      lastTenth = Math.floor(pct / 10);
      process.stderr.write(`${label} ${pct}%\n`);
    }
  };
}

/** `odp ingest FILE --dataset NAME [--format F] [--encoding E] [--name N]`: adds the file as a resource and loads it. */
export async function ingestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      format: { type: 'string' },
      encoding: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file || !values.dataset) {
    process.stderr.write('usage: odp ingest FILE --dataset NAME [--format F] [--encoding E] [--name N]\n');
    return 2;
  }
  const datasetName = values.dataset;
  await stat(file);
  const summary = await withContext(async (ctx) => {
    const d = await showDataset(ctx.catalog, SYSTEM_ACTOR, datasetName);
    const id = newResourceId();
    const fileName = basename(file);
    const stored = await storeResourceFile(
      ctx.blobs,
      id,
      fileName,
      'application/octet-stream',
      createReadStream(file),
    );
    const format = values.format ?? (/\.([a-z0-9]+)$/i.exec(fileName)?.[1] ?? '').toUpperCase();
    await createResource(ctx.catalog, SYSTEM_ACTOR, d.id, {
      ...storedFileFields(stored, ctx.config.baseUrl, id),
      id,
      name: values.name ?? fileName,
      format,
      encoding: values.encoding ?? '',
    });
    const result = await loadResource(
      ctx.db,
      ctx.blobs,
      {
        resourceId: id,
        sourcePath: ctx.blobs.localPath(resourceFileKey(id, stored.fileName)),
        fileName,
        declaredFormat: values.format,
        declaredEncoding: values.encoding,
      },
      progressBar(fileName),
    );
    await setDatastoreActive(ctx.catalog, id, true);
    return { id, result };
  });
  for (const t of summary.result.tables) {
    const name = t.tableName ? ` ${t.tableName}:` : '';
    process.stdout.write(
      `resource ${summary.id}${name} ${t.rowCount} rows, ${t.schema.columns.length} columns\n`,
    );
  }
  for (const f of summary.result.findings) process.stdout.write(`finding ${f.code}: ${f.message}\n`);
  return 0;
}
