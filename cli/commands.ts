/**
 * The CLI commands. Each takes parsed arguments and returns an exit code; they only call the public
 * APIs of `src/`, `experiments/` and `reports/`.
 */
import { join } from 'node:path';
import { parseCommitteeSpec, runOde } from '../src/committee/index.ts';
import { riskFormula } from '../src/integrals/index.ts';
import { compareOdeAndSimulation } from '../src/simulate/compare.ts';
import { SpecError } from '../src/validate.ts';
import { experiments } from '../experiments/index.ts';
import { uncached } from '../experiments/context.ts';
import { createProgress } from '../reports/progress.ts';
import { verdictCounts, writeReport } from '../reports/report.ts';
import { emit, readJson, type Args } from './io.ts';
import { sweepCollectCommand, sweepPlanCommand, sweepRunCommand, sweepStatusCommand, sweepSubmitCommand } from './sweep.ts';
import { plotCommand, plotOptions } from './plot.ts';

export type Command = (args: Args) => Promise<number>;

const REPORTS_DIR = 'reports';

function specArg(args: Args, command: string): unknown {
  const file = args.positional[0];
  if (file === undefined) throw new SpecError(`${command} <spec.json>`, undefined, 'a path to a JSON spec');
  return readJson(file);
}

/** `ode <spec.json> [--out file.json]`: integrate one problem and print its trajectory as JSON. */
const ode: Command = async (args) => {
  const spec = parseCommitteeSpec(specArg(args, 'ode'));
  const result = runOde(spec);
  emit(args, JSON.stringify(result) + '\n');
  if (args.flags.get('--out') !== undefined) process.stderr.write(`${result.status}: ${result.message}\n`);
  return result.status === 'success' || result.status === 'event' ? 0 : 1;
};

/** `risk <spec.json> [--latex]`: the population risk of a spec's model as a formula, with the integrals it uses. */
const risk: Command = async (args) => {
  const spec = parseCommitteeSpec(specArg(args, 'risk'));
  const { activation, teacherActivation, a, aStar } = spec.model;
  const formula = riskFormula({ activation, teacherActivation, a, aStar }, { latex: args.flags.has('--latex') });
  emit(args, formula.document + '\n');
  return 0;
};

/**
 * `compare <spec.json> [--backend B] [--out dir]`: the ODE and the simulation from shared initial
 * conditions; writes the overlay figures, the deviation table and the report (default reports/compare).
 */
const compare: Command = async (args) => {
  const json = specArg(args, 'compare') as Record<string, unknown>;
  const backend = args.flags.get('--backend');
  if (typeof backend === 'string') json.backend = backend;
  const out = args.flags.get('--out');
  const dir = typeof out === 'string' ? out : join(REPORTS_DIR, 'compare');
  const log = (msg: string): void => void process.stderr.write(`[compare] ${msg}\n`);
  const result = await compareOdeAndSimulation(json, { log });
  await writeReport(dir, result);
  for (const row of result.deviations) {
    process.stdout.write(`d = ${row.d}: max |Δε_g| = ${row.maxAbs.toExponential(3)}, final |Δε_g| = ${row.finalAbs.toExponential(3)}, max relative ${row.maxRel.toExponential(3)} (tolerance ${row.tolerance.toExponential(3)}) ${row.within ? 'within' : 'OUTSIDE'}\n`);
  }
  process.stdout.write(`report: ${dir}/report.md\n`);
  return result.deviations.every((r) => r.within) ? 0 : 1;
};

/** `run <experiment> [--full]` or `run all [--full]`: run experiments and write their reports. */
const run: Command = async (args) => {
  const name = args.positional[0];
  const names = name === 'all' ? Object.keys(experiments) : [name];
  for (const n of names) {
    if (n === undefined || experiments[n] === undefined) {
      throw new SpecError('run <experiment>', n, `one of ${['all', ...Object.keys(experiments)].join(', ')}`);
    }
  }
  const quick = !args.flags.has('--full');
  for (const n of names) await runExperiment(n, quick);
  return 0;
};

async function runExperiment(name: string, quick: boolean): Promise<string> {
  const started = Date.now();
  const log = (msg: string): void => void process.stderr.write(`[${name}] ${msg}\n`);
  const bar = createProgress(name, { stream: process.stderr });
  const data = await experiments[name].run({ quick, log, progress: (t, end) => bar.update(t, end), cached: uncached });
  bar.stop();
  const dir = join(REPORTS_DIR, name);
  await writeReport(dir, data);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`wrote ${dir}/report.md (${seconds} s)`);
  return `[${verdictCounts(data.claims)}] ${data.summary}`;
}

/** `start`: the quick version of every experiment, opening with a one-line summary per claim. */
const start: Command = async () => {
  const started = Date.now();
  const summaries: string[] = [];
  for (const name of Object.keys(experiments)) summaries.push(`${name}: ${await runExperiment(name, true)}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`popflow: ${summaries.length} experiments in ${seconds} s; reports in ${REPORTS_DIR}/index.html\n`);
  for (const s of summaries) process.stdout.write(`  ${s}\n`);
  return 0;
};

/** `sweep <plan|run|submit|status|collect> <sweep.json> [flags]`. */
const sweep: Command = async (args) => {
  const [sub, file] = args.positional;
  const subs = ['plan', 'run', 'submit', 'status', 'collect'];
  if (!subs.includes(sub)) throw new SpecError('sweep <subcommand>', sub, `one of ${subs.join(', ')}`);
  if (file === undefined) throw new SpecError(`sweep ${sub} <sweep.json>`, undefined, 'a path to a sweep file');
  const str = (flag: string): string | undefined => {
    const v = args.flags.get(flag);
    return typeof v === 'string' ? v : undefined;
  };
  const int = (flag: string): number | undefined => (str(flag) === undefined ? undefined : Number(str(flag)));
  const out = str('--out') ?? 'out';
  const full = args.flags.has('--full');
  if (sub === 'plan') return sweepPlanCommand(file, { out, full });
  if (sub === 'run') return sweepRunCommand(file, { out, full, shard: int('--shard'), shards: int('--shards') });
  if (sub === 'status') return sweepStatusCommand(file, { out, full });
  if (sub === 'collect') return sweepCollectCommand(file, { out, full });
  const executor = str('--executor') ?? 'local';
  if (executor !== 'local' && executor !== 'slurm') throw new SpecError('--executor', executor, '"local" or "slurm"');
  return sweepSubmitCommand(file, {
    out,
    full,
    executor,
    shards: int('--shards'),
    parallel: int('--parallel'),
    partition: str('--partition'),
    time: str('--time'),
    mem: str('--mem'),
    arrayParallelism: int('--array-parallelism'),
    tasks: str('--tasks')?.split(',').map(Number),
  });
};

export const commands: Record<string, Command> = { ode, risk, run, compare, start, sweep, plot: (args) => plotCommand(plotOptions(args)) };

export function usage(): string {
  return [
    'usage: npm run --silent popflow -- <command>',
    '  ode <spec.json> [--out file.json]   integrate one spec; prints {t, loss, Q, R, a, status, stats, ...}',
    '  risk <spec.json> [--latex]          the population risk of a spec as a formula',
    '  run <experiment>|all [--full]       run experiments, writing reports/<name>/',
    '  compare <spec.json> [--backend B] [--out dir]   ODE versus simulation from shared initial conditions',
    '  plot <figure.json> [--format pdf|svg|png] [--width 3.5in|7in] [--out FILE]   redraw a figure from its data file',
    '  start                               quick version of every experiment (what `npm start` runs)',
    `experiments: ${Object.keys(experiments).join(', ')}`,
    '',
  ].join('\n');
}
