import { OdpError } from '../platform/errors.ts';

/** The bytes could not be decoded with any encoding tried: names the byte offset and the encodings. */
export function undecodable(offset: number, tried: readonly string[]): OdpError {
  return new OdpError(
    'bad_request',
    'ODP_DATASTORE_UNDECODABLE',
    `cannot decode the file: invalid byte sequence at byte offset ${offset} (encodings tried: ${tried.join(', ')})`,
  );
}

/** The file is of a kind the loader does not read. */
export function unsupportedFormat(message: string): OdpError {
  return new OdpError('bad_request', 'ODP_DATASTORE_UNSUPPORTED_FORMAT', message);
}

/** An in-memory format (spreadsheet, JSON, XML) larger than the loader accepts. */
export function fileTooLarge(kind: string, size: number, limit: number): OdpError {
  return new OdpError(
    'too_large',
    'ODP_DATASTORE_FILE_TOO_LARGE',
    `${kind} file of ${size} bytes exceeds the ${limit}-byte limit for in-memory formats`,
  );
}

/** The file holds no table the loader can recognise. */
export function noTable(message: string): OdpError {
  return new OdpError('bad_request', 'ODP_DATASTORE_NO_TABLE', message);
}

/** A finding reported back to the publisher: something the loader noticed and handled. */
export interface LoadFinding {
  code: string;
  message: string;
}

/** The file's structure cannot be read (e.g. an unclosed quote swallowing the rest of the file). */
export function badInput(message: string): OdpError {
  return new OdpError('bad_request', 'ODP_DATASTORE_BAD_INPUT', message);
}
