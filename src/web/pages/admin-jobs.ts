import type { Job, JobStatus } from '../../platform/jobs/index.ts';
import { pagination } from '../components/pagination.ts';
import { csrfField } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayNumber } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
export const JOBS_PER_PAGE = 50;

/** What the jobs page was asked to show. */
export interface JobsFilter {
  status: JobStatus | '';
  kind: string;
  page: number;
}

export interface AdminJobsData {
  filter: JobsFilter;
  counts: Record<JobStatus, number>;
  kinds: string[];
  jobs: Job[];
  /** The outcome of the last retry/cancel, shown once. */
  notice: 'retried' | 'cancelled' | 'refused' | '';
}

/** The jobs page's query string for a filter. */
export function jobsQuery(f: JobsFilter): string {
  const qs = new URLSearchParams();
  if (f.status) qs.set('status', f.status);
  if (f.kind) qs.set('kind', f.kind);
  if (f.page > 1) qs.set('page', String(f.page));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** Times in Taiwan, to the minute: job queues are read by the hour. */
const time = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Taipei', hour12: false }).slice(0, 16) : '—';

function actions(pc: PageContext, j: Job, back: string): SafeHtml {
  const { t } = pc;
  const form = (action: 'retry' | 'cancel') =>
    html`<form class="inline-form" action="${pc.href(`/admin/jobs/${encodeURIComponent(j.id)}/${action}`)}" method="post">${csrfField(pc)}<input type="hidden" name="back" value="${back}"><button type="submit" class="secondary small" aria-label="${t(`jobs.${action}Named`, { kind: j.kind, id: j.id.slice(0, 8) })}">${t(`jobs.${action}`)}</button></form>`;
  if (j.status === 'failed') return form('retry');
  if (j.status === 'queued') return form('cancel');
  return html``;
}

function filterForm(pc: PageContext, data: AdminJobsData): SafeHtml {
  const { t } = pc;
  const f = data.filter;
  return html`<form class="preview-tools" action="${pc.href('/admin/jobs')}" method="get">
<div><label for="jobs-status">${t('jobs.status')}</label><select id="jobs-status" name="status"><option value="">${t('jobs.any')}</option>${JOB_STATUSES.map((s) => html`<option value="${s}"${f.status === s ? html` selected` : ''}>${t(`jobs.status.${s}`)}</option>`)}</select></div>
<div><label for="jobs-kind">${t('jobs.kind')}</label><select id="jobs-kind" name="kind"><option value="">${t('jobs.any')}</option>${data.kinds.map((k) => html`<option value="${k}"${f.kind === k ? html` selected` : ''}>${k}</option>`)}</select></div>
<button type="submit">${t('jobs.filter')}</button>
</form>`;
}

/** Background jobs for sysadmins: counts per status, a filter, the newest jobs with retry and cancel. */
export function adminJobsPage(pc: PageContext, data: AdminJobsData): string {
  const { t, locale } = pc;
  const f = data.filter;
  const back = `/admin/jobs${jobsQuery(f)}`;
  const total = f.status ? data.counts[f.status] : JOB_STATUSES.reduce((n, s) => n + data.counts[s], 0);
  const last = f.kind
    ? f.page + (data.jobs.length === JOBS_PER_PAGE ? 1 : 0)
    : Math.max(1, Math.ceil(total / JOBS_PER_PAGE));
  const main = html`<h1>${t('jobs.title')}</h1>
${data.notice ? html`<p class="notice" role="status">${t(`jobs.notice.${data.notice}`)}</p>` : ''}
<ul class="figures">${JOB_STATUSES.map(
    (s) =>
      html`<li><a href="${pc.href(`/admin/jobs${jobsQuery({ status: s, kind: '', page: 1 })}`)}"><span class="figure">${displayNumber(locale, data.counts[s])}</span> <span class="figure-label">${t(`jobs.status.${s}`)}</span></a></li>`,
  )}</ul>
${filterForm(pc, data)}
${
  data.jobs.length
    ? html`<section class="table-scroll" aria-labelledby="jobs-caption" tabindex="0"><table class="jobs">
<caption id="jobs-caption">${t('jobs.caption')}</caption>
<thead><tr><th scope="col">${t('jobs.kind')}</th><th scope="col">${t('jobs.status')}</th><th scope="col" class="num">${t('jobs.attempts')}</th><th scope="col">${t('jobs.created')}</th><th scope="col">${t('jobs.runAt')}</th><th scope="col">${t('jobs.finished')}</th><th scope="col">${t('jobs.lastError')}</th><th scope="col">${t('jobs.actions')}</th></tr></thead>
<tbody>${data.jobs.map(
        (j) => html`<tr>
<th scope="row"><code>${j.kind}</code><span class="res-desc">${j.id.slice(0, 8)}</span></th>
<td><span class="job-status job-${j.status}">${t(`jobs.status.${j.status}`)}</span></td>
<td class="num">${j.attempts} / ${j.maxAttempts}</td>
<td>${time(j.createdAt)}</td><td>${time(j.runAt)}</td><td>${time(j.finishedAt)}</td>
<td class="job-error">${j.lastError ? j.lastError.slice(0, 300) : '—'}</td>
<td>${actions(pc, j, back)}</td>
</tr>`,
      )}</tbody></table></section>`
    : html`<p class="empty">${t('jobs.none')}</p>`
}
${pagination(pc, f.page, last, (n) => pc.href(`/admin/jobs${jobsQuery({ ...f, page: n })}`))}`;
  return renderPage(pc, {
    title: t('jobs.title'),
    main,
    noindex: true,
    crumbs: [{ label: t('dash.title'), path: '/dashboard' }, { label: t('jobs.title') }],
  });
}
