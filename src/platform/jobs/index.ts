/** Persistent job queue and runner over the metadata store (SQLite and PostgreSQL). */
export { cancelJob, countJobsByStatus, getJob, type JobListFilter, listJobs, retryJob } from './job-admin.ts';
export { createJobRegistry, defaultJobRegistry, type JobRegistry, registerJobKind } from './job-registry.ts';
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner.ts';
export { claimNext, enqueue } from './job-store.ts';
export type { EnqueueOptions, Job, JobContext, JobHandler, JobStatus } from './job-types.ts';
