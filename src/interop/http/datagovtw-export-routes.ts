/**
 * The catalogue in data.gov.tw's 22-column layout (/api/v2/rest/dataset/export?format=csv|json|xml, streamed;
 * CSV is UTF-8 with BOM) and daily change lists (/api/v2/rest/dataset/changes?date=YYYY-MM-DD). Both list
 * only what an anonymous visitor may see: public active datasets; a change of a private or draft dataset
 * is not listed, and a deletion only when the dataset was public before it.
 */

import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.ts';
import { listDatasetActivity, listRecentDatasetActivity } from '../../catalog/activity.ts';
import { ANONYMOUS } from '../../catalog/actor.ts';
import { canDataset, type DatasetFacts } from '../../catalog/policies.ts';
import type { Activity } from '../../catalog/types.ts';
import { dataGovTwCsv, dataGovTwJson, dataGovTwXml } from '../datagovtw/catalog-export.ts';
import { type ChangeEntry, dailyChangeList, taiwanDayBounds } from '../datagovtw/change-list.ts';
import { organizationsById, publicDatasets } from './catalog-reads.ts';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', write: dataGovTwCsv },
  json: { type: 'application/json; charset=utf-8', write: dataGovTwJson },
  xml: { type: 'application/xml; charset=utf-8', write: dataGovTwXml },
} as const;

const MAX_DAY_ACTIVITIES = 100_000;

type Snapshot = Partial<{
  ownerOrg: string | null;
  private: boolean;
  state: string;
  creatorUserId: string | null;
  tw: { identifier?: string };
}>;

const snapshotOf = (a: Activity): Snapshot =>
  typeof a.data === 'object' && a.data !== null ? (a.data as Snapshot) : {};

function factsOfSnapshot(s: Snapshot, state: DatasetFacts['state']): DatasetFacts {
  return {
    ownerOrg: s.ownerOrg ?? null,
    private: s.private ?? true,
    state,
    creatorUserId: s.creatorUserId ?? null,
    harvested: false,
  };
}

const Entry = Type.Object({
  datasetId: Type.String(),
  identifier: Type.String(),
  name: Type.String(),
  title: Type.String(),
  timestamp: Type.String(),
});
const ChangeListSchema = Type.Object({
  date: Type.String(),
  added: Type.Array(Entry),
  changed: Type.Array(Entry),
  deleted: Type.Array(Entry),
});

/** Export and change-list routes. */
export function dataGovTwExportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v2/rest/dataset/export',
    {
      schema: {
        tags: ['data.gov.tw'],
        summary: 'The whole public catalogue in data.gov.tw 22-column layout (streamed)',
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('xml')])),
        }),
        response: { 200: Type.String({ description: 'CSV (UTF-8 with BOM), JSON or XML' }) },
      },
    },
    async (req, reply) => {
      const format = (req.query as { format?: keyof typeof FORMATS }).format ?? 'csv';
      const orgs = await organizationsById(ctx);
      const { type, write } = FORMATS[format];
      const chunks = write(publicDatasets(ctx), (d) => (d.ownerOrg ? (orgs.get(d.ownerOrg) ?? null) : null));
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="datasets.${format}"`)
        .send(Readable.from(chunks));
    },
  );

  app.get(
    '/api/v2/rest/dataset/changes',
    {
      schema: {
        tags: ['data.gov.tw'],
        summary: 'Datasets added, changed and deleted on one day (Taiwan time)',
        querystring: Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }),
        response: { 200: ChangeListSchema },
      },
    },
    async (req) => {
      const { date } = req.query as { date: string };
      let bounds: { start: string; end: string };
      try {
        bounds = taiwanDayBounds(date);
      } catch {
        bounds = { start: '', end: '' };
      }
      const activities = bounds.start
        ? await listRecentDatasetActivity(ctx.db.kysely, {
            limit: MAX_DAY_ACTIVITIES,
            offset: 0,
            after: new Date(Date.parse(bounds.start) - 1).toISOString(),
            before: bounds.end,
          })
        : [];
      const list = bounds.start
        ? dailyChangeList(activities, date)
        : { date, added: [], changed: [], deleted: [] };
      const lastOfDay = new Map<string, Activity>();
      for (const a of [...activities].reverse()) {
        const id = a.objectType === 'dataset' ? a.objectId : ((a.data as { id?: string } | null)?.id ?? '');
        lastOfDay.set(id, a);
      }
      const visible = async (e: ChangeEntry, deleted: boolean): Promise<boolean> => {
        const last = lastOfDay.get(e.datasetId);
        if (!last) return false;
        if (!deleted) {
          const s = snapshotOf(last);
          return canDataset(ANONYMOUS, 'read', factsOfSnapshot(s, s.state === 'active' ? 'active' : 'draft'));
        }
        // Deleted: visible if the dataset was public and active just before it was deleted.
        const history = await listDatasetActivity(ctx.db.kysely, e.datasetId, { limit: 50, offset: 0 });
        const before = history.map(snapshotOf).find((s) => s.state !== 'deleted');
        return before
          ? canDataset(
              ANONYMOUS,
              'read',
              factsOfSnapshot(before, before.state === 'active' ? 'active' : 'draft'),
            )
          : false;
      };
      const present = async (entries: ChangeEntry[], deleted: boolean) => {
        const out = [];
        for (const e of entries) {
          if (!(await visible(e, deleted))) continue;
          const identifier = snapshotOf(lastOfDay.get(e.datasetId) as Activity).tw?.identifier ?? '';
          out.push({ ...e, identifier });
        }
        return out;
      };
      return {
        date: list.date,
        added: await present(list.added, false),
        changed: await present(list.changed, false),
        deleted: await present(list.deleted, true),
      };
    },
  );
}
