import { demoCommand } from './demo-command.ts';
import { harvestCommand } from './harvest-command.ts';
import { ingestCommand } from './ingest-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { orgCommand } from './org-command.ts';
import { serveCommand } from './serve-command.ts';
import { tokenCommand } from './token-command.ts';
import { userCommand } from './user-command.ts';
import { workerCommand } from './worker-command.ts';

/** A subcommand: takes its arguments, returns the exit code. */
export type Command = (args: string[]) => Promise<number>;

export const commands: Record<string, Command> = {
  serve: serveCommand,
  user: userCommand,
  token: tokenCommand,
  org: orgCommand,
  demo: demoCommand,
  ingest: ingestCommand,
  harvest: harvestCommand,
  migrate: migrateCommand,
  worker: workerCommand,
};

export function usage(): string {
  return `odp: the open government data platform

Usage: odp <command> [options]

  serve [--port N] [--data DIR]            serve the portal and APIs
  worker [--jobs N]                         run background jobs only (beside serve with ODP_JOB_WORKERS=0)
  user create NAME [--sysadmin] [--email E] [--password-stdin]
  token create --user NAME [--name N] [--expires ISO]   prints only the token
  org create NAME [--title T] [--oid OID] [--code CODE] [--parent ORG]
  ingest FILE --dataset NAME [--format F] [--encoding E] [--name N]
  harvest SOURCE_URL_OR_FILE [--org ORG] [--type ckan|dcat|datagovtw|taoyuan|taichung|yilan]
  demo                                      load the demo catalog (real Taiwan government data)
  migrate                                   bring the database schema up to date

Configuration comes from the environment: PORT, ODP_DATA_DIR, DATABASE_URL, ODP_BASE_URL,
ODP_JOB_WORKERS (see README).
`;
}
