import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestDb, testDialects } from '../../../test/helpers/test-db.ts';
import { migrate } from './migration.ts';
import { allMigrations } from './migrations/index.ts';

for (const dialect of testDialects) {
  describe(`migrations on ${dialect}`, () => {
    it('applies every migration once and is a no-op the second time', async () => {
      const t = await createTestDb(dialect);
      try {
        const rows = await t.db.kysely.selectFrom('odp_migrations').select('id').execute();
        assert.deepEqual(rows.map((r) => r.id).sort(), allMigrations.map((m) => m.id).sort());
        assert.deepEqual(await migrate(t.db, allMigrations), []);
      } finally {
        await t.dispose();
      }
    });
  });
}
