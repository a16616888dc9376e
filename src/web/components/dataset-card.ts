import type { Dataset, Group } from '../../catalog/types.ts';
import type { QualitySummary } from '../../quality/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayDate } from '../i18n.ts';
import type { PageContext } from '../page-context.ts';
import { qualityLine } from './quality.ts';

/** Plain-text teaser of a Markdown description. */
export function teaser(notes: string, max = 160): string {
  const text = notes
    .replace(/[#>*_`[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** One dataset in a list: linked title, agency, teaser, formats, last update, openness and quality mark. */
export function datasetCard(
  pc: PageContext,
  d: Dataset,
  orgs: ReadonlyMap<string, Group>,
  quality?: ReadonlyMap<string, QualitySummary>,
): SafeHtml {
  const org = d.ownerOrg ? orgs.get(d.ownerOrg) : undefined;
  const formats = [...new Set(d.resources.map((r) => r.format.trim().toUpperCase()).filter(Boolean))];
  const link = html`<a href="${pc.href(`/datasets/${encodeURIComponent(d.name)}`)}">${d.title || d.name}</a>`;
  return html`<li class="dataset-card">
  <h3>${link}</h3>
  ${org ? html`<p class="card-org">${org.title}</p>` : ''}
  ${d.notes ? html`<p class="card-teaser">${teaser(d.notes)}</p>` : ''}
  <dl class="card-meta">
    ${formats.length ? html`<div><dt>${pc.t('dataset.formats')}</dt><dd>${formats.map((f) => html`<span class="format">${f}</span> `)}</dd></div>` : ''}
    <div><dt>${pc.t('dataset.lastUpdated')}</dt><dd>${displayDate(pc.locale, d.modified)}</dd></div>
    ${qualityLine(pc, quality?.get(d.id))}
  </dl>
</li>`;
}
