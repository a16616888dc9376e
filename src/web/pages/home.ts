import { categoryGroupName, SERVICE_CATEGORIES } from '../../catalog/service-categories.ts';
import type { Group } from '../../catalog/types.ts';
import { datasetCard } from '../components/dataset-card.ts';
import type { DatasetSummary } from '../data/dataset-summaries.ts';
import { html } from '../html.ts';
import { displayNumber } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export interface HomeData {
  counts: { datasets: number; organizations: number; resources: number };
  newest: DatasetSummary[];
  mostViewed: { dataset: DatasetSummary; views: number }[];
  orgs: ReadonlyMap<string, Group>;
  categoryCounts: ReadonlyMap<string, number>;
}

/** Home: search box, headline counts, the 18 service categories, newest and most viewed datasets. */
export function homePage(pc: PageContext, data: HomeData): string {
  const { t, locale } = pc;
  const main = html`
<section class="hero">
  <h1>${t('home.title')}</h1>
  <p class="lead">${t('home.lead')}</p>
  <form class="search-form big" action="${pc.href('/datasets')}" method="get" role="search">
    <label for="home-q">${t('home.searchLabel')}</label>
    <div class="search-row">
      <input id="home-q" name="q" type="search" placeholder="${t('home.searchPlaceholder')}" autocomplete="off">
      <button type="submit">${t('home.searchButton')}</button>
    </div>
  </form>
  <h2 class="visually-hidden">${t('home.counts')}</h2>
  <ul class="counts">
    <li><a href="${pc.href('/datasets')}">${t('home.countDatasets', { count: data.counts.datasets })}</a></li>
    <li><a href="${pc.href('/organizations')}">${t('home.countOrganizations', { count: data.counts.organizations })}</a></li>
    <li>${t('home.countResources', { count: data.counts.resources })}</li>
  </ul>
</section>
<section aria-labelledby="cat-h">
  <h2 id="cat-h">${t('home.categories')}</h2>
  <ul class="category-grid">
    ${SERVICE_CATEGORIES.map((c) => {
      const name = categoryGroupName(c.code);
      const n = data.categoryCounts.get(name) ?? 0;
      return html`<li><a href="${pc.href(`/groups/${name}`)}"><span class="cat-code" aria-hidden="true">${c.code}</span> <span class="cat-name">${locale === 'en' ? c.en : c.zh}</span> <span class="cat-count">${displayNumber(locale, n)}</span></a></li>`;
    })}
  </ul>
</section>
<div class="two-col">
  <section aria-labelledby="new-h">
    <h2 id="new-h">${t('home.newest')}</h2>
    <ul class="dataset-list compact">${data.newest.map((d) => datasetCard(pc, d, data.orgs))}</ul>
    <p><a class="more" href="${pc.href('/datasets?sort=created')}">${t('home.allDatasets')}</a></p>
  </section>
  <section aria-labelledby="pop-h">
    <h2 id="pop-h">${t('home.mostViewed')}</h2>
    <ol class="popular">
      ${data.mostViewed.map(
        (v) =>
          html`<li><a href="${pc.href(`/datasets/${encodeURIComponent(v.dataset.name)}`)}">${v.dataset.title || v.dataset.name}</a> <span class="muted">${t('home.views', { count: v.views })}</span></li>`,
      )}
    </ol>
  </section>
</div>`;
  return renderPage(pc, {
    title: t('home.title'),
    main,
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: t('site.name'),
      url: pc.baseUrl + pc.href('/'),
      potentialAction: {
        '@type': 'SearchAction',
        target: `${pc.baseUrl}${pc.href('/datasets')}?q={search_term_string}`,
        'query-input': 'required name=search_term_string',
      },
    },
  });
}
