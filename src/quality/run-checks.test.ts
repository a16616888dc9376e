import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { insertDataset, insertOrg, makeDataset, makeResource } from '../../test/helpers/quality-data.ts';
import { createTestDb, testDialects } from '../../test/helpers/test-db.ts';
import type { TableSchema } from '../datastore/table-schema.ts';
import type { Db } from '../platform/db/database.ts';
import { qualityHistory, qualityOf } from './quality-store.ts';
import { type QualityDeps, runQualityChecks } from './run-checks.ts';

const fixture = (p: string): Buffer => readFileSync(join(import.meta.dirname, '../../fixtures/real', p));
const income = fixture('income/106_165-9.csv');
const yilanBig5 = fixture('catalog/yilan.2018.03.20.OpenData.csv');

/** The real header and row count of the income file, as the datastore would report them. */
function incomeTable(): TableSchema {
  const lines = income
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const labels = (lines[0] ?? '').split(',').map((s) => s.replace(/^"\uFEFF?|"$/g, ''));
  return {
    name: '',
    columns: labels.map((label, i) => ({
      id: `c${i}`,
      label,
      code: '',
      type: 'text',
      derivedFrom: null,
      note: '',
    })),
    rowCount: lines.length - 1,
    notes: [],
    subtotalColumn: null,
    encoding: 'utf-8',
    format: 'csv',
  };
}

let server: http.Server;
let base = '';

before(async () => {
  server = http.createServer((req, res) => {
    const send = (type: string, body: Buffer | string) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (req.url === '/income.csv') send('text/csv; charset=utf-8', income);
    else if (req.url === '/yilan.csv') send('text/csv', yilanBig5);
    else if (req.url === '/as-html.csv') send('text/html', income.subarray(0, 20_000));
    else if (req.url === '/moved') {
      res.writeHead(301, { location: '/income.csv' });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not found</html>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const NOW = new Date('2026-11-15T00:00:00.000Z');

function deps(tables: Record<string, TableSchema[]> = {}): QualityDeps {
  return {
    fetch: { allowLoopback: true, timeoutMs: 5000 },
    now: () => NOW,
    tables: async (r) => tables[r.url] ?? null,
  };
}

async function seed(
  db: Db,
  over: Parameters<typeof makeDataset>[0],
  tw: Parameters<typeof makeDataset>[1] = {},
) {
  const org = await insertOrg(db, `org-${Math.random().toString(36).slice(2, 8)}`);
  return insertDataset(db, makeDataset({ ownerOrg: org, ...over }, tw));
}

for (const dialect of testDialects) {
  describe(`quality checks on ${dialect}`, () => {
    it('a complete, correct, fresh, standard-following CSV dataset earns platinum and 3 stars', async () => {
      const t = await createTestDb(dialect);
      try {
        const url = `${base}/moved`;
        const table = incomeTable();
        const d = await seed(t.db, {
          extras: { conforms_to: 'https://data.gov.tw/standards/income' },
          resources: [
            makeResource({ url, recordCount: table.rowCount, lastModified: '2026-10-01T00:00:00.000Z' }),
          ],
        });
        const report = await runQualityChecks(t.db, d.id, deps({ [url]: [table] }));
        assert.deepEqual(report.failedCriteria, []);
        assert.equal(report.mark, 'platinum');
        assert.equal(report.stars, 3);
        assert.deepEqual(report.resources[0]?.link.redirects, [`${base}/income.csv`]);
        const summary = await qualityOf(t.db, d.id);
        assert.equal(summary?.mark, 'platinum');
        assert.equal(summary?.stars, 3);
      } finally {
        await t.dispose();
      }
    });

    it('a broken link scores 0 stars, no mark, and says how to fix it in both languages', async () => {
      const t = await createTestDb(dialect);
      try {
        const d = await seed(t.db, { resources: [makeResource({ url: `${base}/gone.csv` })] });
        const report = await runQualityChecks(t.db, d.id, deps());
        assert.equal(report.stars, 0);
        assert.equal(report.mark, 'none');
        const link = report.failedCriteria.find((c) => c.id === 'links_work');
        assert.match(link?.detail.en ?? '', /HTTP 404/);
        assert.match(link?.fix.zh ?? '', /下載連結/);
        assert.match(link?.fix.en ?? '', /broken download links/);
        assert.equal((await qualityOf(t.db, d.id))?.brokenLinks, 1);
      } finally {
        await t.dispose();
      }
    });

    it('links to private addresses are refused unless loopback is explicitly allowed', async () => {
      const t = await createTestDb(dialect);
      try {
        const d = await seed(t.db, { resources: [makeResource({ url: `${base}/income.csv` })] });
        const report = await runQualityChecks(t.db, d.id, { now: () => NOW });
        assert.equal(report.resources[0]?.link.failure, 'blocked_address');
        assert.equal(report.mark, 'none');
      } finally {
        await t.dispose();
      }
    });

    it('the Big5 file declared as UTF-8 fails the encoding criterion (bronze only), declared BIG-5 passes it', async () => {
      const t = await createTestDb(dialect);
      try {
        const wrong = await seed(t.db, {
          resources: [makeResource({ url: `${base}/yilan.csv`, encoding: 'UTF-8' })],
        });
        const report = await runQualityChecks(t.db, wrong.id, deps());
        assert.equal(report.resources[0]?.detectedEncoding, 'big5');
        const enc = report.failedCriteria.find((c) => c.id === 'encoding_declared_correctly');
        assert.match(enc?.detail.en ?? '', /declared UTF-8, actually big5/);
        assert.equal(report.mark, 'bronze');
        assert.equal(report.stars, 3);

        const right = await seed(t.db, {
          resources: [makeResource({ url: `${base}/yilan.csv`, encoding: 'BIG-5' })],
        });
        const ok = await runQualityChecks(t.db, right.id, deps());
        assert.equal(
          ok.failedCriteria.some((c) => c.id === 'encoding_declared_correctly'),
          false,
        );
      } finally {
        await t.dispose();
      }
    });

    it('a CSV served as text/html fails the content-type criterion', async () => {
      const t = await createTestDb(dialect);
      try {
        const d = await seed(t.db, { resources: [makeResource({ url: `${base}/as-html.csv` })] });
        const report = await runQualityChecks(t.db, d.id, deps());
        const ct = report.failedCriteria.find((c) => c.id === 'content_type_correct');
        assert.match(ct?.detail.en ?? '', /served as text\/html, content is CSV/);
        assert.equal(report.mark, 'bronze');
      } finally {
        await t.dispose();
      }
    });

    it('a monthly dataset not updated for four months is stale: gold is lost, silver kept; runs are kept as history', async () => {
      const t = await createTestDb(dialect);
      try {
        const url = `${base}/income.csv`;
        const d = await seed(
          t.db,
          { resources: [makeResource({ url, lastModified: '2026-07-10T00:00:00.000Z' })] },
          { updateFrequency: '每月' },
        );
        const report = await runQualityChecks(t.db, d.id, deps({ [url]: [incomeTable()] }));
        assert.equal(report.freshness.stale, true);
        assert.equal(report.mark, 'silver');
        assert.deepEqual(
          report.failedCriteria.map((c) => c.id),
          ['updated_on_schedule', 'follows_standard'],
        );
        await runQualityChecks(t.db, d.id, deps({ [url]: [incomeTable()] }));
        const history = await qualityHistory(t.db, d.id);
        assert.equal(history.length, 2);
        assert.equal(history[0]?.mark, 'silver');
        assert.equal((await qualityOf(t.db, d.id))?.stale, true);
      } finally {
        await t.dispose();
      }
    });

    it('columns missing from the file and a wrong record count block gold', async () => {
      const t = await createTestDb(dialect);
      try {
        const url = `${base}/income.csv`;
        const d = await seed(
          t.db,
          { resources: [makeResource({ url, recordCount: 100 })] },
          { fieldDescriptions: '縣市、鄉鎮市區、村里、人口數' },
        );
        const report = await runQualityChecks(t.db, d.id, deps({ [url]: [incomeTable()] }));
        const ids = report.failedCriteria.map((c) => c.id);
        assert.ok(ids.includes('columns_match'));
        assert.ok(ids.includes('record_count_matches'));
        assert.match(report.failedCriteria.find((c) => c.id === 'columns_match')?.detail.zh ?? '', /人口數/);
        assert.equal(report.mark, 'silver');
      } finally {
        await t.dispose();
      }
    });

    it('missing required metadata means no mark, listing the fields', async () => {
      const t = await createTestDb(dialect);
      try {
        const d = await seed(
          t.db,
          { resources: [makeResource({ url: `${base}/income.csv` })] },
          { contactName: '' },
        );
        const report = await runQualityChecks(t.db, d.id, deps());
        assert.equal(report.mark, 'none');
        assert.match(report.failedCriteria[0]?.detail.zh ?? '', /聯絡人姓名/);
      } finally {
        await t.dispose();
      }
    });
  });
}
