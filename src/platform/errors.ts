/**
 * Typed domain errors with stable codes. Routes map them to HTTP in one place (src/api/error-handler.ts);
 * the CKAN surface maps the same errors to CKAN's envelope.
 */

/** Field name -> messages, as CKAN's Validation Error carries them. */
export type FieldErrors = Record<string, string[]>;

export type ErrorKind = 'validation' | 'not_found' | 'forbidden' | 'conflict' | 'bad_request' | 'too_large';

const statusOf: Record<ErrorKind, number> = {
  validation: 409,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  bad_request: 400,
  too_large: 413,
};

export class OdpError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly fields: FieldErrors;

  constructor(kind: ErrorKind, code: string, message: string, fields: FieldErrors = {}) {
    super(message);
    this.name = 'OdpError';
    this.kind = kind;
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return statusOf[this.kind];
  }
}

export const notFound = (what: string, code = 'ODP_NOT_FOUND'): OdpError =>
  new OdpError('not_found', code, `${what} not found`);

export const forbidden = (message: string, code = 'ODP_FORBIDDEN'): OdpError =>
  new OdpError('forbidden', code, message);

export const badRequest = (message: string, code = 'ODP_BAD_REQUEST'): OdpError =>
  new OdpError('bad_request', code, message);

export const invalid = (fields: FieldErrors, code = 'ODP_VALIDATION'): OdpError =>
  new OdpError('validation', code, 'Validation failed', fields);

export const conflict = (message: string, code = 'ODP_CONFLICT'): OdpError =>
  new OdpError('conflict', code, message);
