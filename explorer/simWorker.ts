/**
 * Web Worker that runs popflow's simulator (`simulate`) on a tfjs backend of the browser (webgpu,
 * webgl, wasm or cpu), then the ODE from the simulation's own initial overlaps at the same times, and
 * the relative deviation of the seed-mean ε_g with the tolerance of `compareOdeAndSimulation`.
 */
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { parseCommitteeSpec } from '../src/committee/spec.ts';
import { runOde } from '../src/committee/run.ts';
import { DEFAULT_TOLERANCE_CONSTANT, deviation } from '../src/simulate/compare.ts';
import { simulate } from '../src/simulate/run.ts';
import { parseSimulationSpec } from '../src/simulate/spec.ts';
import type { SimProgress, SimReply, SimRequest } from './protocol.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<SimRequest>) => void) | null; postMessage(m: SimReply | SimProgress): void };

scope.onmessage = async (e) => {
  const { id, spec, wasmPath } = e.data;
  try {
    setWasmPaths(wasmPath);
    const parsed = parseSimulationSpec(spec);
    const sim = await simulate(parsed, { progress: (time, end) => scope.postMessage({ id, progress: time / end }) });
    const { Q, R, T } = sim.initial;
    const ode = runOde(
      parseCommitteeSpec({ model: spec.model, dynamics: spec.dynamics, times: sim.t, init: { Q, R, T }, solver: { rtol: 1e-9, atol: 1e-12 } }),
    );
    const kind = parsed.dynamics.kind;
    const tolerance = kind === 'gd' ? DEFAULT_TOLERANCE_CONSTANT.gd * Math.sqrt(parsed.d / parsed.n!) : DEFAULT_TOLERANCE_CONSTANT['online-sgd'] / Math.sqrt(parsed.d);
    const steps = sim.steps[sim.steps.length - 1] * sim.runs.length;
    scope.postMessage({
      id,
      ok: true,
      backend: sim.backend.name,
      description: sim.backend.description,
      t: sim.t,
      lossMean: sim.lossMean,
      lossStd: sim.lossStd,
      runs: sim.runs.map((r) => r.loss),
      ode: ode.loss,
      deviation: deviation(parsed.d, sim, ode, tolerance),
      wallSeconds: sim.timing.wallSeconds,
      stepsPerSecond: steps / sim.timing.wallSeconds,
    });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: (err as Error).message });
  }
};
