import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from './ids.ts';

describe('row ids', () => {
  it('are RFC 9562 version-7 UUIDs that carry their creation time', () => {
    const at = Date.UTC(2026, 10, 30, 2, 30);
    const id = newId(at);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(Number.parseInt(id.replace('-', '').slice(0, 12), 16), at);
  });

  it('sort by creation time and never repeat', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newId(1_700_000_000_000 + i));
    assert.deepEqual([...ids].sort(), ids);
    const same = Array.from({ length: 10_000 }, () => newId(1_700_000_000_000));
    assert.equal(new Set(same).size, same.length);
  });
});
