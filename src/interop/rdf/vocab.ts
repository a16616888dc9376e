/** RDF namespaces used by the DCAT-AP export and the DCAT harvester. */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  cnt: 'http://www.w3.org/2011/content#',
  spdx: 'http://spdx.org/rdf/terms#',
  locn: 'http://www.w3.org/ns/locn#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  /** ODP's own terms for data.gov.tw fields DCAT-AP has no property for (主要欄位說明, 備註, 資料量 ...). */
  odp: 'https://w3id.org/odp-tw/ns#',
} as const;

export type Prefix = keyof typeof NS;

/** Expands `dcat:Dataset` to its full IRI. */
export function iri(curie: `${Prefix}:${string}`): string {
  const i = curie.indexOf(':');
  return NS[curie.slice(0, i) as Prefix] + curie.slice(i + 1);
}

/** EU language authority base (dct:language values). */
export const EU_LANGUAGE_BASE = 'http://publications.europa.eu/resource/authority/language/';
