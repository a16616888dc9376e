import type { Group } from '../../catalog/types.ts';
import { html } from '../html.ts';
import { displayNumber } from '../i18n.ts';
import { groupTitle } from '../labels.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** Every theme group (the 18 service categories first) with dataset counts. */
export function groupsPage(pc: PageContext, groups: Group[], counts: ReadonlyMap<string, number>): string {
  const { t } = pc;
  const sorted = [...groups].sort((a, b) => a.name.localeCompare(b.name));
  const main = html`<h1>${t('category.all')}</h1>
<ul class="category-grid">${sorted.map(
    (g) =>
      html`<li><a href="${pc.href(`/groups/${encodeURIComponent(g.name)}`)}"><span class="cat-name">${groupTitle(pc.locale, g)}</span> <span class="cat-count">${displayNumber(pc.locale, counts.get(g.id) ?? 0)}</span></a></li>`,
  )}</ul>`;
  return renderPage(pc, { title: t('category.all'), main, crumbs: [{ label: t('category.all') }] });
}
