import type { FastifyRequest } from 'fastify';
import type { DataDict } from './action-types.ts';

/** A JSON request body kept as text by the CKAN scope's parser, decoded by `requestData`. */
export class RawJsonBody {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Why a request's data could not be read; answered as CKAN's bare `Bad request - ...` string. */
export class RequestDataError extends Error {}

const isDict = (v: unknown): v is DataDict => typeof v === 'object' && v !== null && !Array.isArray(v);

const pyLiteral = (v: unknown): string =>
  v === null ? 'None' : Array.isArray(v) ? '[...]' : JSON.stringify(v);

/** Decodes JSON text to a data dict with CKAN's messages. */
function decodeJson(text: string): DataDict {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new RequestDataError(`JSON Error: Error decoding JSON data. Error: ${(err as Error).message}`);
  }
  if (!isDict(parsed)) {
    throw new RequestDataError(
      `JSON Error: Request data JSON decoded to ${pyLiteral(parsed)} but it needs to be a dictionary.`,
    );
  }
  return parsed;
}

/**
 * The data_dict of a request, as CKAN's _get_request_data builds it: GET query parameters (a repeated key as a
 * list), a JSON body, or form fields, where a form with a single key whose value is "" or "1" carries JSON
 * in that key (old clients post that way).
 */
export function requestData(req: FastifyRequest): DataDict {
  if (req.method === 'GET') return { ...(req.query as DataDict) };
  const body: unknown = req.body;
  if (body === undefined || body === null) return {};
  if (body instanceof RawJsonBody) return decodeJson(body.text);
  if (isDict(body)) {
    const keys = Object.keys(body);
    const only = keys.length === 1 ? body[keys[0] as string] : undefined;
    if (keys.length === 1 && (only === '' || only === '1')) return decodeJson(keys[0] as string);
    return { ...body };
  }
  throw new RequestDataError('JSON Error: Invalid request body');
}
