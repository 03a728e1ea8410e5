/**
 * Web Worker that integrates committee specs with popflow's engine (`parseCommitteeSpec`, `runOde`),
 * in two passes: a preview (no events, rtol 10⁻⁶) for a quick first curve, then the spec as given.
 * The page cancels a run by terminating the worker and starting a fresh one.
 */
import { parseCommitteeSpec } from '../src/committee/spec.ts';
import { runOde } from '../src/committee/run.ts';
import type { OdeReply, OdeRequest } from './protocol.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<OdeRequest>) => void) | null; postMessage(m: OdeReply): void };

scope.onmessage = (e) => {
  const { id, spec } = e.data;
  try {
    const preview = { ...spec, events: undefined, solver: { rtol: 1e-6, atol: 1e-9 } };
    for (const [final, json] of [[false, preview], [true, spec]] as const) {
      const started = performance.now();
      const r = runOde(parseCommitteeSpec(json));
      const result = { t: r.t, loss: r.loss, lossFloor: r.lossFloor, Q: r.Q, R: r.R, T: r.T, events: r.events, status: r.status, message: r.message, integrals: r.integrals };
      scope.postMessage({ id, ok: true, final, result, ms: performance.now() - started });
    }
  } catch (err) {
    scope.postMessage({ id, ok: false, error: (err as Error).message });
  }
};
