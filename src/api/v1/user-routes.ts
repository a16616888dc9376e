import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { createToken, createUser, listTokens, revokeToken } from '../../platform/auth/users.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { ErrorSchema, IdOrName } from './schemas.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastAccess: Type.Union([Type.String(), Type.Null()]),
});

/** /api/v1/users (sysadmins create users) and /api/v1/me/tokens (each user's own API tokens). */
export async function userRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const tags = ['users'];
  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (sysadmins)',
        body: Type.Object(
          {
            name: Type.String(),
            email: Type.Optional(Type.String()),
            fullname: Type.Optional(Type.String()),
            password: Type.Optional(Type.String({ maxLength: 1000 })),
            sysadmin: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), name: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      if (!req.actor.sysadmin) throw forbidden('Only sysadmins create users');
      return reply
        .status(201)
        .send(await createUser(ctx.db.kysely, req.body as Parameters<typeof createUser>[1]));
    },
  );

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'Who the request is authenticated as',
        response: {
          200: Type.Object({
            id: Type.Union([Type.String(), Type.Null()]),
            name: Type.Union([Type.String(), Type.Null()]),
            sysadmin: Type.Boolean(),
            organizations: Type.Array(Type.Object({ id: Type.String(), role: Type.String() })),
          }),
        },
      },
    },
    async (req) => ({
      id: req.actor.userId,
      name: req.actor.userName,
      sysadmin: req.actor.sysadmin,
      organizations: [...req.actor.roles].map(([id, role]) => ({ id, role })),
    }),
  );

  const me = (userId: string | null): string => {
    if (!userId) throw forbidden('Sign in or send an API token');
    return userId;
  };
  app.get(
    '/api/v1/me/tokens',
    {
      schema: {
        tags,
        summary: 'Your API tokens (never the secrets)',
        response: { 200: Type.Array(TokenInfo), ...errors },
      },
    },
    async (req) => listTokens(ctx.db.kysely, me(req.actor.userId)),
  );
  app.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is shown only in this answer',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 201: Type.Object({ token: Type.String(), info: TokenInfo }), ...errors },
      },
    },
    async (req, reply) => {
      const body = req.body as { name: string; expiresAt?: string };
      const expires = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
      return reply
        .status(201)
        .send(await createToken(ctx.db.kysely, me(req.actor.userId), body.name, expires));
    },
  );
  app.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of your tokens',
        params: IdOrName,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const userId = me(req.actor.userId);
      const tokens = await listTokens(ctx.db.kysely, userId);
      const { id } = req.params as { id: string };
      if (!tokens.some((t) => t.id === id) && !req.actor.sysadmin)
        throw notFound('Token', 'ODP_TOKEN_NOT_FOUND');
      await revokeToken(ctx.db.kysely, id);
      return reply.status(204).send();
    },
  );
}
