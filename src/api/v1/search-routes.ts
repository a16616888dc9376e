import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { viewerOf } from '../../catalog/actor.ts';
import { loadDatasets } from '../../catalog/dataset-rows.ts';
import { qualityOfMany } from '../../quality/index.ts';
import { autocomplete, searchDatasets } from '../../search/index.ts';
import { qualityView } from './quality-schemas.ts';
import { DatasetSchema, ErrorSchema } from './schemas.ts';

const FacetCounts = Type.Record(
  Type.String(),
  Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
);

const SearchQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 1000, description: 'Words, "phrases", -exclusions, OR, field:value' }),
  ),
  fq: Type.Optional(
    Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 20, description: 'Filters (repeatable)' }),
  ),
  facet: Type.Optional(Type.Array(Type.String(), { maxItems: 20, description: 'Facet fields (repeatable)' })),
  facetLimit: Type.Optional(Type.Integer({ minimum: -1, maximum: 1000 })),
  sort: Type.Optional(Type.String({ maxLength: 200 })),
  rows: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 10 })),
  start: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  includePrivate: Type.Optional(Type.Boolean()),
  includeDrafts: Type.Optional(Type.Boolean()),
  debug: Type.Optional(Type.Boolean({ description: 'Explain the ranking (sysadmins only)' })),
});

/** GET /api/v1/datasets (ranked search with facets) and GET /api/v1/autocomplete. */
export async function searchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary:
          'Search datasets (Chinese-aware full text, filters, facets with exact permission-aware counts)',
        querystring: SearchQuerySchema,
        response: {
          200: Type.Object({
            count: Type.Integer(),
            results: Type.Array(DatasetSchema),
            facets: FacetCounts,
            explain: Type.Optional(Type.Unknown()),
          }),
          400: ErrorSchema,
        },
      },
    },
    async (req) => {
      const q = req.query as Static<typeof SearchQuerySchema>;
      const result = await searchDatasets(
        ctx.db,
        {
          q: q.q,
          fq: q.fq,
          facetFields: q.facet,
          facetLimit: q.facetLimit,
          sort: q.sort,
          rows: q.rows,
          start: q.start,
          includePrivate: q.includePrivate ?? true,
          includeDrafts: q.includeDrafts,
          debug: q.debug === true && req.actor.sysadmin,
        },
        viewerOf(req.actor),
      );
      const quality = await qualityOfMany(ctx.db, result.ids);
      const datasets = await loadDatasets(ctx.db.kysely, result.ids);
      return {
        count: result.count,
        results: datasets.map((d) => ({ ...d, quality: qualityView(quality.get(d.id)) })),
        facets: result.facets,
        explain: result.explain,
      };
    },
  );

  app.get(
    '/api/v1/autocomplete',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Suggestions for titles, tags and organizations starting with the text (Chinese included)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 100 }),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
        }),
        response: {
          200: Type.Object({
            titles: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), title: Type.String() })),
            tags: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
            organizations: Type.Array(Type.Object({ name: Type.String(), title: Type.String() })),
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { q: string; limit?: number };
      return autocomplete(ctx.db, q.q, viewerOf(req.actor), q.limit ?? 10);
    },
  );
}
