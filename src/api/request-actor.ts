import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, ANONYMOUS, actorForUser } from '../catalog/actor.ts';
import { findSession } from '../platform/auth/sessions.ts';
import type { Db } from '../platform/db/database.ts';
import { forbidden } from '../platform/errors.ts';
import { TokenActorCache } from './request-actor-cache.ts';

export const SESSION_COOKIE = 'odp_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** CSRF token of the browser session, when the request came with one. */
    csrfToken: string | null;
    /** How the actor was identified: a token (API clients), a session cookie (browsers) or nobody. */
    authVia: 'token' | 'session' | 'none';
  }
}

/** The API token a request carries: raw `Authorization` (CKAN), `Bearer <token>`, or `X-CKAN-API-Key`. */
export function presentedToken(req: FastifyRequest): string | null {
  const auth = req.headers.authorization?.trim();
  if (auth) return auth.replace(/^Bearer\s+/i, '');
  const key = req.headers['x-ckan-api-key'];
  return typeof key === 'string' && key ? key : null;
}

/**
 * Resolves the actor of every request once. A missing or bad token means anonymous (never 401), as in CKAN.
 */
export const requestActor = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('authVia', 'none');
  const tokens = new TokenActorCache(opts.db);
  app.addHook('onRequest', async (req) => {
    req.actor = ANONYMOUS;
    const db = opts.db.kysely;
    const token = presentedToken(req);
    if (token) {
      const actor = await tokens.actorFor(token);
      if (actor) {
        req.actor = actor;
        req.authVia = 'token';
      }
      return;
    }
    const sid = req.cookies?.[SESSION_COOKIE];
    if (sid) {
      const s = await findSession(db, sid);
      if (s) {
        req.actor = await actorForUser(db, s.userId);
        req.csrfToken = s.csrfToken;
        req.authVia = 'session';
        // A cookie rides along with cross-site requests: API writes by a browser must prove they came from
        // our pages with the session's CSRF token (forms check their own hidden field).
        if (
          req.url.startsWith('/api/') &&
          !SAFE_METHODS.has(req.method) &&
          req.headers['x-csrf-token'] !== s.csrfToken
        ) {
          throw forbidden(
            'Missing or wrong X-CSRF-Token for a request authenticated by a session cookie',
            'ODP_CSRF',
          );
        }
      }
    }
  });
});
