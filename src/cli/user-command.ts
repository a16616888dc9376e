import { parseArgs } from 'node:util';
import { createUser } from '../platform/auth/users.ts';
import { readStdin, withContext } from './context.ts';

/** `odp user create NAME [--sysadmin] [--email E] [--fullname F] [--password-stdin]` */
export async function userCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      sysadmin: { type: 'boolean' },
      email: { type: 'string' },
      fullname: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const [action, name] = positionals;
  if (action !== 'create' || !name) {
    process.stderr.write('usage: odp user create NAME [--sysadmin] [--email E] [--password-stdin]\n');
    return 2;
  }
  const password = values['password-stdin'] ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
  const user = await withContext((ctx) =>
    createUser(ctx.db.kysely, {
      name,
      email: values.email,
      fullname: values.fullname,
      password,
      sysadmin: values.sysadmin ?? false,
    }),
  );
  process.stdout.write(`created user ${user.name} (${user.id})${values.sysadmin ? ' as sysadmin' : ''}\n`);
  return 0;
}
