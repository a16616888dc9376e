import { html, type SafeHtml } from '../html.ts';
import type { PageContext } from '../page-context.ts';

/** Page numbers to show around the current one: first, last, neighbours, gaps as null. */
export function pageWindow(current: number, last: number): (number | null)[] {
  const wanted = new Set([1, last, current - 1, current, current + 1].filter((n) => n >= 1 && n <= last));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === 'number' && n - prev > 1) out.push(null);
    out.push(n);
  }
  return out;
}

/** Accessible pagination: a labelled nav, aria-current on the page shown, real links. */
export function pagination(
  pc: PageContext,
  current: number,
  last: number,
  linkOf: (page: number) => string,
): SafeHtml {
  if (last <= 1) return html``;
  const { t } = pc;
  return html`<nav class="pagination" aria-label="${t('pagination.label')}"><ul>
${current > 1 ? html`<li><a rel="prev" href="${linkOf(current - 1)}">${t('pagination.previous')}</a></li>` : ''}
${pageWindow(current, last).map((n) =>
  n === null
    ? html`<li class="gap" aria-hidden="true">…</li>`
    : n === current
      ? html`<li><a href="${linkOf(n)}" aria-current="page" aria-label="${t('pagination.current', { page: n })}">${n}</a></li>`
      : html`<li><a href="${linkOf(n)}" aria-label="${t('pagination.page', { page: n })}">${n}</a></li>`,
)}
${current < last ? html`<li><a rel="next" href="${linkOf(current + 1)}">${t('pagination.next')}</a></li>` : ''}
</ul></nav>`;
}
