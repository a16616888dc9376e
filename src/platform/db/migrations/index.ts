import type { Migration } from '../migration.ts';
import { catalogMigration } from './001-catalog.ts';
import { searchMigration } from './010-search.ts';
import { searchCodesMigration } from './011-search-codes.ts';
import { datastoreMigration } from './020-datastore.ts';
import { jobsMigration } from './030-jobs.ts';
import { qualityMigration } from './040-quality.ts';
import { webMigration } from './060-web.ts';
import { harvestMigration } from './070-harvest.ts';

/** Every schema step of every module, in the order they run (sorted by id). */
export const allMigrations: Migration[] = [
  catalogMigration,
  searchMigration,
  searchCodesMigration,
  datastoreMigration,
  jobsMigration,
  qualityMigration,
  webMigration,
  harvestMigration,
];
