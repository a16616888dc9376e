import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTestDb, testDialects } from '../../test/helpers/test-db.ts';
import { localBlobStore } from '../platform/blobs.ts';
import { OdpError } from '../platform/errors.ts';
import type { TableSchema } from './table-schema.ts';
import { currentTables, failVersion, publishVersion, startVersion, VERSION_MOVED } from './versions.ts';

const schema = (rowCount: number): TableSchema => ({
  name: '',
  columns: [],
  rowCount,
  notes: [],
  subtotalColumn: null,
  encoding: 'utf-8',
  format: 'csv',
});

for (const dialect of testDialects) {
  describe(`datastore versions on ${dialect}`, () => {
    it('a write based on a version another writer replaced is refused and changes nothing', async () => {
      const t = await createTestDb(dialect);
      try {
        const blobs = localBlobStore(join(t.dir, 'blobs'));
        const file = join(t.dir, 'table.parquet');
        writeFileSync(file, 'parquet bytes');
        const publish = async (rows: number, basedOn: number | null | undefined) => {
          const pending = await startVersion(t.db, 'r1');
          try {
            await publishVersion(
              t.db,
              blobs,
              pending,
              [{ parquetPath: file, schema: schema(rows) }],
              [],
              basedOn,
            );
          } catch (err) {
            await failVersion(t.db, blobs, pending, err);
            throw err;
          }
          return pending.version;
        };
        const servingRows = async () => (await currentTables(t.db, 'r1')).map((s) => [s.version, s.rowCount]);

        assert.equal(await publish(1, null), 1);
        // Two writers both read version 1; the second to publish must not drop the first one's rows.
        const first = await startVersion(t.db, 'r1');
        const second = await startVersion(t.db, 'r1');
        await publishVersion(t.db, blobs, first, [{ parquetPath: file, schema: schema(2) }], [], 1);
        await assert.rejects(
          publishVersion(t.db, blobs, second, [{ parquetPath: file, schema: schema(3) }], [], 1),
          (err) => err instanceof OdpError && err.code === VERSION_MOVED && err.status === 409,
        );
        await failVersion(t.db, blobs, second, new Error('moved'));
        assert.deepEqual(await servingRows(), [[first.version, 2]]);
        // A first table is refused too when another writer created one meanwhile.
        await assert.rejects(
          publish(4, null),
          (err) => err instanceof OdpError && err.code === VERSION_MOVED,
        );
        // The loader replaces whatever is there (no version given); a write based on the newest goes through.
        const loaded = await publish(5, undefined);
        assert.equal(await publish(6, loaded), loaded + 1);
        assert.deepEqual(await servingRows(), [[loaded + 1, 6]]);
      } finally {
        await t.dispose();
      }
    });

    it('writers starting at the same moment get distinct version numbers (so distinct file prefixes)', async () => {
      const t = await createTestDb(dialect);
      try {
        const started = await Promise.all(Array.from({ length: 8 }, () => startVersion(t.db, 'r2')));
        assert.deepEqual(
          started.map((p) => p.version).sort((a, b) => a - b),
          [1, 2, 3, 4, 5, 6, 7, 8],
        );
        assert.equal(new Set(started.map((p) => p.prefix)).size, 8);
      } finally {
        await t.dispose();
      }
    });
  });
}
