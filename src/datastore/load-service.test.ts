import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createTestDb, testDialects } from '../../test/helpers/test-db.ts';
import { localBlobStore } from '../platform/blobs.ts';
import { INTERRUPTED, loadResource } from './load-service.ts';
import { queryParquet } from './test-helpers.ts';
import { currentTables, resourceLoads } from './versions.ts';

const real = join(import.meta.dirname, '../../fixtures/real');

for (const dialect of testDialects) {
  describe(`datastore loads on ${dialect}`, () => {
    it('serves a new version after a reload and removes the old version files', async () => {
      const t = await createTestDb(dialect);
      try {
        const blobs = localBlobStore(join(t.dir, 'blobs'));
        const first = await loadResource(t.db, blobs, {
          resourceId: 'r1',
          sourcePath: join(real, 'realprice/a_lvr_land_a.csv'),
          fileName: 'a_lvr_land_a.csv',
          declaredEncoding: 'BIG-5',
        });
        assert.equal(first.version, 1);
        assert.ok(first.findings.some((f) => f.code === 'ENCODING_MISMATCH'));
        const v1 = await currentTables(t.db, 'r1');
        assert.equal(v1.length, 1);
        assert.equal(v1[0]?.parquetKey, 'datastore/r1/1/1.parquet');
        assert.equal(v1[0]?.rowCount, 289);
        const second = await loadResource(t.db, blobs, {
          resourceId: 'r1',
          sourcePath: join(real, 'realprice/b_lvr_land_a.csv'),
          fileName: 'b_lvr_land_a.csv',
        });
        assert.equal(second.version, 2);
        const v2 = await currentTables(t.db, 'r1');
        assert.deepEqual(
          v2.map((x) => [x.parquetKey, x.rowCount]),
          [['datastore/r1/2/1.parquet', 1210]],
        );
        assert.equal(await blobs.size('datastore/r1/1/1.parquet'), null);
        const [n] = await queryParquet(
          blobs.localPath(v2[0]!.parquetKey),
          'SELECT count(*)::INTEGER AS n FROM t',
        );
        assert.equal(n?.n, 1210);
        const loads = await resourceLoads(t.db, 'r1');
        assert.deepEqual(
          loads.map((l) => [l.version, l.status, l.progress]),
          [
            [2, 'done', 1],
            [1, 'done', 1],
          ],
        );
      } finally {
        await t.dispose();
      }
    });

    it('a failed load keeps the previous version serving and records the error', async () => {
      const t = await createTestDb(dialect);
      try {
        const blobs = localBlobStore(join(t.dir, 'blobs'));
        await loadResource(t.db, blobs, {
          resourceId: 'r2',
          sourcePath: join(real, 'moe/input205.txt'),
          fileName: 'input205.txt',
        });
        const bad = join(t.dir, 'bad.csv');
        writeFileSync(
          bad,
          Buffer.concat([Buffer.from('a,b\n1,2\n'), Buffer.from([0xff, 0xff, 0xff]), Buffer.from('\n')]),
        );
        await assert.rejects(
          loadResource(t.db, blobs, { resourceId: 'r2', sourcePath: bad, fileName: 'bad.csv' }),
          /byte offset 8/,
        );
        const serving = await currentTables(t.db, 'r2');
        assert.equal(serving[0]?.version, 1);
        assert.equal(serving[0]?.rowCount, 6407);
        assert.ok(existsSync(blobs.localPath(serving[0]!.parquetKey)));
        assert.equal(await blobs.size('datastore/r2/2/1.parquet'), null);
        const [failed] = await resourceLoads(t.db, 'r2');
        assert.equal(failed?.status, 'failed');
        assert.match(failed?.error ?? '', /byte offset 8 \(encodings tried: utf-8, big5/);
      } finally {
        await t.dispose();
      }
    });
  });
}

describe('a load killed mid-way (child process)', () => {
  it('leaves the previous version serving and is marked failed, retryable, on the next run', async () => {
    const t = await createTestDb('sqlite');
    try {
      const blobRoot = join(t.dir, 'blobs');
      const blobs = localBlobStore(blobRoot);
      await loadResource(t.db, blobs, {
        resourceId: 'r3',
        sourcePath: join(real, 'realprice/a_lvr_land_a.csv'),
        fileName: 'a.csv',
      });
      const big = join(t.dir, 'big.csv');
      const line = '中正區,房地(土地+建物),臺北市中正區汀州路三段211~240號,6.01,1080630,7490000\n';
      writeFileSync(big, `鄉鎮市區,交易標的,門牌,面積,交易年月日,總價元\n${line.repeat(400_000)}`);
      const child = spawn(
        process.execPath,
        [join(import.meta.dirname, 'crash-child.ts'), join(t.dir, 'odp.sqlite'), blobRoot, 'r3', big],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const killed = await new Promise<boolean>((resolve) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const m = /progress (0\.[2-9]\d*)/.exec(buf);
          if (m && !child.killed) child.kill('SIGKILL');
          if (buf.includes('finished')) resolve(false);
        });
        child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'));
      });
      assert.equal(killed, true, 'the child was killed mid-load');
      const serving = await currentTables(t.db, 'r3');
      assert.deepEqual(
        serving.map((s) => [s.version, s.rowCount]),
        [[1, 289]],
      );
      assert.ok(existsSync(blobs.localPath(serving[0]!.parquetKey)));
      const [stale] = await resourceLoads(t.db, 'r3');
      assert.equal(stale?.status, 'running');
      // The next run recovers the interrupted load as failed and loads again.
      const retry = await loadResource(t.db, blobs, {
        resourceId: 'r3',
        sourcePath: big,
        fileName: 'big.csv',
      });
      const loads = await resourceLoads(t.db, 'r3');
      assert.deepEqual(
        loads.map((l) => [l.version, l.status, l.attempts]),
        [
          [3, 'done', 2],
          [2, 'failed', 1],
          [1, 'done', 1],
        ],
      );
      assert.equal(loads[1]?.error, INTERRUPTED);
      assert.equal(retry.tables[0]?.rowCount, 400_000);
      assert.equal(await blobs.size('datastore/r3/1/1.parquet'), null);
    } finally {
      await t.dispose();
    }
  });
});
