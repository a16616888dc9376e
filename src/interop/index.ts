/** Interoperability: DCAT-AP, schema.org, Data Package, data.gov.tw exports and publishing API, harvest parsers. */

export {
  DATAGOVTW_COLUMNS,
  dataGovTwCsv,
  dataGovTwJson,
  dataGovTwRow,
  dataGovTwXml,
} from './datagovtw/catalog-export.ts';
export { type ChangeList, dailyChangeList, taiwanDayBounds } from './datagovtw/change-list.ts';
export { fromDataGovTwPayload, toDataGovTwPayload } from './datagovtw/publish-api.ts';
export { type ApiError, E as PUBLISH_ERRORS } from './datagovtw/publish-errors.ts';
export { dataPackage, frictionlessSchema } from './datapackage.ts';
export type { ExternalDataset, ExternalResource, HarvestRecord, OrganizationRef } from './dataset-input.ts';
export { emptyExternalDataset, emptyExternalResource, externalDatasetOf } from './dataset-input.ts';
export { type CatalogPage, catalogGraph, datasetGraph } from './dcat/catalog-graph.ts';
export { type DcatContext, dcatUris } from './dcat/dcat-context.ts';
export { euFrequencyUri, frequencyFromLabel } from './frequency-vocabulary.ts';
export {
  parseDataGovTwStatsCsv,
  parseTaichungCsv,
  parseTaoyuanCsv,
  parseTaoyuanXls,
  parseYilanCsv,
} from './harvest/city-catalogs.ts';
export { parseCkanResponse } from './harvest/ckan.ts';
export {
  parseDataGovTwCsv,
  parseDataGovTwJson,
  parseDataGovTwXlsx,
  parseDataGovTwXml,
} from './harvest/datagovtw-files.ts';
export { harvestDcat, harvestDcatGraph } from './harvest/dcat.ts';
export { negotiateRdfFormat, rdfFormatFromAccept, rdfFormatFromExtension } from './rdf/negotiate.ts';
export { parseRdf } from './rdf/parse.ts';
export { RDF_MEDIA_TYPES, type RdfFormat, serializeRdf } from './rdf/serialize.ts';
export { schemaOrgDataset, schemaOrgDescription } from './schema-org.ts';
