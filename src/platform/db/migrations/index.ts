import type { Migration } from '../migration.ts';
import { catalogMigration } from './001-catalog.ts';
import { searchMigration } from './010-search.ts';
import { jobsMigration } from './030-jobs.ts';
import { qualityMigration } from './040-quality.ts';

/** Every schema step of every module, in the order they run (sorted by id). */
export const allMigrations: Migration[] = [catalogMigration, searchMigration, jobsMigration, qualityMigration];
