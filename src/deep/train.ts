/**
 * Full-batch gradient descent on a deep ReLU network (network.ts), with the observables of the
 * surrogate-network argument of arXiv 2101.04243: the fraction of ReLU activation patterns
 * 1[z_l,i,j > 0] that differ between initialisation and the end of training, and the relative
 * distance ‖W − W₀‖_F/‖W₀‖_F travelled by the weights.
 *
 * Step size: η = 1/λ_max of the Gram matrix K = JJᵀ/n at initialisation (J = ∂f/∂W over the sample),
 * half the stability edge 2/λ_max of GD on the linearised model; λ_max by power iteration on
 * v ↦ J(Jᵀv)/n, with Jᵀv a backward pass and Ju a central difference of forward passes.
 */
import type { Rng } from '../random.ts';
import { DeepBatch, type DeepNet } from './network.ts';

export interface DeepGdOptions {
  /** Stop once the training loss is ≤ this. */
  targetLoss: number;
  maxIterations: number;
  /** Power-iteration steps for λ_max (default 30). */
  powerSteps?: number;
}

export interface DeepGdResult {
  /** 'reached': loss ≤ target; 'budget': iterations spent first; 'diverged': loss not finite or above 10⁶ L(0). */
  status: 'reached' | 'budget' | 'diverged';
  iterations: number;
  initialLoss: number;
  loss: number;
  stepSize: number;
  lambdaMax: number;
  /** Fraction of (sample, layer, unit) activation signs that differ from initialisation at the end. */
  patternChange: number;
  /** Per layer, the same fraction. */
  layerPatternChange: number[];
  /** ‖W − W₀‖_F / ‖W₀‖_F over all trained layers. */
  relativeChange: number;
  /** Per layer ‖W_l − W_l(0)‖_F / ‖W_l(0)‖_F. */
  layerRelativeChange: number[];
  /** Loss at iterations 0, 1, 2, 4, 8, … and at the end. */
  history: { iteration: number[]; loss: number[] };
}

/** λ_max of K = JJᵀ/n at the current weights (power iteration, `steps` steps from a seeded start). */
export function gramLambdaMax(batch: DeepBatch, steps: number, rng: Rng): number {
  const { net, n } = batch;
  const grads = net.W.map((w) => new Float64Array(w.length));
  const saved = net.W.map((w) => Float64Array.from(w));
  let v = rng.fillNormal(new Float64Array(n));
  let lambda = 0;
  const plus = new Float64Array(n);
  for (let s = 0; s < steps; s++) {
    const norm = Math.hypot(...v);
    v = v.map((x) => x / norm);
    batch.forward();
    batch.vjp(v, grads); // u = Jᵀ v
    let uNorm = 0;
    let wNorm = 0;
    for (let l = 0; l < net.depth; l++) {
      for (let i = 0; i < grads[l].length; i++) {
        uNorm += grads[l][i] ** 2;
        wNorm += saved[l][i] ** 2;
      }
    }
    const h = (1e-6 * Math.sqrt(wNorm)) / Math.sqrt(uNorm);
    const shift = (sign: number) => net.W.forEach((w, l) => { for (let i = 0; i < w.length; i++) w[i] = saved[l][i] + sign * h * grads[l][i]; });
    shift(1);
    plus.set(batch.forward());
    shift(-1);
    const minus = batch.forward();
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = (plus[i] - minus[i]) / (2 * h) / n;
    net.W.forEach((w, l) => w.set(saved[l]));
    lambda = next.reduce((acc, x, i) => acc + x * v[i], 0);
    v = next;
  }
  batch.forward();
  return lambda;
}

/** Sign pattern 1[z > 0] of every layer of the last forward pass. */
function signs(batch: DeepBatch): Uint8Array[] {
  return batch.z.map((z) => Uint8Array.from(z, (x) => (x > 0 ? 1 : 0)));
}

/** Full-batch GD with η = 1/λ_max(K₀) on (x, y), the network changed in place; see the module comment. */
export function trainDeep(net: DeepNet, x: Float64Array, y: Float64Array, options: DeepGdOptions, rng: Rng): DeepGdResult {
  const batch = new DeepBatch(net, x);
  const W0 = net.W.map((w) => Float64Array.from(w));
  const lambdaMax = gramLambdaMax(batch, options.powerSteps ?? 30, rng);
  const eta = 1 / lambdaMax;
  const grads = net.W.map((w) => new Float64Array(w.length));
  let loss = batch.lossGradient(y, grads);
  const initialLoss = loss;
  const pattern0 = signs(batch);
  const history = { iteration: [] as number[], loss: [] as number[] };
  let k = 0;
  let status: DeepGdResult['status'] = 'budget';
  let nextRecord = 0;
  for (;;) {
    if (k === nextRecord) {
      history.iteration.push(k);
      history.loss.push(loss);
      nextRecord = k === 0 ? 1 : 2 * k;
    }
    if (!Number.isFinite(loss) || loss > 1e6 * initialLoss) { status = 'diverged'; break; }
    if (loss <= options.targetLoss) { status = 'reached'; break; }
    if (k >= options.maxIterations) break;
    for (let l = 0; l < net.depth; l++) {
      const w = net.W[l];
      const g = grads[l];
      for (let i = 0; i < w.length; i++) w[i] -= eta * g[i];
    }
    k++;
    loss = batch.lossGradient(y, grads);
  }
  if (history.iteration[history.iteration.length - 1] !== k) {
    history.iteration.push(k);
    history.loss.push(loss);
  }
  const pattern = signs(batch);
  const layerPatternChange = pattern.map((p, l) => p.reduce((acc, s, i) => acc + (s !== pattern0[l][i] ? 1 : 0), 0) / p.length);
  const sq = (a: Float64Array, b?: Float64Array) => a.reduce((acc, v, i) => acc + (v - (b ? b[i] : 0)) ** 2, 0);
  const moved = net.W.map((w, l) => sq(w, W0[l]));
  const size = W0.map((w) => sq(w));
  return {
    status,
    iterations: k,
    initialLoss,
    loss,
    stepSize: eta,
    lambdaMax,
    patternChange: layerPatternChange.reduce((a, b) => a + b, 0) / layerPatternChange.length,
    layerPatternChange,
    relativeChange: Math.sqrt(moved.reduce((a, b) => a + b, 0) / size.reduce((a, b) => a + b, 0)),
    layerRelativeChange: moved.map((v, l) => Math.sqrt(v / size[l])),
    history,
  };
}

/** n points uniform on the sphere of radius √d in R^d (entries of unit variance, row-major) and labels ±1 with equal probability. */
export function sphereDataset(n: number, d: number, rng: Rng): { x: Float64Array; y: Float64Array } {
  const x = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[i * d + k] ** 2;
    const c = Math.sqrt(d / s);
    for (let k = 0; k < d; k++) x[i * d + k] *= c;
  }
  const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? -1 : 1));
  return { x, y };
}
