/**
 * Worker thread of `popflow ode`: integrates the spec it is given, so that the main thread stays free
 * to draw progress and to catch SIGINT/SIGTERM. Messages to the main thread: `progress` (model time
 * reached, at most every 100 ms), then `done` with the result or `error`. A checkpoint of the partial
 * trajectory is written (atomically) every `checkpointMs`; a non-zero `stop[0]` ends the run at the
 * next step with status `interrupted`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runOde, type CommitteeSpec, type OdeResult } from '../src/committee/index.ts';
import { writeFileAtomicSync } from '../src/io/atomicWrite.ts';
import type { Provenance } from '../src/io/provenance.ts';
import { SpecError } from '../src/validate.ts';
import { formatTrajectory, type TrajectoryFormat } from './trajectoryFormat.ts';

/** What the main thread sends. */
export interface OdeWorkerInput {
  spec: CommitteeSpec;
  stop: SharedArrayBuffer;
  checkpoint?: { path: string; everyMs: number; format: TrajectoryFormat; provenance: Provenance };
}

/** What the worker sends back. */
export type OdeWorkerMessage =
  | { type: 'progress'; t: number; tEnd: number }
  | { type: 'checkpoint'; t: number }
  | { type: 'done'; result: OdeResult }
  | { type: 'error'; message: string; spec?: { path: string; value: unknown; allowed: string } };

const input = workerData as OdeWorkerInput;
const port = parentPort!;
const stop = new Int32Array(input.stop);
const send = (m: OdeWorkerMessage): void => port.postMessage(m);

let lastProgress = 0;
let lastCheckpoint = Date.now();
try {
  const result = runOde(input.spec, {
    onStep(t, tEnd, partial) {
      const now = Date.now();
      if (now - lastProgress >= 100) {
        send({ type: 'progress', t, tEnd });
        lastProgress = now;
      }
      const cp = input.checkpoint;
      if (cp !== undefined && now - lastCheckpoint >= cp.everyMs) {
        writeFileAtomicSync(cp.path, formatTrajectory(cp.format, partial(), { ...cp.provenance, date: new Date().toISOString() }));
        send({ type: 'checkpoint', t });
        lastCheckpoint = Date.now();
      }
      return Atomics.load(stop, 0) !== 0;
    },
  });
  send({ type: 'done', result });
} catch (e) {
  if (e instanceof SpecError) send({ type: 'error', message: e.message, spec: { path: e.path, value: e.value, allowed: e.allowed } });
  else send({ type: 'error', message: e instanceof Error ? String(e.stack) : String(e) });
}
