import { type FormatInfo, findFormat } from './formats.ts';
import { decodeSample } from './text-encoding.ts';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  sig.every((v, i) => b[at + i] === v);

const latin1 = (b: Uint8Array, max = 65536): string => Buffer.from(b.subarray(0, max)).toString('latin1');

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** OLE2 compound files (old Office): the directory names the stream (UTF-16LE) that says which program. */
function sniffOle2(b: Uint8Array): string {
  const text = Buffer.from(b).toString('utf16le');
  if (text.includes('Workbook') || text.includes('Book')) return 'XLS';
  if (text.includes('WordDocument')) return 'DOC';
  if (text.includes('PowerPoint Document')) return 'PPT';
  // The directory may sit beyond a truncated sample; spreadsheets are the common case on data portals.
  return 'XLS';
}

/** ZIP containers: OOXML and ODF are zips whose first entries name the document type. */
function sniffZip(b: Uint8Array): string {
  const text = latin1(b);
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ODS';
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'ODT';
  if (/xl\/(workbook|worksheets|styles|sharedStrings)/.test(text)) return 'XLSX';
  if (text.includes('word/')) return 'DOCX';
  if (text.includes('ppt/')) return 'PPTX';
  if (/\.kml/i.test(text)) return 'KMZ';
  return 'ZIP';
}

function sniffBinary(b: Uint8Array): string | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'PDF';
  if (startsWith(b, OLE2)) return sniffOle2(b);
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(b);
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'PNG';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF';
  if (startsWith(b, [0x1f, 0x8b])) return 'GZ';
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21])) return 'RAR';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf])) return '7Z';
  if (startsWith(b, [0x4d, 0x5a])) return 'EXE';
  return null;
}

function sniffMarkup(text: string): string {
  const head = text.slice(0, 4000);
  if (/<!doctype html|<html[\s>]/i.test(head)) return 'HTML';
  if (/<rdf:RDF[\s>]/.test(head)) return 'RDF';
  if (/<kml[\s>]/.test(head)) return 'KML';
  if (/<(gml:)?FeatureCollection[\s>]|xmlns:gml=/.test(head)) return 'GML';
  if (/<rss[\s>]/.test(head)) return 'RSS';
  if (/<feed[\s>][^>]*Atom/i.test(head)) return 'ATOM';
  return 'XML';
}

function sniffJson(text: string): string {
  const head = text.slice(0, 8000);
  if (/"@context"\s*:/.test(head)) return 'JSON-LD';
  if (/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(head)) return 'GeoJSON';
  return 'JSON';
}

/** Delimited text: the first lines share the same non-zero count of one delimiter. */
function sniffDelimited(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .slice(0, 30)
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) return null;
  for (const [delim, name] of [
    ['\t', 'TSV'],
    [',', 'CSV'],
    [';', 'CSV'],
    ['|', 'CSV'],
  ] as const) {
    const counts = lines.map((l) => l.split(delim).length - 1);
    const positive = counts.filter((c) => c > 0);
    // Most lines have the delimiter; titles and footers may not, quoted newlines may skew a few.
    if (positive.length >= Math.max(2, Math.ceil(lines.length * 0.6))) return name;
  }
  return null;
}

function sniffText(b: Uint8Array): string | null {
  const text = decodeSample(b).replace(/^\uFEFF/, '');
  const t = text.trimStart();
  if (!t) return null;
  if (t.startsWith('<')) return sniffMarkup(t);
  if (t.startsWith('{') || t.startsWith('[')) return sniffJson(t);
  if (/^@(prefix|base)\s/im.test(t.slice(0, 2000))) return 'TTL';
  if (/^<https?:[^>]+>\s+<https?:[^>]+>\s+/.test(t)) return 'NT';
  return sniffDelimited(t) ?? 'TXT';
}

/** True when the first bytes contain control bytes that no text file has (binary data). */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 2048);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? 0;
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) odd++;
  }
  // UTF-16 text has many zero bytes; detectTextEncoding recognises it, so only count odd non-zero bytes.
  const zeros = b.subarray(0, n).filter((c) => c === 0).length;
  return odd - zeros > n * 0.05;
}

/**
 * The format the content actually is, judged from its first bytes (magic numbers, then text shape),
 * or undefined when the sample is empty or unrecognisable binary.
 */
export function sniffFormat(sample: Uint8Array): FormatInfo | undefined {
  if (sample.length === 0) return undefined;
  const binary = sniffBinary(sample);
  if (binary) return findFormat(binary);
  if (looksBinary(sample)) return undefined;
  const text = sniffText(sample);
  return text ? findFormat(text) : undefined;
}
