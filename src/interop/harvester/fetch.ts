/** Fetches what a harvest source points at: an http(s) URL through safeFetch, or (CLI only) a local file. */

import { readFile } from 'node:fs/promises';
import { safeFetch } from '../../platform/net/index.ts';

/** How the harvester may reach sources. */
export interface FetchPolicy {
  /** Let fetches reach 127.0.0.1 (tests; from config.allowLoopbackFetch). */
  allowLoopback: boolean;
  /** Accept local file paths (the CLI); never set for sources stored by the web API. */
  allowFiles: boolean;
  /** Largest document read, bytes (default 100 MiB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** A fetched document. */
export interface Fetched {
  url: string;
  contentType: string;
  body: Uint8Array;
}

const isHttp = (s: string): boolean => /^https?:\/\//i.test(s);

/** Reads one document; throws on HTTP errors (non-2xx) and refused addresses. */
export async function fetchDocument(location: string, policy: FetchPolicy, accept = '*/*'): Promise<Fetched> {
  if (!isHttp(location)) {
    if (!policy.allowFiles) throw new Error(`not an http(s) URL: ${location}`);
    const body = new Uint8Array(await readFile(location.replace(/^file:\/\//, '')));
    return { url: location, contentType: '', body };
  }
  const res = await safeFetch(location, {
    allowLoopback: policy.allowLoopback,
    maxBytes: policy.maxBytes ?? 100 * 1024 * 1024,
    timeoutMs: 120_000,
    headers: { accept, 'user-agent': 'ODP-harvester/1' },
    signal: policy.signal,
  });
  if (res.status < 200 || res.status > 299) throw new Error(`HTTP ${res.status} from ${location}`);
  return { url: res.url, contentType: res.contentType, body: res.body };
}

/** Text of a catalogue file: UTF-8 (BOM or not) when it decodes strictly, else Big5 (CP950), else an error. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('big5', { fatal: true }).decode(bytes);
  }
}
