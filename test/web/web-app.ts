/** A seeded portal app for web tests, plus helpers to sign in through the real form. */
import type { FastifyInstance } from 'fastify';
import type { Dialect } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { type Seeded, seedPortal } from './seed.ts';

export interface PortalApp extends TestApp {
  seed: Seeded;
}

/** A fresh app with the portal's seeded catalog. */
export async function createPortalApp(dialect: Dialect): Promise<PortalApp> {
  const t = await createTestApp(dialect);
  const seed = await seedPortal(t.ctx);
  return { ...t, seed };
}

const cookieOf = (setCookie: string | string[] | undefined, name: string): string => {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  return found ? (found.split(';')[0] ?? '') : '';
};

/** The hidden `_csrf` value of the first form on a page. */
export const csrfOf = (body: string): string => /name="_csrf" value="([^"]*)"/.exec(body)?.[1] ?? '';

/** Signs in through the form; returns the session cookie header and the session's CSRF token. */
export async function signIn(
  app: FastifyInstance,
  name: string,
  password: string,
): Promise<{ cookie: string; csrf: string; setCookie: string[] }> {
  const form = await app.inject({ url: '/user/login' });
  const loginCookie = cookieOf(form.headers['set-cookie'], 'odp_login_csrf');
  const res = await app.inject({
    method: 'POST',
    url: '/user/login',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), name, password }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign in failed: ${res.statusCode}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = cookieOf(setCookie, 'odp_session');
  const dash = await app.inject({ url: '/dashboard', headers: { cookie } });
  return { cookie, csrf: csrfOf(dash.body), setCookie };
}

/** Posts a urlencoded form. */
export function postForm(app: FastifyInstance, url: string, cookie: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}
