import type { Group, MemberRole } from '../../catalog/types.ts';
import { csrfField } from '../forms.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** The signed-in user's workspace: their agencies and roles, add a dataset, tokens, sign out. */
export function dashboardPage(
  pc: PageContext,
  name: string,
  orgs: { org: Group; role: MemberRole }[],
): string {
  const { t } = pc;
  const canCreate = pc.actor.sysadmin || orgs.some((o) => o.role !== 'member');
  const main = html`<h1>${t('dash.title')}</h1>
<p class="lead">${t('dash.lead', { name })}</p>
${canCreate ? html`<p><a class="button" href="${pc.href('/datasets/new')}">${t('dash.newDataset')}</a> <a class="button secondary" href="${pc.href('/user/tokens')}">${t('dash.tokens')}</a></p>` : html`<p><a class="button secondary" href="${pc.href('/user/tokens')}">${t('dash.tokens')}</a></p>`}
${pc.actor.sysadmin ? html`<p><a href="${pc.href('/admin/jobs')}">${t('dash.jobs')}</a></p>` : ''}
<h2>${t('dash.orgs')}</h2>
${
  orgs.length
    ? html`<ul>${orgs.map(
        (o) =>
          html`<li><a href="${pc.href(`/organizations/${encodeURIComponent(o.org.name)}`)}">${o.org.title}</a> <span class="muted">${t(`dash.role.${o.role}`)}</span>${o.role === 'admin' ? html` · <a href="${pc.href(`/organizations/${encodeURIComponent(o.org.name)}/members`)}">${t('org.members')}</a>` : ''}</li>`,
      )}</ul>`
    : html`<p>${t('dash.noOrgs')}</p>`
}
<form action="${pc.href('/user/logout')}" method="post">${csrfField(pc)}<button type="submit" class="secondary">${t('logout.submit')}</button></form>`;
  return renderPage(pc, {
    title: t('dash.title'),
    main,
    noindex: true,
    crumbs: [{ label: t('dash.title') }],
  });
}
