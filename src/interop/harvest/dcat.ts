/**
 * Harvests DCAT / DCAT-AP documents (Turtle, JSON-LD, RDF/XML) into ExternalDatasets: every dcat:Dataset
 * in the graph is one record. It reads what ODP's own export writes (odp: terms included, so an export
 * parsed back keeps every mapped field) and the common DCAT-AP shapes other portals publish.
 */

import { findLicense, LICENSES } from '../../catalog/licenses.ts';
import { findServiceCategory } from '../../catalog/service-categories.ts';
import type { TwProfile } from '../../catalog/types.ts';
import type { HarvestRecord } from '../dataset-input.ts';
import {
  type ExternalDataset,
  type ExternalResource,
  emptyExternalDataset,
  emptyExternalResource,
} from '../dataset-input.ts';
import {
  formatFromEuFileType,
  formatFromMediaType,
  IANA_MEDIA_TYPE_BASE,
  normalizeFormat,
} from '../file-formats.ts';
import { frequencyFromEuUri } from '../frequency-vocabulary.ts';
import { GraphIndex, type QuadLike } from '../rdf/graph-index.ts';
import { parseRdf } from '../rdf/parse.ts';
import type { RdfFormat } from '../rdf/serialize.ts';
import { EU_LANGUAGE_BASE } from '../rdf/vocab.ts';

const OID_RE = /^\d+(\.\d+)+$/;
const TW_ID_RE = /^[0-9A-Z]{9,10}-\d{6}$/;
const LANGUAGES: Record<string, string> = {
  ZHO: 'zh-TW',
  ENG: 'en',
  JPN: 'ja',
  KOR: 'ko',
  FRA: 'fr',
  DEU: 'de',
};

const count = (v: string): number | null => (/^\d+$/.test(v) ? Number(v) : null);

function formatOf(g: GraphIndex, dist: string): string {
  const node = g.node(dist, 'dct:format');
  const literal = g.text(dist, 'dct:format');
  if (node)
    return normalizeFormat(
      g.text(node, 'rdfs:label') || formatFromEuFileType(node) || node.split('/').pop() || '',
    );
  if (literal) return normalizeFormat(formatFromMediaType(literal) || literal);
  return '';
}

function resourceOf(g: GraphIndex, dist: string): ExternalResource {
  const r = emptyExternalResource(g.link(dist, 'dcat:downloadURL') || g.link(dist, 'dcat:accessURL'));
  r.name = g.text(dist, 'dct:title');
  r.description = g.text(dist, 'dct:description');
  const media = g.link(dist, 'dcat:mediaType') || g.text(dist, 'dcat:mediaType');
  r.mimetype = media.startsWith(IANA_MEDIA_TYPE_BASE) ? media.slice(IANA_MEDIA_TYPE_BASE.length) : media;
  r.format = formatOf(g, dist) || formatFromMediaType(r.mimetype);
  r.size = count(g.text(dist, 'dcat:byteSize'));
  r.encoding = g.text(dist, 'cnt:characterEncoding');
  r.recordCount = count(g.text(dist, 'odp:recordCount'));
  return r;
}

function distributionsOf(g: GraphIndex, ds: string): string[] {
  const dists = g.objects(ds, 'dcat:distribution').map(GraphIndex.nodeKey);
  const pos = (d: string): number => Number(g.text(d, 'odp:position') || Number.MAX_SAFE_INTEGER);
  return dists
    .map((d, i) => ({ d, i }))
    .sort((a, b) => pos(a.d) - pos(b.d) || a.i - b.i)
    .map((x) => x.d);
}

function licenseOf(g: GraphIndex, node: string, out: ExternalDataset): void {
  if (!node) return;
  const byId = findLicense(g.text(node, 'dct:identifier'));
  const byUrl = LICENSES.find((l) => l.url && l.url === node);
  const byLabel = findLicense(g.text(node, 'rdfs:label') || g.text(node, 'dct:title'));
  const license = byId ?? byUrl ?? byLabel;
  if (license) out.licenseId = license.id;
  else out.extras.licenseUrl = node;
}

function contactOf(g: GraphIndex, ds: string, tw: TwProfile): void {
  const c = g.node(ds, 'dcat:contactPoint');
  if (!c) return;
  tw.contactName = g.text(c, 'vcard:fn') || g.text(c, 'vcard:organization-name');
  const tel = g.link(c, 'vcard:hasTelephone') || g.text(c, 'vcard:hasTelephone');
  const telNode = g.node(c, 'vcard:hasTelephone');
  const telValue = tel || (telNode ? g.link(telNode, 'vcard:hasValue') : '');
  tw.contactPhone = telValue.startsWith('tel:') ? decodeURIComponent(telValue.slice(4)) : telValue;
  const mail = g.link(c, 'vcard:hasEmail') || g.text(c, 'vcard:hasEmail');
  tw.contactEmail = mail.replace(/^mailto:/i, '');
}

function profileOf(g: GraphIndex, ds: string, out: ExternalDataset): void {
  const tw = out.tw;
  const identifier = g.text(ds, 'dct:identifier');
  tw.identifier = TW_ID_RE.test(identifier) ? identifier : '';
  tw.updateFrequency = frequencyFromEuUri(g.link(ds, 'dct:accrualPeriodicity'));
  for (const theme of g.objects(ds, 'dcat:theme')) {
    const code = g.text(GraphIndex.nodeKey(theme), 'skos:notation') || theme.value.split('/').pop() || '';
    const hit = findServiceCategory(decodeURIComponent(code));
    if (hit) tw.serviceCategory = hit.code;
  }
  contactOf(g, ds, tw);
  const temporal = g.node(ds, 'dct:temporal');
  if (temporal) {
    tw.temporalStart = g.text(temporal, 'dcat:startDate');
    tw.temporalEnd = g.text(temporal, 'dcat:endDate');
  }
  const spatial = g.node(ds, 'dct:spatial');
  if (spatial) {
    tw.spatial =
      g.text(spatial, 'locn:geographicName') ||
      g.text(spatial, 'skos:prefLabel') ||
      g.text(spatial, 'rdfs:label');
  }
  const lang = g.link(ds, 'dct:language');
  tw.language = g.text(ds, 'odp:language') || LANGUAGES[lang.slice(EU_LANGUAGE_BASE.length)] || '';
  tw.relatedUrl = g.link(ds, 'foaf:page');
  tw.fieldDescriptions = g.text(ds, 'odp:fieldDescriptions');
  tw.remarks = g.text(ds, 'odp:remarks');
  const provision = g.text(ds, 'odp:provisionType');
  tw.provisionType = provision === 'file' || provision === 'api' ? provision : '';
  const rights = g.node(ds, 'dct:rights');
  if (rights && g.text(rights, 'odp:costType')) {
    tw.cost = {
      type: g.text(rights, 'odp:costType') === 'paid' ? 'paid' : 'free',
      feeUrl: g.link(rights, 'foaf:page'),
      legalBasis: g.text(rights, 'odp:legalBasis'),
    };
  }
}

/** One dcat:Dataset node as an ExternalDataset. */
export function datasetFromDcat(g: GraphIndex, ds: string): ExternalDataset {
  const out = emptyExternalDataset(g.text(ds, 'dct:title'));
  out.name = g.text(ds, 'odp:name');
  out.notes = g.text(ds, 'dct:description');
  out.tags = g.texts(ds, 'dcat:keyword');
  out.issued = g.text(ds, 'dct:issued');
  out.modified = g.text(ds, 'dct:modified');
  const pub = g.node(ds, 'dct:publisher');
  if (pub) {
    const id = g.text(pub, 'dct:identifier');
    out.organization = {
      name: g.text(pub, 'odp:name'),
      title: g.text(pub, 'foaf:name') || g.text(pub, 'skos:prefLabel'),
      govOid: OID_RE.test(id) ? id : '',
      orgCode: g.text(pub, 'odp:orgCode'),
    };
  }
  profileOf(g, ds, out);
  const dists = distributionsOf(g, ds);
  out.resources = dists.map((d) => resourceOf(g, d));
  const licenseNode = dists.map((d) => g.node(d, 'dct:license')).find(Boolean) || g.node(ds, 'dct:license');
  licenseOf(g, licenseNode ?? '', out);
  return out;
}

/** Every dcat:Dataset of a parsed graph as a harvest record (remote id = dct:identifier, else the IRI). */
export function harvestDcatGraph(quads: Iterable<QuadLike>): HarvestRecord[] {
  const g = new GraphIndex(quads);
  return g.subjectsOfType('dcat:Dataset').map((ds): HarvestRecord => {
    try {
      const input = datasetFromDcat(g, ds);
      if (!input.title) return { error: 'dcat:Dataset without dct:title', record: ds };
      return { remoteId: g.text(ds, 'dct:identifier') || ds, input };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), record: ds };
    }
  });
}

/** Parses a DCAT document and harvests its datasets; a document that does not parse is one error record. */
export async function harvestDcat(text: string, format: RdfFormat): Promise<HarvestRecord[]> {
  try {
    return harvestDcatGraph(await parseRdf(text, format));
  } catch (e) {
    return [
      {
        error: `not valid ${format}: ${e instanceof Error ? e.message : String(e)}`,
        record: text.slice(0, 200),
      },
    ];
  }
}
