import type { Resource } from '../catalog/types.ts';
import type { TableSchema } from '../datastore/table-schema.ts';
import { NetError, type SafeFetchOptions, safeFetch } from '../platform/net/index.ts';
import { type FormatInfo, formatFromDeclared, formatFromMime } from './formats.ts';
import { type OpennessScore, scoreResource } from './openness.ts';
import { sniffFormat } from './sniff-format.ts';
import { type DetectedEncoding, detectTextEncoding, normalizeDeclaredEncoding } from './text-encoding.ts';

/** Outcome of fetching a resource's link. */
export interface LinkResult {
  ok: boolean;
  status: number | null;
  finalUrl: string;
  redirects: string[];
  contentType: string;
  /** 'http_status' for a non-2xx answer, else the network failure kind, null when ok. */
  failure: string | null;
  message: string;
  elapsedMs: number;
}

/** Everything checked about one resource. Null fields could not be judged (no sample, no datastore table). */
export interface ResourceCheck {
  resourceId: string;
  name: string;
  link: LinkResult;
  openness: OpennessScore;
  sniffedFormat: string;
  declaredFormat: string;
  formatOk: boolean | null;
  contentTypeOk: boolean | null;
  detectedEncoding: DetectedEncoding | null;
  declaredEncoding: string;
  servedCharset: string;
  encodingOk: boolean | null;
  machineReadable: boolean;
  /** Column labels the datastore loaded (all tables), or null when the resource is not in the datastore. */
  labels: string[] | null;
  recordCount: { declared: number; actual: number; ok: boolean } | null;
}

export interface ResourceCheckDeps {
  fetch?: SafeFetchOptions;
  /** Bytes read from each link for sniffing (default 256 KiB). */
  sampleBytes?: number;
  /** Bytes of an uploaded file from the blob store (upload resources skip the network). */
  readUpload?: (resource: Resource) => Promise<Uint8Array | null>;
  /** The datastore's tables for a resource (labels and row counts), or null when not loaded. */
  tables?: (resource: Resource) => Promise<readonly TableSchema[] | null>;
}

const XML_FAMILY = new Set(['XML', 'RDF', 'KML', 'GML', 'RSS', 'ATOM']);
const JSON_FAMILY = new Set(['JSON', 'GeoJSON', 'JSON-LD']);
const DELIMITED = new Set(['CSV', 'TSV', 'TXT']);

/** Two format names for the same kind of content (XML dialects, JSON dialects, delimited text). */
function compatible(a: string, b: string): boolean {
  if (a === b) return true;
  return [XML_FAMILY, JSON_FAMILY, DELIMITED].some((family) => family.has(a) && family.has(b));
}

async function fetchLink(
  resource: Resource,
  deps: ResourceCheckDeps,
): Promise<{ link: LinkResult; sample: Uint8Array | null }> {
  if (resource.urlType === 'upload' && deps.readUpload) {
    const bytes = await deps.readUpload(resource);
    const ok = bytes !== null;
    const link = { ok, status: null, finalUrl: resource.url, redirects: [], contentType: '', elapsedMs: 0 };
    return {
      link: {
        ...link,
        failure: ok ? null : 'missing_upload',
        message: ok ? '' : 'Uploaded file missing from storage',
      },
      sample: bytes ? bytes.subarray(0, deps.sampleBytes ?? 262_144) : null,
    };
  }
  try {
    const res = await safeFetch(resource.url, {
      ...deps.fetch,
      maxBytes: deps.sampleBytes ?? 262_144,
      truncate: true,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      link: {
        ok,
        status: res.status,
        finalUrl: res.url,
        redirects: res.redirects,
        contentType: res.contentType,
        failure: ok ? null : 'http_status',
        message: ok ? '' : `HTTP ${res.status}`,
        elapsedMs: res.elapsedMs,
      },
      sample: ok ? res.body : null,
    };
  } catch (err) {
    const e = err instanceof NetError ? err : new NetError('protocol', resource.url, String(err));
    return {
      link: {
        ok: false,
        status: null,
        finalUrl: e.url,
        redirects: [],
        contentType: '',
        failure: e.failure,
        message: e.message,
        elapsedMs: 0,
      },
      sample: null,
    };
  }
}

function encodingMatches(declaredRaw: string, detected: DetectedEncoding): boolean {
  if (/^\s*unicode\s*;?\s*$/i.test(declaredRaw)) return detected !== 'big5';
  const declared = normalizeDeclaredEncoding(declaredRaw);
  if (declared === null) return false;
  if (detected === 'ascii') return declared !== 'utf-16le' && declared !== 'utf-16be';
  return declared === detected || (declared === 'ascii' && detected === 'utf-8');
}

const charsetOf = (contentType: string): string =>
  /charset=([^;\s]+)/i.exec(contentType)?.[1]?.replace(/"/g, '') ?? '';

function judgeContent(resource: Resource, link: LinkResult, sample: Uint8Array | null) {
  const sniffed: FormatInfo | undefined = sample ? sniffFormat(sample) : undefined;
  const declared = formatFromDeclared(resource.format);
  const formatOk =
    sniffed && resource.format.trim() ? Boolean(declared && compatible(declared.name, sniffed.name)) : null;
  const served = formatFromMime(link.contentType);
  const plainForText =
    /^text\/plain/i.test(link.contentType) && sniffed?.text === true && sniffed.name !== 'HTML';
  const contentTypeOk = sniffed && served ? compatible(served.name, sniffed.name) || plainForText : null;
  const detectedEncoding = sample && sniffed?.text ? detectTextEncoding(sample) : null;
  const servedCharset = charsetOf(link.contentType);
  let encodingOk: boolean | null = null;
  if (sample && sniffed?.text) {
    encodingOk =
      detectedEncoding !== null &&
      encodingMatches(resource.encoding, detectedEncoding) &&
      (!servedCharset || encodingMatches(servedCharset, detectedEncoding));
  }
  return { sniffed, formatOk, contentTypeOk, detectedEncoding, servedCharset, encodingOk };
}

/** Fetches a resource (SSRF-safe, capped sample) and judges link, format, content type, encoding, stars, columns. */
export async function checkResource(
  resource: Resource,
  licenseOpen: boolean,
  deps: ResourceCheckDeps,
): Promise<ResourceCheck> {
  const { link, sample } = await fetchLink(resource, deps);
  const judged = judgeContent(resource, link, sample);
  const openness = scoreResource(resource, licenseOpen, { obtainable: link.ok, sample });
  const tables = deps.tables ? await deps.tables(resource) : null;
  const labels = tables
    ? tables.flatMap((t) => t.columns.filter((col) => !col.derivedFrom).map((col) => col.label))
    : null;
  const actual = tables ? tables.reduce((n, t) => n + t.rowCount, 0) : null;
  const declared = resource.recordCount;
  return {
    resourceId: resource.id,
    name: resource.name,
    link,
    openness,
    sniffedFormat: judged.sniffed?.name ?? '',
    declaredFormat: resource.format,
    formatOk: judged.formatOk,
    contentTypeOk: judged.contentTypeOk,
    detectedEncoding: judged.detectedEncoding,
    declaredEncoding: resource.encoding,
    servedCharset: judged.servedCharset,
    encodingOk: judged.encodingOk,
    machineReadable: (judged.sniffed?.stars ?? 0) >= 2,
    labels,
    recordCount:
      declared !== null && actual !== null
        ? { declared, actual, ok: declared === actual || declared === actual + 1 }
        : null,
  };
}
