import type { Group } from '../../catalog/types.ts';
import { datasetCard } from '../components/dataset-card.ts';
import { pagination } from '../components/pagination.ts';
import type { FacetCount, SearchOutcome } from '../data/dataset-search.ts';
import type { DatasetSummary } from '../data/dataset-summaries.ts';
import {
  emptyFilters,
  FACETS,
  type FacetName,
  PAGE_SIZE,
  type SearchParams,
  SORTS,
  searchQueryString,
} from '../data/search-params.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayNumber } from '../i18n.ts';
import { frequencyName, groupTitle, licenseTitle } from '../labels.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export interface SearchPageData {
  params: SearchParams;
  outcome: SearchOutcome;
  datasets: DatasetSummary[];
  /** Organizations by id (cards) and by name (facet labels). */
  orgsById: ReadonlyMap<string, Group>;
  orgsByName: ReadonlyMap<string, Group>;
  groupsByName: ReadonlyMap<string, Group>;
}

const FACET_SHOWN = 10;

/** A facet value as people read it (agency title, category name, licence title, frequency in words). */
function valueLabel(pc: PageContext, data: SearchPageData, facet: FacetName, value: string): string {
  switch (facet) {
    case 'organization':
      return data.orgsByName.get(value)?.title ?? value;
    case 'groups': {
      const g = data.groupsByName.get(value);
      return g ? groupTitle(pc.locale, g) : value;
    }
    case 'license_id':
      return licenseTitle(value);
    case 'update_frequency':
      return frequencyName(pc.locale, value);
    case 'openness':
      return /^[0-5]$/.test(value) ? pc.t('facet.stars', { n: Number(value) }) : value;
    case 'quality_mark':
      return ['none', 'bronze', 'silver', 'gold', 'platinum'].includes(value)
        ? pc.t(`mark.${value as 'none' | 'bronze' | 'silver' | 'gold' | 'platinum'}`)
        : value;
    default:
      return value;
  }
}

function facetBlock(pc: PageContext, data: SearchPageData, facet: FacetName): SafeHtml {
  const applied = data.params.filters[facet];
  const counts: FacetCount[] = data.outcome.facets[facet] ?? [];
  const shown = counts.slice(0, FACET_SHOWN);
  for (const v of applied) if (!shown.some((c) => c.value === v)) shown.push({ value: v, count: 0 });
  if (!shown.length) return html``;
  const id = (i: number) => `f-${facet}-${i}`;
  return html`<fieldset class="facet">
  <legend>${pc.t(`facet.${facet}`)}</legend>
  <ul>${shown.map(
    (
      c,
      i,
    ) => html`<li><input type="checkbox" id="${id(i)}" name="${facet}" value="${c.value}"${applied.includes(c.value) ? html` checked` : ''}>
<label for="${id(i)}">${valueLabel(pc, data, facet, c.value)}${c.count ? html` <span class="count">(${displayNumber(pc.locale, c.count)})</span>` : ''}</label></li>`,
  )}</ul>
</fieldset>`;
}

function appliedTags(pc: PageContext, data: SearchPageData): SafeHtml {
  const p = data.params;
  const tags: { label: string; without: SearchParams }[] = [];
  for (const f of FACETS)
    for (const v of p.filters[f]) {
      const filters = { ...p.filters, [f]: p.filters[f].filter((x) => x !== v) };
      tags.push({
        label: `${pc.t(`facet.${f}`)}: ${valueLabel(pc, data, f, v)}`,
        without: { ...p, filters, page: 1 },
      });
    }
  if (!tags.length) return html``;
  const none = { ...p, filters: emptyFilters(), page: 1 };
  return html`<div class="applied">
  <h2 class="visually-hidden">${pc.t('search.applied')}</h2>
  <ul>${tags.map(
    (tag) =>
      html`<li><a class="tag-remove" href="${pc.href(`/datasets${searchQueryString(tag.without)}`)}" aria-label="${pc.t('search.remove', { name: tag.label })}">${tag.label} <span aria-hidden="true">×</span></a></li>`,
  )}
  <li><a href="${pc.href(`/datasets${searchQueryString(none)}`)}">${pc.t('search.clearAll')}</a></li></ul>
</div>`;
}

/** Dataset search: one GET form (query, sort, facets, Apply), result count, removable filters, pagination. */
export function searchPage(pc: PageContext, data: SearchPageData): string {
  const { t } = pc;
  const p = data.params;
  const last = Math.max(1, Math.ceil(Math.min(data.outcome.count, 10_000) / PAGE_SIZE));
  const title = p.q ? t('search.titleQuery', { q: p.q }) : t('search.title');
  const facets = FACETS.map((f) => facetBlock(pc, data, f)).filter((b) => b.value !== '');
  const main = html`<h1>${title}</h1>
<form class="search-layout" action="${pc.href('/datasets')}" method="get">
  <div class="search-bar" role="search">
    <label for="q">${t('search.label')}</label>
    <div class="search-row">
      <input id="q" name="q" type="search" value="${p.q}" autocomplete="off">
      <button type="submit">${t('search.button')}</button>
    </div>
  </div>
  ${
    facets.length
      ? html`<aside class="filters" aria-labelledby="filters-h">
    <h2 id="filters-h">${t('search.filters')}</h2>
    ${facets}
    <button type="submit" class="secondary">${t('search.apply')}</button>
  </aside>`
      : html`<div class="filters"></div>`
  }
  <section class="results" aria-labelledby="results-h">
    <h2 id="results-h" class="visually-hidden">${t('search.results')}</h2>
    <div class="results-head">
      <p class="result-count" role="status">${t('search.count', { count: data.outcome.count })}</p>
      <div class="sort">
        <label for="sort">${t('search.sort')}</label>
        <select id="sort" name="sort">${SORTS.map(
          (s) =>
            html`<option value="${s}"${p.sort === s ? html` selected` : ''}>${t(`search.sort.${s}`)}</option>`,
        )}</select>
        <button type="submit" class="secondary small">${t('search.sortApply')}</button>
      </div>
    </div>
    ${appliedTags(pc, data)}
    ${
      data.datasets.length
        ? html`<ul class="dataset-list">${data.datasets.map((d) => datasetCard(pc, d, data.orgsById))}</ul>`
        : html`<p class="empty">${t('search.noResults')}</p>`
    }
    ${pagination(pc, p.page, last, (n) => pc.href(`/datasets${searchQueryString({ ...p, page: n })}`))}
  </section>
</form>`;
  return renderPage(pc, { title, main, crumbs: [{ label: t('nav.datasets') }] });
}
