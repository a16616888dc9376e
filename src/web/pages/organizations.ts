import type { Group } from '../../catalog/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

function orgTree(
  pc: PageContext,
  orgs: Group[],
  counts: ReadonlyMap<string, number>,
  parentId: string | null,
  depth: number,
): SafeHtml {
  const here = orgs.filter(
    (o) =>
      o.parentId === parentId ||
      (depth === 0 && o.parentId !== null && !orgs.some((p) => p.id === o.parentId)),
  );
  if (!here.length || depth > 4) return html``;
  return html`<ul class="${depth === 0 ? 'org-list' : 'org-sublist'}">${here.map(
    (o) =>
      html`<li><a href="${pc.href(`/organizations/${encodeURIComponent(o.name)}`)}">${o.title || o.name}</a> <span class="muted">${pc.t('org.datasets', { count: counts.get(o.id) ?? 0 })}</span>${orgTree(pc, orgs, counts, o.id, depth + 1)}</li>`,
  )}</ul>`;
}

/** All publishing agencies, ministries with their subordinate agencies nested. */
export function organizationsPage(
  pc: PageContext,
  orgs: Group[],
  counts: ReadonlyMap<string, number>,
): string {
  const { t } = pc;
  const main = html`<h1>${t('org.title')}</h1><p class="lead">${t('org.lead')}</p>
${orgs.length ? orgTree(pc, orgs, counts, null, 0) : html`<p>${t('org.none')}</p>`}`;
  return renderPage(pc, { title: t('org.title'), main, crumbs: [{ label: t('org.title') }] });
}
