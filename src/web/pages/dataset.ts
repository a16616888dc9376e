import { findLicense } from '../../catalog/licenses.ts';
import type { Activity, Dataset, Group } from '../../catalog/types.ts';
import { schemaOrgDataset } from '../../interop/index.ts';
import type { QualitySummary } from '../../quality/index.ts';
import { activityList } from '../components/activity-list.ts';
import { datasetCard } from '../components/dataset-card.ts';
import { markdown } from '../components/markdown.ts';
import { markBadge, qualitySection, starsBadge } from '../components/quality.ts';
import { resourcesTable } from '../components/resources-table.ts';
import type { DatasetSummary } from '../data/dataset-summaries.ts';
import { type HtmlValue, html, type SafeHtml } from '../html.ts';
import { displayDate } from '../i18n.ts';
import { categoryName, frequencyName } from '../labels.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export interface DatasetPageData {
  dataset: Dataset;
  org: Group | null;
  activities: Activity[];
  related: DatasetSummary[];
  /** Latest quality check, null when never checked. */
  quality: QualitySummary | null;
  orgs: ReadonlyMap<string, Group>;
  canEdit: boolean;
}

const row = (label: string, value: HtmlValue): SafeHtml =>
  html`<div class="summary-row"><dt>${label}</dt><dd>${value}</dd></div>`;

function summary(pc: PageContext, d: Dataset, org: Group | null): SafeHtml {
  const { t, locale } = pc;
  const license = findLicense(d.licenseId);
  const none = html`<span class="muted">${t('dataset.notGiven')}</span>`;
  const tw = d.tw;
  const coverage = [tw.temporalStart, tw.temporalEnd]
    .filter(Boolean)
    .map((x) => displayDate(locale, x))
    .join(' – ');
  const contact = [tw.contactName || d.maintainer, tw.contactPhone].filter(Boolean).join(' ');
  const email = tw.contactEmail || d.maintainerEmail;
  return html`<dl class="summary-list">
${row(t('dataset.agency'), org ? html`<a href="${pc.href(`/organizations/${encodeURIComponent(org.name)}`)}">${org.title}</a>` : none)}
${row(t('dataset.license'), license ? (license.url ? html`<a href="${license.url}" rel="license">${license.title}</a>` : license.title) : d.licenseId || none)}
${row(t('dataset.updateFrequency'), tw.updateFrequency ? frequencyName(locale, tw.updateFrequency) : none)}
${row(t('dataset.lastUpdated'), html`<time datetime="${d.modified}">${displayDate(locale, d.modified)}</time>`)}
${row(t('dataset.created'), html`<time datetime="${d.created}">${displayDate(locale, d.created)}</time>`)}
${row(t('dataset.coverage'), coverage || none)}
${tw.spatial ? row(t('dataset.spatial'), tw.spatial) : ''}
${row(t('dataset.contact'), contact || email ? html`${contact}${email ? html` <a href="mailto:${email}">${email}</a>` : ''}` : none)}
${row(t('dataset.identifier'), tw.identifier || d.id)}
${row(
  t('dataset.cost'),
  tw.cost.type === 'paid'
    ? html`${t('dataset.costPaid')}${tw.cost.feeUrl ? html` <a href="${tw.cost.feeUrl}">${tw.cost.feeUrl}</a>` : ''}${tw.cost.legalBasis ? html` (${tw.cost.legalBasis})` : ''}`
    : t('dataset.costFree'),
)}
${tw.serviceCategory ? row(t('dataset.category'), html`<a href="${pc.href(`/groups/category-${tw.serviceCategory.toLowerCase()}`)}">${categoryName(locale, tw.serviceCategory)}</a>`) : ''}
${d.tags.length ? row(t('dataset.tags'), html`<ul class="tags">${d.tags.map((tag) => html`<li><a href="${pc.href(`/datasets?tags=${encodeURIComponent(tag)}`)}">${tag}</a></li>`)}</ul>`) : ''}
</dl>`;
}

function apiSection(pc: PageContext, d: Dataset): SafeHtml {
  const { t } = pc;
  const base = pc.baseUrl;
  const pkg = `${base}/api/3/action/package_show?id=${encodeURIComponent(d.name)}`;
  const tables = d.resources.filter((r) => r.datastoreActive);
  const first = tables[0];
  const curl = first
    ? `curl '${base}/api/3/action/datastore_search?resource_id=${first.id}&limit=5'`
    : `curl '${pkg}'`;
  return html`<section aria-labelledby="api-h">
<h2 id="api-h">${t('dataset.api')}</h2>
<p>${t('dataset.apiLead')}</p>
<dl class="api-list">
${tables.map(
  (r) =>
    html`<div><dt>${t('dataset.apiDatastore', { name: r.name || r.id })}</dt><dd><code>${base}/api/3/action/datastore_search?resource_id=${r.id}</code></dd></div>`,
)}
<div><dt>${t('dataset.apiPackage')}</dt><dd><code>${pkg}</code></dd></div>
<div><dt>${t('dataset.apiCurl')}</dt><dd><pre><code>${curl}</code></pre></dd></div>
</dl>
</section>`;
}

/** The dataset page: summary, description, resources, fields, API, history, related, JSON-LD. */
export function datasetPage(pc: PageContext, data: DatasetPageData): string {
  const { t } = pc;
  const d = data.dataset;
  const title = d.title || d.name;
  const path = `/datasets/${encodeURIComponent(d.name)}`;
  const badges = [
    d.private ? t('dataset.private') : '',
    d.state === 'draft' ? t('dataset.draft') : '',
    d.state === 'deleted' ? t('dataset.deleted') : '',
  ].filter(Boolean);
  const main = html`<div class="dataset-head">
  <p class="eyebrow">${data.org ? data.org.title : ''}</p>
  <h1>${title} ${badges.map((b) => html`<span class="badge">${b}</span>`)}</h1>
  ${data.quality ? html`<p class="quality-line"><a href="#quality-h">${starsBadge(pc, data.quality.stars)} ${markBadge(pc, data.quality.mark)}</a></p>` : ''}
  ${data.canEdit ? html`<p><a class="button secondary" href="${pc.href(`${path}/edit`)}">${t('dataset.edit')}</a></p>` : ''}
</div>
<div class="dataset-grid">
  <div class="dataset-main">
    <section aria-labelledby="desc-h">
      <h2 id="desc-h">${t('dataset.description')}</h2>
      <div class="prose">${d.notes ? markdown(d.notes) : html`<p>${t('dataset.noDescription')}</p>`}</div>
      ${d.harvestSource ? html`<p class="muted">${t('dataset.harvested', { url: d.harvestSource.url })}</p>` : ''}
    </section>
    <section aria-labelledby="res-h">
      <h2 id="res-h">${t('dataset.resources')}</h2>
      ${resourcesTable(pc, d)}
    </section>
    ${qualitySection(pc, data.quality, data.org?.name ?? null)}
    ${d.tw.fieldDescriptions ? html`<section aria-labelledby="fields-h"><h2 id="fields-h">${t('dataset.fields')}</h2><p class="fields-text">${d.tw.fieldDescriptions}</p></section>` : ''}
    ${apiSection(pc, d)}
    <section aria-labelledby="act-h">
      <h2 id="act-h">${t('dataset.activity')}</h2>
      ${activityList(pc, data.activities)}
    </section>
  </div>
  <aside class="dataset-side" aria-labelledby="sum-h">
    <h2 id="sum-h">${t('dataset.summary')}</h2>
    ${summary(pc, d, data.org)}
  </aside>
</div>
${
  data.related.length
    ? html`<section aria-labelledby="rel-h"><h2 id="rel-h">${t('dataset.related')}</h2><ul class="dataset-list compact">${data.related.map((r) => datasetCard(pc, r, data.orgs))}</ul></section>`
    : ''
}`;
  const pageUrl = pc.baseUrl + pc.href(path);
  return renderPage(pc, {
    title,
    main,
    description: d.notes ? d.notes.replace(/\s+/g, ' ').slice(0, 200) : title,
    crumbs: [
      { label: t('nav.datasets'), path: '/datasets' },
      ...(data.org
        ? [{ label: data.org.title, path: `/organizations/${encodeURIComponent(data.org.name)}` }]
        : []),
      { label: title },
    ],
    // The interop module's schema.org document; its url is this page (the @id stays the dataset's URI).
    jsonLd: { ...schemaOrgDataset(d, data.org, pc.baseUrl), url: pageUrl },
  });
}
