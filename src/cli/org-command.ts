import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../catalog/actor.ts';
import { createGroup } from '../catalog/group-service.ts';
import { withContext } from './context.ts';

/** `odp org create NAME [--title T] [--oid OID] [--code CODE] [--parent ORG] [--description D]` */
export async function orgCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      oid: { type: 'string' },
      code: { type: 'string' },
      parent: { type: 'string' },
      description: { type: 'string' },
    },
  });
  const [action, name] = positionals;
  if (action !== 'create' || !name) {
    process.stderr.write('usage: odp org create NAME [--title T] [--oid OID] [--code CODE] [--parent ORG]\n');
    return 2;
  }
  const org = await withContext((ctx) =>
    createGroup(ctx.catalog, SYSTEM_ACTOR, 'organization', {
      name,
      title: values.title,
      govOid: values.oid,
      orgCode: values.code,
      parent: values.parent,
      description: values.description,
    }),
  );
  process.stdout.write(`created organization ${org.name} (${org.id})\n`);
  return 0;
}
