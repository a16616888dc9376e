import { sql } from 'kysely';
import type { Dialect, Queryable } from '../platform/db/database.ts';
import { datasetToRow, resourceToRow } from './dataset-rows.ts';
import type { Dataset } from './types.ts';

/** Locks a dataset row for the rest of the transaction (PostgreSQL); SQLite serialises writers already. */
export async function lockDataset(trx: Queryable, dialect: Dialect, id: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from datasets where id = ${id} for update`.execute(trx);
}

/**
 * Writes a dataset with its tags, groups and resources. Resources present in `after` are upserted;
 * those in `before` but not in `after` are marked deleted (kept for history, hidden from readers).
 */
export async function saveDataset(trx: Queryable, before: Dataset | null, after: Dataset): Promise<void> {
  const row = datasetToRow(after);
  if (before) {
    const { id, ...rest } = row;
    await trx.updateTable('datasets').set(rest).where('id', '=', id).execute();
    await trx.deleteFrom('dataset_tags').where('dataset_id', '=', id).execute();
    await trx.deleteFrom('dataset_groups').where('dataset_id', '=', id).execute();
  } else {
    await trx.insertInto('datasets').values(row).execute();
  }
  if (after.tags.length) {
    await trx
      .insertInto('dataset_tags')
      .values(after.tags.map((tag) => ({ dataset_id: after.id, tag })))
      .execute();
  }
  if (after.groupIds.length) {
    await trx
      .insertInto('dataset_groups')
      .values(after.groupIds.map((group_id) => ({ dataset_id: after.id, group_id })))
      .execute();
  }
  const kept = new Set(after.resources.map((r) => r.id));
  const existing = new Set((before?.resources ?? []).map((r) => r.id));
  for (const r of after.resources) {
    const rrow = resourceToRow(r);
    if (existing.has(r.id)) {
      const { id, ...rest } = rrow;
      await trx.updateTable('resources').set(rest).where('id', '=', id).execute();
    } else {
      await trx.insertInto('resources').values(rrow).execute();
    }
  }
  const gone = [...existing].filter((id) => !kept.has(id));
  if (gone.length) {
    await trx
      .updateTable('resources')
      .set({ state: 'deleted', metadata_modified: after.modified })
      .where('id', 'in', gone)
      .execute();
  }
}

/** Next `{orgCode}-NNNNNN` identifier for an organization (called under the org's dataset lock). */
export async function nextIdentifier(trx: Queryable, orgCode: string): Promise<string> {
  // A range on the indexed column ('-' + 1 = '.'), not LIKE: SQLite's LIKE cannot use the index.
  const row = await trx
    .selectFrom('datasets')
    .select((eb) => eb.fn.max('identifier').as('last'))
    .where('identifier', '>=', `${orgCode}-`)
    .where('identifier', '<', `${orgCode}.`)
    .executeTakeFirst();
  const last = row?.last ? Number.parseInt(row.last.slice(orgCode.length + 1), 10) : 0;
  return `${orgCode}-${String((Number.isFinite(last) ? last : 0) + 1).padStart(6, '0')}`;
}
