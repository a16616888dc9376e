import type { FastifyInstance } from 'fastify';
import { toErrorResponse } from '../api/error-handler.ts';
import type { AppContext } from '../app-context.ts';
import { assetRoutes } from './assets.ts';
import { publicRoutes } from './public-routes.ts';
import { publisherRoutes } from './publisher-routes.ts';
import { qualityPageRoutes } from './quality-routes.ts';
import { sendError, type WebContext } from './web-handler.ts';

/**
 * The public web portal: server-rendered pages in zh-TW (at /) and English (at /en/), assets under /assets/,
 * HTML 404 pages for everything that is not an API address.
 */
export async function webRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const asset = assetRoutes(app);
  const web: WebContext = { ctx, asset };
  publicRoutes(app, web);
  publisherRoutes(app, web);
  qualityPageRoutes(app, web);
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path.startsWith('/assets/') || req.method !== 'GET') {
      const { body } = toErrorResponse({ statusCode: 404, message: `Route ${req.method}:${path} not found` });
      return reply.status(404).send({ error: { ...body.error, code: 'ODP_NOT_FOUND' } });
    }
    return sendError(web, req, reply, 404);
  });
}
