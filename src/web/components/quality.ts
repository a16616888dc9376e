/** Openness stars and the quality mark: a compact badge line (cards) and the dataset page's quality section. */
import type { Mark, QualitySummary } from '../../quality/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayDate } from '../i18n.ts';
import type { PageContext } from '../page-context.ts';

const MAX_STARS = 5;

/** Five stars, the earned ones filled; screen readers hear "3 of 5 openness stars" instead of symbols. */
export function starsBadge(pc: PageContext, stars: number): SafeHtml {
  const filled = '★'.repeat(stars);
  const empty = '☆'.repeat(Math.max(0, MAX_STARS - stars));
  return html`<span class="stars"><span aria-hidden="true"><span class="star-on">${filled}</span>${empty}</span><span class="visually-hidden">${pc.t('quality.starsText', { n: stars })}</span></span>`;
}

/** The quality mark as a coloured label (the colour repeats the text, never replaces it). */
export function markBadge(pc: PageContext, mark: Mark): SafeHtml {
  return html`<span class="mark mark-${mark}">${pc.t(`mark.${mark}`)}</span>`;
}

/** The dataset page's quality section: stars, mark, when checked, each failed criterion with how to fix it. */
export function qualitySection(pc: PageContext, q: QualitySummary | null, orgName: string | null): SafeHtml {
  const { t, locale } = pc;
  const text = (x: { zh: string; en: string }): string => (locale === 'en' ? x.en : x.zh);
  const body = !q
    ? html`<p>${t('quality.notChecked')}</p>`
    : html`<dl class="summary-list narrow">
  <div class="summary-row"><dt>${t('quality.openness')}</dt><dd>${starsBadge(pc, q.stars)}</dd></div>
  <div class="summary-row"><dt>${t('quality.mark')}</dt><dd>${markBadge(pc, q.mark)}</dd></div>
  <div class="summary-row"><dt>${t('quality.checked')}</dt><dd><time datetime="${q.checkedAt}">${displayDate(locale, q.checkedAt)}</time></dd></div>
</dl>
${
  q.failedCriteria.length
    ? html`<h3>${t('quality.failed', { count: q.failedCriteria.length })}</h3>
<ul class="criteria">${q.failedCriteria.map(
        (c) => html`<li class="criterion">
  <p class="criterion-title">${text(c.title)} <span class="muted">${t('quality.blocks', { mark: t(`mark.${c.level}`) })}</span></p>
  ${text(c.detail) ? html`<p><span class="criterion-label">${t('quality.found')}</span> ${text(c.detail)}</p>` : ''}
  <p><span class="criterion-label">${t('quality.fix')}</span> ${text(c.fix)}</p>
</li>`,
      )}</ul>`
    : html`<p class="ok-text">${t('quality.allPass')}</p>`
}`;
  return html`<section aria-labelledby="quality-h">
<h2 id="quality-h">${t('quality.title')}</h2>
${body}
${orgName ? html`<p><a href="${pc.href(`/organizations/${encodeURIComponent(orgName)}/scorecard`)}">${t('quality.orgScorecard')}</a></p>` : ''}
</section>`;
}
