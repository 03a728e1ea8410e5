/**
 * `popflow ode <spec>`: integrate one committee spec and write its trajectory as JSON or long-form CSV,
 * with provenance. The integration runs in a worker thread so that progress is drawn and SIGINT/SIGTERM
 * are caught while it runs: on a signal the partial trajectory is written with status `interrupted`
 * and the exit code is 130 (SIGINT) or 143 (SIGTERM).
 */
import { Option, type Command } from 'commander';
import { parseCommitteeSpec, type OdeResult } from '../../src/committee/index.ts';
import { provenance } from '../../src/io/provenance.ts';
import { startModuleWorker } from '../../src/io/moduleWorker.ts';
import { SpecError } from '../../src/validate.ts';
import { createProgress } from '../../reports/progress.ts';
import type { OdeWorkerInput, OdeWorkerMessage } from '../odeWorker.ts';
import { collect, commandLine, emit, note } from '../output.ts';
import { userPath } from '../paths.ts';
import { readSpecJson } from '../spec.ts';
import { formatTrajectory, TRAJECTORY_FORMATS, type TrajectoryFormat } from '../trajectoryFormat.ts';

interface OdeOptions {
  format: TrajectoryFormat;
  out?: string;
  set?: string[];
  checkpoint?: string;
  checkpointEvery: string;
}

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

export function register(program: Command): void {
  program
    .command('ode')
    .summary('integrate one spec; the trajectory as JSON or CSV')
    .description(
      'Integrate the order-parameter ODE of a committee spec (gradient flow, online SGD, or discrete GD) and write ' +
        'the trajectory: t, ε_g, Q, R, a at each output time, with the status, events and provenance. ' +
        'Exit code 0 on success or a terminal event, 1 on a numerical failure, 2 on bad input, 130/143 when interrupted.',
    )
    .argument('<spec>', 'committee spec (JSON), relative to the current directory')
    .addOption(new Option('-f, --format <format>', 'output format').choices(TRAJECTORY_FORMATS).default('json'))
    .option('-o, --out <file>', 'write to this file (atomically) instead of stdout')
    .option('--set <path=value>', 'override a spec field, e.g. dynamics.lr=0.2 (repeatable; value parsed as JSON, else a string)', collect)
    .option('--checkpoint <file>', 'write the partial trajectory to this file while the run goes on')
    .option('--checkpoint-every <seconds>', 'seconds between checkpoints', '30')
    .addHelpText(
      'after',
      '\nExamples:\n  $ npx popflow ode examples/erf-flow.json --format csv --out erf.csv\n' +
        '  $ npx popflow ode examples/sgd-plateau.json --set dynamics.lr=0.2 --checkpoint run.partial.json',
    )
    .action(async (file: string, opts: OdeOptions) => {
      process.exitCode = await ode(file, opts);
    });
}

async function ode(file: string, opts: OdeOptions): Promise<number> {
  const everySeconds = Number(opts.checkpointEvery);
  if (!(everySeconds > 0)) throw new SpecError('--checkpoint-every', opts.checkpointEvery, 'a positive number of seconds');
  const spec = parseCommitteeSpec(readSpecJson(file, opts.set));
  const prov = provenance(spec, {
    backend: 'float64 ODE (no tfjs)',
    seed: spec.init.kind === 'random' ? spec.init.seed : null,
    command: commandLine(),
  });
  const stop = new SharedArrayBuffer(4);
  const input: OdeWorkerInput = {
    spec,
    stop,
    ...(opts.checkpoint === undefined
      ? {}
      : { checkpoint: { path: userPath(opts.checkpoint), everyMs: 1000 * everySeconds, format: opts.format, provenance: prov } }),
  };
  const label = spec.dynamics.kind === 'gd' ? `gd (η = ${spec.dynamics.lr})` : `ode (rtol ${spec.solver.rtol})`;
  const bar = createProgress(label, { stream: process.stderr });
  let signal: keyof typeof SIGNAL_EXIT | undefined;
  const onSignal = (s: keyof typeof SIGNAL_EXIT): void => {
    signal = s;
    Atomics.store(new Int32Array(stop), 0, 1);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  let result: OdeResult;
  try {
    result = await new Promise<OdeResult>((resolve, reject) => {
      const worker = startModuleWorker(import.meta.url, '../odeWorker', { workerData: input });
      worker.on('message', (m: OdeWorkerMessage) => {
        if (m.type === 'progress') bar.update(m.t, m.tEnd);
        else if (m.type === 'checkpoint') bar.log(`checkpoint at t = ${m.t}: ${opts.checkpoint}`);
        else if (m.type === 'done') resolve(m.result);
        else reject(m.spec ? new SpecError(m.spec.path, m.spec.value, m.spec.allowed) : new Error(m.message));
      });
      worker.on('error', reject);
    });
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
  await emit(opts.out, formatTrajectory(opts.format, result, { ...prov, date: new Date().toISOString() }));
  note(`${result.status}: ${result.message}${opts.out === undefined ? '' : ` (wrote ${opts.out})`}`);
  if (signal !== undefined) return SIGNAL_EXIT[signal];
  return result.status === 'success' || result.status === 'event' ? 0 : 1;
}

