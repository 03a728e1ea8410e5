/**
 * popflow's command line on commander: one module per command under cli/commands/, each exporting
 * `register(program)`; this module builds the program, and `runCli` maps outcomes to exit codes:
 * 0 done, 1 a run that ended in a numerical failure, 2 a user error (bad flag, command, spec or file:
 * one line, no stack trace), 130/143 interrupted by SIGINT/SIGTERM.
 */
import { Command, CommanderError } from 'commander';
import { SpecError } from '../src/validate.ts';
import { POPFLOW_VERSION } from '../src/version.ts';
import { commands } from './commands/index.ts';

/** The program with every command registered. Errors and help go through commander's output hooks. */
export function createProgram(): Command {
  const program = new Command('popflow')
    .description('Learning dynamics of two-layer teacher-student networks in high dimensions.')
    .version(POPFLOW_VERSION, '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n  $ npx popflow ode examples/erf-flow.json --format csv --out erf.csv\n  $ npx popflow run erf-width --out out\n  $ npx popflow <command> --help',
    );
  for (const register of commands) register(program);
  return program;
}

/** Parse `argv` (without node and the script) and run; resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram();
  if (argv.length === 0) {
    program.outputHelp({ error: true });
    return 2;
  }
  // Commands report a non-zero outcome through process.exitCode; it is read here and restored, so
  // runCli can be called in-process (tests) without leaving an exit code behind.
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end with exitCode 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof SpecError) {
      process.stderr.write(`popflow: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`popflow: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    return 1;
  } finally {
    process.exitCode = previous;
  }
}
