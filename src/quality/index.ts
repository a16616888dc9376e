/** Quality and openness: stars, checks, marks, scorecards, and the jobs that run them. */
export { type ColumnsCheck, checkColumns, parseFieldDescriptions } from './columns-check.ts';
export {
  assignMark,
  CRITERIA,
  type CriterionId,
  type CriterionInfo,
  type CriterionResult,
  type FailedCriterion,
  MARK_ORDER,
  type Mark,
} from './criteria.ts';
export { FORMATS, type FormatInfo, findFormat } from './formats.ts';
export { checkFreshness, type FreshnessCheck } from './freshness-check.ts';
export { type MissingField, missingMetadata } from './metadata-check.ts';
export {
  isOpenLicense,
  type OpennessScore,
  type ResourceEvidence,
  type ResourceScore,
  type Stars,
  scoreDataset,
  scoreResource,
} from './openness.ts';
export {
  enqueueDueChecks,
  enqueueQualityCheck,
  QUALITY_CHECK,
  QUALITY_SNAPSHOT,
  QUALITY_SWEEP,
  type QualityJobOptions,
  registerQualityJobs,
  scheduleQualityJobs,
} from './quality-jobs.ts';
export {
  type QualityRun,
  type QualitySummary,
  qualityHistory,
  qualityOf,
  qualityOfMany,
} from './quality-store.ts';
export type { LinkResult, ResourceCheck } from './resource-check.ts';
export { type QualityDeps, type QualityReport, runQualityChecks } from './run-checks.ts';
export {
  allScorecards,
  type Scorecard,
  type ScorecardFigures,
  type ScorecardOptions,
  scorecard,
  type TrendPoint,
  takeScorecardSnapshots,
} from './scorecard.ts';
export { scorecardsCsv } from './scorecard-csv.ts';
export { sniffFormat } from './sniff-format.ts';
