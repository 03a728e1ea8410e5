/** `popflow sweep plan|run|submit|status|collect <sweep>`: sweeps over a base spec, locally or on SLURM. */
import { Option, type Command } from 'commander';
import { userPath } from '../paths.ts';
import { sweepCollectCommand, sweepPlanCommand, sweepRunCommand, sweepStatusCommand, sweepSubmitCommand, type SweepOptions } from '../sweep.ts';

interface CommonOptions {
  out: string;
  full?: boolean;
}

const integer = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${v}`);
  return n;
};

/** A sweep file is resolved against the caller's directory; `experiment:<name>` is taken as it is. */
const source = (s: string): string => (s.startsWith('experiment:') ? s : userPath(s));
const common = (o: CommonOptions): SweepOptions => ({ out: userPath(o.out), full: o.full === true });

export function register(program: Command): void {
  const sweep = program
    .command('sweep')
    .summary('sweeps over a base spec: plan, run, submit (local or SLURM), status, collect')
    .description(
      'A sweep file names a base spec and axes over dotted paths (grid: every combination; zip: together). ' +
        'Finished runs live in the run cache <out>/.cache, shared with `run`; a rerun computes nothing. ' +
        '<sweep> is a sweep file or experiment:<name> for an experiment whose runs are a sweep.',
    )
    .addHelpText('after', '\nExamples:\n  $ npx popflow sweep plan examples/width-seeds.sweep.json\n  $ npx popflow sweep submit examples/width-seeds.sweep.json --executor slurm --time 30:00\n  $ npx popflow sweep collect examples/width-seeds.sweep.json');
  const withCommon = (c: Command): Command =>
    c.option('-o, --out <dir>', 'output directory holding the run cache and the sweep', 'out').option('--full', 'with experiment:<name>, its paper-scale sweep');
  const done = (code: number): void => {
    if (code !== 0) process.exitCode = code;
  };

  withCommon(sweep.command('plan').summary('list the runs with their cache keys').argument('<sweep>')).action(async (s: string, o: CommonOptions) =>
    done(await sweepPlanCommand(source(s), common(o))),
  );
  withCommon(
    sweep
      .command('run')
      .summary('compute one shard (or all runs) in this process, skipping cached runs')
      .argument('<sweep>')
      .option('--shard <k>', 'shard index, 0 … shards − 1', integer)
      .option('--shards <n>', 'number of shards', integer),
  ).action(async (s: string, o: CommonOptions & { shard?: number; shards?: number }) => done(await sweepRunCommand(source(s), { ...common(o), shard: o.shard, shards: o.shards })));
  withCommon(
    sweep
      .command('submit')
      .summary('run every shard on a local process pool, or submit a SLURM array job')
      .argument('<sweep>')
      .addOption(new Option('--executor <name>', 'where the shards run').choices(['local', 'slurm']).default('local'))
      .option('--shards <n>', 'number of shards (local: one per core; slurm: one per run)', integer)
      .option('--parallel <n>', 'local: processes at once (default: the cores)', integer)
      .option('--partition <name>', 'slurm: partition')
      .option('--time <limit>', 'slurm: wall-time limit per task, e.g. 30:00')
      .option('--mem <size>', 'slurm: memory per task, e.g. 4G')
      .option('--array-parallelism <k>', 'slurm: most array tasks running at once', integer)
      .option('--tasks <list>', 'slurm: submit only these array indices, e.g. 3 or 1,4 (resubmit a failed task alone)', (v: string) => v.split(',').map(integer)),
  ).action(
    async (
      s: string,
      o: CommonOptions & { executor: 'local' | 'slurm'; shards?: number; parallel?: number; partition?: string; time?: string; mem?: string; arrayParallelism?: number; tasks?: number[] },
    ) => done(await sweepSubmitCommand(source(s), { ...o, ...common(o) })),
  );
  withCommon(sweep.command('status').summary('done, running, failed and missing counts').argument('<sweep>')).action(async (s: string, o: CommonOptions) =>
    done(await sweepStatusCommand(source(s), common(o))),
  );
  withCommon(sweep.command('collect').summary('merge finished runs into collected.csv and collected.arrow').argument('<sweep>')).action(async (s: string, o: CommonOptions) =>
    done(await sweepCollectCommand(source(s), common(o))),
  );
}
