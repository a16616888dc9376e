import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { serve } from '../server.ts';

/** `odp serve [--port N] [--data DIR]`: the portal and APIs; loads the demo catalog on first start. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, data: { type: 'string' } } });
  const env = { ...process.env };
  if (values.port) env.PORT = values.port;
  if (values.data) env.ODP_DATA_DIR = resolve(values.data);
  const config = loadConfig(env);
  await serve(config);
  return 0;
}
