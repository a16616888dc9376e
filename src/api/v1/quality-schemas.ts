import { type Static, Type } from 'typebox';
import type { QualitySummary } from '../../quality/index.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Mark = Type.Union([
  Type.Literal('none'),
  Type.Literal('bronze'),
  Type.Literal('silver'),
  Type.Literal('gold'),
  Type.Literal('platinum'),
]);

/** A failed criterion: its stable code, the mark it blocks, what was found and how to fix it (zh-TW, en). */
export const FailedCriterionSchema = Type.Object({
  code: Type.String(),
  level: Type.String(),
  title: Text,
  detail: Text,
  fix: Text,
});

/** A dataset's latest quality check; null on a dataset never checked. */
export const QualitySchema = Type.Object({
  stars: Type.Integer({ minimum: 0, maximum: 5, description: '5-star openness' }),
  mark: Mark,
  failedCriteria: Type.Array(FailedCriterionSchema),
  checkedAt: Type.String(),
  brokenLinks: Type.Integer(),
  stale: Type.Boolean(),
});

export type QualityView = Static<typeof QualitySchema>;

/** The API shape of a quality summary (null when never checked). */
export function qualityView(q: QualitySummary | null | undefined): QualityView | null {
  if (!q) return null;
  return {
    stars: q.stars,
    mark: q.mark,
    failedCriteria: q.failedCriteria.map((c) => ({
      code: c.id,
      level: c.level,
      title: c.title,
      detail: c.detail,
      fix: c.fix,
    })),
    checkedAt: q.checkedAt,
    brokenLinks: q.brokenLinks,
    stale: q.stale,
  };
}

const Figures = {
  datasets: Type.Integer({ description: 'Public active datasets (sub-agencies included)' }),
  checked: Type.Integer({ description: 'Of those, checked at least once; shares are over these' }),
  openShare: Type.Number({ description: 'Share (0..1) with at least 1 star' }),
  openFormatShare: Type.Number({ description: 'Share (0..1) with at least 3 stars' }),
  averageStars: Type.Union([Type.Number(), Type.Null()]),
  marks: Type.Object({
    none: Type.Integer(),
    bronze: Type.Integer(),
    silver: Type.Integer(),
    gold: Type.Integer(),
    platinum: Type.Integer(),
  }),
  stale: Type.Integer({ description: 'Datasets not updated as often as their frequency says' }),
  brokenLinks: Type.Integer({ description: 'Resources whose link failed at the last check' }),
};

const OrgRef = Type.Object({ id: Type.String(), name: Type.String(), title: Type.String() });

/** One agency's scorecard row (lists and CSV have no trend). */
export const ScorecardSchema = Type.Object({
  orgId: Type.String(),
  name: Type.String(),
  title: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  subOrgIds: Type.Array(Type.String()),
  ...Figures,
});

/** One agency's scorecard with its daily trend and its chain of parent agencies up to the ministry. */
export const ScorecardDetailSchema = Type.Object({
  ...ScorecardSchema.properties,
  trend: Type.Array(Type.Object({ day: Type.String(), ...Figures })),
  ancestors: Type.Array(OrgRef, { description: 'Parent agencies, nearest first; the last is the ministry' }),
  ministry: OrgRef,
});
