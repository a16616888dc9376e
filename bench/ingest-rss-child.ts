/** Child of bench/ingest.ts: loads one file and prints its own peak RSS (VmHWM) as JSON. */
import { readFileSync } from 'node:fs';
import { loadFile } from '../src/datastore/load-file.ts';

const [path, workDir] = process.argv.slice(2);
if (!path || !workDir) throw new Error('usage: ingest-rss-child <csv> <workDir>');
const t0 = performance.now();
const r = await loadFile({ path, fileName: 'huge.csv', workDir });
const ms = Math.round(performance.now() - t0);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
console.log(
  JSON.stringify({ rows: r.tables[0]?.schema.rowCount, ms, peakRssMB: Math.round(Number(hwm) / 1024) }),
);
