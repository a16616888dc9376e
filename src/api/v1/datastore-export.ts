/**
 * GET /api/v1/resources/{id}/export.{csv|tsv|json|xlsx|parquet}: a datastore table (whole or filtered)
 * streamed from DuckDB in constant memory, named by a UTF-8 Content-Disposition filename.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { type ExportFormat, exportContentType, exportTable } from '../../datastore/index.ts';
import { readableTable } from './datastore-access.ts';
import { ExportParams, ExportQuery } from './datastore-schemas.ts';
import { ErrorSchema } from './schemas.ts';

/** Characters never allowed in a downloaded file's name. */
const UNSAFE_NAME = /[/\\:*?"<>|]+/g;
/** Replaces control characters (a regex with them is flagged by the linter) and unsafe ones with `_`. */
const safeName = (name: string): string =>
  [...name]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? '_' : ch))
    .join('')
    .replace(UNSAFE_NAME, '_');

/** `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<name>` (RFC 6266 / 8187). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName
    .replace(/[^\x20-\x7e]/g, '_')
    .replaceAll('"', '_')
    .replaceAll('\\', '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The download's file name: the resource name (or id), the table name when there are several, the extension. */
export function exportFileName(
  resourceName: string,
  resourceId: string,
  table: string,
  format: ExportFormat,
): string {
  const base = (resourceName.trim() || resourceId).replace(
    /\.(csv|tsv|txt|json|xlsx?|ods|parquet|zip|xml)$/i,
    '',
  );
  const name = safeName(`${base}${table ? `-${table}` : ''}`).slice(0, 150);
  return `${name}.${format}`;
}

/** Registers the export route. */
export async function exportRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/v1/resources/:id/export.:format',
    {
      schema: {
        tags: ['datastore'],
        summary: 'Download a datastore table as CSV (UTF-8 with BOM, or Big5), TSV, JSON, XLSX or Parquet',
        params: ExportParams,
        querystring: ExportQuery,
        produces: ['text/csv', 'text/tab-separated-values', 'application/json', 'application/octet-stream'],
        response: {
          200: Type.String({ description: 'The file (streamed)', format: 'binary' }),
          400: ErrorSchema,
          403: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (req, reply) => {
      const { id, format } = req.params as Static<typeof ExportParams>;
      const q = req.query as Static<typeof ExportQuery>;
      const { resource, serving, table } = await readableTable(ctx, req.actor, id, q.table);
      const encoding = q.encoding === 'big5' && (format === 'csv' || format === 'tsv') ? 'big5' : 'utf-8';
      const chunks = exportTable(ctx.datastore.engine, table, {
        format,
        encoding,
        selection: { filters: q.filters, q: q.q, fields: q.fields, sort: q.sort },
      });
      // The first chunk is pulled before any header is sent, so a bad selection is still a JSON error.
      const first = await chunks.next();
      async function* body(): AsyncGenerator<Buffer> {
        try {
          if (!first.done) yield first.value;
          yield* chunks;
        } finally {
          await chunks.return(undefined);
        }
      }
      const fileName = exportFileName(resource.name, resource.id, serving.tableName, format);
      return reply
        .header('content-type', exportContentType({ format, encoding }))
        .header('content-disposition', contentDisposition(fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(Readable.from(body(), { objectMode: false }));
    },
  );
}
