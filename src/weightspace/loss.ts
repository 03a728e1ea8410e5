/**
 * Mean squared training loss of a two-layer network on a finite data set and its hand gradient:
 *   L = (1/2n) Σ_i r_i²,  r_i = f(x_i) − y_i,  f(x) = c Σ_j a_j σ(z_j),  z_j = w_j·x/√d,
 *   ∂L/∂w_jk = (1/n) Σ_i r_i c a_j σ'(z_ij) x_ik / √d,   ∂L/∂a_j = (1/n) Σ_i r_i c σ(z_ij).
 * All buffers are allocated once per (network shape, data set); evaluations allocate nothing.
 */
import { SpecError } from '../validate.ts';
import type { Dataset } from './data.ts';
import type { TwoLayerNet } from './network.ts';

export interface SquareLoss {
  /** L at the network's current weights. */
  value(net: TwoLayerNet): number;
  /** L, with ∂L/∂W written into gW (m·d) and, when given, ∂L/∂a into ga (m). */
  gradient(net: TwoLayerNet, gW: Float64Array, ga?: Float64Array): number;
  /** Residuals r_i of the last evaluation (a view into the loss's buffer). */
  readonly residuals: Float64Array;
}

/** The training loss of networks shaped like `shape` on `data`. Throws SpecError when d differs. */
export function squareLoss(shape: { d: number; m: number }, data: Dataset): SquareLoss {
  if (shape.d !== data.d) throw new SpecError('data.d', data.d, `the network's input dimension ${shape.d}`);
  const { n, d, x, y } = data;
  const m = shape.m;
  const z = new Float64Array(n * m);
  const r = new Float64Array(n);
  const s = 1 / Math.sqrt(d);

  /** Fill z (pre-activations) and r (residuals); return L. */
  const evaluate = (net: TwoLayerNet): number => {
    const { W, a, act, outputScale } = net;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const xi = i * d;
      let f = 0;
      for (let j = 0; j < m; j++) {
        const row = j * d;
        let u = 0;
        for (let k = 0; k < d; k++) u += W[row + k] * x[xi + k];
        u *= s;
        z[i * m + j] = u;
        f += a[j] * act.f(u);
      }
      const ri = f * outputScale - y[i];
      r[i] = ri;
      sum += ri * ri;
    }
    return sum / (2 * n);
  };

  return {
    residuals: r,
    value: evaluate,
    gradient(net, gW, ga) {
      const loss = evaluate(net);
      const { a, act, outputScale } = net;
      gW.fill(0);
      if (ga) ga.fill(0);
      const c = outputScale / n;
      for (let i = 0; i < n; i++) {
        const xi = i * d;
        const ri = r[i] * c;
        for (let j = 0; j < m; j++) {
          const u = z[i * m + j];
          if (ga) ga[j] += ri * act.f(u);
          const coeff = ri * a[j] * act.df(u) * s;
          if (coeff === 0) continue;
          const row = j * d;
          for (let k = 0; k < d; k++) gW[row + k] += coeff * x[xi + k];
        }
      }
      return loss;
    },
  };
}
