/**
 * popflow's command line: `npm run --silent popflow -- <command> ...`.
 * User errors (bad specs, unknown names) print one message and exit with code 2, without a stack trace.
 */
import { SpecError } from '../src/validate.ts';
import { commands, usage } from './commands.ts';
import { parseArgs } from './io.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (command === undefined) {
    throw new SpecError('command', name, `one of ${Object.keys(commands).join(', ')}`);
  }
  return command(parseArgs(rest));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof SpecError) {
      process.stderr.write(`popflow: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`popflow: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
