import { buildContext } from '../app.ts';
import type { AppContext } from '../app-context.ts';
import { type Config, loadConfig } from '../config.ts';

/** Runs `fn` with the services of this installation (store migrated), closing them afterwards. */
export async function withContext<T>(
  fn: (ctx: AppContext) => Promise<T>,
  overrides: Partial<Config> = {},
): Promise<T> {
  const ctx = await buildContext(loadConfig(process.env, { logLevel: 'warn', ...overrides }));
  try {
    return await fn(ctx);
  } finally {
    for (const close of [...ctx.closers].reverse()) await close();
  }
}

/** Reads all of standard input as text (for --password-stdin). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
