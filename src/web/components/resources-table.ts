import type { Dataset } from '../../catalog/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayDate, displayNumber, displaySize } from '../i18n.ts';
import type { PageContext } from '../page-context.ts';

/** The resources of a dataset as a table with download and preview links named after each file. */
export function resourcesTable(pc: PageContext, d: Dataset): SafeHtml {
  const { t, locale } = pc;
  if (!d.resources.length) return html`<p>${t('dataset.noResources')}</p>`;
  return html`<section class="table-scroll" aria-labelledby="res-caption" tabindex="0"><table class="resources">
<caption id="res-caption" class="visually-hidden">${t('dataset.resourcesCaption')}</caption>
<thead><tr>
  <th scope="col">${t('dataset.resName')}</th><th scope="col">${t('dataset.resFormat')}</th>
  <th scope="col">${t('dataset.resEncoding')}</th><th scope="col">${t('dataset.resSize')}</th>
  <th scope="col">${t('dataset.resRecords')}</th><th scope="col">${t('dataset.resUpdated')}</th>
  <th scope="col">${t('dataset.resActions')}</th>
</tr></thead>
<tbody>${d.resources.map((r) => {
    const name = r.name || r.format || r.id;
    const when = r.lastModified ?? r.metadataModified;
    return html`<tr>
  <th scope="row">${name}${r.description ? html`<span class="res-desc">${r.description}</span>` : ''}</th>
  <td>${r.format ? html`<span class="format">${r.format.toUpperCase()}</span>` : '—'}</td>
  <td>${r.encoding || '—'}</td>
  <td>${r.size !== null ? displaySize(r.size) : '—'}</td>
  <td>${r.recordCount !== null ? displayNumber(locale, r.recordCount) : '—'}</td>
  <td>${displayDate(locale, when)}</td>
  <td class="actions">
    ${r.url ? html`<a class="button small" href="${r.url}" aria-label="${t('dataset.downloadNamed', { name })}">${t('dataset.download')}</a>` : ''}
    <a class="button small secondary" href="${pc.href(`/datasets/${encodeURIComponent(d.name)}/resources/${r.id}`)}" aria-label="${t('dataset.previewNamed', { name })}">${t('dataset.preview')}</a>
  </td>
</tr>`;
  })}</tbody>
</table></section>`;
}
