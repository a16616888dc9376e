import type { Group, MemberRole } from '../../catalog/types.ts';
import { csrfField, type FormErrors, selectField, textField } from '../forms.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

const ROLES: MemberRole[] = ['admin', 'editor', 'member'];

/** Members of an agency and a form to add one or change a role. */
export function membersPage(
  pc: PageContext,
  org: Group,
  members: { userId: string; name: string; role: MemberRole }[],
  o: { saved: boolean; errors: FormErrors },
): string {
  const { t } = pc;
  const title = t('members.title', { org: org.title });
  const main = html`<h1>${title}</h1>
${o.saved ? html`<p class="notice" role="status">${t('members.saved')}</p>` : ''}
<table><thead><tr><th scope="col">${t('members.user')}</th><th scope="col">${t('members.role')}</th></tr></thead>
<tbody>${members.map((m) => html`<tr><td>${m.name}</td><td>${t(`dash.role.${m.role}`)}</td></tr>`)}</tbody></table>
<form class="stacked" action="${pc.href(`/organizations/${encodeURIComponent(org.name)}/members`)}" method="post">${csrfField(pc)}
${textField({ name: 'user', label: t('members.user'), required: true, errors: o.errors })}
${selectField({ name: 'role', label: t('members.role'), value: 'editor', errors: o.errors, options: ROLES.map((r) => ({ value: r, label: t(`dash.role.${r}`) })) })}
<button type="submit">${t('members.save')}</button></form>`;
  return renderPage(pc, {
    title,
    main,
    noindex: true,
    crumbs: [
      { label: t('org.title'), path: '/organizations' },
      { label: org.title, path: `/organizations/${encodeURIComponent(org.name)}` },
      { label: t('org.members') },
    ],
  });
}
