import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { createHostLimiter, type HostLimiter } from './host-limiter.ts';
import { type AddressPolicy, blockedReason } from './ip-policy.ts';
import { NetError, toNetError } from './net-error.ts';

/** Resolves a host name to every address DNS gives for it. Injectable for tests (DNS rebinding). */
export type Resolver = (hostname: string) => Promise<string[]>;

export interface SafeFetchOptions extends AddressPolicy {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** Largest body read, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** Over maxBytes: keep the first maxBytes and mark the response truncated (default: fail with too_large). */
  truncate?: boolean;
  /** Deadline for the whole exchange including redirects, ms (default 30 s). */
  timeoutMs?: number;
  /** Redirects followed before failing (default 5). Every hop is checked like the first. */
  maxRedirects?: number;
  resolver?: Resolver;
  /** Per-host concurrency limit; defaults to one shared limiter of 4 per host. */
  limiter?: HostLimiter;
  signal?: AbortSignal;
}

export interface SafeFetchResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The served Content-Type, '' when absent. */
  contentType: string;
  body: Uint8Array;
  truncated: boolean;
  /** Every URL redirected to, in order. */
  redirects: string[];
  /** The IP address actually connected to for the final hop. */
  remoteAddress: string;
  elapsedMs: number;
}

const sharedLimiter = createHostLimiter(4);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const defaultResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** A `lookup` that answers with the one address already resolved and validated (no second DNS query). */
function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    if (typeof options === 'object' && options?.all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address, family },
      ]);
    } else callback(null, address, family);
  };
}

/** Resolves the URL's host once and returns the address to connect to, refusing non-public ones. */
async function resolveTarget(url: URL, opts: SafeFetchOptions): Promise<string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const policy = { allowLoopback: opts.allowLoopback ?? false };
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (opts.resolver ?? defaultResolver)(host);
    } catch (err) {
      throw toNetError(err, url.href, false);
    }
    if (addresses.length === 0) throw new NetError('dns', url.href, `No address for ${host}`);
  }
  // Refuse if ANY answer is non-public: a mixed answer is a rebinding attempt or a misconfiguration.
  for (const a of addresses) {
    const reason = blockedReason(a, policy);
    if (reason) throw new NetError('blocked_address', url.href, `Refused to connect to ${a} (${reason})`);
  }
  return addresses[0] as string;
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  truncated: boolean;
  remoteAddress: string;
}

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** One request/response to a validated address; reads at most maxBytes of the body. */
function request(url: URL, address: string, opts: SafeFetchOptions, signal: AbortSignal, readBody: boolean) {
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = mod.request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: {
          'user-agent': 'ODP-link-checker',
          accept: '*/*',
          ...opts.headers,
          'accept-encoding': 'identity',
        },
        agent: false,
        lookup: pinnedLookup(address),
        signal,
      },
      (res) => {
        const headers = flatHeaders(res.headers);
        const remoteAddress = res.socket.remoteAddress ?? address;
        const status = res.statusCode ?? 0;
        const declared = Number(headers['content-length'] ?? Number.NaN);
        if (!readBody || opts.method === 'HEAD') {
          res.resume();
          resolve({ status, headers, body: new Uint8Array(), truncated: false, remoteAddress });
          return;
        }
        if (!opts.truncate && declared > maxBytes) {
          res.destroy();
          reject(new NetError('too_large', url.href, `Body of ${declared} bytes exceeds ${maxBytes}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = (truncated: boolean) => {
          if (done) return;
          done = true;
          const body = new Uint8Array(Buffer.concat(chunks)).subarray(0, maxBytes);
          resolve({ status, headers, body, truncated, remoteAddress });
        };
        res.on('data', (chunk: Buffer) => {
          if (done) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size <= maxBytes) return;
          res.destroy();
          if (opts.truncate) finish(true);
          else {
            done = true;
            reject(new NetError('too_large', url.href, `Body exceeds ${maxBytes} bytes`));
          }
        });
        res.on('end', () => finish(false));
        res.on('error', (err) => {
          if (!done) reject(toNetError(err, url.href, signal.aborted));
          done = true;
        });
      },
    );
    req.on('error', (err) => reject(toNetError(err, url.href, signal.aborted)));
    req.end();
  });
}

function parseUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new NetError('bad_url', raw, `Not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NetError('bad_url', raw, `Only http and https URLs are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new NetError('bad_url', raw, 'URLs with credentials are refused');
  return url;
}

/**
 * Fetches an http(s) URL without ever reaching loopback, private, link-local or metadata addresses:
 * each hop resolves DNS once, validates every answer, and connects to the validated IP (the original
 * host name still goes in Host and TLS SNI), so a DNS answer that changes cannot redirect the socket.
 * Redirects are followed by hand and each target is checked again. Throws NetError.
 */
export async function safeFetch(rawUrl: string, opts: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const started = performance.now();
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const limiter = opts.limiter ?? sharedLimiter;
  const redirects: string[] = [];
  let url = parseUrl(rawUrl);
  let hopOpts = opts;
  for (;;) {
    const current = url;
    const currentOpts = hopOpts;
    const hop = await limiter
      .run(current.hostname, async () => {
        const address = await resolveTarget(current, opts);
        return request(current, address, currentOpts, signal, true);
      })
      .catch((err: unknown) => {
        throw toNetError(err, current.href, timeout.aborted);
      });
    const location = hop.headers.location;
    if (!REDIRECTS.has(hop.status) || !location) {
      return {
        url: current.href,
        status: hop.status,
        headers: hop.headers,
        contentType: hop.headers['content-type'] ?? '',
        body: hop.body,
        truncated: hop.truncated,
        redirects,
        remoteAddress: hop.remoteAddress,
        elapsedMs: Math.round(performance.now() - started),
      };
    }
    if (redirects.length >= (opts.maxRedirects ?? 5)) {
      throw new NetError('too_many_redirects', current.href, `More than ${opts.maxRedirects ?? 5} redirects`);
    }
    url = parseUrl(location, current.href);
    redirects.push(url.href);
    // Credentials given for one origin never travel to another.
    if (url.origin !== current.origin && hopOpts.headers) {
      const { authorization: _a, cookie: _c, ...rest } = hopOpts.headers;
      hopOpts = { ...hopOpts, headers: rest };
    }
  }
}
