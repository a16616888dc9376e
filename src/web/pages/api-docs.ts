import { html } from '../html.ts';
import { renderPage } from '../layout.ts';
import type { PageContext } from '../page-context.ts';

/** The parts of an OpenAPI document the docs page reads. */
export interface OpenApiDoc {
  info?: { title?: string; description?: string; version?: string };
  paths?: Record<
    string,
    Record<string, { summary?: string; description?: string; tags?: string[] } | undefined>
  >;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const idOf = (tag: string): string => tag.replace(/[^A-Za-z0-9_-]/g, '-');

/** Operations of the OpenAPI document grouped by tag. */
export function operationsByTag(
  doc: OpenApiDoc,
): Map<string, { method: string; path: string; summary: string }[]> {
  const byTag = new Map<string, { method: string; path: string; summary: string }[]>();
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'other';
      const list = byTag.get(tag) ?? [];
      list.push({ method: method.toUpperCase(), path, summary: op.summary ?? op.description ?? '' });
      byTag.set(tag, list);
    }
  }
  return byTag;
}

/** API documentation rendered from /api/v1/openapi.json, plus the CKAN-compatible entry points. */
export function apiDocsPage(pc: PageContext, doc: OpenApiDoc): string {
  const { t } = pc;
  const groups = [...operationsByTag(doc)].sort(([a], [b]) => a.localeCompare(b));
  const main = html`<h1>${t('api.title')}</h1>
<p class="lead">${t('api.lead')}</p>
<ul>
  <li><a href="/api/v1/openapi.json">${t('api.openapi')}</a></li>
  <li><code>${pc.baseUrl}/api/3/action/package_search?q=…</code></li>
</ul>
<p>${t('api.tokens')}</p>
<h2>${t('api.operations')}</h2>
${groups.map(
  ([tag, ops]) => html`<section aria-labelledby="tag-${idOf(tag)}"><h3 id="tag-${idOf(tag)}">${tag}</h3>
<table class="api-ops"><thead><tr><th scope="col">${t('api.method')}</th><th scope="col">${t('api.path')}</th><th scope="col">${t('api.summary')}</th></tr></thead>
<tbody>${ops.map((o) => html`<tr><td><span class="method method-${o.method.toLowerCase()}">${o.method}</span></td><td><code>${o.path}</code></td><td>${o.summary}</td></tr>`)}</tbody></table></section>`,
)}`;
  return renderPage(pc, { title: t('api.title'), main, crumbs: [{ label: t('api.title') }] });
}
