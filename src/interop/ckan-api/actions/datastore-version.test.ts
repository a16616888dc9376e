import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VERSION_MOVED } from '../../../datastore/index.ts';
import { conflict, OdpError } from '../../../platform/errors.ts';
import { serialized } from './datastore-version.ts';

const moved = () => conflict('moved', VERSION_MOVED);

describe('datastore writes of one resource', () => {
  it('run one after another, and a write another process published over runs again', async () => {
    const order: string[] = [];
    let tries = 0;
    const first = serialized('r1', async () => {
      tries++;
      order.push(`first try ${tries}`);
      if (tries === 1) throw moved();
      return 'first done';
    });
    const second = serialized('r1', async () => {
      order.push('second');
      return 'second done';
    });
    assert.deepEqual(await Promise.all([first, second]), ['first done', 'second done']);
    assert.deepEqual(order, ['first try 1', 'first try 2', 'second']);
  });

  it('give up with the conflict after three tries, and never retry other errors', async () => {
    let tries = 0;
    await assert.rejects(
      serialized('r2', async () => {
        tries++;
        throw moved();
      }),
      (err) => err instanceof OdpError && err.code === VERSION_MOVED && err.status === 409,
    );
    assert.equal(tries, 3);
    let other = 0;
    await assert.rejects(
      serialized('r2', async () => {
        other++;
        throw conflict('busy', 'ODP_DATASTORE_BUSY');
      }),
      /busy/,
    );
    assert.equal(other, 1);
  });
});
