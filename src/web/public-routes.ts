import type { FastifyInstance } from 'fastify';
import { listDatasetActivity } from '../catalog/activity.ts';
import type { Actor } from '../catalog/actor.ts';
import { factsOf, showDataset } from '../catalog/dataset-service.ts';
import { getGroup, listGroups, publicDatasetCounts } from '../catalog/group-service.ts';
import { canDataset, canOrganization } from '../catalog/policies.ts';
import type { Dataset, Group } from '../catalog/types.ts';
import { notFound } from '../platform/errors.ts';
import { qualityOf } from '../quality/index.ts';
import { loadChartLibraries } from './components/chart.ts';
import { headlineCounts, newestDatasetIds } from './data/catalog-reads.ts';
import { findDatasets } from './data/dataset-search.ts';
import { type DatasetSummary, datasetSummaries } from './data/dataset-summaries.ts';
import { countView, mostViewed } from './data/dataset-views.ts';
import { parsePreviewParams, previewPage } from './data/preview-query.ts';
import { parseSearchParams, type SearchParams } from './data/search-params.ts';
import { aboutPage } from './pages/about.ts';
import { apiDocsPage, type OpenApiDoc } from './pages/api-docs.ts';
import { datasetPage } from './pages/dataset.ts';
import { groupPage } from './pages/group-page.ts';
import { groupsPage } from './pages/groups.ts';
import { homePage } from './pages/home.ts';
import { organizationsPage } from './pages/organizations.ts';
import { resourcePage } from './pages/resource.ts';
import { searchPage } from './pages/search.ts';
import { page, pageHandler, type WebContext } from './web-handler.ts';

type Query = Record<string, string | string[] | undefined>;

/**
 * A value recomputed at most every `ms` milliseconds. Once computed, callers never wait for a refresh: an
 * expired value is served while one shared recomputation runs (a failed one keeps the old value).
 */
function cached<T>(ms: number, compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  let at = 0;
  let refreshing = false;
  return () => {
    if (!value) {
      at = Date.now();
      const first = compute();
      value = first;
      first.catch(() => {
        if (value === first) value = null;
      });
    } else if (Date.now() - at > ms && !refreshing) {
      refreshing = true;
      at = Date.now();
      compute()
        .then((v) => {
          value = Promise.resolve(v);
        })
        .catch(() => {})
        .finally(() => {
          refreshing = false;
        });
    }
    return value;
  };
}

const emptyParams = (): SearchParams => parseSearchParams({});

/** The cards of a list page: one query for only the rows shown (quality included). */
const summaries = (web: WebContext, ids: string[]): Promise<DatasetSummary[]> =>
  datasetSummaries(web.ctx.db, ids);

async function relatedTo(
  web: WebContext,
  d: Dataset,
  actor: Actor,
  orgs: Map<string, Group>,
): Promise<DatasetSummary[]> {
  const org = d.ownerOrg ? orgs.get(d.ownerOrg) : undefined;
  const p = emptyParams();
  if (d.tw.serviceCategory) p.filters.groups = [`category-${d.tw.serviceCategory.toLowerCase()}`];
  else if (org) p.filters.organization = [org.name];
  else return [];
  const found = await findDatasets(web.ctx.db, p, actor);
  return summaries(web, found.ids.filter((id) => id !== d.id).slice(0, 4));
}

/** Public pages: home, search, dataset, agencies, categories, API docs, about; CKAN address redirects. */
export function publicRoutes(app: FastifyInstance, web: WebContext): void {
  const db = web.ctx.db.kysely;
  // Agencies and categories label every list page and change rarely: read at most every 5 s.
  const labels = cached(5_000, async () => {
    const [orgs, groups] = await Promise.all([listGroups(db, 'organization'), listGroups(db, 'group')]);
    return {
      orgsById: new Map(orgs.map((o) => [o.id, o])),
      orgsByName: new Map(orgs.map((o) => [o.name, o])),
      groupsByName: new Map(groups.map((g) => [g.name, g])),
    };
  });
  const orgsById = async () => (await labels()).orgsById;

  // Headline figures are public and the same for everyone: computed at most every 30 s.
  const homeFigures = cached(30_000, async () => {
    const [counts, newestIds, categoryCounts] = await Promise.all([
      headlineCounts(db),
      newestDatasetIds(db, 6),
      publicDatasetCounts(db, 'group'),
    ]);
    return { counts, newest: await summaries(web, newestIds), categoryCounts };
  });
  page(app, web, 'GET', '/', async (_req, pc) => {
    const [figures, viewed, orgs] = await Promise.all([homeFigures(), mostViewed(db, 8), orgsById()]);
    const popular = await summaries(
      web,
      viewed.map((v) => v.id),
    );
    const mostViewedList = viewed.flatMap((v) => {
      const dataset = popular.find((d) => d.id === v.id);
      return dataset ? [{ dataset, views: v.views }] : [];
    });
    return homePage(pc, { ...figures, mostViewed: mostViewedList, orgs });
  });

  page(app, web, 'GET', '/datasets', async (req, pc) => {
    const params = parseSearchParams(req.query as Query);
    const [outcome, names] = await Promise.all([findDatasets(web.ctx.db, params, req.actor), labels()]);
    return searchPage(pc, { params, outcome, datasets: await summaries(web, outcome.ids), ...names });
  });

  page(app, web, 'GET', '/datasets/:name', async (req, pc) => {
    const { name } = req.params as { name: string };
    const d = await showDataset(web.ctx.catalog, req.actor, name);
    if (d.name !== name) return { redirect: pc.href(`/datasets/${encodeURIComponent(d.name)}`), status: 301 };
    const orgs = await orgsById();
    const [activities, related, quality] = await Promise.all([
      listDatasetActivity(db, d.id, { limit: 20, offset: 0 }),
      relatedTo(web, d, req.actor, orgs),
      qualityOf(web.ctx.db, d.id),
    ]);
    await countView(db, d.id).catch((err: unknown) => req.log.warn({ err }, 'view count failed'));
    return datasetPage(pc, {
      dataset: d,
      org: d.ownerOrg ? (orgs.get(d.ownerOrg) ?? null) : null,
      activities,
      related,
      quality,
      orgs,
      canEdit: canDataset(req.actor, 'update', factsOf(d)),
    });
  });

  page(app, web, 'GET', '/datasets/:name/resources/:id', async (req, pc) => {
    const { name, id } = req.params as { name: string; id: string };
    const d = await showDataset(web.ctx.catalog, req.actor, name);
    const resource = d.resources.find((r) => r.id === id);
    if (!resource) throw notFound('Resource', 'ODP_RESOURCE_NOT_FOUND');
    if (d.name !== name)
      return { redirect: pc.href(`/datasets/${encodeURIComponent(d.name)}/resources/${id}`), status: 301 };
    const params = parsePreviewParams(req.query as Query);
    const [preview] = await Promise.all([previewPage(web.ctx, resource.id, params), loadChartLibraries()]);
    return resourcePage(pc, { dataset: d, resource, params, preview });
  });

  page(app, web, 'GET', '/organizations', async (_req, pc) => {
    const [orgs, counts] = await Promise.all([
      listGroups(db, 'organization'),
      publicDatasetCounts(db, 'organization'),
    ]);
    return organizationsPage(pc, orgs, counts);
  });

  const groupHandler = (kind: 'organization' | 'group') =>
    page(
      app,
      web,
      'GET',
      kind === 'organization' ? '/organizations/:name' : '/groups/:name',
      async (req, pc) => {
        const { name } = req.params as { name: string };
        const g = await getGroup(db, kind, name);
        const params = parseSearchParams(req.query as Query);
        const p = { ...emptyParams(), page: params.page };
        p.filters[kind === 'organization' ? 'organization' : 'groups'] = [g.name];
        const [orgs, outcome] = await Promise.all([orgsById(), findDatasets(web.ctx.db, p, req.actor)]);
        const all = [...orgs.values()];
        return groupPage(pc, {
          group: g,
          parent: g.parentId ? (orgs.get(g.parentId) ?? null) : null,
          children: kind === 'organization' ? all.filter((o) => o.parentId === g.id) : [],
          datasets: await summaries(web, outcome.ids),
          count: outcome.count,
          page: p.page,
          orgs,
          canManage: kind === 'organization' && canOrganization(req.actor, 'manage_members', g.id),
        });
      },
    );
  groupHandler('organization');
  groupHandler('group');

  page(app, web, 'GET', '/groups', async (_req, pc) => {
    const [groups, counts] = await Promise.all([listGroups(db, 'group'), publicDatasetCounts(db, 'group')]);
    return groupsPage(pc, groups, counts);
  });

  // `/api` answers CKAN clients with its version (interop); browsers asking for HTML get the docs.
  const docs = pageHandler(web, async (_req, pc) => apiDocsPage(pc, app.swagger() as OpenApiDoc));
  app.get('/en/api', { schema: { hide: true } }, docs);
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || req.url.split('?')[0] !== '/api') return;
    if (!(req.headers.accept ?? '').includes('text/html')) return;
    await docs(req, reply);
  });
  page(app, web, 'GET', '/about', async (_req, pc) => aboutPage(pc));

  // CKAN's addresses keep working: /dataset/{name}, /dataset?q=, /organization/{name}, /group/{name}.
  const moved = (from: string, to: (params: Record<string, string>) => string) => {
    for (const prefix of ['', '/en']) {
      app.get(`${prefix}${from}`, { schema: { hide: true } }, async (req, reply) => {
        const qs = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        return reply.redirect(`${prefix}${to(req.params as Record<string, string>)}${qs}`, 301);
      });
    }
  };
  moved('/dataset', () => '/datasets');
  moved('/dataset/:name', (p) => `/datasets/${encodeURIComponent(p.name ?? '')}`);
  moved(
    '/dataset/:name/resource/:id',
    (p) => `/datasets/${encodeURIComponent(p.name ?? '')}/resources/${encodeURIComponent(p.id ?? '')}`,
  );
  moved('/organization', () => '/organizations');
  moved('/organization/:name', (p) => `/organizations/${encodeURIComponent(p.name ?? '')}`);
  moved('/group/:name', (p) => `/groups/${encodeURIComponent(p.name ?? '')}`);
}
