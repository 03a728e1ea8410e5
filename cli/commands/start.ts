/** `popflow start` (what `npm start` runs): the quick version of every experiment, then one line per experiment. */
import { join } from 'node:path';
import type { Command } from 'commander';
import { experiments } from '../../experiments/index.ts';
import { runExperiment } from '../experimentRunner.ts';
import { commandLine } from '../output.ts';

interface StartOptions {
  out: string;
  fresh?: boolean;
}

export function register(program: Command): void {
  program
    .command('start')
    .summary('quick version of every experiment (what npm start runs)')
    .description('Run every experiment at quick sizes into <out> (default out/, ignored by git) and print a one-line summary of each.')
    .option('-o, --out <dir>', 'output directory', 'out')
    .option('--fresh', 'ignore cached runs and recompute them')
    .addHelpText('after', '\nExample:\n  $ npx popflow start --out /tmp/popflow-quick')
    .action(async (opts: StartOptions) => {
      const started = Date.now();
      const summaries: string[] = [];
      for (const name of Object.keys(experiments)) {
        const summary = await runExperiment(name, { quick: true, out: opts.out, fresh: opts.fresh === true, command: commandLine() });
        summaries.push(`${name}: ${summary}`);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(`popflow: ${summaries.length} experiments in ${seconds} s; reports in ${join(opts.out, 'index.html')}\n`);
      for (const s of summaries) process.stdout.write(`  ${s}\n`);
    });
}
