/**
 * The DCAT-AP catalog document (one page of datasets, with Hydra paging) and the single-dataset document.
 * Both carry the service-category concept scheme so every dcat:theme resolves to a typed skos:Concept.
 */

import type { Quad } from 'n3';
import { SERVICE_CATEGORIES } from '../../catalog/service-categories.ts';
import type { Dataset } from '../../catalog/types.ts';
import { GraphBuilder } from '../rdf/graph.ts';
import { addAgent, addDataset } from './dataset-graph.ts';
import { type DcatContext, dcatUris } from './dcat-context.ts';

/** Where this page sits in the whole catalog. `pageUrl(n)` gives the URL of page n (1-based). */
export interface CatalogPage {
  page: number;
  pageSize: number;
  totalItems: number;
  pageUrl: (page: number) => string;
}

/** The 18 service categories as a skos:ConceptScheme with zh-Hant and en labels. */
export function addServiceCategoryScheme(g: GraphBuilder, baseUrl: string): string {
  const uris = dcatUris(baseUrl);
  const scheme = uris.categoryScheme;
  g.type(scheme, 'skos:ConceptScheme');
  g.lang(scheme, 'dct:title', '政府資料開放平臺服務分類', 'zh-Hant');
  g.lang(scheme, 'dct:title', 'data.gov.tw service categories', 'en');
  for (const c of SERVICE_CATEGORIES) {
    const uri = uris.category(c.code);
    g.type(uri, 'skos:Concept');
    g.lang(uri, 'skos:prefLabel', c.zh, 'zh-Hant');
    g.lang(uri, 'skos:prefLabel', c.en, 'en');
    g.text(uri, 'skos:notation', c.code);
    g.link(uri, 'skos:inScheme', scheme);
    g.link(scheme, 'skos:hasTopConcept', uri);
  }
  return scheme;
}

function addHydraView(g: GraphBuilder, catalogUri: string, p: CatalogPage): void {
  const last = Math.max(1, Math.ceil(p.totalItems / p.pageSize));
  const view = p.pageUrl(p.page);
  g.text(catalogUri, 'hydra:totalItems', String(p.totalItems), 'xsd:nonNegativeInteger');
  g.link(catalogUri, 'hydra:view', view);
  g.type(view, 'hydra:PartialCollectionView');
  g.link(view, 'hydra:first', p.pageUrl(1));
  g.link(view, 'hydra:last', p.pageUrl(last));
  if (p.page > 1) g.link(view, 'hydra:previous', p.pageUrl(Math.min(p.page - 1, last)));
  if (p.page < last) g.link(view, 'hydra:next', p.pageUrl(p.page + 1));
  g.text(view, 'hydra:itemsPerPage', String(p.pageSize), 'xsd:nonNegativeInteger');
}

/** Triples for one catalog page: dcat:Catalog, its publisher, the category scheme, the page's datasets. */
export function catalogGraph(ctx: DcatContext, datasets: readonly Dataset[], page?: CatalogPage): Quad[] {
  const g = new GraphBuilder();
  const uris = dcatUris(ctx.baseUrl);
  const cat = uris.catalog;
  g.type(cat, 'dcat:Catalog');
  g.text(cat, 'dct:title', ctx.catalogTitle);
  g.text(cat, 'dct:description', ctx.catalogDescription);
  const publisher = uris.organization(ctx.publisher.name);
  g.link(cat, 'dct:publisher', publisher);
  addAgent(g, publisher, ctx.publisher);
  g.link(cat, 'foaf:homepage', `${ctx.baseUrl.replace(/\/+$/, '')}/`).type(
    `${ctx.baseUrl.replace(/\/+$/, '')}/`,
    'foaf:Document',
  );
  g.link(cat, 'dcat:themeTaxonomy', addServiceCategoryScheme(g, ctx.baseUrl));
  for (const d of datasets) g.link(cat, 'dcat:dataset', addDataset(g, ctx, d));
  if (page) addHydraView(g, cat, page);
  return g.quads;
}

/** Triples for one dataset's own document (the dataset, its nodes and the category scheme). */
export function datasetGraph(ctx: DcatContext, dataset: Dataset): Quad[] {
  const g = new GraphBuilder();
  addDataset(g, ctx, dataset);
  if (dataset.tw.serviceCategory) addServiceCategoryScheme(g, ctx.baseUrl);
  return g.quads;
}
