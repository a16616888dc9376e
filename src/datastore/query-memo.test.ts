import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoCount } from './query-memo.ts';

test('a total is counted once per table, WHERE and values; failures are counted again', async () => {
  const engine = {};
  let runs = 0;
  const count = (n: number) => async () => {
    runs += 1;
    return n;
  };
  assert.equal(await memoCount(engine, '/a.parquet', 'WHERE c1 = $1', ['臺北市'], count(5)), 5);
  assert.equal(await memoCount(engine, '/a.parquet', 'WHERE c1 = $1', ['臺北市'], count(99)), 5);
  assert.equal(runs, 1);
  assert.equal(await memoCount(engine, '/a.parquet', 'WHERE c1 = $1', ['新北市'], count(7)), 7);
  assert.equal(await memoCount(engine, '/b.parquet', 'WHERE c1 = $1', ['臺北市'], count(8)), 8);
  assert.equal(await memoCount({}, '/a.parquet', 'WHERE c1 = $1', ['臺北市'], count(9)), 9, 'per engine');
  assert.equal(runs, 4);

  const failing = async (): Promise<number> => {
    runs += 1;
    throw new Error('interrupted');
  };
  await assert.rejects(memoCount(engine, '/a.parquet', 'WHERE c2 = $1', [1n], failing));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await memoCount(engine, '/a.parquet', 'WHERE c2 = $1', [1n], count(3)), 3);
  assert.equal(runs, 6);
});
