import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** Sign-in form for agency staff. */
export function loginPage(
  pc: PageContext,
  o: { csrf: string; next: string; failed: boolean; name: string },
): string {
  const { t } = pc;
  const main = html`<h1>${t('login.title')}</h1>
${o.failed ? html`<div class="error-summary" role="alert"><p>${t('login.failed')}</p></div>` : ''}
<form class="stacked" action="${pc.href('/user/login')}" method="post">
<input type="hidden" name="_csrf" value="${o.csrf}">
<input type="hidden" name="next" value="${o.next}">
<div class="field"><label for="f-name">${t('login.name')}</label><input id="f-name" name="name" type="text" autocomplete="username" required value="${o.name}"></div>
<div class="field"><label for="f-password">${t('login.password')}</label><input id="f-password" name="password" type="password" autocomplete="current-password" required></div>
<button type="submit">${t('login.submit')}</button>
</form>`;
  return renderPage(pc, {
    title: t('login.title'),
    main,
    noindex: true,
    crumbs: [{ label: t('login.title') }],
  });
}
