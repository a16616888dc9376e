import { countPublicDatasetsCreatedBy } from '../../../catalog/dataset-rows.ts';
import {
  createToken,
  findTokenByValue,
  findUser,
  listTokens,
  revokeToken,
  tokenOwner,
} from '../../../platform/auth/users.ts';
import { forbidden, invalid, OdpError } from '../../../platform/errors.ts';
import type { ActionCall, ActionTable } from '../action-types.ts';
import { ckanTime } from '../ckan-time.ts';
import { optNatural, optString, required } from '../params.ts';
import { userDict } from '../presenters/user-dict.ts';

const userMissing = () => new OdpError('not_found', 'ODP_USER_NOT_FOUND', 'User not found');

/** The user named by `field`, who must be the actor (or the actor is a sysadmin). */
async function selfOrSysadmin(call: ActionCall, ref: string) {
  const user = await findUser(call.ctx.db.kysely, ref);
  if (!user) throw userMissing();
  if (!call.actor.sysadmin && call.actor.userId !== user.id) {
    throw forbidden(`User ${call.actor.userName ?? ''} not authorized to manage API tokens of ${user.name}`);
  }
  return user;
}

const UNIT_SECONDS = new Set([1, 60, 3600, 86400, 2592000, 31536000]);

/** user_show and the API token actions. */
export const userActions: ActionTable = {
  user_show: {
    sideEffectFree: true,
    doc: 'Return a user account (the e-mail only to the user and sysadmins).\n\n:param id: id or name of the user',
    run: async (call) => {
      const ref = optString(call.data, 'id') ?? call.actor.userId;
      const user = ref ? await findUser(call.ctx.db.kysely, ref) : null;
      if (!user || (user.state !== 'active' && !call.actor.sysadmin)) throw userMissing();
      const created = await countPublicDatasetsCreatedBy(call.ctx.db.kysely, user.id);
      const self = call.actor.sysadmin || call.actor.userId === user.id;
      return userDict(user, self, created);
    },
  },
  api_token_create: {
    sideEffectFree: false,
    doc: 'Create an API token for a user (the user themself or a sysadmin); the token is shown only in this answer.\n\n:param user: name or id\n:param name: the token\'s name\n:param expires_in, unit: lifetime as a count of units in seconds (optional)\n:rtype: {"token": ...}',
    run: async (call) => {
      const user = await selfOrSysadmin(call, required(call.data, 'user'));
      const name = required(call.data, 'name');
      const count = optNatural(call.data, 'expires_in');
      const unit = optNatural(call.data, 'unit') ?? 86400;
      if (!UNIT_SECONDS.has(unit))
        throw invalid({ unit: ['Value must be one of: 1, 60, 3600, 86400, 2592000, 31536000'] });
      const expires = count ? new Date(Date.now() + count * unit * 1000).toISOString() : null;
      const { token } = await createToken(call.ctx.db.kysely, user.id, name, expires);
      return { token };
    },
  },
  api_token_list: {
    sideEffectFree: true,
    doc: 'Return the API tokens of a user (never their secrets).\n\n:param user_id: id or name of the user (`user` is accepted too)',
    run: async (call) => {
      const ref =
        optString(call.data, 'user_id') ?? optString(call.data, 'user') ?? required(call.data, 'user_id');
      const user = await selfOrSysadmin(call, ref);
      return (await listTokens(call.ctx.db.kysely, user.id)).map((t) => ({
        id: t.id,
        name: t.name,
        user_id: user.id,
        created_at: ckanTime(t.created),
        last_access: ckanTime(t.lastAccess),
        expires_at: ckanTime(t.expiresAt),
        plugin_extras: null,
      }));
    },
  },
  api_token_revoke: {
    sideEffectFree: false,
    doc: 'Revoke an API token, given the token itself (`token`) or its id (`jti`).',
    run: async (call) => {
      const db = call.ctx.db.kysely;
      const token = optString(call.data, 'token');
      const jti = optString(call.data, 'jti');
      if (!token && !jti) throw invalid({ token: ['Missing value'] });
      const found = token ? await findTokenByValue(db, token) : null;
      const id = found?.id ?? jti ?? '';
      const owner = found?.userId ?? (await tokenOwner(db, id));
      if (!owner) throw new OdpError('not_found', 'ODP_TOKEN_NOT_FOUND', 'Token not found');
      if (!call.actor.sysadmin && call.actor.userId !== owner)
        throw forbidden('Not authorized to revoke this token');
      await revokeToken(db, id);
      return null;
    },
  },
};
