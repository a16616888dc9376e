/**
 * Known data formats with their openness stars (ckanext-qa's scheme, adjusted to the wording:
 * 1 any format under an open license, 2 structured but proprietary, 3 open standard, 4 RDF, 5 linked data).
 * A format's stars are the most it can earn; a landing page or program is worth 0.
 */
export interface FormatInfo {
  /** Canonical short name, upper case as data.gov.tw lists formats: CSV, XLSX, GeoJSON... */
  name: string;
  stars: 0 | 1 | 2 | 3 | 4 | 5;
  extensions: readonly string[];
  mimetypes: readonly string[];
  /** Text formats have a character encoding (編碼格式) worth checking. */
  text: boolean;
}

const f = (
  name: string,
  stars: FormatInfo['stars'],
  extensions: string[],
  mimetypes: string[],
  text = false,
): FormatInfo => ({ name, stars, extensions, mimetypes, text });

export const FORMATS: readonly FormatInfo[] = [
  f('SPARQL', 5, ['rq', 'sparql'], ['application/sparql-query', 'application/sparql-results+json'], true),
  f('RDF', 4, ['rdf', 'owl'], ['application/rdf+xml'], true),
  f('TTL', 4, ['ttl'], ['text/turtle'], true),
  f('N3', 4, ['n3'], ['text/n3'], true),
  f('NT', 4, ['nt'], ['application/n-triples'], true),
  f('JSON-LD', 4, ['jsonld'], ['application/ld+json'], true),
  f('CSV', 3, ['csv'], ['text/csv', 'application/csv', 'text/comma-separated-values'], true),
  f('TSV', 3, ['tsv', 'tab'], ['text/tab-separated-values'], true),
  f('GeoJSON', 3, ['geojson'], ['application/geo+json', 'application/vnd.geo+json'], true),
  f('JSON', 3, ['json'], ['application/json', 'text/json'], true),
  f('KML', 3, ['kml'], ['application/vnd.google-earth.kml+xml'], true),
  f('KMZ', 3, ['kmz'], ['application/vnd.google-earth.kmz']),
  f('GML', 3, ['gml'], ['application/gml+xml'], true),
  f('RSS', 3, ['rss'], ['application/rss+xml'], true),
  f('ATOM', 3, ['atom'], ['application/atom+xml'], true),
  f('XML', 3, ['xml', 'xsd'], ['application/xml', 'text/xml'], true),
  f('ODS', 3, ['ods'], ['application/vnd.oasis.opendocument.spreadsheet']),
  f('ICS', 3, ['ics'], ['text/calendar'], true),
  f('XLSX', 2, ['xlsx'], ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
  f('XLS', 2, ['xls'], ['application/vnd.ms-excel', 'application/excel', 'application/x-excel']),
  f('MDB', 2, ['mdb', 'accdb'], ['application/x-msaccess']),
  f('DBF', 2, ['dbf'], ['application/x-dbf']),
  f('SHP', 2, ['shp'], ['application/x-esri-shape']),
  f('PDF', 1, ['pdf'], ['application/pdf']),
  f('DOC', 1, ['doc'], ['application/msword']),
  f('DOCX', 1, ['docx'], ['application/vnd.openxmlformats-officedocument.wordprocessingml.document']),
  f('ODT', 1, ['odt'], ['application/vnd.oasis.opendocument.text']),
  f('PPT', 1, ['ppt'], ['application/vnd.ms-powerpoint']),
  f('PPTX', 1, ['pptx'], ['application/vnd.openxmlformats-officedocument.presentationml.presentation']),
  f('TXT', 1, ['txt'], ['text/plain'], true),
  f('PNG', 1, ['png'], ['image/png']),
  f('JPEG', 1, ['jpg', 'jpeg'], ['image/jpeg']),
  f('GIF', 1, ['gif'], ['image/gif']),
  f('TIFF', 1, ['tif', 'tiff'], ['image/tiff']),
  f('ZIP', 1, ['zip'], ['application/zip', 'application/x-zip-compressed']),
  f('RAR', 1, ['rar'], ['application/vnd.rar', 'application/x-rar-compressed']),
  f('GZ', 1, ['gz', 'tgz'], ['application/gzip', 'application/x-gzip']),
  f('7Z', 1, ['7z'], ['application/x-7z-compressed']),
  f('HTML', 0, ['html', 'htm', 'aspx', 'php', 'jsp'], ['text/html', 'application/xhtml+xml'], true),
  f('EXE', 0, ['exe'], ['application/x-msdownload']),
];

const byName = new Map(FORMATS.map((x) => [x.name.toUpperCase(), x]));
const byExtension = new Map(FORMATS.flatMap((x) => x.extensions.map((e) => [e, x] as const)));
const byMime = new Map(FORMATS.flatMap((x) => x.mimetypes.map((m) => [m, x] as const)));

/** Spellings agencies use for the same format. */
const ALIASES: Record<string, string> = {
  EXCEL: 'XLS',
  'MS EXCEL': 'XLS',
  JPG: 'JPEG',
  GEOJSON: 'GeoJSON',
  JSONLD: 'JSON-LD',
  'RDF/XML': 'RDF',
  TURTLE: 'TTL',
  'N-TRIPLES': 'NT',
  TEXT: 'TXT',
  HTM: 'HTML',
  WEBPAGE: 'HTML',
  'WEB PAGE': 'HTML',
  網頁: 'HTML',
  TIF: 'TIFF',
};

/** Looks a format up by name, alias, extension (".csv") or MIME type ("text/csv; charset=utf-8"). */
export function findFormat(value: string): FormatInfo | undefined {
  const v = value.trim().replace(/^\./, '');
  if (!v) return undefined;
  const upper = v.toUpperCase();
  const alias = ALIASES[upper];
  return (
    byName.get(alias ? alias.toUpperCase() : upper) ??
    byExtension.get(v.toLowerCase()) ??
    byMime.get(v.toLowerCase().split(';')[0]?.trim() ?? '')
  );
}

/** The format a URL's file name ends with (".csv", ".csv.zip" counts as ZIP), ignoring query and fragment. */
export function formatFromUrl(url: string): FormatInfo | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? '';
  }
  const file = decodeURIComponent(path.split('/').pop() ?? '');
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return byExtension.get(file.slice(dot + 1).toLowerCase());
}

/**
 * Canonical format from a declared format field. data.gov.tw lists several per resource ("CSV;DOC"),
 * so the best-scoring known one is taken.
 */
export function formatFromDeclared(declared: string): FormatInfo | undefined {
  const whole = findFormat(declared);
  if (whole) return whole;
  const found = declared
    .split(/[;,、／/|]/)
    .map((part) => findFormat(part))
    .filter((x): x is FormatInfo => x !== undefined);
  return found.sort((a, b) => b.stars - a.stars)[0];
}

/** The canonical format a served Content-Type names, or undefined for generic types (octet-stream). */
export const formatFromMime = (contentType: string): FormatInfo | undefined =>
  byMime.get(contentType.toLowerCase().split(';')[0]?.trim() ?? '');
