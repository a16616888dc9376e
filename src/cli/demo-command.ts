import { loadDemo } from '../demo/load-demo.ts';
import { withContext } from './context.ts';

/** `odp demo`: loads the demo catalog of real Taiwan government datasets (idempotent). */
export async function demoCommand(): Promise<number> {
  const r = await withContext((ctx) => loadDemo(ctx));
  process.stdout.write(`demo catalog: ${r.datasets} datasets added, ${r.resourceIds.length} files\n`);
  return 0;
}
