import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../../src/catalog/actor.ts';
import { setMember } from '../../src/catalog/group-service.ts';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';
import { testDialects } from '../helpers/test-db.ts';
import { type LocalServer, localServer } from './local-server.ts';

type Pkg = Record<string, unknown> & { id: string; metadata_modified: string };

const FIXTURE = resolve(import.meta.dirname, '../../fixtures/real/ckan/package_search.json');
const ckanNow = () => new Date().toISOString().replace('Z', ''); // CKAN writes UTC without a zone

/** The real first page plus a synthesized second page: two more packages and one without a title. */
function universe(): Pkg[] {
  const real = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { result: { results: Pkg[] } }).result.results;
  const [template] = real;
  assert.ok(template);
  const synth = (n: number): Pkg => ({
    ...template,
    id: `synth-${n}`,
    name: `synthesized-package-${n}`,
    title: `Synthesized package ${n}`,
    metadata_modified: `2019-0${n}-01T00:00:00.000000`,
    resources: [
      { id: `r${n}`, name: 'data', url: `https://example.org/data-${n}.csv`, format: 'CSV', state: 'active' },
    ],
  });
  return [...real, synth(1), synth(2), { ...synth(3), title: '', name: '' }];
}

/** A minimal CKAN package_search: fq metadata_modified range, sort, rows, start, fl. */
function ckanServer(packages: () => Pkg[]): Promise<LocalServer> {
  return localServer((_req, res, url) => {
    if (url.pathname !== '/api/3/action/package_search') return void res.writeHead(404).end();
    let list = [...packages()];
    const fq = url.searchParams.get('fq') ?? '';
    const m = /^metadata_modified:\[(\S+) TO \*\]$/.exec(fq);
    if (fq && !m) return void res.writeHead(400).end('{"success":false}');
    if (m?.[1]) list = list.filter((p) => Date.parse(`${p.metadata_modified}Z`) >= Date.parse(m[1] ?? ''));
    const sort = url.searchParams.get('sort') ?? '';
    if (sort.startsWith('metadata_modified'))
      list.sort((a, b) => a.metadata_modified.localeCompare(b.metadata_modified));
    else list.sort((a, b) => a.id.localeCompare(b.id));
    const start = Number(url.searchParams.get('start') ?? 0);
    const rows = Number(url.searchParams.get('rows') ?? 10);
    const fl = url.searchParams.get('fl')?.split(',');
    const page = list
      .slice(start, start + rows)
      .map((p) => (fl ? Object.fromEntries(fl.map((f) => [f, p[f]])) : p));
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ success: true, result: { count: list.length, results: page } }));
  });
}

interface Report {
  status: string;
  records: number;
  added: number;
  updated: number;
  unchanged: number;
  withdrawn: number;
  errorCount: number;
  errors: { remoteId: string | null; error: string; record: unknown }[];
}

for (const dialect of testDialects) {
  describe(`CKAN harvesting on ${dialect}`, () => {
    let t: TestApp;
    let server: LocalServer;
    let packages = universe();
    let sourceId = '';
    before(async () => {
      t = await createTestApp(dialect);
      server = await ckanServer(() => packages);
    });
    after(async () => {
      await server.close();
      await t.close();
    });
    const admin = () => ({ authorization: t.adminToken });
    const run = async (): Promise<Report> => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/harvest/sources/${sourceId}/run?wait=true`,
        headers: admin(),
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Report;
    };
    const dataset = (name: string) =>
      t.app
        .inject({ url: `/api/v1/datasets/${name}`, headers: admin() })
        .then((r) => r.json() as Record<string, unknown>);

    it('only sysadmins manage sources', async () => {
      const user = await userWithToken(t.ctx, 'someone');
      const payload = { name: 'birmingham', url: server.url, type: 'ckan', scheduleHours: 6 };
      for (const headers of [{}, { authorization: user.token }]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/harvest/sources', headers, payload });
        assert.equal(res.statusCode, 403);
      }
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/harvest/sources',
        headers: admin(),
        payload: { ...payload, url: 'file:///etc/passwd' },
      });
      assert.equal(bad.statusCode, 409, 'only http(s) sources over the API (a validation error)');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/harvest/sources',
        headers: admin(),
        payload,
      });
      assert.equal(res.statusCode, 201, res.body);
      sourceId = (res.json() as { id: string }).id;
      const job = await t.ctx.db.kysely
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'harvest.run')
        .executeTakeFirstOrThrow();
      assert.equal(Number(job.every_ms), 6 * 3_600_000, 'a recurring harvest.run job every 6 hours');
    });

    it('first run: every package lands, the bad one is reported with its record', async () => {
      const r = await run();
      assert.equal(r.status, 'succeeded');
      assert.equal(r.records, 13);
      assert.equal(r.added, 12);
      assert.equal(r.errorCount, 1);
      assert.equal(r.errors[0]?.error, 'package has no title');
      assert.match(JSON.stringify(r.errors[0]?.record), /synth-3/);
      assert.ok(!server.requests.some((u) => u.includes('fq=')), 'first run is a full harvest');
      const d = await dataset('purchase-card-transactions');
      assert.equal(d.title, 'Purchase Card Transactions');
      assert.equal((d.resources as unknown[]).length, 45);
      assert.deepEqual(d.harvestSource, {
        sourceId,
        url: server.url,
        remoteId: 'cf552d08-cee9-43bf-8c0f-3196a9311799',
      });
    });

    it("harvested datasets are read-only for the agency's own editors", async () => {
      const d = await dataset('purchase-card-transactions');
      const editor = await userWithToken(t.ctx, 'editor');
      await setMember(t.ctx.catalog, SYSTEM_ACTOR, String(d.ownerOrg), editor.id, 'editor');
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/datasets/purchase-card-transactions',
        headers: { authorization: editor.token },
        payload: { title: 'edited locally' },
      });
      assert.equal(res.statusCode, 403);
    });

    it('second run is incremental: asks for packages modified since the last run, updates and withdraws', async () => {
      const before = server.requests.length;
      packages = packages
        .filter((p) => p.id !== 'synth-2')
        .map((p) =>
          p.id === 'synth-1'
            ? { ...p, title: 'Synthesized package 1 (revised)', metadata_modified: ckanNow() }
            : p,
        );
      const r = await run();
      const asked = server.requests.slice(before);
      assert.ok(
        asked.some((u) => /fq=metadata_modified%3A%5B\d{4}-\d\d-\d\dT[\d%3A.]+Z\+TO\+\*%5D/.test(u)),
        asked.join('\n'),
      );
      assert.equal(r.records, 1, 'only the changed package was fetched');
      assert.deepEqual([r.added, r.updated, r.unchanged, r.withdrawn, r.errorCount], [0, 1, 0, 1, 0]);
      assert.equal((await dataset('synthesized-package-1')).title, 'Synthesized package 1 (revised)');
      assert.equal((await dataset('synthesized-package-2')).state, 'deleted');
      const anon = await t.app.inject({ url: '/api/v1/datasets/synthesized-package-2' });
      assert.equal(anon.statusCode, 403, 'withdrawn datasets are gone for the public');
    });

    it('a package that comes back is restored, and the run is listed with its report', async () => {
      const back = universe().find((p) => p.id === 'synth-2');
      assert.ok(back);
      packages = [...packages, { ...back, metadata_modified: ckanNow() }];
      const r = await run();
      assert.deepEqual([r.added, r.updated, r.withdrawn], [0, 1, 0]);
      assert.equal((await dataset('synthesized-package-2')).state, 'active');
      const runs = await t.app.inject({ url: `/api/v1/harvest/sources/${sourceId}/runs`, headers: admin() });
      const list = runs.json() as { status: string; report: Report }[];
      assert.equal(list.length, 3);
      assert.equal(list[2]?.report.added, 12, 'oldest run last');
    });
  });
}
