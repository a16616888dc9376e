import type { Migration } from '../migration.ts';
import { catalogMigration } from './001-catalog.ts';

/** Every schema step of every module, in the order they run (sorted by id). */
export const allMigrations: Migration[] = [catalogMigration];
