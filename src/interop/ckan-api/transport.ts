import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newResourceId, receiveMultipart } from '../../api/uploads.ts';
import type { AppContext } from '../../app-context.ts';
import { ANONYMOUS } from '../../catalog/actor.ts';
import type { StoredFile } from '../../catalog/resource-files.ts';
import { type ActionTable, type DataDict, JsonText } from './action-types.ts';
import { badRequestBody, type CkanFailure, toCkanFailure } from './ckan-errors.ts';
import { RawJsonBody, RequestDataError, requestData } from './request-data.ts';

const JSON_TYPE = 'application/json;charset=utf-8';

/** Whole answers made around cached results (the same bytes come back on every hit), kept while they are. */
const wrapped = new WeakMap<Buffer, { help: string; body: Buffer }>();

/** CKAN's success envelope around an action's result; a cached result is wrapped once, not per request. */
function successBody(help: string, result: unknown): Buffer | string {
  const head = `{"help":${JSON.stringify(help)},"success":true,"result":`;
  if (!(result instanceof JsonText)) return `${head}${JSON.stringify(result ?? null)}}`;
  const done = wrapped.get(result.bytes);
  if (done?.help === help) return done.body;
  const body = Buffer.concat([Buffer.from(head), result.bytes, Buffer.from('}')]);
  wrapped.set(result.bytes, { help, body });
  return body;
}
/** JSONP callbacks are limited to plain JavaScript names (CKAN only HTML-escapes them). */
const CALLBACK_RE = /^[A-Za-z_$][\w$.]{0,99}$/;

/** The absolute URL of help_show for an action, CKAN's `help` member. */
export const helpUrl = (baseUrl: string, name: string): string =>
  `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;

function sendFailure(reply: FastifyReply, help: string, f: CkanFailure) {
  const body = f.error === null ? (f.bare ?? 'Bad request') : { help, success: false, error: f.error };
  return reply.status(f.status).type(JSON_TYPE).send(JSON.stringify(body));
}

function callbackOf(req: FastifyRequest): string | null {
  if (req.method !== 'GET') return null;
  const cb = (req.query as Record<string, unknown>).callback;
  return typeof cb === 'string' ? cb : null;
}

async function readData(req: FastifyRequest, ctx: AppContext) {
  if (req.isMultipart()) {
    const uploadId = newResourceId();
    const { fields, upload } = await receiveMultipart(req, ctx.blobs, uploadId);
    return { data: fields as DataDict, upload, uploadId };
  }
  return { data: requestData(req), upload: null as StoredFile | null, uploadId: null };
}

/** Registers the Action API endpoints for a table of actions, in their own scope (own body parsers, errors). */
export async function registerActionTransport(app: FastifyInstance, ctx: AppContext, table: ActionTable) {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    const keepText = (
      _req: FastifyRequest,
      body: string | Buffer,
      done: (e: Error | null, v?: unknown) => void,
    ) => done(null, new RawJsonBody(body.toString()));
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, keepText);
    scope.addContentTypeParser('*', { parseAs: 'string' }, keepText);
    scope.setErrorHandler((err, req, reply) => {
      const f = toCkanFailure(err);
      if (f.status >= 500) req.log.error({ err }, 'CKAN action failed');
      const name = (req.params as { name?: string }).name ?? '';
      return sendFailure(reply, helpUrl(ctx.config.baseUrl, name), f);
    });

    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const name = (req.params as { name: string }).name;
      const help = helpUrl(ctx.config.baseUrl, name);
      const def = Object.hasOwn(table, name) ? table[name] : undefined;
      if (!def) return sendFailure(reply, help, badRequestBody(`Action name not known: ${name}`));
      if (req.method === 'GET' && !def.sideEffectFree) {
        return sendFailure(
          reply,
          help,
          badRequestBody('JSON Error: Invalid request. Please use POST method for your request'),
        );
      }
      const callback = callbackOf(req);
      if (callback !== null && !CALLBACK_RE.test(callback)) {
        return sendFailure(reply, help, badRequestBody('Invalid JSONP callback name'));
      }
      let read: Awaited<ReturnType<typeof readData>>;
      try {
        read = await readData(req, ctx);
      } catch (err) {
        if (err instanceof RequestDataError) return sendFailure(reply, help, badRequestBody(err.message));
        throw err;
      }
      const { data, upload, uploadId } = read;
      let actor = req.actor;
      if ('callback' in data) {
        // CKAN answers JSONP calls as anonymous: a third-party page must not read a signed-in user's data.
        delete data.callback;
        actor = ANONYMOUS;
      }
      try {
        const result = await def.run({ ctx, req, actor, data, upload, uploadId });
        if (upload && !def.acceptsUpload) await ctx.blobs.delete(upload.key);
        if (callback) {
          const body = result instanceof JsonText ? result.bytes.toString() : JSON.stringify(result ?? null);
          return reply
            .type('application/javascript;charset=utf-8')
            .header('x-content-type-options', 'nosniff')
            .send(`/**/${callback}({"help":${JSON.stringify(help)},"success":true,"result":${body}});`);
        }
        return reply.type(JSON_TYPE).send(successBody(help, result));
      } catch (err) {
        if (upload) await ctx.blobs.delete(upload.key);
        throw err;
      }
    };

    for (const url of ['/api/3/action/:name', '/api/action/:name']) {
      scope.route({ method: ['GET', 'POST'], url, schema: { hide: true }, handler: handle });
    }
    // CKAN clients probe `/api` and `/api/3` for the version; browsers asking for HTML at `/api` get the
    // API documentation page instead (src/web answers those before this route runs).
    for (const url of ['/api', '/api/3']) {
      scope.get(url, { schema: { hide: true } }, async (_req, reply) =>
        reply.type(JSON_TYPE).send('{"version": 3}'),
      );
    }
  });
}
