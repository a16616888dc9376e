import { ConfigError } from '../config.ts';
import { OdpError } from '../platform/errors.ts';
import { commands, usage } from './commands.ts';

/** Entry point of the `odp` command: `odp <command> [args]`. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const sub = name ? commands[name] : undefined;
  if (!sub) {
    process.stderr.write(usage());
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  return sub(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof OdpError) {
      const fields = Object.entries(err.fields).map(([f, m]) => `  ${f}: ${m.join('; ')}`);
      process.stderr.write(`odp: ${err.message}${fields.length ? `\n${fields.join('\n')}` : ''}\n`);
    } else process.stderr.write(`odp: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
