/**
 * Deep fully connected ReLU networks on a finite sample, plain Float64Array code (no autodiff): the
 * model of over-parameterisation theories of deep networks (Du et al. 2019; Allen-Zhu, Li & Song 2019;
 * arXiv 2101.04243), in the NTK parameterisation:
 *
 *   h_0 = x,  z_l = √(2/m_{l−1}) W_l h_{l−1},  h_l = relu(z_l)  (l = 1..L, m_0 = d, m_l = m),
 *   f(x) = a·h_L / √m,
 *
 * W_l with i.i.d. N(0, 1) entries (trained), a_j = ±1 fixed. Training loss L = (1/2n) Σ_i (f(x_i) − y_i)².
 * The backward pass is the chain rule written out (tested against finite differences):
 *   g_L = a/√m (per sample, times the output cotangent), δ_l = g_l ∘ 1[z_l > 0],
 *   ∂/∂W_l = √(2/m_{l−1}) Σ_i δ_l,i h_{l−1,i}ᵀ,  g_{l−1} = √(2/m_{l−1}) W_lᵀ δ_l.
 */
import type { Rng } from '../random.ts';
import { SpecError } from '../validate.ts';

/** A deep ReLU network: input dimension d, L hidden layers of width m, weights W[l] (m × fan-in, row-major). */
export interface DeepNet {
  d: number;
  m: number;
  depth: number;
  W: Float64Array[];
  a: Float64Array;
}

/** A network with N(0, 1) hidden weights and a fixed ±1 output layer; W drawn layer by layer, then a. */
export function randomDeepNet(d: number, m: number, depth: number, rng: Rng): DeepNet {
  for (const [path, v] of [['net.d', d], ['net.m', m], ['net.depth', depth]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new SpecError(path, v, 'an integer ≥ 1');
  }
  const W = Array.from({ length: depth }, (_, l) => rng.fillNormal(new Float64Array(m * (l === 0 ? d : m))));
  const a = new Float64Array(m);
  for (let j = 0; j < m; j++) a[j] = rng.uniform() < 0.5 ? -1 : 1;
  return { d, m, depth, W, a };
}

/**
 * Forward and backward passes of a network over a fixed sample x (n × d, row-major), with the
 * activations of the last forward pass kept (pre-activations z_l, n × m each) for the backward pass
 * and for reading activation patterns. All work arrays are allocated once.
 */
export class DeepBatch {
  readonly n: number;
  /** Pre-activations z_l of the last forward pass, l = 1..L (index l − 1), n × m row-major. */
  readonly z: Float64Array[];
  /** Post-activations h_l, l = 1..L (index l − 1). */
  private readonly h: Float64Array[];
  private readonly g: Float64Array;
  private readonly gPrev: Float64Array;
  /** Outputs f(x_i) of the last forward pass. */
  readonly out: Float64Array;
  private readonly residual: Float64Array;

  constructor(readonly net: DeepNet, readonly x: Float64Array) {
    this.n = x.length / net.d;
    const size = this.n * net.m;
    this.z = Array.from({ length: net.depth }, () => new Float64Array(size));
    this.h = Array.from({ length: net.depth }, () => new Float64Array(size));
    this.g = new Float64Array(size);
    this.gPrev = new Float64Array(size);
    this.out = new Float64Array(this.n);
    this.residual = new Float64Array(this.n);
  }

  /** Forward pass: fills z, h and `out`; returns `out`. */
  forward(): Float64Array {
    const { net, n, z, h, out } = this;
    const { m, d, W, a, depth } = net;
    for (let l = 0; l < depth; l++) {
      const fanIn = l === 0 ? d : m;
      const input = l === 0 ? this.x : h[l - 1];
      const scale = Math.sqrt(2 / fanIn);
      const Wl = W[l];
      const zl = z[l];
      const hl = h[l];
      for (let i = 0; i < n; i++) {
        const io = i * fanIn;
        for (let j = 0; j < m; j++) {
          const jo = j * fanIn;
          let s = 0;
          for (let k = 0; k < fanIn; k++) s += Wl[jo + k] * input[io + k];
          s *= scale;
          zl[i * m + j] = s;
          hl[i * m + j] = s > 0 ? s : 0;
        }
      }
    }
    const last = h[depth - 1];
    const c = 1 / Math.sqrt(m);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += a[j] * last[i * m + j];
      out[i] = s * c;
    }
    return out;
  }

  /**
   * Backward pass after `forward`: grads[l] += ∂(Σ_i v_i f(x_i))/∂W_l (grads zeroed first), the
   * vector–Jacobian product with output cotangent v.
   */
  vjp(v: ArrayLike<number>, grads: Float64Array[]): void {
    const { net, n, z, h } = this;
    const { m, d, W, a, depth } = net;
    let g = this.g;
    let gPrev = this.gPrev;
    const c = 1 / Math.sqrt(m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) g[i * m + j] = v[i] * a[j] * c;
    for (let l = depth - 1; l >= 0; l--) {
      const fanIn = l === 0 ? d : m;
      const input = l === 0 ? this.x : h[l - 1];
      const scale = Math.sqrt(2 / fanIn);
      const zl = z[l];
      const Wl = W[l];
      const gW = grads[l];
      gW.fill(0);
      if (l > 0) gPrev.fill(0, 0, n * fanIn);
      for (let i = 0; i < n; i++) {
        const io = i * fanIn;
        for (let j = 0; j < m; j++) {
          if (!(zl[i * m + j] > 0)) continue;
          const delta = g[i * m + j] * scale;
          if (delta === 0) continue;
          const jo = j * fanIn;
          for (let k = 0; k < fanIn; k++) gW[jo + k] += delta * input[io + k];
          if (l > 0) for (let k = 0; k < fanIn; k++) gPrev[io + k] += delta * Wl[jo + k];
        }
      }
      if (l > 0) [g, gPrev] = [gPrev, g];
    }
  }

  /** Training loss (1/2n) Σ (f_i − y_i)² and its gradient in `grads` (one forward and one backward pass). */
  lossGradient(y: ArrayLike<number>, grads: Float64Array[]): number {
    const { n } = this;
    const f = this.forward();
    const r = this.residual;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const e = f[i] - y[i];
      loss += e * e;
      r[i] = e / n;
    }
    this.vjp(r, grads);
    return loss / (2 * n);
  }
}
