import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { openSqlite, type SqliteHandle } from './sqlite-adapter.ts';

describe('the embedded store connection', () => {
  let dir: string;
  let h: SqliteHandle;
  const run = (sql: string, params: unknown[] = []) => h.database.prepare(sql).run(params);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'odp-sqlite-'));
    h = openSqlite(join(dir, 'x.sqlite'));
    h.raw.exec('create table a (x text); create table b (y text)');
  });
  after(() => {
    h.database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('write stamps move with writes to the named tables, here or by another connection', () => {
    const s0 = h.writeStamp(['a']);
    run('insert into b values (?)', ['1']);
    assert.equal(h.writeStamp(['a']), s0, 'a write to another table leaves the stamp');
    run('insert into a values (?)', ['1']);
    const s1 = h.writeStamp(['a']);
    assert.notEqual(s1, s0);
    const other = new DatabaseSync(join(dir, 'x.sqlite'));
    try {
      other.exec("insert into b values ('2')");
    } finally {
      other.close();
    }
    assert.notEqual(h.writeStamp(['a']), s1, 'another connection may have written anything');
  });

  it('a thread checkpoints the WAL while the connection keeps writing', async () => {
    for (let i = 0; i < 50; i++) run('insert into a values (?)', [`v${i}`]);
    await new Promise((r) => setTimeout(r, 1400));
    for (let i = 0; i < 50; i++) run('insert into a values (?)', [`w${i}`]);
    await new Promise((r) => setTimeout(r, 300));
    // Without the thread the pages would stay in the WAL (SQLite's own checkpoint waits for 1,000 pages).
    const pages = statSync(join(dir, 'x.sqlite')).size / 4096;
    assert.ok(pages >= 3, `database file has ${pages} pages`);
  });
});
