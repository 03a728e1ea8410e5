/**
 * Messages between the page and its two workers: the ODE worker integrates a committee spec, the
 * simulation worker trains the finite-d network on tfjs and integrates the ODE from its initial overlaps.
 */
import type { OdeResult } from '../src/committee/run.ts';
import type { DeviationRow } from '../src/simulate/compare.ts';
import type { RiskModel } from '../src/integrals/risk.ts';

/** Page → ODE worker. */
export interface OdeRequest {
  id: number;
  spec: Record<string, unknown>;
}

/** The part of an ODE result the page draws. */
export type OdeCurves = Pick<OdeResult, 't' | 'loss' | 'lossFloor' | 'Q' | 'R' | 'T' | 'events' | 'status' | 'message' | 'integrals'>;

/** ODE worker → page. */
/** `final` false: the quick preview pass; true: the spec as given. */
export type OdeReply = { id: number; ok: true; final: boolean; result: OdeCurves; ms: number } | { id: number; ok: false; error: string };

/** Page → simulation worker. */
export interface SimRequest {
  id: number;
  spec: Record<string, unknown>;
  /** Where the page serves the tfjs wasm binaries (for the wasm backend). */
  wasmPath: string;
}

/** Simulation worker → page. */
export type SimReply =
  | {
      id: number;
      ok: true;
      backend: string;
      description: string;
      t: number[];
      lossMean: number[];
      lossStd: number[];
      /** ε_g of each seed at each time. */
      runs: number[][];
      /** The ODE from the simulation's own initial overlaps, at the same times. */
      ode: number[];
      deviation: DeviationRow;
      wallSeconds: number;
      stepsPerSecond: number;
    }
  | { id: number; ok: false; error: string };

/** Progress of a simulation (fraction done). */
export interface SimProgress {
  id: number;
  progress: number;
}

/** Page → formula worker. */
export interface FormulaRequest {
  id: number;
  model: RiskModel;
}

/** Formula worker → page: LaTeX of σ, σ* and ε_g. */
export type FormulaReply = { id: number; ok: true; sigma: string; sigmaStar: string; risk: string } | { id: number; ok: false; error: string };
