import type { Group } from '../../catalog/types.ts';
import { datasetCard } from '../components/dataset-card.ts';
import { markdown } from '../components/markdown.ts';
import { pagination } from '../components/pagination.ts';
import type { DatasetSummary } from '../data/dataset-summaries.ts';
import { PAGE_SIZE } from '../data/search-params.ts';
import { html, type SafeHtml } from '../html.ts';
import { groupTitle } from '../labels.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export interface GroupPageData {
  group: Group;
  parent: Group | null;
  children: Group[];
  datasets: DatasetSummary[];
  count: number;
  page: number;
  orgs: ReadonlyMap<string, Group>;
  canManage: boolean;
}

/** An agency or category page: description, sub-agencies, its datasets (paged), link to filtered search. */
export function groupPage(pc: PageContext, data: GroupPageData): string {
  const { t } = pc;
  const g = data.group;
  const isOrg = g.kind === 'organization';
  const title = isOrg ? g.title || g.name : t('category.title', { name: groupTitle(pc.locale, g) });
  const base = isOrg
    ? `/organizations/${encodeURIComponent(g.name)}`
    : `/groups/${encodeURIComponent(g.name)}`;
  const facet = isOrg ? 'organization' : 'groups';
  const last = Math.max(1, Math.ceil(data.count / PAGE_SIZE));
  const about: SafeHtml[] = [];
  if (data.parent)
    about.push(
      html`<div class="summary-row"><dt>${t('org.parent')}</dt><dd><a href="${pc.href(`/organizations/${encodeURIComponent(data.parent.name)}`)}">${data.parent.title}</a></dd></div>`,
    );
  if (isOrg && g.orgCode)
    about.push(html`<div class="summary-row"><dt>${t('org.orgCode')}</dt><dd>${g.orgCode}</dd></div>`);
  const main = html`<h1>${title}</h1>
${isOrg && g.description ? html`<div class="prose">${markdown(g.description)}</div>` : ''}
${about.length ? html`<dl class="summary-list narrow">${about}</dl>` : ''}
${
  isOrg
    ? html`<p class="button-row"><a class="button secondary" href="${pc.href(`${base}/scorecard`)}">${t('scorecard.link')}</a>${data.canManage ? html` <a class="button secondary" href="${pc.href(`${base}/members`)}">${t('org.members')}</a>` : ''}</p>`
    : ''
}
${
  data.children.length
    ? html`<section aria-labelledby="sub-h"><h2 id="sub-h">${t('org.subordinates')}</h2><ul class="org-sublist">${data.children.map(
        (c) =>
          html`<li><a href="${pc.href(`/organizations/${encodeURIComponent(c.name)}`)}">${c.title || c.name}</a></li>`,
      )}</ul></section>`
    : ''
}
<section aria-labelledby="ds-h">
  <h2 id="ds-h">${t('org.datasetsHeading')} <span class="muted">(${t('org.datasets', { count: data.count })})</span></h2>
  <p><a href="${pc.href(`/datasets?${facet}=${encodeURIComponent(g.name)}`)}">${t('search.filters')}: ${t('nav.datasets')}</a></p>
  <ul class="dataset-list">${data.datasets.map((d) => datasetCard(pc, d, data.orgs))}</ul>
  ${pagination(pc, data.page, last, (n) => pc.href(`${base}${n > 1 ? `?page=${n}` : ''}`))}
</section>`;
  return renderPage(pc, {
    title,
    main,
    crumbs: [
      isOrg
        ? { label: t('org.title'), path: '/organizations' }
        : { label: t('category.all'), path: '/groups' },
      { label: title },
    ],
  });
}
