import type { TestApp } from '../helpers/test-app.ts';

/** One Action API answer: status, parsed JSON body and raw response. */
export interface CkanAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary CKAN dicts
  body: any;
  text: string;
  contentType: string;
}

/** Calls a CKAN action over HTTP: GET with query parameters, or POST with a JSON object. */
export async function action(
  t: TestApp,
  name: string,
  opts: {
    get?: Record<string, string | string[]>;
    post?: object;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<CkanAnswer> {
  const headers: Record<string, string> = {
    ...(opts.token ? { authorization: opts.token } : {}),
    ...opts.headers,
  };
  const qs = opts.get ? new URLSearchParams() : null;
  for (const [k, v] of Object.entries(opts.get ?? {}))
    for (const x of Array.isArray(v) ? v : [v]) qs?.append(k, x);
  const res = await t.app.inject({
    method: opts.get ? 'GET' : 'POST',
    url: `/api/3/action/${name}${qs ? `?${qs}` : ''}`,
    payload: opts.get ? undefined : (opts.post ?? {}),
    headers,
  });
  let body: unknown = null;
  try {
    body = JSON.parse(res.body);
  } catch {
    body = res.body;
  }
  return {
    status: res.statusCode,
    body,
    text: res.body,
    contentType: String(res.headers['content-type'] ?? ''),
  };
}

/** Creates an organization through the API (as the given sysadmin token) and returns its dict. */
export async function makeOrg(t: TestApp, name: string, title = name) {
  const r = await action(t, 'organization_create', { post: { name, title }, token: t.adminToken });
  if (r.status !== 200) throw new Error(`organization_create failed: ${r.text}`);
  return r.body.result;
}

/** Creates a dataset through the API and returns its package dict. */
export async function makeDataset(t: TestApp, dict: Record<string, unknown>, token = t.adminToken) {
  const r = await action(t, 'package_create', { post: dict, token });
  if (r.status !== 200) throw new Error(`package_create failed: ${r.text}`);
  return r.body.result;
}

/** The recursive key structure of a JSON value: objects -> sorted keys with their structures, lists -> the union of their items. */
export function keyShape(v: unknown): unknown {
  if (Array.isArray(v)) {
    const objs = v.filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
    if (!objs.length) return [];
    return [keyShape(Object.assign({}, ...objs))];
  }
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, keyShape((v as Record<string, unknown>)[k])]),
    );
  }
  return null;
}

/** Paths of keys present in `expected`'s shape and missing from `actual`'s (an empty list = nothing lost). */
export function missingKeys(expected: unknown, actual: unknown, path = ''): string[] {
  if (Array.isArray(expected)) {
    if (!expected.length) return [];
    if (!Array.isArray(actual)) return [`${path}[] (not a list)`];
    if (!actual.length) return [`${path}[] (empty, cannot compare items)`];
    return missingKeys(expected[0], actual[0], `${path}[]`);
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${path} (not a dict)`];
    return Object.entries(expected).flatMap(([k, sub]) =>
      k in actual
        ? missingKeys(sub, (actual as Record<string, unknown>)[k], `${path}.${k}`)
        : [`${path}.${k}`],
    );
  }
  return [];
}
