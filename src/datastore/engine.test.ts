import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OdpError } from '../platform/errors.ts';
import { createDatastoreEngine } from './engine.ts';
import { createGate } from './engine-gate.ts';

describe('datastore engine lifecycle', () => {
  test('many concurrent queries all complete, never more than the gate admits at once', async () => {
    const gate = createGate(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        gate.run(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
        }),
      ),
    );
    assert.equal(peak, 2);

    const engine = await createDatastoreEngine({ threads: 1, maxConcurrent: 2 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        engine.query('SELECT sum(x) FROM range($1::BIGINT) t(x)', [i * 1000]),
      ),
    );
    assert.deepEqual(
      results.map((r) => Number(r.rows[0]?.[0] ?? 0)),
      Array.from({ length: 20 }, (_, i) => (i === 0 ? 0 : (i * 1000 * (i * 1000 - 1)) / 2)),
    );
    await engine.close();
  });

  test('close waits for running work, then refuses new queries', async () => {
    const engine = await createDatastoreEngine({ threads: 1 });
    const running = engine.query('SELECT count(*) FROM range(3000000)');
    await engine.close();
    assert.equal(Number((await running).rows[0]?.[0]), 3000000);
    await assert.rejects(
      engine.query('SELECT 1'),
      (err: unknown) => err instanceof OdpError && err.code === 'ODP_ENGINE_CLOSED',
    );
  });

  test('a query past the timeout is interrupted', async () => {
    const engine = await createDatastoreEngine({ threads: 1, timeoutMs: 200 });
    const started = performance.now();
    await assert.rejects(
      engine.query('SELECT count(*) FROM range(100000000000) a'),
      (err: unknown) => err instanceof OdpError && err.code === 'ODP_QUERY_TIMEOUT',
    );
    assert.ok(performance.now() - started < 3000);
    await engine.close();
  });

  test('a stream stopped early releases its slot', async () => {
    const engine = await createDatastoreEngine({ threads: 1, maxConcurrentStreams: 1 });
    for (let i = 0; i < 3; i += 1) {
      for await (const chunk of engine.stream('SELECT * FROM range(100000)')) {
        assert.ok(chunk.length > 0);
        break;
      }
    }
    await engine.close();
  });
});
