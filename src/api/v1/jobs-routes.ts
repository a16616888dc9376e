import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { conflict, forbidden, notFound } from '../../platform/errors.ts';
import {
  cancelJob,
  countJobsByStatus,
  getJob,
  type Job,
  listJobs,
  retryJob,
} from '../../platform/jobs/index.ts';
import { ErrorSchema } from './schemas.ts';

const Status = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
]);
const NullableStr = Type.Union([Type.String(), Type.Null()]);

/** A background job as the admin page shows it. */
export const JobSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  payload: Type.Unknown(),
  status: Status,
  priority: Type.Integer(),
  runAt: Type.String(),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: NullableStr,
  result: Type.Unknown(),
  lockedBy: NullableStr,
  lockedUntil: NullableStr,
  uniqueKey: NullableStr,
  everyMs: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  startedAt: NullableStr,
  finishedAt: NullableStr,
});

const ListQuery = Type.Object({
  status: Type.Optional(Status),
  kind: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});

const JobId = Type.Object({ id: Type.String({ maxLength: 100 }) });
const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const tags = ['admin'];

function requireSysadmin(req: FastifyRequest): void {
  if (!req.actor.sysadmin)
    throw forbidden('Only sysadmins may see and manage background jobs', 'ODP_SYSADMIN_ONLY');
}

async function jobOr404(ctx: AppContext, id: string): Promise<Job> {
  const job = await getJob(ctx.db, id);
  if (!job) throw notFound('Job', 'ODP_JOB_NOT_FOUND');
  return job;
}

/** /api/v1/admin/jobs: the background job queue for sysadmins (list with counts, one job, retry, cancel). */
export async function jobsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Background jobs, newest first, with counts per status (sysadmins)',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            counts: Type.Object({
              queued: Type.Integer(),
              running: Type.Integer(),
              succeeded: Type.Integer(),
              failed: Type.Integer(),
              cancelled: Type.Integer(),
            }),
            kinds: Type.Array(Type.String(), { description: 'Job kinds this server runs' }),
            jobs: Type.Array(JobSchema),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      requireSysadmin(req);
      const q = req.query as Static<typeof ListQuery>;
      const [counts, jobs] = await Promise.all([countJobsByStatus(ctx.db), listJobs(ctx.db, q)]);
      return { counts, kinds: ctx.jobs.registry.kinds(), jobs };
    },
  );

  app.get(
    '/api/v1/admin/jobs/:id',
    {
      schema: {
        tags,
        summary: 'One background job (sysadmins)',
        params: JobId,
        response: { 200: JobSchema, ...errors },
      },
    },
    async (req) => {
      requireSysadmin(req);
      return jobOr404(ctx, (req.params as { id: string }).id);
    },
  );

  const actions = [
    ['retry', retryJob, 'Queue a failed job again with fresh attempts', 'Only a failed job can be retried'],
    ['cancel', cancelJob, 'Cancel a job that has not started', 'Only a queued job can be cancelled'],
  ] as const;
  for (const [name, act, summary, refusal] of actions) {
    app.post(
      `/api/v1/admin/jobs/:id/${name}`,
      {
        schema: {
          tags,
          summary: `${summary} (sysadmins)`,
          params: JobId,
          response: { 200: JobSchema, ...errors },
        },
      },
      async (req) => {
        requireSysadmin(req);
        const { id } = req.params as { id: string };
        const job = await jobOr404(ctx, id);
        if (!(await act(ctx.db, id)))
          throw conflict(`${refusal}; this one is ${job.status}`, 'ODP_JOB_STATE');
        return jobOr404(ctx, id);
      },
    );
  }
}
