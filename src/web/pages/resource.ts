import type { Json } from '@duckdb/node-api';
import type { Dataset, Resource } from '../../catalog/types.ts';
import { barChartSvg, type ChartDatum, chartTable } from '../components/chart.ts';
import { mapBlock } from '../components/map.ts';
import { pagination } from '../components/pagination.ts';
import { coordinateSource, mapPoints } from '../data/coordinates.ts';
import { PREVIEW_ROWS, type PreviewData, type PreviewParams } from '../data/preview-query.ts';
import { html, type SafeHtml } from '../html.ts';
import { displayDate, displayNumber, displaySize } from '../i18n.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

export interface ResourcePageData {
  dataset: Dataset;
  resource: Resource;
  params: PreviewParams;
  preview: PreviewData;
}

const NUMERIC = new Set(['int', 'numeric']);
const NOT_A_MEASURE = /時間|日期|年度|date|time|編號|代碼|代號|code|^id$|坐標|座標|lat|lon|^x$|^y$/i;

/** The column naming each row on a chart: a name-like text column, else the first text column that varies. */
function categoryColumn(pv: PreviewData): number {
  const text = pv.fields
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.columnId !== null && f.type === 'text');
  // Most specific names first: a 名稱 column, then village before township before county.
  for (const re of [/名稱|name|title/i, /村里/, /鄉鎮/, /學校|科系|項目/, /縣市/]) {
    const named = text.find(({ f }) => re.test(f.label));
    if (named) return named.i;
  }
  const varied = text.find(({ i }) => new Set(pv.rows.map((r) => r[i])).size > 1);
  return varied?.i ?? text[0]?.i ?? 0;
}

function queryOf(p: PreviewParams, change: Partial<PreviewParams>): string {
  const n = { ...p, ...change };
  const qs = new URLSearchParams();
  if (n.table) qs.set('table', n.table);
  if (n.q) qs.set('q', n.q);
  if (n.filterColumn && n.filterValue) {
    qs.set('col', n.filterColumn);
    qs.set('val', n.filterValue);
  }
  if (n.sort) qs.set('sort', n.sort);
  if (n.sort && n.desc) qs.set('dir', 'desc');
  if (n.chart) qs.set('chart', n.chart);
  if (n.page > 1) qs.set('page', String(n.page));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

const cell = (v: Json): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function dataTable(pc: PageContext, data: ResourcePageData, base: string): SafeHtml {
  const { t, locale } = pc;
  const { preview: pv, params: p } = data;
  const name = data.resource.name || data.resource.id;
  const from = pv.total ? pv.offset + 1 : 0;
  const to = pv.offset + pv.rows.length;
  return html`<section class="table-scroll" aria-labelledby="data-caption" tabindex="0"><table class="data-table">
<caption id="data-caption">${t('resource.tableCaption', { name, from: displayNumber(locale, from), to: displayNumber(locale, to), total: displayNumber(locale, pv.total) })}</caption>
<thead><tr>${pv.fields.map((f) => {
    const sorted = p.sort === f.label;
    const next = { sort: f.label, desc: sorted ? !p.desc : false, page: 1 };
    return html`<th scope="col"${sorted ? html` aria-sort="${p.desc ? 'descending' : 'ascending'}"` : ''}${NUMERIC.has(f.type) ? html` class="num"` : ''}><a href="${base}${queryOf(p, next)}">${f.label}</a><span class="col-type">${t(`resource.type.${f.type}`)}${sorted ? html`, ${t(p.desc ? 'resource.sortedDesc' : 'resource.sortedAsc')}` : ''}</span></th>`;
  })}</tr></thead>
<tbody>${pv.rows.map(
    (r) =>
      html`<tr>${r.map((v, i) => html`<td${NUMERIC.has(pv.fields[i]?.type ?? '') ? html` class="num"` : ''}>${cell(v)}</td>`)}</tr>`,
  )}</tbody></table></section>`;
}

function filterForm(pc: PageContext, data: ResourcePageData, base: string): SafeHtml {
  const { t } = pc;
  const p = data.params;
  return html`<form class="preview-tools" action="${base}" method="get">
${p.table ? html`<input type="hidden" name="table" value="${p.table}">` : ''}
<div><label for="pv-col">${t('resource.filterColumn')}</label>
<select id="pv-col" name="col"><option value="">${t('resource.filterAny')}</option>${data.preview.fields
    .filter((f) => f.columnId !== null)
    .map(
      (f) =>
        html`<option value="${f.label}"${p.filterColumn === f.label ? html` selected` : ''}>${f.label}</option>`,
    )}</select></div>
<div><label for="pv-val">${t('resource.filterValue')}</label>
<input id="pv-val" name="val" type="text" value="${p.filterColumn ? p.filterValue : p.q}"></div>
${p.sort ? html`<input type="hidden" name="sort" value="${p.sort}">${p.desc ? html`<input type="hidden" name="dir" value="desc">` : ''}` : ''}
<button type="submit">${t('resource.apply')}</button>
</form>`;
}

function chartSection(pc: PageContext, data: ResourcePageData, base: string): SafeHtml {
  const { t } = pc;
  const pv = data.preview;
  const numeric = pv.fields.filter((f) => f.columnId !== null && NUMERIC.has(f.type));
  if (!numeric.length || !pv.rows.length) return html``;
  // Default measure: a numeric column that is not a date, code or coordinate (those chart badly).
  const measure = numeric.filter((f) => !NOT_A_MEASURE.test(f.label));
  const sorted = numeric.find((f) => f.label === data.params.sort);
  const yField = numeric.find((f) => f.label === data.params.chart) ?? sorted ?? measure[0] ?? numeric[0];
  if (!yField) return html``;
  const yi = pv.fields.indexOf(yField);
  const xi = categoryColumn(pv);
  const xField = pv.fields[xi];
  const points: ChartDatum[] = pv.rows
    .map((r) => ({ x: cell(r[xi] ?? null), y: Number(r[yi]) }))
    .filter((d) => Number.isFinite(d.y));
  if (!points.length) return html``;
  const xLabel = xField?.label ?? '_id';
  const title = t('resource.chartOf', { y: yField.label, x: xLabel });
  return html`<section aria-labelledby="chart-h">
<h2 id="chart-h">${t('resource.chart')}</h2>
<form class="preview-tools" action="${base}" method="get">
${Object.entries({
  table: data.params.table,
  q: data.params.q,
  col: data.params.filterColumn,
  val: data.params.filterValue,
  sort: data.params.sort,
  dir: data.params.desc ? 'desc' : '',
  page: data.params.page > 1 ? String(data.params.page) : '',
})
  .filter(([, v]) => v)
  .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<div><label for="chart-col">${t('resource.chartColumn')}</label>
<select id="chart-col" name="chart">${numeric.map((f) => html`<option value="${f.label}"${f === yField ? html` selected` : ''}>${f.label}</option>`)}</select></div>
<button type="submit" class="secondary">${t('resource.chartShow')}</button>
</form>
<figure class="chart">${barChartSvg(points, title, xLabel, yField.label)}<figcaption>${title}</figcaption></figure>
<details><summary>${t('resource.chartTable')}</summary>${chartTable(points, title, xLabel, yField.label)}</details>
</section>`;
}

function mapSection(pc: PageContext, pv: PreviewData): SafeHtml {
  const labels = pv.fields.map((f) => f.label);
  const source = coordinateSource(labels, pv.rows);
  if (!source) return html``;
  const labelColumn = Math.max(
    1,
    pv.fields.findIndex((f) => /名稱|name|title/i.test(f.label)),
  );
  const points = mapPoints(source, pv.rows, labelColumn);
  if (!points.length) return html``;
  const { t } = pc;
  return mapBlock(
    points,
    t('resource.map'),
    t('resource.mapFallback'),
    t('resource.mapPoints', { count: points.length }),
  );
}

/** The load status line (a live region the load-status script updates) with a refresh link that works without it. */
function loadStatus(pc: PageContext, data: ResourcePageData, base: string): SafeHtml {
  const { t } = pc;
  const load = data.preview.load;
  const status = load?.status ?? 'none';
  const message =
    status === 'running'
      ? t('load.running', { percent: Math.round((load?.progress ?? 0) * 100) })
      : status === 'queued'
        ? t('load.queued')
        : status === 'failed'
          ? `${t('resource.notLoaded')} ${t('load.failed', { error: (load?.error ?? '').slice(0, 300) })}`
          : t('resource.notLoaded');
  if (data.preview.state !== 'loading')
    return html`<div class="empty load-status" data-status="${status}"><p data-status-text>${message}</p></div>`;
  return html`<div class="empty load-status" data-status="${status}" data-loads-url="/api/v1/resources/${encodeURIComponent(data.resource.id)}/loads"
 data-msg-queued="${t('load.queued')}" data-msg-running="${t('load.running', { percent: '{percent}' })}"
 data-msg-done="${t('load.done')}" data-msg-failed="${t('load.failed', { error: '{error}' })}" data-msg-show="${t('load.show')}">
<p role="status" aria-live="polite" data-status-text>${message}</p>
<p><a href="${base}" data-status-link>${t('load.refresh')}</a></p>
</div>`;
}

/** Resource preview: metadata, filter form, sortable table with column types, chart, map, paging. */
export function resourcePage(pc: PageContext, data: ResourcePageData): string {
  const { t, locale } = pc;
  const d = data.dataset;
  const r = data.resource;
  const pv = data.preview;
  const name = r.name || r.format || r.id;
  const base = pc.href(`/datasets/${encodeURIComponent(d.name)}/resources/${r.id}`);
  const last = Math.max(1, Math.ceil(Math.min(pv.total, PREVIEW_ROWS * 10_000) / PREVIEW_ROWS));
  const hasMap =
    pv.state === 'ready' &&
    coordinateSource(
      pv.fields.map((f) => f.label),
      pv.rows,
    ) !== null;
  const main = html`<p class="eyebrow"><a href="${pc.href(`/datasets/${encodeURIComponent(d.name)}`)}">${t('resource.backToDataset', { title: d.title || d.name })}</a></p>
<h1>${t('resource.title', { name })}</h1>
<dl class="summary-list narrow">
  <div class="summary-row"><dt>${t('dataset.resFormat')}</dt><dd>${r.format || '—'}</dd></div>
  ${r.encoding ? html`<div class="summary-row"><dt>${t('dataset.resEncoding')}</dt><dd>${r.encoding}</dd></div>` : ''}
  ${r.size !== null ? html`<div class="summary-row"><dt>${t('dataset.resSize')}</dt><dd>${displaySize(r.size)}</dd></div>` : ''}
  <div class="summary-row"><dt>${t('dataset.resUpdated')}</dt><dd>${displayDate(locale, r.lastModified ?? r.metadataModified)}</dd></div>
  ${r.url ? html`<div class="summary-row"><dt>${t('dataset.download')}</dt><dd><a href="${r.url}">${t('dataset.downloadNamed', { name })}</a></dd></div>` : ''}
</dl>
${
  pv.state !== 'ready'
    ? loadStatus(pc, data, base)
    : html`<section aria-labelledby="table-h">
<h2 id="table-h">${t('resource.table')}</h2>
${pv.tables.length > 1 ? html`<ul class="tags">${pv.tables.map((name) => html`<li><a href="${base}${queryOf({ ...data.params, table: name, page: 1, sort: '', filterColumn: '', q: '' }, {})}"${name === pv.tableName ? html` aria-current="page"` : ''}>${name || '1'}</a></li>`)}</ul>` : ''}
${filterForm(pc, data, base)}
${pv.rows.length ? dataTable(pc, data, base) : html`<p class="empty">${t('resource.noRows')}</p>`}
${pagination(pc, data.params.page, last, (n) => `${base}${queryOf(data.params, { page: n })}`)}
</section>
${chartSection(pc, data, base)}
${mapSection(pc, pv)}`
}`;
  return renderPage(pc, {
    title: t('resource.title', { name }),
    main,
    crumbs: [
      { label: t('nav.datasets'), path: '/datasets' },
      { label: d.title || d.name, path: `/datasets/${encodeURIComponent(d.name)}` },
      { label: name },
    ],
    head: hasMap ? html`<link rel="stylesheet" href="${pc.asset('leaflet/leaflet.css')}">` : '',
    scripts: hasMap ? ['leaflet/leaflet.js', 'map.js'] : pv.state === 'loading' ? ['load-status.js'] : [],
  });
}
