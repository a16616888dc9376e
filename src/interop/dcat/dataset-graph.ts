/**
 * One dataset as DCAT-AP 3.0.1 triples. data.gov.tw fields map as follows (docs/datagovtw-api.md has the
 * full table): publisher = foaf:Agent with the government OID as dct:identifier; contact = vcard:Kind;
 * 更新頻率 = EU frequency concept; 服務分類 = skos:Concept of ODP's service-category scheme; cost = a
 * dct:RightsStatement (on the dataset and on every distribution); encoding = cnt:characterEncoding;
 * 主要欄位說明, 備註, 資料量, 資料集上架方式 = odp: terms DCAT-AP has no property for.
 */

import { findServiceCategory } from '../../catalog/service-categories.ts';
import type { Dataset, Group, Resource } from '../../catalog/types.ts';
import { euFileTypeUri, IANA_MEDIA_TYPE_BASE, mediaTypeOf, normalizeFormat } from '../file-formats.ts';
import { euFrequencyUri } from '../frequency-vocabulary.ts';
import type { GraphBuilder } from '../rdf/graph.ts';
import { EU_LANGUAGE_BASE } from '../rdf/vocab.ts';
import { type DcatContext, dcatUris, licenseLookup } from './dcat-context.ts';

type Uris = ReturnType<typeof dcatUris>;

/** EU language concept for a BCP 47 tag ("zh-TW" -> ZHO); '' when unmapped. */
export function euLanguageUri(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  const code: Record<string, string> = { zh: 'ZHO', en: 'ENG', ja: 'JPN', ko: 'KOR', fr: 'FRA', de: 'DEU' };
  return code[primary] ? EU_LANGUAGE_BASE + code[primary] : '';
}

/** Adds an organization as foaf:Agent (name, OID as dct:identifier, agency code). */
export function addAgent(
  g: GraphBuilder,
  uri: string,
  org: { title: string; name: string; govOid: string },
): void {
  g.type(uri, 'foaf:Agent', 'foaf:Organization');
  g.text(uri, 'foaf:name', org.title || org.name);
  g.text(uri, 'dct:identifier', org.govOid);
}

function addLicense(g: GraphBuilder, ctx: DcatContext, uris: Uris, licenseId: string): string {
  if (!licenseId) return '';
  const license = licenseLookup(ctx)(licenseId);
  const uri = license?.url || uris.license(licenseId);
  g.type(uri, 'dct:LicenseDocument');
  g.text(uri, 'dct:identifier', licenseId);
  g.text(uri, 'rdfs:label', license?.title ?? licenseId);
  return uri;
}

function addCost(g: GraphBuilder, datasetUri: string, d: Dataset): string {
  const uri = `${datasetUri}#cost`;
  const { type, feeUrl, legalBasis } = d.tw.cost;
  g.type(uri, 'dct:RightsStatement');
  g.lang(uri, 'rdfs:label', type === 'paid' ? '付費' : '免費', 'zh-Hant');
  g.lang(uri, 'rdfs:label', type === 'paid' ? 'Fee required' : 'Free of charge', 'en');
  g.text(uri, 'odp:costType', type);
  g.link(uri, 'foaf:page', feeUrl);
  g.text(uri, 'odp:legalBasis', legalBasis);
  return uri;
}

function addContact(g: GraphBuilder, datasetUri: string, d: Dataset): void {
  const { contactName, contactPhone, contactEmail } = d.tw;
  if (!contactName && !contactPhone && !contactEmail) return;
  const uri = `${datasetUri}#contact`;
  g.link(datasetUri, 'dcat:contactPoint', uri);
  g.type(uri, 'vcard:Kind');
  g.text(uri, 'vcard:fn', contactName);
  if (contactPhone) g.link(uri, 'vcard:hasTelephone', `tel:${encodeURIComponent(contactPhone)}`);
  if (contactEmail) g.link(uri, 'vcard:hasEmail', `mailto:${contactEmail}`);
}

function addDistribution(
  g: GraphBuilder,
  uris: Uris,
  d: Dataset,
  r: Resource,
  extra: { license: string; cost: string; landing: string },
): string {
  const uri = uris.distribution(d.name, r.id);
  g.type(uri, 'dcat:Distribution');
  g.text(uri, 'dct:title', r.name);
  g.text(uri, 'dct:description', r.description);
  const url = r.url ? uris.absolute(r.url) : extra.landing;
  g.link(uri, 'dcat:accessURL', url);
  if (r.url && d.tw.provisionType !== 'api') g.link(uri, 'dcat:downloadURL', url);
  const format = normalizeFormat(r.format);
  if (format) {
    const formatUri = euFileTypeUri(format) || uris.format(format);
    g.link(uri, 'dct:format', formatUri).type(formatUri, 'dct:MediaTypeOrExtent');
    g.text(formatUri, 'rdfs:label', format);
  }
  const media = r.mimetype || mediaTypeOf(format);
  if (/^[\w.+-]+\/[\w.+-]+$/.test(media)) {
    g.link(uri, 'dcat:mediaType', IANA_MEDIA_TYPE_BASE + media).type(
      IANA_MEDIA_TYPE_BASE + media,
      'dct:MediaType',
    );
  }
  if (r.size !== null && r.size >= 0) g.text(uri, 'dcat:byteSize', String(r.size), 'xsd:nonNegativeInteger');
  g.text(uri, 'cnt:characterEncoding', r.encoding);
  if (r.recordCount !== null && r.recordCount >= 0) {
    g.text(uri, 'odp:recordCount', String(r.recordCount), 'xsd:nonNegativeInteger');
  }
  if (/^[0-9a-f]{64}$/.test(r.sha256)) {
    const sum = `${uri}#sha256`;
    g.link(uri, 'spdx:checksum', sum).type(sum, 'spdx:Checksum');
    const sha256 = 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256';
    g.link(sum, 'spdx:algorithm', sha256).type(sha256, 'spdx:ChecksumAlgorithm');
    g.text(sum, 'spdx:checksumValue', r.sha256, 'xsd:hexBinary');
  }
  g.link(uri, 'dct:license', extra.license);
  g.link(uri, 'dct:rights', extra.cost);
  g.date(uri, 'dct:issued', r.created);
  g.date(uri, 'dct:modified', r.lastModified ?? r.metadataModified);
  g.text(uri, 'odp:position', String(r.position), 'xsd:integer');
  return uri;
}

function addTemporalAndSpatial(g: GraphBuilder, uri: string, d: Dataset): void {
  const { temporalStart, temporalEnd, spatial } = d.tw;
  if (temporalStart || temporalEnd) {
    const t = `${uri}#temporal`;
    g.link(uri, 'dct:temporal', t).type(t, 'dct:PeriodOfTime');
    g.date(t, 'dcat:startDate', temporalStart);
    g.date(t, 'dcat:endDate', temporalEnd);
  }
  if (spatial) {
    const s = `${uri}#spatial`;
    g.link(uri, 'dct:spatial', s).type(s, 'dct:Location');
    g.text(s, 'locn:geographicName', spatial);
  }
}

/** Adds one dataset, its distributions, publisher, contact, license and cost nodes; returns its IRI. */
export function addDataset(g: GraphBuilder, ctx: DcatContext, d: Dataset): string {
  const uris = dcatUris(ctx.baseUrl);
  const uri = uris.dataset(d.name);
  const tw = d.tw;
  g.type(uri, 'dcat:Dataset');
  g.text(uri, 'dct:identifier', tw.identifier || d.name);
  g.text(uri, 'odp:name', d.name);
  g.text(uri, 'dct:title', d.title || d.name);
  // dct:description is mandatory in DCAT-AP: fall back to the title when the agency wrote none.
  g.text(uri, 'dct:description', d.notes || d.title || d.name);
  for (const tag of d.tags) g.text(uri, 'dcat:keyword', tag);
  g.date(uri, 'dct:issued', d.created);
  g.date(uri, 'dct:modified', d.modified);
  g.link(uri, 'dcat:landingPage', uri).type(uri, 'foaf:Document');
  const org: Group | null = ctx.organizationOf(d);
  if (org) {
    const orgUri = uris.organization(org.name);
    g.link(uri, 'dct:publisher', orgUri);
    addAgent(g, orgUri, org);
    g.text(orgUri, 'odp:orgCode', org.orgCode);
    g.text(orgUri, 'odp:name', org.name);
  }
  addContact(g, uri, d);
  const freq = euFrequencyUri(tw.updateFrequency);
  g.link(uri, 'dct:accrualPeriodicity', freq).type(freq, 'dct:Frequency');
  if (findServiceCategory(tw.serviceCategory)) g.link(uri, 'dcat:theme', uris.category(tw.serviceCategory));
  addTemporalAndSpatial(g, uri, d);
  const language = euLanguageUri(tw.language);
  g.link(uri, 'dct:language', language).type(language, 'dct:LinguisticSystem');
  g.text(uri, 'odp:language', tw.language);
  if (tw.relatedUrl) g.link(uri, 'foaf:page', tw.relatedUrl).type(tw.relatedUrl, 'foaf:Document');
  g.text(uri, 'odp:fieldDescriptions', tw.fieldDescriptions);
  g.text(uri, 'odp:remarks', tw.remarks);
  g.text(uri, 'odp:provisionType', tw.provisionType);
  const license = addLicense(g, ctx, uris, d.licenseId);
  const cost = addCost(g, uri, d);
  g.link(uri, 'dct:rights', cost);
  const active = d.resources.filter((r) => r.state === 'active').sort((a, b) => a.position - b.position);
  if (active.length === 0) g.link(uri, 'dct:license', license);
  for (const r of active)
    g.link(uri, 'dcat:distribution', addDistribution(g, uris, d, r, { license, cost, landing: uri }));
  return uri;
}
