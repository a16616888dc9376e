import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { OdpError } from '../platform/errors.ts';
import { type PageContext, pageContext } from './page-context.ts';
import { type ErrorStatus, errorPage } from './pages/error.ts';
import { sendHtml } from './security-headers.ts';

/** What a page handler answers: a rendered document, or a redirect (after a form post). */
export type PageResult = string | { redirect: string; status?: 301 | 302 | 303 };

export type PageHandler = (req: FastifyRequest, pc: PageContext, reply: FastifyReply) => Promise<PageResult>;

/** Shared by all web routes. */
export interface WebContext {
  ctx: AppContext;
  asset: (name: string) => string;
}

/** The HTML status for an error thrown by a service. */
export function errorStatus(err: unknown): ErrorStatus {
  if (err instanceof OdpError) {
    if (err.status === 404) return 404;
    if (err.status === 403) return 403;
    if (err.status < 500) return 400;
  }
  const code = (err as { statusCode?: number }).statusCode;
  if (code === 404 || code === 403) return code;
  if (code && code >= 400 && code < 500) return 400;
  return 500;
}

/** Renders an error page for the request. */
export function sendError(
  web: WebContext,
  req: FastifyRequest,
  reply: FastifyReply,
  status: ErrorStatus,
): FastifyReply {
  const pc = pageContext(req, web.ctx.config.baseUrl, web.asset);
  return sendHtml(reply, status, errorPage(pc, status));
}

/** Wraps a page handler into a route handler: renders, redirects, or turns service errors into error pages. */
export function pageHandler(web: WebContext, handler: PageHandler) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const pc = pageContext(req, web.ctx.config.baseUrl, web.asset);
    try {
      const out = await handler(req, pc, reply);
      if (reply.sent) return reply;
      if (typeof out === 'string') return sendHtml(reply, reply.statusCode, out);
      return reply.redirect(out.redirect, out.status ?? 303);
    } catch (err) {
      const status = errorStatus(err);
      if (status === 500) req.log.error({ err }, 'page failed');
      return sendHtml(reply, status, errorPage(pc, status));
    }
  };
}

/** Registers a page at a locale-free path and under /en. */
export function page(
  app: FastifyInstance,
  web: WebContext,
  method: 'GET' | 'POST',
  path: string,
  handler: PageHandler,
): void {
  const run = pageHandler(web, handler);
  const en = path === '/' ? ['/en', '/en/'] : [`/en${path}`];
  for (const url of [path, ...en]) app.route({ method, url, schema: { hide: true }, handler: run });
}
