/** `popflow run <experiment…|all>`: run experiments and write their reports to an output directory. */
import { Argument, type Command } from 'commander';
import { experiments } from '../../experiments/index.ts';
import { runExperiment } from '../experimentRunner.ts';
import { commandLine } from '../output.ts';

interface RunOptions {
  full?: boolean;
  out: string;
  cache?: string;
  fresh?: boolean;
}

export function register(program: Command): void {
  const names = Object.keys(experiments);
  program
    .command('run')
    .summary('run experiments, writing a report for each')
    .description(
      'Run experiments (quick sizes unless --full) and write each report to <out>/<name>/ with an index.html. ' +
        'Finished runs are cached under <out>/.cache (or --cache) and reused by a rerun; --fresh recomputes. ' +
        'The committed gallery changes only by an explicit full run into it: run all --full --out reports.',
    )
    .addArgument(new Argument('<experiment...>', 'experiment names, or all').choices([...names, 'all']))
    .option('--full', 'paper-scale sizes (slow) instead of quick ones')
    .option('-o, --out <dir>', 'output directory', 'out')
    .option('--cache <dir>', 'run cache directory (default: <out>/.cache)')
    .option('--fresh', 'ignore cached runs and recompute them')
    .addHelpText('after', `\nExperiments: ${names.join(', ')}\n\nExamples:\n  $ npx popflow run erf-width\n  $ npx popflow run all --full --out reports`)
    .action(async (requested: string[], opts: RunOptions) => {
      const list = requested.includes('all') ? names : requested;
      for (const name of list) {
        await runExperiment(name, { quick: !opts.full, out: opts.out, cache: opts.cache, fresh: opts.fresh === true, command: commandLine() });
      }
    });
}
