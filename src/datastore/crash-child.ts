/**
 * Test helper run as a child process by load-service.test.ts: starts a load against a SQLite store and
 * prints "progress" lines so the parent can kill it mid-load. Not part of the server.
 */
import { localBlobStore } from '../platform/blobs.ts';
import { openDb } from '../platform/db/database.ts';
import { loadResource } from './load-service.ts';

const [dbPath, blobRoot, resourceId, sourcePath] = process.argv.slice(2);
if (!dbPath || !blobRoot || !resourceId || !sourcePath)
  throw new Error('usage: crash-child <db> <blobs> <resource> <file>');
const db = openDb({ kind: 'sqlite', path: dbPath });
await loadResource(db, localBlobStore(blobRoot), { resourceId, sourcePath, fileName: 'big.csv' }, (f) => {
  process.stdout.write(`progress ${f}\n`);
});
process.stdout.write('finished\n');
await db.close();
