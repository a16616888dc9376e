import { withContext } from './context.ts';

/** `odp migrate`: applies pending schema migrations (they also run at every start). */
export async function migrateCommand(): Promise<number> {
  await withContext(async (ctx) => {
    const rows = await ctx.db.kysely.selectFrom('odp_migrations').select('id').orderBy('id').execute();
    process.stdout.write(`schema up to date (${ctx.db.dialect}): ${rows.map((r) => r.id).join(', ')}\n`);
  });
  return 0;
}
