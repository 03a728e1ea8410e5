/**
 * `popflow sweep plan|run|submit|status|collect <sweep.json>`: thin handlers over src/io/sweep.ts
 * and src/io/executors.ts. Every handler takes the sweep file and typed options, prints to stdout,
 * and returns an exit code.
 */
import { availableParallelism } from 'node:os';
import { countStates, collectSweep, planSweep, planSweepJson, runShard, sweepStatus, type SweepPlan } from '../src/io/sweep.ts';
import { experiments } from '../experiments/index.ts';
import { popflowCommand, runLocalPool, slurmScript, submitSlurm, type SlurmOptions } from '../src/io/executors.ts';
import { SpecError } from '../src/validate.ts';

export interface SweepOptions {
  /** Output directory holding the run cache and the sweep's status and results (default "out"). */
  out: string;
  /** With `experiment:<name>`: the full (paper-scale) version of the experiment's sweep. */
  full?: boolean;
}

const EXPERIMENT = 'experiment:';

/** A sweep file, or `experiment:<name>` for the sweep of an experiment that declares one. */
async function planOf(source: string, o: SweepOptions): Promise<SweepPlan> {
  if (!source.startsWith(EXPERIMENT)) return planSweep(source, o.out);
  const name = source.slice(EXPERIMENT.length);
  const withSweeps = Object.values(experiments).filter((e) => e.sweep !== undefined).map((e) => `${EXPERIMENT}${e.name}`);
  const sweep = experiments[name]?.sweep;
  if (sweep === undefined) throw new SpecError('sweep source', source, `a sweep file or one of ${withSweeps.join(', ')}`);
  return planSweepJson(sweep.call(experiments[name], !o.full), { source, baseDir: process.cwd(), name }, o.out);
}

const write = (line: string): void => void process.stdout.write(line + '\n');

/** `sweep plan`: one line per run: index, key, axis values. */
export async function sweepPlanCommand(file: string, o: SweepOptions): Promise<number> {
  const plan = await planOf(file, o);
  write(`${plan.name}: ${plan.runs.length} runs (${[...plan.sweep.grid, ...plan.sweep.zip].map((a) => `${a.path} × ${a.values.length}`).join(', ') || 'no axes'})`);
  for (const r of plan.runs) write(`${r.index}\t${r.key}\t${JSON.stringify(r.params)}`);
  return 0;
}

/**
 * `sweep run [--shard k --shards n]`: compute the runs of one shard in this process (all runs when
 * no shard is given), skipping those already in the cache; one line per run.
 */
export async function sweepRunCommand(file: string, o: SweepOptions & { shard?: number; shards?: number }): Promise<number> {
  const plan = await planOf(file, o);
  const shards = o.shards ?? 1;
  const shard = o.shard ?? 0;
  if (!(Number.isInteger(shards) && shards >= 1)) throw new SpecError('--shards', o.shards, 'an integer ≥ 1');
  if (!(Number.isInteger(shard) && shard >= 0 && shard < shards)) throw new SpecError('--shard', o.shard, `an integer in [0, ${shards - 1}]`);
  const report = await runShard(plan, shard, shards, (run, outcome, detail) =>
    write(`${outcome}\trun ${run.index}\t${run.key}${detail ? `\t${detail}` : ''}`),
  );
  write(`shard ${shard}/${shards}: ${report.computed} computed, ${report.reused} reused from the cache, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
}

/** `sweep submit --executor local|slurm`: run every shard on a local pool, or submit a SLURM array job. */
export async function sweepSubmitCommand(
  file: string,
  o: SweepOptions & SlurmOptions & { executor: 'local' | 'slurm'; shards?: number; parallel?: number },
): Promise<number> {
  const plan = await planOf(file, o);
  const command = [...popflowCommand(), 'sweep', 'run', plan.file, '--out', o.out, ...(o.full ? ['--full'] : [])];
  if (o.executor === 'local') {
    const shards = o.shards ?? Math.min(availableParallelism(), plan.runs.length);
    const codes = await runLocalPool(command, shards, { parallel: o.parallel, onLine: (s, line) => write(`[shard ${s}] ${line}`) });
    return report(plan, codes.every((c) => c === 0) ? 0 : 1);
  }
  const shards = o.shards ?? plan.runs.length;
  const script = slurmScript(plan.name, plan.dir, command, shards, o, process.cwd());
  const { jobId, scriptPath } = await submitSlurm(script, plan.dir);
  write(`submitted job ${jobId}: ${o.tasks?.length ? `tasks ${o.tasks.join(',')}` : `${shards} array tasks`} (${scriptPath}); follow with: popflow sweep status ${file}`);
  return 0;
}

async function report(plan: SweepPlan, code: number): Promise<number> {
  const c = countStates(await sweepStatus(plan));
  write(`${plan.name}: ${c.done} done, ${c.running} running, ${c.failed} failed, ${c.missing} missing`);
  return code;
}

/** `sweep status`: counts with a bar, then each run that is not done with its reason. */
export async function sweepStatusCommand(file: string, o: SweepOptions): Promise<number> {
  const plan = await planOf(file, o);
  const states = await sweepStatus(plan);
  const c = countStates(states);
  const width = 30;
  const filled = Math.round((width * c.done) / Math.max(1, states.length));
  write(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${c.done}/${states.length} done, ${c.running} running, ${c.failed} failed, ${c.missing} missing`);
  for (const s of states.filter((x) => x.state !== 'done')) write(`${s.state}\trun ${s.run.index}\t${JSON.stringify(s.run.params)}${s.detail ? `\t${s.detail}` : ''}`);
  return c.done === states.length ? 0 : 1;
}

/** `sweep collect`: merge finished runs into collected.csv and collected.arrow; name missing and failed runs. */
export async function sweepCollectCommand(file: string, o: SweepOptions): Promise<number> {
  const plan = await planOf(file, o);
  const { csv, arrow, rows, states } = await collectSweep(plan);
  const c = countStates(states);
  write(`${rows} rows from ${c.done} of ${states.length} runs: ${csv}, ${arrow}`);
  for (const s of states.filter((x) => x.state !== 'done')) write(`${s.state}\trun ${s.run.index}\t${JSON.stringify(s.run.params)}${s.detail ? `\t${s.detail}` : ''}`);
  return c.done === states.length ? 0 : 1;
}
