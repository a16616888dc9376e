import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  version: string;
}

/** Our own assets (src/web/assets) and Leaflet's distribution (node_modules/leaflet/dist) under /assets/. */
function collectAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (name: string, file: string) => {
    const ext = name.split('.').pop() ?? '';
    const type = TYPES[ext];
    if (!type || !existsSync(file)) return;
    const body = readFileSync(file);
    assets.set(name, { body, type, version: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  };
  const own = join(import.meta.dirname, 'assets');
  for (const f of readdirSync(own)) add(f, join(own, f));
  const leaflet = join(import.meta.dirname, '..', '..', 'node_modules', 'leaflet', 'dist');
  add('leaflet/leaflet.js', join(leaflet, 'leaflet.js'));
  add('leaflet/leaflet.css', join(leaflet, 'leaflet.css'));
  const images = join(leaflet, 'images');
  if (existsSync(images)) for (const f of readdirSync(images)) add(`leaflet/images/${f}`, join(images, f));
  return assets;
}

/** Asset routes: long-lived immutable caching, the version in the query string busts it. */
export function assetRoutes(app: FastifyInstance): (name: string) => string {
  const assets = collectAssets();
  app.get('/assets/*', { schema: { hide: true } }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    const asset = assets.get(name);
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(asset.type)
      .send(asset.body);
  });
  return (name: string) => {
    const asset = assets.get(name);
    return `/assets/${name}${asset ? `?v=${asset.version}` : ''}`;
  };
}
