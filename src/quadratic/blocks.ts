/**
 * The block family of a quadratic network started from orthonormal families (THEORY.md §2a): one
 * weighted set of 2-D blocks, one per principal angle θ_i between span U and span V, plus the
 * student-only directions (span U ∩ (span V)⊥, one scalar u with multiplicity `uOnlyWeight`) and the
 * teacher-only directions (span V outside span U, where S stays 0; multiplicity `vOnlyWeight`).
 *
 * In a block, S = s sᵀ and S* = c* v vᵀ with v = (cos θ, sin θ), and
 *   ds/dt = −( 2(|s|² s − c* (v·s) v) + τ s ),   du/dt = −( 2u³ + τ u ).
 * The same family, with different weights and trace couplings, is
 * - the exact reduction of the finite-d flow (weights 1, τ = tr Δ: `trace: 'sum'`),
 * - the extensive-width limit (weights = Wachter masses per dimension, τ the Lagrange multiplier
 *   −2 tr(ΔS)/tr S that keeps tr S = tr S*: `trace: 'multiplier'`; see docs/quadratic-limits.md),
 * - the fixed-width limit (cos θ_i = 0 and a displaced start, `trace: 'sum'`),
 * - the centred activation u² − 1 in any of these (`trace: 'none'`).
 *
 * State layout: y = [s_0,1, s_0,2, s_1,1, s_1,2, …, s_{k−1},2, u] (length 2k + 1).
 */
import type { Rhs } from '../../solvers/types.ts';

/** How the blocks are coupled through the trace τ. */
export type TraceCoupling = 'sum' | 'multiplier' | 'none';

export interface BlockFamily {
  /** Teacher scale c*: S* = c* V Vᵀ. */
  cStar: number;
  /** cos θ_i of each block, in [0, 1]. */
  cos: Float64Array;
  /** Multiplicity of each block (1 at finite d; a Wachter mass per dimension in the extensive limit). */
  weight: Float64Array;
  /** Multiplicity of the student-only scalar u. */
  uOnlyWeight: number;
  /** Multiplicity of the teacher-only directions (never learned). */
  vOnlyWeight: number;
  trace: TraceCoupling;
}

/** Number of unknowns of a family's state. */
export function stateLength(f: BlockFamily): number {
  return 2 * f.cos.length + 1;
}

/** Teacher "count" Σ w_i + w_V (= m* at finite d, α* per dimension): ‖S*‖²_F = c*² · this. */
export function teacherWeight(f: BlockFamily): number {
  let w = f.vOnlyWeight;
  for (let i = 0; i < f.weight.length; i++) w += f.weight[i];
  return w;
}

/** The orthonormal start S(0) = c0 U Uᵀ: s_i = (√c0, 0), u = √c0. */
export function initialState(f: BlockFamily, c0: number): Float64Array {
  const y = new Float64Array(stateLength(f));
  const a = Math.sqrt(c0);
  for (let i = 0; i < f.cos.length; i++) y[2 * i] = a;
  y[y.length - 1] = a;
  return y;
}

/**
 * τ for the family's coupling:
 * - `sum`: τ = tr Δ = Σ w_i (|s_i|² − c*) + w_U u² − w_V c*;
 * - `multiplier`: τ = −2 tr(ΔS)/tr S = −2 [Σ w_i (|s_i|⁴ − c*(v_i·s_i)²) + w_U u⁴] / [Σ w_i |s_i|² + w_U u²];
 * - `none`: 0.
 */
export function traceCoupling(f: BlockFamily, y: Float64Array): number {
  if (f.trace === 'none') return 0;
  const k = f.cos.length;
  const c = f.cStar;
  const u2 = y[2 * k] * y[2 * k];
  if (f.trace === 'sum') {
    let tau = f.uOnlyWeight * u2 - f.vOnlyWeight * c;
    for (let i = 0; i < k; i++) {
      const a = y[2 * i];
      const b = y[2 * i + 1];
      tau += f.weight[i] * (a * a + b * b - c);
    }
    return tau;
  }
  let num = f.uOnlyWeight * u2 * u2;
  let den = f.uOnlyWeight * u2;
  for (let i = 0; i < k; i++) {
    const a = y[2 * i];
    const b = y[2 * i + 1];
    const cs = f.cos[i];
    const vs = cs * a + Math.sqrt(1 - cs * cs) * b;
    const n2 = a * a + b * b;
    num += f.weight[i] * (n2 * n2 - c * vs * vs);
    den += f.weight[i] * n2;
  }
  return den > 0 ? (-2 * num) / den : 0;
}

/** Right-hand side of the family's flow (allocates nothing per call; sin θ_i precomputed). */
export function blockFamilyRhs(f: BlockFamily): Rhs {
  const k = f.cos.length;
  const sin = new Float64Array(k);
  for (let i = 0; i < k; i++) sin[i] = Math.sqrt(Math.max(0, 1 - f.cos[i] * f.cos[i]));
  const c = f.cStar;
  return (_t, y, dy) => {
    const tau = traceCoupling(f, y);
    for (let i = 0; i < k; i++) {
      const a = y[2 * i];
      const b = y[2 * i + 1];
      const cs = f.cos[i];
      const sn = sin[i];
      const n2 = a * a + b * b;
      const vs = cs * a + sn * b;
      dy[2 * i] = -(2 * (n2 * a - c * vs * cs) + tau * a);
      dy[2 * i + 1] = -(2 * (n2 * b - c * vs * sn) + tau * b);
    }
    const u = y[2 * k];
    dy[2 * k] = -(2 * u * u * u + tau * u);
  };
}

export interface BlockObservables {
  /**
   * ε_g = L / (½‖S*‖²_F): (‖Δ‖²_F + ½τ²)/‖S*‖²_F for `sum` (plain activation at finite d),
   * ‖Δ‖²_F/‖S*‖²_F otherwise (centred; or the extensive limit, where τ²/d → 0).
   * ‖Δ‖² is a sum of squares of Δ's entries per block, M = s sᵀ − c* v vᵀ, each entry formed
   * directly: no O(1) terms cancel, so ε_g keeps its relative precision near convergence.
   */
  loss: number;
  /** The trace coupling τ. */
  tau: number;
  /** Share of the teacher mass whose block has escaped: Σ w_i [(v_i·s_i)² ≥ c* /2] / (Σ w_i + w_V). */
  recoveredMass: number;
  /** tr(S S*)/‖S*‖²_F = Σ w_i (v_i·s_i)² / (c* (Σ w_i + w_V)). */
  overlap: number;
}

/** Observables of a state (a pure function of y). */
export function blockObservables(f: BlockFamily, y: Float64Array): BlockObservables {
  const k = f.cos.length;
  const c = f.cStar;
  let delta2 = f.vOnlyWeight * c * c;
  let recovered = 0;
  let overlap = 0;
  for (let i = 0; i < k; i++) {
    const a = y[2 * i];
    const b = y[2 * i + 1];
    const cs = f.cos[i];
    const sn = Math.sqrt(Math.max(0, 1 - cs * cs));
    const m11 = a * a - c * cs * cs;
    const m12 = a * b - c * cs * sn;
    const m22 = b * b - c * sn * sn;
    const w = f.weight[i];
    delta2 += w * (m11 * m11 + 2 * m12 * m12 + m22 * m22);
    const vs = cs * a + sn * b;
    overlap += w * vs * vs;
    if (vs * vs >= c / 2) recovered += w;
  }
  const u = y[2 * k];
  delta2 += f.uOnlyWeight * u * u * u * u;
  const tau = traceCoupling(f, y);
  const tw = teacherWeight(f);
  const traceTerm = f.trace === 'sum' ? 0.5 * tau * tau : 0;
  return { loss: (delta2 + traceTerm) / (c * c * tw), tau, recoveredMass: recovered / tw, overlap: overlap / (c * tw) };
}

/**
 * The spectrum of S: eigenvalue |s_i|² with multiplicity w_i, u² with multiplicity w_U, and 0 on
 * the rest (not listed). Returned as parallel arrays of values and weights.
 */
export function spectrum(f: BlockFamily, y: Float64Array): { values: Float64Array; weights: Float64Array } {
  const k = f.cos.length;
  const values = new Float64Array(k + 1);
  const weights = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) {
    values[i] = y[2 * i] * y[2 * i] + y[2 * i + 1] * y[2 * i + 1];
    weights[i] = f.weight[i];
  }
  values[k] = y[2 * k] * y[2 * k];
  weights[k] = f.uOnlyWeight;
  return { values, weights };
}
