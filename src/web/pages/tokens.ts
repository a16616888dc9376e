import type { TokenInfo } from '../../platform/auth/users.ts';
import { csrfField } from '../forms.ts';
import { html } from '../html.ts';
import { displayDate } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** API tokens of the signed-in user: list, create (shown once), revoke. */
export function tokensPage(pc: PageContext, tokens: TokenInfo[], created: string | null): string {
  const { t, locale } = pc;
  const main = html`<h1>${t('tokens.title')}</h1>
${created ? html`<div class="notice" role="status"><p>${t('tokens.created')}</p><p class="token-secret">${created}</p></div>` : ''}
${
  tokens.length
    ? html`<table><thead><tr><th scope="col">${t('tokens.name')}</th><th scope="col">${t('tokens.createdAt')}</th><th scope="col">${t('tokens.lastUsed')}</th><th scope="col"><span class="visually-hidden">${t('tokens.revoke')}</span></th></tr></thead>
<tbody>${tokens.map(
        (
          k,
        ) => html`<tr><td>${k.name}</td><td>${displayDate(locale, k.created)}</td><td>${k.lastAccess ? displayDate(locale, k.lastAccess) : '—'}</td>
<td><form class="inline-form" action="${pc.href(`/user/tokens/${k.id}/revoke`)}" method="post">${csrfField(pc)}<button type="submit" class="secondary small" aria-label="${t('tokens.revokeNamed', { name: k.name })}">${t('tokens.revoke')}</button></form></td></tr>`,
      )}</tbody></table>`
    : html`<p>${t('tokens.none')}</p>`
}
<h2>${t('tokens.create')}</h2>
<form class="stacked" action="${pc.href('/user/tokens')}" method="post">${csrfField(pc)}
<div class="field"><label for="f-token-name">${t('tokens.name')}</label><input id="f-token-name" name="name" type="text" required maxlength="100"></div>
<button type="submit">${t('tokens.create')}</button></form>`;
  return renderPage(pc, {
    title: t('tokens.title'),
    main,
    noindex: true,
    crumbs: [{ label: t('dash.title'), path: '/dashboard' }, { label: t('tokens.title') }],
  });
}
