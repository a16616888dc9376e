import type { Scorecard } from '../../quality/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayNumber } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** A 0..1 share as a whole percentage ("87%"), or a dash when nothing was checked. */
export function percent(share: number, checked: number): string {
  return checked === 0 ? '—' : `${Math.round(share * 100)}%`;
}

/** Mean stars with one decimal, or a dash. */
export function averageStars(avg: number | null): string {
  return avg === null ? '—' : avg.toFixed(1);
}

const MARK_COLUMNS = ['platinum', 'gold', 'silver', 'bronze', 'none'] as const;

function row(pc: PageContext, c: Scorecard, depth: number): SafeHtml {
  const n = (x: number) => displayNumber(pc.locale, x);
  return html`<tr>
<th scope="row"${depth ? html` class="sub-org"` : ''}><a href="${pc.href(`/organizations/${encodeURIComponent(c.name)}/scorecard`)}">${c.title || c.name}</a></th>
<td class="num">${n(c.datasets)}</td><td class="num">${n(c.checked)}</td>
<td class="num">${percent(c.openShare, c.checked)}</td><td class="num">${percent(c.openFormatShare, c.checked)}</td>
<td class="num">${averageStars(c.averageStars)}</td>
${MARK_COLUMNS.map((m) => html`<td class="num">${n(c.marks[m])}</td>`)}
<td class="num">${n(c.stale)}</td><td class="num">${n(c.brokenLinks)}</td>
</tr>`;
}

/** Ministries first, each followed by its sub-agencies (indented), as the agency tree reads. */
function ordered(cards: Scorecard[]): { card: Scorecard; depth: number }[] {
  const ids = new Set(cards.map((c) => c.orgId));
  const out: { card: Scorecard; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const c of cards) {
      const top = parentId === null && (c.parentId === null || !ids.has(c.parentId));
      if ((parentId === null ? top : c.parentId === parentId) && depth < 6) {
        out.push({ card: c, depth });
        walk(c.orgId, depth + 1);
      }
    }
  };
  walk(null, 0);
  return out;
}

/** The head row of a scorecard table (shared with the agency page's sub-agency table). */
export function scorecardHead(pc: PageContext): SafeHtml {
  const { t } = pc;
  return html`<thead><tr>
<th scope="col">${t('scorecard.agency')}</th><th scope="col" class="num">${t('scorecard.datasets')}</th>
<th scope="col" class="num">${t('scorecard.checked')}</th><th scope="col" class="num">${t('scorecard.openShare')}</th>
<th scope="col" class="num">${t('scorecard.openFormatShare')}</th><th scope="col" class="num">${t('scorecard.averageStars')}</th>
${MARK_COLUMNS.map((m) => html`<th scope="col" class="num">${t(`mark.${m}`)}</th>`)}
<th scope="col" class="num">${t('scorecard.stale')}</th><th scope="col" class="num">${t('scorecard.brokenLinks')}</th>
</tr></thead>`;
}

/** Rows of a scorecard table in agency-tree order. */
export function scorecardRows(pc: PageContext, cards: Scorecard[]): SafeHtml {
  return html`<tbody>${ordered(cards).map(({ card, depth }) => row(pc, card, depth))}</tbody>`;
}

/** Every agency's openness and quality figures (rolled up over sub-agencies), with CSV downloads. */
export function scorecardsPage(pc: PageContext, cards: Scorecard[]): string {
  const { t } = pc;
  const main = html`<h1>${t('scorecard.allTitle')}</h1>
<p class="lead">${t('scorecard.lead')}</p>
<p class="button-row"><a class="button secondary" href="/api/v1/scorecards.csv?lang=${pc.locale}" download>${t('scorecard.csv')}</a>
<a class="button secondary" href="/api/v1/scorecards.csv?lang=${pc.locale === 'en' ? 'zh-TW' : 'en'}" download hreflang="${pc.locale === 'en' ? 'zh-TW' : 'en'}">${t('scorecard.csvOther')}</a></p>
${
  cards.length
    ? html`<section class="table-scroll" aria-labelledby="sc-caption" tabindex="0"><table class="scorecard">
<caption id="sc-caption">${t('scorecard.caption')}</caption>
${scorecardHead(pc)}${scorecardRows(pc, cards)}</table></section>`
    : html`<p class="empty">${t('org.none')}</p>`
}
<p class="muted">${t('scorecard.note')}</p>`;
  return renderPage(pc, {
    title: t('scorecard.allTitle'),
    main,
    crumbs: [{ label: t('org.title'), path: '/organizations' }, { label: t('scorecard.allTitle') }],
  });
}
