/**
 * Cached benchmark catalogs: building 300,000 datasets takes minutes, so the catalog tables (no
 * search index) are built once per size into bench/out/search/catalog-<size>.sqlite and copied for
 * each run. An indexed copy is kept too, keyed by a hash of the search module's source, so re-measuring
 * queries after an unrelated change skips indexing.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDb } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migration.ts';
import { allMigrations } from '../src/platform/db/migrations/index.ts';
import { buildCatalog } from './search-catalog.ts';

const ROOT = join(import.meta.dirname, '..');
/** Where cached catalogs live (bench/out is gitignored). */
export const CACHE_DIR = join(ROOT, 'bench', 'out', 'search');

/** Path of a SQLite file holding the catalog tables of `size` datasets (built on first use). */
export async function catalogFile(size: number, log: (m: string) => void): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `catalog-${size}.sqlite`);
  if (existsSync(path)) return path;
  const tmp = `${path}.tmp-${process.pid}`;
  const db = openDb({ kind: 'sqlite', path: tmp });
  await migrate(db, allMigrations);
  const t0 = performance.now();
  await buildCatalog(db, size, log);
  log(`catalog ${size} built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
  await db.close();
  renameSync(tmp, path);
  for (const ext of ['-wal', '-shm']) rmSync(`${tmp}${ext}`, { force: true });
  return path;
}

/** Hash of everything that decides the index contents: the search module and the migrations. */
export function indexVersion(): string {
  const h = createHash('sha256');
  const dirs = [join(ROOT, 'src', 'search'), join(ROOT, 'src', 'platform', 'db', 'migrations')];
  for (const dir of dirs)
    for (const f of readdirSync(dir).sort())
      if (f.endsWith('.ts') && !f.endsWith('.test.ts')) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

/** Path of the indexed copy of a catalog for the current index version (may not exist yet). */
export function indexedFile(size: number): string {
  return join(CACHE_DIR, `indexed-${size}-${indexVersion()}.sqlite`);
}

/** Copies a SQLite file (after a checkpoint, so the main file is complete). */
export function copyDb(from: string, to: string): void {
  mkdirSync(join(to, '..'), { recursive: true });
  copyFileSync(from, to);
}
