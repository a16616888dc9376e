import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import {
  createGroup,
  deleteGroup,
  type GroupInput,
  getGroup,
  listGroups,
  listMembers,
  setMember,
  updateGroup,
} from '../../catalog/group-service.ts';
import { LICENSES } from '../../catalog/licenses.ts';
import type { GroupKind, MemberRole } from '../../catalog/types.ts';
import { ErrorSchema, GroupInputSchema, GroupSchema, IdOrName } from './schemas.ts';

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** /api/v1/organizations, /api/v1/groups and /api/v1/licenses. */
export async function groupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const kinds: [GroupKind, string][] = [
    ['organization', 'organizations'],
    ['group', 'groups'],
  ];
  for (const [kind, path] of kinds) {
    const tags = [path];
    app.get(
      `/api/v1/${path}`,
      { schema: { tags, summary: `List ${path}`, response: { 200: Type.Array(GroupSchema) } } },
      async () => listGroups(ctx.db.kysely, kind),
    );
    app.get(
      `/api/v1/${path}/:id`,
      {
        schema: {
          tags,
          summary: `Read one of the ${path}`,
          params: IdOrName,
          response: { 200: GroupSchema, ...errors },
        },
      },
      async (req) => getGroup(ctx.db.kysely, kind, (req.params as { id: string }).id),
    );
    app.post(
      `/api/v1/${path}`,
      {
        schema: {
          tags,
          summary: `Create (sysadmins)`,
          body: GroupInputSchema,
          response: { 201: GroupSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createGroup(ctx.catalog, req.actor, kind, req.body as GroupInput)),
    );
    app.patch(
      `/api/v1/${path}/:id`,
      {
        schema: {
          tags,
          summary: 'Change',
          params: IdOrName,
          body: GroupInputSchema,
          response: { 200: GroupSchema, ...errors },
        },
      },
      async (req) =>
        updateGroup(ctx.catalog, req.actor, kind, (req.params as { id: string }).id, req.body as GroupInput),
    );
    app.delete(
      `/api/v1/${path}/:id`,
      {
        schema: {
          tags,
          summary: 'Delete (sysadmins)',
          params: IdOrName,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (req, reply) => {
        await deleteGroup(ctx.catalog, req.actor, kind, (req.params as { id: string }).id);
        return reply.status(204).send();
      },
    );
  }

  const Member = Type.Object({ userId: Type.String(), name: Type.String(), role: Type.String() });
  app.get(
    '/api/v1/organizations/:id/members',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Members and roles',
        params: IdOrName,
        response: { 200: Type.Array(Member), ...errors },
      },
    },
    async (req) => {
      const org = await getGroup(ctx.db.kysely, 'organization', (req.params as { id: string }).id);
      return listMembers(ctx.db.kysely, org.id);
    },
  );
  app.put(
    '/api/v1/organizations/:id/members/:user',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Add a member or change their role (organization admins)',
        params: Type.Object({ id: Type.String(), user: Type.String() }),
        body: Type.Object({
          role: Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('member')]),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (req, reply) => {
      const { id, user } = req.params as { id: string; user: string };
      await setMember(ctx.catalog, req.actor, id, user, (req.body as { role: MemberRole }).role);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/licenses',
    {
      schema: {
        tags: ['licenses'],
        summary: 'Licenses a dataset may carry',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              title: Type.String(),
              url: Type.String(),
              isOpen: Type.Boolean(),
            }),
          ),
        },
      },
    },
    async () => LICENSES.map(({ id, title, url, isOpen }) => ({ id, title, url, isOpen })),
  );
}
