import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../api/request-actor.ts';
import { newResourceId, receiveMultipart } from '../api/uploads.ts';
import { createDataset, deleteDataset, getDatasetFor, updateDataset } from '../catalog/dataset-service.ts';
import { getGroup, listGroups, listMembers, setMember } from '../catalog/group-service.ts';
import { canOrganization } from '../catalog/policies.ts';
import { storedFileFields } from '../catalog/resource-files.ts';
import { createResource } from '../catalog/resource-service.ts';
import type { Dataset, MemberRole } from '../catalog/types.ts';
import { isLoadable, scheduleDatastoreLoad } from '../datastore/load-job.ts';
import { endSession, startSession } from '../platform/auth/sessions.ts';
import { checkLogin, createToken, listTokens, revokeToken } from '../platform/auth/users.ts';
import { forbidden, OdpError } from '../platform/errors.ts';
import { type DatasetFormValues, formValues, inputOf, valuesOf } from './data/dataset-form-values.ts';
import { loadStateOf } from './data/load-state.ts';
import { checkCsrf, checkLoginCsrf, type FormErrors, issueLoginCsrf } from './forms.ts';
import type { PageContext } from './page-context.ts';
import { dashboardPage } from './pages/dashboard.ts';
import { type DatasetFormData, datasetFormPage, type ResourceStatus } from './pages/dataset-form.ts';
import { loginPage } from './pages/login.ts';
import { membersPage } from './pages/members.ts';
import { tokensPage } from './pages/tokens.ts';
import { localizeErrors, localizeMessage } from './validation-messages.ts';
import { type PageResult, page, type WebContext } from './web-handler.ts';

type Body = Record<string, unknown>;
const SESSION_SECONDS = 14 * 86400;

/** A local path to go back to after signing in (never another site). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')
    ? next
    : '';
}

/** Sends an anonymous visitor to sign in, then back to this page. */
export const signInRedirect = (pc: PageContext): PageResult => ({
  redirect: `${pc.href('/user/login')}?next=${encodeURIComponent(pc.href(pc.path))}`,
});

/** A service's validation errors, each message in the page's language; null for any other error. */
const fieldErrors = (pc: PageContext, err: unknown): FormErrors | null =>
  err instanceof OdpError && err.kind === 'validation' ? localizeErrors(pc.t, err.fields) : null;

/** Sign-in, workspace, tokens, dataset create/edit/delete, resource upload or link, agency members. */
export function publisherRoutes(app: FastifyInstance, web: WebContext): void {
  const { ctx } = web;
  const db = ctx.db.kysely;
  const secure = ctx.config.secureCookies;

  page(app, web, 'GET', '/user/login', async (req, pc, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const csrf = issueLoginCsrf(reply, secure);
    return loginPage(pc, { csrf, next: safeNext(q.next), failed: false, name: '' });
  });

  page(app, web, 'POST', '/user/login', async (req, pc, reply) => {
    const body = (req.body ?? {}) as Body;
    checkLoginCsrf(req, typeof body._csrf === 'string' ? body._csrf : '');
    const name = typeof body.name === 'string' ? body.name.trim().slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const userId = name && password ? await checkLogin(db, name, password) : null;
    if (!userId) {
      const csrf = issueLoginCsrf(reply, secure);
      reply.status(401);
      return loginPage(pc, { csrf, next: safeNext(body.next), failed: true, name });
    }
    const { sessionId } = await startSession(db, userId);
    reply.setCookie(SESSION_COOKIE, sessionId, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: SESSION_SECONDS,
    });
    return { redirect: safeNext(body.next) || pc.href('/dashboard') };
  });

  page(app, web, 'POST', '/user/logout', async (req, pc, reply) => {
    checkCsrf(req);
    const sid = req.cookies?.[SESSION_COOKIE];
    if (sid) await endSession(db, sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { redirect: pc.href('/') };
  });

  page(app, web, 'GET', '/dashboard', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    const orgs = await listGroups(db, 'organization');
    const mine = orgs.flatMap((org) => {
      const role = req.actor.roles.get(org.id);
      return role ? [{ org, role }] : [];
    });
    return dashboardPage(pc, req.actor.userName ?? '', mine);
  });

  const tokensView = async (req: FastifyRequest, pc: PageContext, created: string | null) =>
    tokensPage(pc, await listTokens(db, req.actor.userId ?? ''), created);
  page(app, web, 'GET', '/user/tokens', async (req, pc) =>
    req.actor.userId ? tokensView(req, pc, null) : signInRedirect(pc),
  );
  page(app, web, 'POST', '/user/tokens', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    checkCsrf(req);
    const name =
      String((req.body as Body).name ?? '')
        .trim()
        .slice(0, 100) || 'token';
    const { token } = await createToken(db, req.actor.userId, name);
    return tokensView(req, pc, token);
  });
  page(app, web, 'POST', '/user/tokens/:id/revoke', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    checkCsrf(req);
    const { id } = req.params as { id: string };
    const mine = (await listTokens(db, req.actor.userId)).some((k) => k.id === id);
    if (!mine) throw forbidden('Not your token');
    await revokeToken(db, id);
    return { redirect: pc.href('/user/tokens') };
  });

  const editableOrgs = async (req: FastifyRequest) =>
    (await listGroups(db, 'organization')).filter(
      (o) => req.actor.sysadmin || ['admin', 'editor'].includes(req.actor.roles.get(o.id) ?? ''),
    );

  const statuses = async (d: Dataset): Promise<ResourceStatus[]> =>
    Promise.all(
      d.resources.map(async (r) => {
        const load = await loadStateOf(ctx.db, r.id);
        return {
          id: r.id,
          name: r.name || r.id,
          format: r.format,
          status: load.status === 'none' && r.datastoreActive ? 'done' : load.status,
          error: load.error.slice(0, 300),
        } satisfies ResourceStatus;
      }),
    );

  const formPage = async (
    req: FastifyRequest,
    pc: PageContext,
    o: Partial<DatasetFormData> & { values: DatasetFormValues },
  ) =>
    datasetFormPage(pc, {
      errors: {},
      orgs: await editableOrgs(req),
      dataset: null,
      resources: o.dataset ? await statuses(o.dataset) : [],
      saved: false,
      ...o,
    });

  page(app, web, 'GET', '/datasets/new', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    const orgs = await editableOrgs(req);
    if (!orgs.length) throw forbidden('Not an editor of any agency');
    const values = formValues({});
    values.owner_org = orgs[0]?.name ?? '';
    return formPage(req, pc, { values });
  });

  page(app, web, 'POST', '/datasets/new', async (req, pc, reply) => {
    if (!req.actor.userId) return signInRedirect(pc);
    checkCsrf(req);
    const values = formValues(req.body as Body);
    try {
      const d = await createDataset(ctx.catalog, req.actor, inputOf(values));
      return { redirect: `${pc.href(`/datasets/${encodeURIComponent(d.name)}/edit`)}?saved=1` };
    } catch (err) {
      const errors = fieldErrors(pc, err);
      if (!errors) throw err;
      reply.status(422);
      return formPage(req, pc, { values, errors });
    }
  });

  const editable = async (req: FastifyRequest, name: string) => getDatasetFor(db, req.actor, name, 'update');
  const orgNameOf = async (d: Dataset) =>
    d.ownerOrg ? (await getGroup(db, 'organization', d.ownerOrg)).name : '';

  page(app, web, 'GET', '/datasets/:name/edit', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    const d = await editable(req, (req.params as { name: string }).name);
    const saved = (req.query as Record<string, string | undefined>).saved === '1';
    return formPage(req, pc, { values: valuesOf(d, await orgNameOf(d)), dataset: d, saved });
  });

  page(app, web, 'POST', '/datasets/:name/edit', async (req, pc, reply) => {
    if (!req.actor.userId) return signInRedirect(pc);
    checkCsrf(req);
    const d = await editable(req, (req.params as { name: string }).name);
    const values = formValues(req.body as Body);
    try {
      const after = await updateDataset(ctx.catalog, req.actor, d.id, inputOf(values), { mode: 'patch' });
      return { redirect: `${pc.href(`/datasets/${encodeURIComponent(after.name)}/edit`)}?saved=1` };
    } catch (err) {
      const errors = fieldErrors(pc, err);
      if (!errors) throw err;
      reply.status(422);
      return formPage(req, pc, { values, errors, dataset: d });
    }
  });

  page(app, web, 'POST', '/datasets/:name/delete', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    checkCsrf(req);
    const d = await editable(req, (req.params as { name: string }).name);
    await deleteDataset(ctx.catalog, req.actor, d.id);
    return { redirect: pc.href('/dashboard') };
  });

  page(app, web, 'POST', '/datasets/:name/resources', async (req, pc, reply) => {
    if (!req.actor.userId) return signInRedirect(pc);
    const d = await editable(req, (req.params as { name: string }).name);
    const resourceId = newResourceId();
    const { fields, upload } = await receiveMultipart(req, ctx.blobs, resourceId);
    try {
      checkCsrf(req, fields);
      const url = (fields.res_url ?? '').trim();
      if (!upload && !url) {
        reply.status(422);
        const errors = { upload: [pc.t('res.needFileOrUrl')] };
        return formPage(req, pc, { values: valuesOf(d, await orgNameOf(d)), dataset: d, errors });
      }
      const format =
        (fields.res_format ?? '').trim() || (upload?.fileName.split('.').pop() ?? '').toUpperCase();
      const r = await createResource(ctx.catalog, req.actor, d.id, {
        id: resourceId,
        name: (fields.res_name ?? '').trim() || upload?.fileName || url,
        format,
        encoding: fields.res_encoding ?? '',
        ...(upload ? storedFileFields(upload, ctx.config.baseUrl, resourceId) : { url }),
      });
      if (r.url && isLoadable(r.format, r.url)) await scheduleDatastoreLoad(db, r.id);
      return { redirect: `${pc.href(`/datasets/${encodeURIComponent(d.name)}/edit`)}?saved=1` };
    } catch (err) {
      if (upload) await ctx.blobs.delete(upload.key);
      const errors = fieldErrors(pc, err);
      if (!errors) throw err;
      reply.status(422);
      const prefixed = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`res_${k}`, v]));
      return formPage(req, pc, { values: valuesOf(d, await orgNameOf(d)), dataset: d, errors: prefixed });
    }
  });

  const membersView = async (
    req: FastifyRequest,
    pc: PageContext,
    saved: boolean,
    errors: FormErrors = {},
  ) => {
    const org = await getGroup(db, 'organization', (req.params as { name: string }).name);
    if (!canOrganization(req.actor, 'manage_members', org.id)) throw forbidden('Not an admin of this agency');
    return {
      org,
      html: () => listMembers(db, org.id).then((m) => membersPage(pc, org, m, { saved, errors })),
    };
  };
  page(app, web, 'GET', '/organizations/:name/members', async (req, pc) => {
    if (!req.actor.userId) return signInRedirect(pc);
    return (await membersView(req, pc, false)).html();
  });
  page(app, web, 'POST', '/organizations/:name/members', async (req, pc, reply) => {
    if (!req.actor.userId) return signInRedirect(pc);
    checkCsrf(req);
    const { org } = await membersView(req, pc, false);
    const body = req.body as Body;
    const role = String(body.role ?? '') as MemberRole;
    try {
      await setMember(ctx.catalog, req.actor, org.id, String(body.user ?? '').trim(), role);
    } catch (err) {
      if (!(err instanceof OdpError) || err.status >= 500) throw err;
      reply.status(422);
      const errors =
        err.kind === 'not_found'
          ? { user: [localizeMessage(pc.t, err.message)] }
          : (fieldErrors(pc, err) ?? { user: [localizeMessage(pc.t, err.message)] });
      return (await membersView(req, pc, false, errors)).html();
    }
    return (await membersView(req, pc, true)).html();
  });
}
