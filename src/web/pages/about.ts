import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** About the portal, including the accessibility statement. */
export function aboutPage(pc: PageContext): string {
  const { t } = pc;
  const main = html`<h1>${t('about.title')}</h1>
<div class="prose"><p>${t('about.body')}</p>
<h2>${t('about.accessibility')}</h2><p>${t('about.accessibilityBody')}</p></div>`;
  return renderPage(pc, { title: t('about.title'), main, crumbs: [{ label: t('about.title') }] });
}
