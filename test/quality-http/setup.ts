import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TestApp } from '../helpers/test-app.ts';

const fixture = (p: string): Buffer => readFileSync(join(import.meta.dirname, '../../fixtures/real', p));

/** The real income-tax statistics CSV (UTF-8) and the first bytes of a PDF report. */
export const INCOME_CSV = fixture('income/106_165-9.csv');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A publisher's web server on 127.0.0.1: a CSV, a PDF, and a link that went away. */
export interface FileServer {
  base: string;
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const server = http.createServer((req, res) => {
    if (req.url === '/income.csv') {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      res.end(INCOME_CSV);
    } else if (req.url === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(PDF);
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>not found</body></html>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** One HTTP exchange with the app: status, JSON (when JSON), raw text and headers. */
export async function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  opts: { token?: string; body?: object } = {},
) {
  const res = await t.app.inject({
    method,
    url,
    headers: opts.token ? { authorization: opts.token } : {},
    ...(opts.body ? { payload: opts.body } : {}),
  });
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  return {
    status: res.statusCode,
    // biome-ignore lint/suspicious/noExplicitAny: tests walk API answers
    json: (isJson ? res.json() : null) as any,
    text: res.body,
    headers: res.headers,
  };
}

/** Creates an organization (optionally under a parent) as the sysadmin. */
export async function createOrg(t: TestApp, name: string, title: string, parent?: string) {
  const r = await call(t, 'POST', '/api/v1/organizations', {
    token: t.adminToken,
    body: { name, title, ...(parent ? { parent } : {}) },
  });
  if (r.status !== 201) throw new Error(`organization ${name}: ${r.status} ${r.text}`);
  return r.json as { id: string; name: string };
}

/** A dataset body with data.gov.tw's required metadata (no resources). */
export function datasetBody(o: { name: string; org: string; title?: string; private?: boolean }) {
  return {
    name: o.name,
    title: o.title ?? `綜稅所得 ${o.name}`,
    notes: '各縣市鄉鎮村里綜合所得稅統計',
    ownerOrg: o.org,
    licenseId: 'gov-tw-1.0',
    private: o.private ?? false,
    tw: {
      serviceCategory: 'I00',
      updateFrequency: 'annual',
      fieldDescriptions: '縣市、鄉鎮市區、村里、納稅單位',
      contactName: '王小明',
      contactPhone: '02-23228000',
    },
  };
}

/** Creates a dataset with data.gov.tw's required metadata and one linked resource. */
export async function createLinkedDataset(
  t: TestApp,
  o: { name: string; org: string; url: string; format: string; private?: boolean },
) {
  const r = await call(t, 'POST', '/api/v1/datasets', {
    token: t.adminToken,
    body: {
      ...datasetBody(o),
      resources: [{ name: o.name, url: o.url, format: o.format, encoding: 'UTF-8' }],
    },
  });
  if (r.status !== 201) throw new Error(`dataset ${o.name}: ${r.status} ${r.text}`);
  return r.json as { id: string; name: string; resources: { id: string }[] };
}

/** Runs due jobs until none is left (bounded); returns the kinds run, in order. */
export async function drain(t: TestApp, max = 50): Promise<string[]> {
  const kinds: string[] = [];
  for (let i = 0; i < max; i++) {
    const job = await t.ctx.jobs.runner.runOnce();
    if (!job) return kinds;
    kinds.push(job.kind);
  }
  throw new Error(`jobs still due after ${max} runs: ${kinds.join(', ')}`);
}
