import type { FastifyError } from 'fastify';
import { OdpError } from '../../platform/errors.ts';

/** A CKAN API answer for a failed call: a status and the `error` member of the envelope (or a bare string). */
export interface CkanFailure {
  status: number;
  /** The envelope's `error` dict; null when CKAN answers with a bare JSON string instead of an envelope. */
  error: Record<string, unknown> | null;
  /** The bare string body (400 transport errors: `Bad request - ...`). */
  bare?: string;
}

/** Python's repr() of a str, as CKAN's `%r` puts it into search error messages. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll(quote, `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** The bare-string 400 CKAN sends for transport problems (unknown action, GET on a write action, bad JSON). */
export const badRequestBody = (extra: string): CkanFailure => ({
  status: 400,
  error: null,
  bare: `Bad request - ${extra}`,
});

/** Maps any thrown error to CKAN's status and error dict (ckan/views/api.py). 5xx never leak internals. */
export function toCkanFailure(err: unknown): CkanFailure {
  if (err instanceof OdpError) {
    switch (err.kind) {
      case 'validation':
        return {
          status: 409,
          error: Object.keys(err.fields).length
            ? { __type: 'Validation Error', ...err.fields }
            : { __type: 'Validation Error', message: err.message },
        };
      case 'conflict':
        if (err.code === 'ODP_SEARCH_ERROR') {
          return {
            status: 409,
            error: { __type: 'Search Error', message: `Search error: (${pyRepr(err.message)},)` },
          };
        }
        return { status: 409, error: { __type: 'Validation Error', message: err.message } };
      case 'not_found':
        return { status: 404, error: { __type: 'Not Found Error', message: `Not found: ${err.message}` } };
      case 'forbidden':
        return {
          status: 403,
          error: { __type: 'Authorization Error', message: `Access denied: ${err.message}` },
        };
      case 'too_large':
        return { status: 413, error: { __type: 'Validation Error', message: err.message } };
      case 'bad_request':
        if (err.code === 'ODP_SEARCH_QUERY') {
          return {
            status: 400,
            error: {
              __type: 'Search Query Error',
              message: `Search Query is invalid: (${pyRepr(err.message)},)`,
            },
          };
        }
        return badRequestBody(err.message);
    }
  }
  const fe = err as Partial<FastifyError>;
  if (fe.statusCode === 413)
    return { status: 413, error: { __type: 'Validation Error', message: 'Request too large' } };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return badRequestBody(`JSON Error: ${fe.message ?? 'Invalid request'}`);
  }
  return { status: 500, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } };
}
