import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OdpError } from '../platform/errors.ts';

/** JSON body of every error answered by /api/v1 and other own routes. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]> };
}

/** Maps any thrown error to a status and body; 5xx bodies never carry internals. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof OdpError) {
    const fields = Object.keys(err.fields).length ? err.fields : undefined;
    return { status: err.status, body: { error: { code: err.code, message: err.message, fields } } };
  }
  const fe = err as Partial<FastifyError>;
  if (fe.validation) {
    return {
      status: 400,
      body: { error: { code: 'ODP_BAD_REQUEST', message: fe.message ?? 'Bad request' } },
    };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 413 ? 'ODP_TOO_LARGE' : 'ODP_BAD_REQUEST';
    return { status: fe.statusCode, body: { error: { code, message: fe.message ?? 'Bad request' } } };
  }
  return { status: 500, body: { error: { code: 'ODP_INTERNAL', message: 'Internal server error' } } };
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(err);
  if (status >= 500) req.log.error({ err }, 'request failed');
  reply.status(status).type('application/json; charset=utf-8').send(body);
}
