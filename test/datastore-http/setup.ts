/**
 * A test portal with real government files loaded into the datastore through the public HTTP API:
 * an organization, a public and a private dataset, the Taitung shelters CSV (UTF-8) and the MOE
 * departments TXT (Big5, tab-separated, title rows) uploaded via /api/v1 and loaded by the job runner.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialect } from '../../src/platform/db/database.ts';
import { action, makeDataset, makeOrg } from '../ckan/ckan-client.ts';
import { createTestApp, type TestApp, userWithToken } from '../helpers/test-app.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'real');
export const SHELTERS_PATH = join(fixtures, 'taitung', '636485953864564217.csv');
export const MOE_PATH = join(fixtures, 'moe', 'input205.txt');

export interface Portal {
  t: TestApp;
  /** Editor of the organization (may write). */
  editor: { id: string; token: string };
  /** A signed-in user outside the organization. */
  outsider: { id: string; token: string };
  /** Resource ids. */
  shelters: string;
  moe: string;
  /** A resource of a private dataset (the shelters file again). */
  secret: string;
  /** The dataset holding `shelters` and `moe`. */
  datasetId: string;
}

/** Sends a file as multipart field `upload` to /api/v1/datasets/{id}/resources and returns the resource. */
export async function uploadResource(
  t: TestApp,
  datasetId: string,
  file: { path: string; name: string; format: string; type?: string },
  token = t.adminToken,
): Promise<{ id: string; url: string }> {
  const boundary = 'OdpDatastoreBoundary7';
  const head = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(
      `${head('name', file.name)}${head('format', file.format)}--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
    ),
    readFileSync(file.path),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/datasets/${datasetId}/resources`,
    headers: { authorization: token, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Runs queued jobs until none is left (each datastore load is one job). */
export async function drainJobs(t: TestApp): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    const ran = await t.ctx.jobs.runner.runOnce();
    if (!ran) return;
  }
}

/** Builds the portal described above. */
export async function createPortal(dialect: Dialect): Promise<Portal> {
  const t = await createTestApp(dialect);
  const editor = await userWithToken(t.ctx, 'editor');
  const outsider = await userWithToken(t.ctx, 'outsider');
  await makeOrg(t, 'taitung', '臺東縣政府');
  const member = await action(t, 'organization_member_create', {
    post: { id: 'taitung', username: 'editor', role: 'editor' },
    token: t.adminToken,
  });
  if (member.status !== 200) throw new Error(member.text);
  const open = await makeDataset(t, { name: 'shelters', title: '避難收容處所', owner_org: 'taitung' });
  const closed = await makeDataset(t, {
    name: 'secret-shelters',
    title: '內部收容名冊',
    owner_org: 'taitung',
    private: true,
  });
  const shelters = await uploadResource(t, open.id, {
    path: SHELTERS_PATH,
    name: '避難收容處所.csv',
    format: 'CSV',
  });
  const moe = await uploadResource(t, open.id, {
    path: MOE_PATH,
    name: 'input205.txt',
    format: 'TXT',
    type: 'text/plain',
  });
  const secret = await uploadResource(t, closed.id, {
    path: SHELTERS_PATH,
    name: 'secret.csv',
    format: 'CSV',
  });
  await drainJobs(t);
  return { t, editor, outsider, shelters: shelters.id, moe: moe.id, secret: secret.id, datasetId: open.id };
}

/** GET an /api/v1 URL (optionally as a token holder) and parse the JSON answer. */
export async function getJson(
  t: TestApp,
  url: string,
  token?: string,
  // biome-ignore lint/suspicious/noExplicitAny: tests walk JSON answers
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ url, headers: token ? { authorization: token } : {} });
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.statusCode, body, headers: res.headers };
}
