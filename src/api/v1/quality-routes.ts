import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { getDatasetFor } from '../../catalog/dataset-service.ts';
import { getGroup } from '../../catalog/group-service.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import {
  allScorecards,
  enqueueQualityCheck,
  qualityHistory,
  qualityOf,
  scorecard,
  scorecardsCsv,
} from '../../quality/index.ts';
import { QualitySchema, qualityView, ScorecardDetailSchema, ScorecardSchema } from './quality-schemas.ts';
import { ErrorSchema, IdOrName } from './schemas.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

interface OrgRef {
  id: string;
  name: string;
  title: string;
}

/** Parent agencies of an organization, nearest first (bounded: a parent_id cycle must not loop). */
async function ancestorsOf(db: Queryable, parentId: string | null): Promise<OrgRef[]> {
  const out: OrgRef[] = [];
  const seen = new Set<string>();
  let next = parentId;
  while (next && !seen.has(next) && out.length < 20) {
    seen.add(next);
    const row = await db
      .selectFrom('groups')
      .select(['id', 'name', 'title', 'parent_id'])
      .where('id', '=', next)
      .where('kind', '=', 'organization')
      .where('state', '=', 'active')
      .executeTakeFirst();
    if (!row) break;
    out.push({ id: row.id, name: row.name, title: row.title });
    next = row.parent_id;
  }
  return out;
}

const HistorySchema = Type.Array(
  Type.Object({
    id: Type.String(),
    checkedAt: Type.String(),
    stars: Type.Integer(),
    mark: Type.String(),
    criteria: Type.Array(
      Type.Object({
        code: Type.String(),
        ok: Type.Boolean(),
        detail: Type.Object({ zh: Type.String(), en: Type.String() }),
      }),
    ),
    resources: Type.Array(Type.Unknown(), { description: 'Per-resource link, format, encoding results' }),
  }),
);

/**
 * Quality routes: a dataset's quality and check history, re-check on demand, agency scorecards (one,
 * all, CSV). Scorecards count public active datasets only, so they are public.
 */
export async function qualityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/datasets/:id/quality',
    {
      schema: {
        tags: ['quality'],
        summary: 'Latest quality check of a dataset and its history (newest first)',
        params: IdOrName,
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
        response: {
          200: Type.Object({ quality: Type.Union([QualitySchema, Type.Null()]), history: HistorySchema }),
          ...errors,
        },
      },
    },
    async (req) => {
      const d = await getDatasetFor(ctx.db.kysely, req.actor, (req.params as { id: string }).id, 'read');
      const limit = (req.query as { limit?: number }).limit ?? 20;
      const [latest, runs] = await Promise.all([
        qualityOf(ctx.db, d.id),
        qualityHistory(ctx.db, d.id, limit),
      ]);
      return {
        quality: qualityView(latest),
        history: runs.map((r) => ({
          id: r.id,
          checkedAt: r.checkedAt,
          stars: r.stars,
          mark: r.mark,
          criteria: r.criteria.map((c) => ({ code: c.id, ok: c.ok, detail: c.detail })),
          resources: r.resources,
        })),
      };
    },
  );

  app.post(
    '/api/v1/datasets/:id/quality/check',
    {
      schema: {
        tags: ['quality'],
        summary: 'Queue a quality check of a dataset now (editors of the dataset)',
        params: IdOrName,
        response: { 202: Type.Object({ jobId: Type.String(), status: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const d = await getDatasetFor(ctx.db.kysely, req.actor, (req.params as { id: string }).id, 'update');
      const job = await enqueueQualityCheck(ctx.db, d.id);
      return reply.status(202).send({ jobId: job.id, status: job.status });
    },
  );

  app.get(
    '/api/v1/organizations/:id/scorecard',
    {
      schema: {
        tags: ['quality'],
        summary: 'Scorecard of an agency, rolled up over its sub-agencies, with its daily trend',
        params: IdOrName,
        querystring: Type.Object({
          trendDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660, default: 365 })),
        }),
        response: { 200: ScorecardDetailSchema, ...errors },
      },
    },
    async (req) => {
      const org = await getGroup(ctx.db.kysely, 'organization', (req.params as { id: string }).id);
      const trendDays = (req.query as { trendDays?: number }).trendDays ?? 365;
      const card = await scorecard(ctx.db, org.id, { trendDays });
      if (!card) throw notFound('Organization');
      const ancestors = await ancestorsOf(ctx.db.kysely, org.parentId);
      const self = { id: org.id, name: org.name, title: org.title };
      return { ...card, ancestors, ministry: ancestors.at(-1) ?? self };
    },
  );

  app.get(
    '/api/v1/scorecards',
    {
      schema: {
        tags: ['quality'],
        summary: 'Scorecards of every agency (each rolled up over its sub-agencies)',
        querystring: Type.Object({
          topLevel: Type.Optional(
            Type.Boolean({ description: 'Only agencies without a parent (ministries)' }),
          ),
        }),
        response: { 200: Type.Array(ScorecardSchema) },
      },
    },
    async (req) => {
      const cards = await allScorecards(ctx.db);
      return (req.query as { topLevel?: boolean }).topLevel
        ? cards.filter((c) => c.parentId === null)
        : cards;
    },
  );

  app.get(
    '/api/v1/scorecards.csv',
    {
      schema: {
        tags: ['quality'],
        summary: 'Scorecards of every agency as CSV (UTF-8 with BOM, for Excel)',
        querystring: Type.Object({
          lang: Type.Optional(Type.Union([Type.Literal('zh-TW'), Type.Literal('en')], { default: 'zh-TW' })),
        }),
      },
    },
    async (req, reply) => {
      const lang = (req.query as { lang?: 'zh-TW' | 'en' }).lang ?? 'zh-TW';
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="odp-scorecards-${lang}.csv"`)
        .send(await scorecardsCsv(ctx.db, { lang }));
    },
  );
}
