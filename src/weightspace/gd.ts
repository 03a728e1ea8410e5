/**
 * Full-batch gradient descent on the training loss of a two-layer network, in place:
 *   W ← W − η ∂L/∂W  (and a ← a − η ∂L/∂a when the second layer is trained),
 * until L ≤ target, the iteration budget is spent, or the loss stops being finite.
 */
import { expectNumber } from '../validate.ts';
import type { Dataset } from './data.ts';
import { squareLoss } from './loss.ts';
import type { TwoLayerNet } from './network.ts';

export interface GdOptions {
  stepSize: number;
  maxIterations: number;
  /** Stop as soon as the training loss is ≤ this. */
  targetLoss: number;
  trainSecondLayer?: boolean;
  /** Record (iteration, loss) every this many iterations (default 1), and always the last one. */
  recordEvery?: number;
}

export interface GdResult {
  /** 'reached': L ≤ target; 'budget': maxIterations spent first; 'diverged': L became non-finite. */
  status: 'reached' | 'budget' | 'diverged';
  message: string;
  /** Gradient steps taken (0 when the initial loss is already ≤ target). */
  iterations: number;
  /** Training loss at the final weights. */
  loss: number;
  initialLoss: number;
  history: { iteration: number[]; loss: number[] };
}

/** Run full-batch GD on `net` (modified in place) over `data`. Throws SpecError for bad options. */
export function fullBatchGd(net: TwoLayerNet, data: Dataset, options: GdOptions): GdResult {
  const eta = expectNumber(options.stepSize, 'gd.stepSize', { min: 0, exclusiveMin: true });
  const budget = expectNumber(options.maxIterations, 'gd.maxIterations', { min: 0, integer: true });
  const target = expectNumber(options.targetLoss, 'gd.targetLoss', { min: 0 });
  const every = expectNumber(options.recordEvery ?? 1, 'gd.recordEvery', { min: 1, integer: true });
  const loss = squareLoss(net, data);
  const gW = new Float64Array(net.W.length);
  const ga = options.trainSecondLayer ? new Float64Array(net.m) : undefined;
  const history = { iteration: [] as number[], loss: [] as number[] };
  const { W, a } = net;

  let L = loss.gradient(net, gW, ga);
  const initialLoss = L;
  let k = 0;
  const finish = (status: GdResult['status'], message: string): GdResult => {
    if (history.iteration[history.iteration.length - 1] !== k) {
      history.iteration.push(k);
      history.loss.push(L);
    }
    return { status, message, iterations: k, loss: L, initialLoss, history };
  };
  for (;;) {
    if (k % every === 0) {
      history.iteration.push(k);
      history.loss.push(L);
    }
    if (!Number.isFinite(L)) return finish('diverged', `training loss became ${L} at iteration ${k}; lower the step size`);
    if (L <= target) return finish('reached', `training loss ${L.toExponential(3)} ≤ ${target} after ${k} iterations`);
    if (k >= budget) return finish('budget', `training loss ${L.toExponential(3)} > ${target} after the budget of ${budget} iterations`);
    for (let p = 0; p < W.length; p++) W[p] -= eta * gW[p];
    if (ga) for (let j = 0; j < a.length; j++) a[j] -= eta * ga[j];
    k++;
    L = loss.gradient(net, gW, ga);
  }
}
