/**
 * File formats as catalogues declare them ("CSV", "xlsx", "SHP, DBF") mapped to the EU Publications Office
 * file-type concepts (dct:format in DCAT-AP) and IANA media types (dcat:mediaType).
 */

export const EU_FILE_TYPE_BASE = 'http://publications.europa.eu/resource/authority/file-type/';
export const IANA_MEDIA_TYPE_BASE = 'http://www.iana.org/assignments/media-types/';

interface FormatInfo {
  /** EU file-type code. */
  eu: string;
  mediaType: string;
}

const FORMATS: Record<string, FormatInfo> = {
  CSV: { eu: 'CSV', mediaType: 'text/csv' },
  TSV: { eu: 'TSV', mediaType: 'text/tab-separated-values' },
  JSON: { eu: 'JSON', mediaType: 'application/json' },
  GEOJSON: { eu: 'GEOJSON', mediaType: 'application/geo+json' },
  XML: { eu: 'XML', mediaType: 'application/xml' },
  XLS: { eu: 'XLS', mediaType: 'application/vnd.ms-excel' },
  XLSX: { eu: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  ODS: { eu: 'ODS', mediaType: 'application/vnd.oasis.opendocument.spreadsheet' },
  PDF: { eu: 'PDF', mediaType: 'application/pdf' },
  DOC: { eu: 'DOC', mediaType: 'application/msword' },
  DOCX: { eu: 'DOCX', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  ODT: { eu: 'ODT', mediaType: 'application/vnd.oasis.opendocument.text' },
  TXT: { eu: 'TXT', mediaType: 'text/plain' },
  HTML: { eu: 'HTML', mediaType: 'text/html' },
  ZIP: { eu: 'ZIP', mediaType: 'application/zip' },
  RAR: { eu: 'RAR', mediaType: 'application/vnd.rar' },
  '7Z': { eu: '7Z', mediaType: 'application/x-7z-compressed' },
  KML: { eu: 'KML', mediaType: 'application/vnd.google-earth.kml+xml' },
  KMZ: { eu: 'KMZ', mediaType: 'application/vnd.google-earth.kmz' },
  SHP: { eu: 'SHP', mediaType: 'application/vnd.shp' },
  GML: { eu: 'GML', mediaType: 'application/gml+xml' },
  RDF: { eu: 'RDF_XML', mediaType: 'application/rdf+xml' },
  TTL: { eu: 'RDF_TURTLE', mediaType: 'text/turtle' },
  JSONLD: { eu: 'JSON_LD', mediaType: 'application/ld+json' },
  RSS: { eu: 'RSS', mediaType: 'application/rss+xml' },
  JPEG: { eu: 'JPEG', mediaType: 'image/jpeg' },
  PNG: { eu: 'PNG', mediaType: 'image/png' },
  TIFF: { eu: 'TIFF', mediaType: 'image/tiff' },
  MP4: { eu: 'MP4', mediaType: 'video/mp4' },
  PARQUET: { eu: 'PARQUET', mediaType: 'application/vnd.apache.parquet' },
};

const ALIASES: Record<string, string> = {
  JPG: 'JPEG',
  TIF: 'TIFF',
  'RDF/XML': 'RDF',
  'RDF+XML': 'RDF',
  TURTLE: 'TTL',
  'JSON-LD': 'JSONLD',
  HTM: 'HTML',
  TEXT: 'TXT',
};

/** Upper-case canonical spelling of a declared format ("xlsx" -> "XLSX", "jpg" -> "JPEG"); '' stays ''. */
export function normalizeFormat(format: string): string {
  const f = format.trim().replace(/^\./, '').toUpperCase();
  return ALIASES[f] ?? f;
}

/** EU file-type concept URI for a format, or '' when the EU vocabulary has no match we know. */
export function euFileTypeUri(format: string): string {
  const info = FORMATS[normalizeFormat(format)];
  return info ? EU_FILE_TYPE_BASE + info.eu : '';
}

/** Our format name for an EU file-type URI ('' when the URI is not an EU file type we map). */
export function formatFromEuFileType(uri: string): string {
  if (!uri.startsWith(EU_FILE_TYPE_BASE)) return '';
  const code = uri.slice(EU_FILE_TYPE_BASE.length);
  return Object.entries(FORMATS).find(([, v]) => v.eu === code)?.[0] ?? code;
}

/** IANA media type for a format ('' when unknown). */
export function mediaTypeOf(format: string): string {
  return FORMATS[normalizeFormat(format)]?.mediaType ?? '';
}

/** Our format name for a media type ("text/csv" -> "CSV"), '' when unknown. */
export function formatFromMediaType(mediaType: string): string {
  const m = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.entries(FORMATS).find(([, v]) => v.mediaType === m)?.[0] ?? '';
}

/** Format guessed from a URL's file extension ("/a/b.xls?x=1" -> "XLS"), '' when none is known. */
export function formatFromUrl(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  const m = /\.([A-Za-z0-9]{2,7})$/.exec(path);
  if (!m?.[1]) return '';
  const f = normalizeFormat(m[1]);
  return FORMATS[f] ? f : '';
}
