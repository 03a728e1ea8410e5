/**
 * A finite two-layer network in weight space, plain Float64Array code:
 *   f(x) = c Σ_j a_j σ(λ_j),  λ_j = w_j·x / √d,  j = 1..m,
 * with output scale c (1 for the committee convention of THEORY.md §1, 1/√m for the NTK scaling of
 * Du et al. 2019). W is stored row-major, m rows of length d.
 */
import type { Rng } from '../random.ts';
import { SpecError } from '../validate.ts';

/** Activation and its derivative (a subgradient where it has a kink). */
export interface PointActivation {
  name: string;
  f: (u: number) => number;
  df: (u: number) => number;
}

/** ReLU, max(0, u); derivative 1[u > 0] (the subgradient 0 at the kink). */
export const relu: PointActivation = { name: 'relu', f: (u) => (u > 0 ? u : 0), df: (u) => (u > 0 ? 1 : 0) };

/** Linear, u. */
export const linear: PointActivation = { name: 'linear', f: (u) => u, df: () => 1 };

export interface TwoLayerNet {
  d: number;
  m: number;
  /** First-layer weights, m × d row-major. */
  W: Float64Array;
  /** Second-layer weights, length m. */
  a: Float64Array;
  /** Output scale c. */
  outputScale: number;
  act: PointActivation;
}

export interface NetInit {
  /** Output scale: 'ntk' gives 1/√m, 'committee' gives 1. */
  scaling: 'ntk' | 'committee';
  /** Second layer: random signs ±1 with equal probability, or all ones. */
  secondLayer: 'signs' | 'ones';
}

/**
 * A network with w_j ~ N(0, I_d) and the second layer as asked; draws W first (m·d normals), then
 * the signs (m uniforms), so equal seeds give equal networks.
 */
export function randomNet(d: number, m: number, act: PointActivation, rng: Rng, init: NetInit): TwoLayerNet {
  if (!Number.isInteger(d) || d < 1) throw new SpecError('net.d', d, 'an integer ≥ 1');
  if (!Number.isInteger(m) || m < 1) throw new SpecError('net.m', m, 'an integer ≥ 1');
  const W = rng.fillNormal(new Float64Array(m * d));
  const a = new Float64Array(m);
  for (let j = 0; j < m; j++) a[j] = init.secondLayer === 'ones' ? 1 : rng.uniform() < 0.5 ? -1 : 1;
  return { d, m, W, a, outputScale: init.scaling === 'ntk' ? 1 / Math.sqrt(m) : 1, act };
}

/** f(x) for one input x (length d); allocation-free. */
export function forward(net: TwoLayerNet, x: Float64Array, offset = 0): number {
  const { d, m, W, a, act } = net;
  const s = 1 / Math.sqrt(d);
  let out = 0;
  for (let j = 0; j < m; j++) {
    let z = 0;
    const row = j * d;
    for (let k = 0; k < d; k++) z += W[row + k] * x[offset + k];
    out += a[j] * act.f(z * s);
  }
  return out * net.outputScale;
}
