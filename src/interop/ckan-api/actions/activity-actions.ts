import { getActivity, listDatasetActivity, listRecentDatasetActivity } from '../../../catalog/activity.ts';
import { findDatasetId } from '../../../catalog/dataset-rows.ts';
import { factsOf, showDataset } from '../../../catalog/dataset-service.ts';
import { canDataset } from '../../../catalog/policies.ts';
import type { Activity, Dataset } from '../../../catalog/types.ts';
import { forbidden, invalid, OdpError } from '../../../platform/errors.ts';
import type { ActionCall, ActionTable } from '../action-types.ts';
import { parseClientTime } from '../ckan-time.ts';
import { optList, optNatural, optString, required } from '../params.ts';
import { activityDict } from '../presenters/activity-dict.ts';

/** CKAN's ckan.activity_list_limit (default 31) and its maximum (100). */
const DEFAULT_LIMIT = 31;
const MAX_LIMIT = 100;

function page(call: ActionCall) {
  const limit = Math.min(optNatural(call.data, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
  const offset = optNatural(call.data, 'offset') ?? 0;
  const time = (k: string) => {
    const v = optString(call.data, k);
    if (!v) return undefined;
    // CKAN takes a Unix timestamp; an ISO datetime is accepted too.
    const t = /^\d+(\.\d+)?$/.test(v) ? new Date(Number(v) * 1000).toISOString() : parseClientTime(v);
    if (!t) throw invalid({ [k]: ['Date format incorrect'] });
    return t;
  };
  return { limit, offset, before: time('before'), after: time('after') };
}

const snapshotOf = (a: Activity): Dataset | null =>
  typeof a.data === 'object' && a.data !== null && 'resources' in a.data ? (a.data as Dataset) : null;

/** Activity of datasets, viewable by the actor judged by the dataset as it was at that moment. */
const visible = (call: ActionCall, a: Activity): boolean => {
  const d = snapshotOf(a);
  return d !== null && canDataset(call.actor, 'read', factsOf(d));
};

/** Dataset activity actions: package_activity_list, activity_show, recently_changed_packages_activity_list. */
export const activityActions: ActionTable = {
  package_activity_list: {
    sideEffectFree: true,
    doc: "Return a dataset's activity stream, newest first.\n\n:param id: id or name of the dataset\n:param limit: (default 31, at most 100)\n:param offset, before, after, activity_types, exclude_activity_types: (optional)",
    run: async (call) => {
      const d = await showDataset(call.ctx.catalog, call.actor, required(call.data, 'id'));
      const types = optList(call.data, 'activity_types');
      const excluded = optList(call.data, 'exclude_activity_types');
      const rows = await listDatasetActivity(call.ctx.db.kysely, d.id, page(call));
      return rows
        .filter((a) => (!types || types.includes(a.activityType)) && !excluded?.includes(a.activityType))
        .map((a) => activityDict(a, true));
    },
  },
  activity_show: {
    sideEffectFree: true,
    doc: 'Return one activity, with the object as it was after the change.\n\n:param id: the activity id\n:param include_data: (default true)',
    run: async (call) => {
      const a = await getActivity(call.ctx.db.kysely, required(call.data, 'id'));
      if (!a) throw new OdpError('not_found', 'ODP_ACTIVITY_NOT_FOUND', 'Activity not found');
      const snap = snapshotOf(a);
      if (snap) {
        const current = await findDatasetId(call.ctx.db.kysely, snap.id);
        if (current) await showDataset(call.ctx.catalog, call.actor, current);
        else if (!call.actor.sysadmin) throw forbidden('Not authorized to see this activity');
      }
      const include = optString(call.data, 'include_data');
      return activityDict(a, include === undefined || !['false', '0', 'no'].includes(include.toLowerCase()));
    },
  },
  recently_changed_packages_activity_list: {
    sideEffectFree: true,
    doc: 'Return the activity of recently changed datasets the caller may see, newest first.\n\n:param limit: (default 31, at most 100)\n:param offset: (optional)',
    run: async (call) => {
      const { limit, offset, before, after } = page(call);
      const out: Activity[] = [];
      let skipped = 0;
      // Read in batches, dropping what the caller may not see, until the page is full (bounded).
      for (let from = 0, rounds = 0; out.length < limit && rounds < 20; rounds++) {
        const batch = await listRecentDatasetActivity(call.ctx.db.kysely, {
          limit: 200,
          offset: from,
          before,
          after,
        });
        from += batch.length;
        for (const a of batch) {
          if (!visible(call, a)) continue;
          if (skipped < offset) skipped++;
          else if (out.length < limit) out.push(a);
        }
        if (batch.length < 200) break;
      }
      return out.map((a) => activityDict(a, true));
    },
  },
};
