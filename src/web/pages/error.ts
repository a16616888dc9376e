import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export type ErrorStatus = 400 | 403 | 404 | 500;

/** An error page in the page's language with a way on (home, search). */
export function errorPage(pc: PageContext, status: ErrorStatus): string {
  const { t } = pc;
  const title = t(`error.${status}.title`);
  const main = html`<div class="error-page">
<p class="eyebrow">${status}</p>
<h1>${title}</h1>
<p>${t(`error.${status}.body`)}</p>
${status === 403 && !pc.actor.userId ? html`<p><a class="button" href="${pc.href(`/user/login?next=${encodeURIComponent(pc.href(pc.path))}`)}">${t('nav.signIn')}</a></p>` : ''}
<form class="search-form" action="${pc.href('/datasets')}" method="get" role="search">
  <label for="err-q">${t('error.search')}</label>
  <div class="search-row"><input id="err-q" name="q" type="search"><button type="submit">${t('search.button')}</button></div>
</form>
<p><a href="${pc.href('/')}">${t('error.backHome')}</a></p>
</div>`;
  return renderPage(pc, { title, main, noindex: true });
}
