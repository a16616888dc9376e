import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findGroup } from '../catalog/group-service.ts';
import type { HarvestReport } from '../interop/harvester/run.ts';
import { runSourceNow } from '../interop/harvester/schedule.ts';
import {
  createSource,
  findSource,
  isSourceType,
  SOURCE_TYPES,
  type SourceType,
  updateSource,
} from '../interop/harvester/sources.ts';
import { withContext } from './context.ts';

const USAGE = `usage: odp harvest SOURCE_URL_OR_FILE [--type ${SOURCE_TYPES.join('|')}] [--org ORG] [--json]\n`;

/** The source type a location suggests when --type is not given. */
export function guessSourceType(location: string): SourceType {
  const path = location.split(/[?#]/)[0]?.toLowerCase() ?? '';
  if (/\.(ttl|jsonld|rdf|owl)$/.test(path) || /\/catalog$/.test(path)) return 'dcat';
  if (path.includes('/api/3/') || /package_search/.test(path)) return 'ckan';
  return 'datagovtw';
}

/** Prints a report for people: counts, then the bad records. */
export function formatReport(r: HarvestReport): string {
  const lines = [
    `harvest ${r.status}: ${r.records} records in ${r.documents} document(s)`,
    `  added ${r.added}, updated ${r.updated}, unchanged ${r.unchanged}, withdrawn ${r.withdrawn}, errors ${r.errorCount}`,
  ];
  if (r.fetchError) lines.push(`  source could not be read: ${r.fetchError}`);
  for (const e of r.errors.slice(0, 20))
    lines.push(
      `  error${e.remoteId ? ` [${e.remoteId}]` : ''}: ${e.error} -- ${JSON.stringify(e.record).slice(0, 160)}`,
    );
  if (r.errorCount > 20) lines.push(`  ... ${r.errorCount - 20} more errors`);
  return `${lines.join('\n')}\n`;
}

/**
 * `odp harvest SOURCE [--type T] [--org ORG] [--json]`: harvests a URL or local file once and prints the
 * report. The source is remembered (named cli-<hash of the location>), so a second run updates, skips
 * unchanged records and withdraws the ones the source dropped.
 */
export async function harvestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { type: { type: 'string' }, org: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [raw] = positionals;
  if (!raw || (values.type && !isSourceType(values.type))) {
    process.stderr.write(USAGE);
    return 2;
  }
  const location = /^https?:\/\//i.test(raw) ? raw : resolve(raw);
  const type = values.type && isSourceType(values.type) ? values.type : guessSourceType(location);
  const report = await withContext(async (ctx) => {
    const db = ctx.db.kysely;
    let organization: string | null = null;
    if (values.org) {
      const org = await findGroup(db, 'organization', values.org);
      if (!org) throw new Error(`no organization ${values.org}`);
      organization = org.id;
    }
    const name = `cli-${createHash('sha256').update(location).digest('hex').slice(0, 12)}`;
    const existing = await findSource(db, name);
    const source = existing
      ? await updateSource(db, existing.id, { type, organization })
      : await createSource(db, { name, url: location, type, organization }, { allowFiles: true });
    return runSourceNow(ctx, source, { allowFiles: true });
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.status === 'succeeded' ? 0 : 1;
}
