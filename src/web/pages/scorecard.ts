import type { Group } from '../../catalog/types.ts';
import type { Scorecard } from '../../quality/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayNumber } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';
import { averageStars, percent, scorecardHead, scorecardRows } from './scorecards.ts';

export interface ScorecardPageData {
  org: Group;
  card: Scorecard;
  /** Scorecards of the agency's sub-agencies (each rolled up). */
  subCards: Scorecard[];
}

const TREND_ROWS = 30;

function figures(pc: PageContext, c: Scorecard): SafeHtml {
  const { t, locale } = pc;
  const fig = (value: string, label: string) =>
    html`<li><span class="figure">${value}</span> <span class="figure-label">${label}</span></li>`;
  return html`<ul class="figures">
${fig(displayNumber(locale, c.datasets), t('scorecard.datasets'))}
${fig(percent(c.openShare, c.checked), t('scorecard.openShare'))}
${fig(percent(c.openFormatShare, c.checked), t('scorecard.openFormatShare'))}
${fig(averageStars(c.averageStars), t('scorecard.averageStars'))}
</ul>`;
}

function marksTable(pc: PageContext, c: Scorecard): SafeHtml {
  const { t, locale } = pc;
  const marks = ['platinum', 'gold', 'silver', 'bronze', 'none'] as const;
  return html`<table class="narrow-table"><caption>${t('scorecard.marksCaption')}</caption>
<thead><tr><th scope="col">${t('quality.mark')}</th><th scope="col" class="num">${t('scorecard.datasets')}</th></tr></thead>
<tbody>${marks.map((m) => html`<tr><th scope="row"><span class="mark mark-${m}">${t(`mark.${m}`)}</span></th><td class="num">${displayNumber(locale, c.marks[m])}</td></tr>`)}
<tr><th scope="row">${t('scorecard.stale')}</th><td class="num">${displayNumber(locale, c.stale)}</td></tr>
<tr><th scope="row">${t('scorecard.brokenLinks')}</th><td class="num">${displayNumber(locale, c.brokenLinks)}</td></tr>
<tr><th scope="row">${t('scorecard.unchecked')}</th><td class="num">${displayNumber(locale, c.datasets - c.checked)}</td></tr></tbody></table>`;
}

function trendTable(pc: PageContext, c: Scorecard): SafeHtml {
  const { t, locale } = pc;
  if (!c.trend.length) return html`<p>${t('scorecard.noTrend')}</p>`;
  const recent = c.trend.slice(-TREND_ROWS).reverse();
  return html`<section class="table-scroll" aria-labelledby="trend-caption" tabindex="0"><table>
<caption id="trend-caption">${t('scorecard.trendCaption', { count: recent.length })}</caption>
<thead><tr><th scope="col">${t('scorecard.day')}</th><th scope="col" class="num">${t('scorecard.datasets')}</th><th scope="col" class="num">${t('scorecard.openShare')}</th><th scope="col" class="num">${t('scorecard.openFormatShare')}</th><th scope="col" class="num">${t('scorecard.averageStars')}</th></tr></thead>
<tbody>${recent.map(
    (p) =>
      html`<tr><th scope="row"><time datetime="${p.day}">${p.day}</time></th><td class="num">${displayNumber(locale, p.datasets)}</td><td class="num">${percent(p.openShare, p.checked)}</td><td class="num">${percent(p.openFormatShare, p.checked)}</td><td class="num">${averageStars(p.averageStars)}</td></tr>`,
  )}</tbody></table></section>`;
}

/** One agency's scorecard: headline figures, marks, sub-agencies, daily trend. */
export function scorecardPage(pc: PageContext, data: ScorecardPageData): string {
  const { t } = pc;
  const { org, card } = data;
  const orgPath = `/organizations/${encodeURIComponent(org.name)}`;
  const title = t('scorecard.title', { org: org.title || org.name });
  const main = html`<h1>${title}</h1>
<p class="lead">${card.subOrgIds.length ? t('scorecard.leadRolled', { count: card.subOrgIds.length }) : t('scorecard.leadOwn')}</p>
${figures(pc, card)}
<div class="two-col even">
<section aria-labelledby="marks-h"><h2 id="marks-h">${t('scorecard.marks')}</h2>${marksTable(pc, card)}
<p><a href="${pc.href(`/datasets?organization=${encodeURIComponent(org.name)}&quality_mark=none`)}">${t('scorecard.withoutMark')}</a></p></section>
<section aria-labelledby="trend-h"><h2 id="trend-h">${t('scorecard.trend')}</h2>${trendTable(pc, card)}</section>
</div>
${
  data.subCards.length
    ? html`<section aria-labelledby="subs-h"><h2 id="subs-h">${t('org.subordinates')}</h2>
<section class="table-scroll" aria-labelledby="subs-caption" tabindex="0"><table class="scorecard"><caption id="subs-caption">${t('scorecard.subsCaption')}</caption>${scorecardHead(pc)}${scorecardRows(pc, data.subCards)}</table></section></section>`
    : ''
}
<p><a href="${pc.href('/scorecards')}">${t('scorecard.allLink')}</a></p>`;
  return renderPage(pc, {
    title,
    main,
    crumbs: [
      { label: t('org.title'), path: '/organizations' },
      { label: org.title || org.name, path: orgPath },
      { label: t('scorecard.short') },
    ],
  });
}
