import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createToken, createUser } from '../../src/platform/auth/users.ts';
import { odpScope, serving, testPort, withStore } from '../helpers/odp-process.ts';

type Answer = {
  status: number;
  body: { success: boolean; result?: Record<string, unknown>; error?: unknown };
};

async function action(port: number, token: string, name: string, body: object): Promise<Answer> {
  const r = await fetch(`http://127.0.0.1:${port}/api/3/action/${name}`, {
    method: 'POST',
    headers: { authorization: token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Answer['body'] };
}

// Two web nodes over one store, writing the same datastore table at once: every write lands or is refused
// with a 409 the client can retry; none is silently dropped by the other node's swap.
describe('datastore writes from two server processes on one store', () => {
  const scope = odpScope('odp-two-');

  it('upserts sent to both at the same time all end up in the table', async () => {
    const token = await withStore(scope.dataDir, async (ctx) => {
      const admin = await createUser(ctx.db.kysely, { name: 'admin', sysadmin: true });
      return (await createToken(ctx.db.kysely, admin.id, 'test')).token;
    });
    const a = testPort();
    const b = a + 1;
    for (const port of [a, b]) scope.start(['serve'], { PORT: String(port), ODP_JOB_WORKERS: '0' });
    await Promise.all([serving(a), serving(b)]);

    assert.equal((await action(a, token, 'package_create', { name: 'shared-table' })).status, 200);
    const created = await action(a, token, 'datastore_create', {
      resource: { package_id: 'shared-table', name: 'rows' },
      fields: [
        { id: 'key', type: 'text' },
        { id: 'node', type: 'text' },
      ],
      primary_key: 'key',
      records: [],
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const resourceId = String(created.body.result?.resource_id);

    let refused = 0;
    const writer = async (port: number, node: string): Promise<void> => {
      for (let i = 0; i < 6; i++) {
        const record = { key: `${node}-${i}`, node };
        for (let attempt = 0; ; attempt++) {
          const r = await action(port, token, 'datastore_upsert', {
            resource_id: resourceId,
            records: [record],
            method: 'upsert',
          });
          if (r.status === 200) break;
          assert.equal(r.status, 409, JSON.stringify(r.body));
          refused++;
          assert.ok(attempt < 50, `${record.key} kept being refused`);
          await new Promise((res) => setTimeout(res, 20 + Math.random() * 40));
        }
      }
    };
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);

    const found = await action(b, token, 'datastore_search', { resource_id: resourceId, limit: 100 });
    assert.equal(found.status, 200);
    const records = (found.body.result?.records ?? []) as { key: string }[];
    const keys = records.map((r) => r.key).sort();
    const expected = ['a', 'b'].flatMap((n) => Array.from({ length: 6 }, (_, i) => `${n}-${i}`)).sort();
    assert.deepEqual(keys, expected, `refused and retried: ${refused}`);
  });
});
