import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { OdpError } from '../../platform/errors.ts';
import type { ActionTable } from './action-types.ts';
import { activityActions } from './actions/activity-actions.ts';
import { datastoreActions } from './actions/datastore-actions.ts';
import { groupActions } from './actions/group-actions.ts';
import { packageActions } from './actions/package-actions.ts';
import { resourceActions } from './actions/resource-actions.ts';
import { searchActions } from './actions/search-action.ts';
import { siteActions } from './actions/site-actions.ts';
import { userActions } from './actions/user-actions.ts';
import { required } from './params.ts';
import { registerActionTransport } from './transport.ts';

export type { ActionCall, ActionDef, ActionTable, DataDict } from './action-types.ts';
export { ckanTime } from './ckan-time.ts';
export { packageDict, packageDicts } from './presenters/package-dict.ts';
export { resourceDict } from './presenters/resource-dict.ts';

/** Every action ODP answers, by CKAN name (help_show added below, as it reads this table). */
export function ckanActions(): ActionTable {
  const table: ActionTable = {
    ...siteActions,
    ...packageActions,
    ...searchActions,
    ...resourceActions,
    ...groupActions,
    ...userActions,
    ...activityActions,
    ...datastoreActions,
  };
  table.help_show = {
    sideEffectFree: true,
    doc: "Return the help text of an action.\n\n:param name: the action's name\n:rtype: string",
    run: async ({ data }) => {
      const name = required(data, 'name');
      const def = Object.hasOwn(table, name) ? table[name] : undefined;
      if (!def) throw new OdpError('not_found', 'ODP_ACTION_NOT_FOUND', 'Action function not found');
      return def.doc;
    },
  };
  return table;
}

/**
 * The CKAN Action API v3 at /api/3/action/{name} and /api/action/{name}, answering like CKAN 2.10 on the
 * wire (envelopes, status codes, messages), plus /api and /api/3 -> {"version": 3}.
 */
export async function ckanApiRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  extra: ActionTable = {},
): Promise<void> {
  await registerActionTransport(app, ctx, { ...ckanActions(), ...extra });
}
