/**
 * DCAT-AP 3.0.1 over HTTP: the catalogue (paged with Hydra) at /catalog.ttl|.jsonld|.rdf and /catalog by
 * content negotiation; one dataset at /dataset/{name}.ttl|.jsonld|.rdf, and at /dataset/{name} only when
 * the Accept header explicitly asks for RDF (a route constraint; otherwise the web portal's redirect to the
 * HTML page answers). Only datasets the caller may read are described; the catalogue lists public ones.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { showDataset } from '../../catalog/dataset-service.ts';
import { catalogGraph, datasetGraph } from '../dcat/catalog-graph.ts';
import { rdfFormatFromAccept } from '../rdf/negotiate.ts';
import { RDF_MEDIA_TYPES, type RdfFormat, serializeRdf } from '../rdf/serialize.ts';
import { explicitRdfFormat } from './accept.ts';
import { countPublicDatasets, dcatContextOf, organizationsById, publicDatasetPage } from './catalog-reads.ts';

const EXT: Record<string, RdfFormat> = { ttl: 'turtle', jsonld: 'jsonld', rdf: 'rdfxml' };
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;

const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
});
const RdfText = Type.String({ description: 'Turtle, JSON-LD or RDF/XML (DCAT-AP 3.0.1)' });
const NotAcceptable = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
const tags = ['dcat'];

/** Route constraint name used on /dataset/:name. */
export const RDF_ACCEPT_CONSTRAINT = 'rdfAccept';

/** Registers the strategy that lets an RDF route share /dataset/:name with the web portal. */
export function addRdfAcceptConstraint(app: FastifyInstance): void {
  const store = new Map<string, unknown>();
  app.addConstraintStrategy({
    name: RDF_ACCEPT_CONSTRAINT,
    storage: () => ({
      get: (k: string) => (store.get(k) as never) ?? null,
      set: (k: string, v: unknown) => {
        store.set(k, v);
      },
    }),
    deriveConstraint: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const accept = req.headers.accept;
      return explicitRdfFormat(typeof accept === 'string' ? accept : undefined) ? 'rdf' : undefined;
    },
    mustMatchWhenDerived: false,
    validate: () => {},
  } as unknown as Parameters<FastifyInstance['addConstraintStrategy']>[0]);
}

async function send(reply: FastifyReply, quads: Parameters<typeof serializeRdf>[0], format: RdfFormat) {
  return reply
    .header('vary', 'Accept')
    .type(`${RDF_MEDIA_TYPES[format]}; charset=utf-8`)
    .send(await serializeRdf(quads, format));
}

/** DCAT routes. */
export function dcatRoutes(app: FastifyInstance, ctx: AppContext): void {
  const base = () => ctx.config.baseUrl.replace(/\/+$/, '');

  async function catalog(req: FastifyRequest, reply: FastifyReply, format: RdfFormat, path: string) {
    const q = req.query as { page?: number; page_size?: number };
    const pageSize = q.page_size ?? DEFAULT_PAGE_SIZE;
    const page = q.page ?? 1;
    const [total, datasets, orgs] = await Promise.all([
      countPublicDatasets(ctx),
      publicDatasetPage(ctx, (page - 1) * pageSize, pageSize),
      organizationsById(ctx),
    ]);
    const sizeParam = q.page_size ? `&page_size=${pageSize}` : '';
    const quads = catalogGraph(dcatContextOf(ctx, orgs), datasets, {
      page,
      pageSize,
      totalItems: total,
      pageUrl: (p) => `${base()}${path}?page=${p}${sizeParam}`,
    });
    return send(reply, quads, format);
  }

  async function dataset(req: FastifyRequest, reply: FastifyReply, format: RdfFormat) {
    const { name } = req.params as { name: string };
    const d = await showDataset(ctx.catalog, req.actor, name);
    const orgs = await organizationsById(ctx);
    return send(reply, datasetGraph(dcatContextOf(ctx, orgs), d), format);
  }

  for (const [ext, format] of Object.entries(EXT)) {
    app.get(
      `/catalog.${ext}`,
      {
        schema: {
          tags,
          summary: `The DCAT-AP catalogue as ${format}, paged (hydra:next)`,
          querystring: PageQuery,
          response: { 200: RdfText },
        },
      },
      (req, reply) => catalog(req, reply, format, `/catalog.${ext}`),
    );
    app.get(
      `/dataset/:name.${ext}`,
      {
        schema: {
          tags,
          summary: `One dataset as DCAT-AP ${format}`,
          params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: { 200: RdfText },
        },
      },
      (req, reply) => dataset(req, reply, format),
    );
  }

  app.get(
    '/catalog',
    {
      schema: {
        tags,
        summary: 'The DCAT-AP catalogue by content negotiation (Turtle unless Accept says otherwise)',
        querystring: PageQuery,
        response: { 200: RdfText, 406: NotAcceptable },
      },
    },
    async (req, reply) => {
      const format = rdfFormatFromAccept(req.headers.accept ?? '*/*');
      if (!format) {
        return reply.status(406).send({
          error: {
            code: 'ODP_NOT_ACCEPTABLE',
            message: 'Ask for text/turtle, application/ld+json or application/rdf+xml',
          },
        });
      }
      return catalog(req, reply, format, '/catalog');
    },
  );

  app.get(
    '/dataset/:name',
    {
      constraints: { [RDF_ACCEPT_CONSTRAINT]: 'rdf' },
      schema: {
        tags,
        summary: 'One dataset as DCAT-AP when Accept asks for RDF (browsers are redirected to the HTML page)',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: RdfText },
      },
    },
    (req, reply) => dataset(req, reply, explicitRdfFormat(req.headers.accept) ?? 'turtle'),
  );
}
