/**
 * Worker thread that checkpoints a SQLite database's WAL on its own connection. A checkpoint copies the
 * WAL's pages into the database file and waits for two fsyncs: done by the connection that commits, it
 * would stall every request behind the disk. Started by sqlite-adapter.ts (see checkpointer()).
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, everyMs } = workerData as { path: string; everyMs: number };
const db = new DatabaseSync(path);
db.exec('PRAGMA busy_timeout = 5000;');
// PASSIVE never waits for the writer or readers: it copies what it can now and the rest next time.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // Busy or I/O trouble: the next round tries again; the writer's own fallback threshold stays armed.
  }
}, everyMs);

parentPort?.on('message', (msg) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  try {
    checkpoint.get();
  } finally {
    db.close();
    parentPort?.close();
  }
});
parentPort?.postMessage('ready');
