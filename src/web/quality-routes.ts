/** Quality pages: agency scorecards (public) and the background jobs page (sysadmins). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getGroup } from '../catalog/group-service.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { cancelJob, countJobsByStatus, type JobStatus, listJobs, retryJob } from '../platform/jobs/index.ts';
import { allScorecards, scorecard } from '../quality/index.ts';
import { checkCsrf } from './forms.ts';
import type { PageContext } from './page-context.ts';
import {
  type AdminJobsData,
  adminJobsPage,
  JOB_STATUSES,
  JOBS_PER_PAGE,
  type JobsFilter,
} from './pages/admin-jobs.ts';
import { scorecardPage } from './pages/scorecard.ts';
import { scorecardsPage } from './pages/scorecards.ts';
import { signInRedirect } from './publisher-routes.ts';
import { type PageResult, page, type WebContext } from './web-handler.ts';

type Query = Record<string, string | undefined>;
const NOTICES = ['retried', 'cancelled', 'refused'] as const;

function jobsFilter(q: Query): JobsFilter {
  const status = (JOB_STATUSES as readonly string[]).includes(q.status ?? '') ? (q.status as JobStatus) : '';
  return {
    status,
    kind: (q.kind ?? '').slice(0, 64),
    page: Math.min(1000, Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1)),
  };
}

/** Where a job action returns to: the jobs page with its filter, never anywhere else. */
function backTo(pc: PageContext, back: unknown, notice: AdminJobsData['notice']): PageResult {
  const path = typeof back === 'string' && /^\/admin\/jobs(\?[\w=&%.-]*)?$/.test(back) ? back : '/admin/jobs';
  return { redirect: `${pc.href(path)}${path.includes('?') ? '&' : '?'}done=${notice}` };
}

/** Registers the scorecard and admin job pages. */
export function qualityPageRoutes(app: FastifyInstance, web: WebContext): void {
  const { ctx } = web;

  page(app, web, 'GET', '/scorecards', async (_req, pc) => scorecardsPage(pc, await allScorecards(ctx.db)));

  page(app, web, 'GET', '/organizations/:name/scorecard', async (req, pc) => {
    const org = await getGroup(ctx.db.kysely, 'organization', (req.params as { name: string }).name);
    const card = await scorecard(ctx.db, org.id, { trendDays: 90 });
    if (!card) throw notFound('Organization');
    const subIds = new Set(card.subOrgIds);
    const subCards = subIds.size ? (await allScorecards(ctx.db)).filter((c) => subIds.has(c.orgId)) : [];
    return scorecardPage(pc, { org, card, subCards });
  });

  const sysadminOnly = (req: FastifyRequest, pc: PageContext): PageResult | null => {
    if (!req.actor.userId) return signInRedirect(pc);
    if (!req.actor.sysadmin)
      throw forbidden('Only sysadmins may manage background jobs', 'ODP_SYSADMIN_ONLY');
    return null;
  };

  page(app, web, 'GET', '/admin/jobs', async (req, pc) => {
    const refused = sysadminOnly(req, pc);
    if (refused) return refused;
    const q = req.query as Query;
    const filter = jobsFilter(q);
    const [counts, jobs] = await Promise.all([
      countJobsByStatus(ctx.db),
      listJobs(ctx.db, {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        limit: JOBS_PER_PAGE,
        offset: (filter.page - 1) * JOBS_PER_PAGE,
      }),
    ]);
    const notice = NOTICES.find((n) => n === q.done) ?? '';
    return adminJobsPage(pc, { filter, counts, kinds: ctx.jobs.registry.kinds(), jobs, notice });
  });

  for (const [action, act, done] of [
    ['retry', retryJob, 'retried'],
    ['cancel', cancelJob, 'cancelled'],
  ] as const) {
    page(app, web, 'POST', `/admin/jobs/:id/${action}`, async (req, pc) => {
      const refused = sysadminOnly(req, pc);
      if (refused) return refused;
      checkCsrf(req);
      const { id } = req.params as { id: string };
      const ok = await act(ctx.db, id.slice(0, 100));
      return backTo(pc, (req.body as Record<string, unknown> | undefined)?.back, ok ? done : 'refused');
    });
  }
}
