import { OdpError } from '../errors.ts';

/** Why an outbound fetch did not produce a response. */
export type NetFailure =
  | 'bad_url'
  | 'blocked_address'
  | 'dns'
  | 'timeout'
  | 'tls'
  | 'connect'
  | 'too_many_redirects'
  | 'too_large'
  | 'protocol';

/** An outbound fetch failure; `failure` says which kind, `code` is stable (`ODP_NET_TIMEOUT`, ...). */
export class NetError extends OdpError {
  readonly failure: NetFailure;
  /** The URL being fetched when it failed (after any redirects). */
  readonly url: string;

  constructor(failure: NetFailure, url: string, message: string) {
    super('bad_request', `ODP_NET_${failure.toUpperCase()}`, message);
    this.name = 'NetError';
    this.failure = failure;
    this.url = url;
  }
}

const TLS_CODE =
  /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH|ERR_CERT|EPROTO$)/;
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** Classifies a Node socket/TLS/HTTP error into a NetError. */
export function toNetError(err: unknown, url: string, timedOut: boolean): NetError {
  if (err instanceof NetError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code ?? '';
  const message = e?.message ?? String(err);
  if (timedOut || code === 'ETIMEDOUT' || e?.name === 'TimeoutError') {
    return new NetError('timeout', url, `Timed out fetching ${url}`);
  }
  if (TLS_CODE.test(code) || /\b(SSL|TLS|certificate)\b/i.test(message)) {
    return new NetError('tls', url, `TLS error (${code || 'handshake'}): ${message}`);
  }
  if (CONNECT_CODES.has(code)) return new NetError('connect', url, `Connection failed (${code}): ${message}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new NetError('dns', url, `DNS lookup failed: ${message}`);
  return new NetError('protocol', url, `Fetch failed (${code || 'error'}): ${message}`);
}
