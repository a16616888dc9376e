import type { Group } from '../../catalog/types.ts';
import type { DatasetSummary } from '../data/dataset-summaries.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayDate } from '../i18n.ts';
import type { PageContext } from '../page-context.ts';
import { markBadge, starsBadge } from './quality.ts';

/** Plain-text teaser of a Markdown description. */
export function teaser(notes: string, max = 160): string {
  const text = notes
    .replace(/[#>*_`[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** One dataset in a list: linked title, agency, teaser, formats, last update, openness and quality mark. */
export function datasetCard(pc: PageContext, d: DatasetSummary, orgs: ReadonlyMap<string, Group>): SafeHtml {
  const { t } = pc;
  const org = d.ownerOrg ? orgs.get(d.ownerOrg) : undefined;
  return html`<li class="dataset-card">
  <h3><a href="${pc.href(`/datasets/${encodeURIComponent(d.name)}`)}">${d.title || d.name}</a></h3>
  ${org ? html`<p class="card-org">${org.title}</p>` : ''}
  ${d.notes ? html`<p class="card-teaser">${teaser(d.notes)}</p>` : ''}
  <dl class="card-meta">
    ${d.formats.length ? html`<div><dt>${t('dataset.formats')}</dt><dd>${d.formats.map((f) => html`<span class="format">${f}</span> `)}</dd></div>` : ''}
    <div><dt>${t('dataset.lastUpdated')}</dt><dd>${displayDate(pc.locale, d.modified)}</dd></div>
    ${d.quality ? html`<div><dt>${t('quality.short')}</dt><dd>${starsBadge(pc, d.quality.stars)} ${markBadge(pc, d.quality.mark)}</dd></div>` : ''}
  </dl>
</li>`;
}
