import { parseArgs } from 'node:util';
import { createToken, findUserId } from '../platform/auth/users.ts';
import { notFound } from '../platform/errors.ts';
import { withContext } from './context.ts';

/** `odp token create --user NAME [--name N] [--expires ISO]`: prints only the token. */
export async function tokenCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { user: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } },
  });
  if (positionals[0] !== 'create' || !values.user) {
    process.stderr.write('usage: odp token create --user NAME [--name N] [--expires ISO]\n');
    return 2;
  }
  const user = values.user;
  const expires = values.expires ? new Date(values.expires) : null;
  if (expires && Number.isNaN(expires.getTime())) {
    process.stderr.write(`odp: --expires must be an ISO date, got "${values.expires}"\n`);
    return 2;
  }
  const token = await withContext(async (ctx) => {
    const userId = await findUserId(ctx.db.kysely, user);
    if (!userId) throw notFound(`User ${user}`, 'ODP_USER_NOT_FOUND');
    return (await createToken(ctx.db.kysely, userId, values.name ?? 'cli', expires?.toISOString() ?? null))
      .token;
  });
  process.stdout.write(`${token}\n`);
  return 0;
}
