import { diffSnapshots, type FieldChange } from '../../catalog/activity.ts';
import type { Activity } from '../../catalog/types.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayDate } from '../i18n.ts';
import type { PageContext } from '../page-context.ts';

/** Bookkeeping fields every change touches; a diff lists what a person changed. */
const NOISE = new Set(['modified', 'revision']);

const shown = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** Changes between each activity's snapshot and the one before it (newest first). */
export function activityDiffs(activities: Activity[]): { activity: Activity; changes: FieldChange[] }[] {
  return activities.map((a, i) => {
    const older = activities[i + 1];
    const changes =
      older && a.activityType !== 'new package'
        ? diffSnapshots(older.data, a.data).filter((c) => !NOISE.has(c.path))
        : [];
    return { activity: a, changes };
  });
}

/** Activity history with a field-by-field diff per change. */
export function activityList(pc: PageContext, activities: Activity[]): SafeHtml {
  const { t } = pc;
  if (!activities.length) return html`<p>${t('dataset.activityNone')}</p>`;
  return html`<ol class="activity">${activityDiffs(activities).map(({ activity: a, changes }) => {
    const what =
      a.activityType === 'new package'
        ? t('dataset.activityNew')
        : a.activityType === 'deleted package'
          ? t('dataset.activityDeleted')
          : t('dataset.activityChanged', { fields: changes.map((c) => c.path).join(', ') || '—' });
    return html`<li><time datetime="${a.timestamp}">${displayDate(pc.locale, a.timestamp)}</time> ${
      changes.length
        ? html`<details><summary>${what}</summary><table class="diff"><thead><tr><th scope="col">${t('dataset.activityField')}</th><th scope="col">${t('dataset.activityBefore')}</th><th scope="col">${t('dataset.activityAfter')}</th></tr></thead><tbody>${changes.map(
            (c) =>
              html`<tr><th scope="row">${c.path}</th><td><del>${shown(c.before)}</del></td><td><ins>${shown(c.after)}</ins></td></tr>`,
          )}</tbody></table></details>`
        : html`<span>${what}</span>`
    }</li>`;
  })}</ol>`;
}
