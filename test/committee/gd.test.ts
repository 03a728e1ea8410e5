/**
 * Discrete population GD in overlap space: one step equals one weight-space step at finite d; the
 * iterates converge to the flow at first order in η; a step beyond the stability edge is reported as
 * `diverged` with the last finite iterate kept.
 */
import test from 'ava';
import { buildCommitteeProblem, parseCommitteeSpec, runOde } from '../../src/committee/index.ts';
import { gdStep } from '../../src/committee/gd.ts';
import { fitPowerLaw } from '../../src/stats/linear-fit.ts';
import { maxAbsDiff, overlaps, randomWeights } from './helpers.ts';

const d = 16;

test('one overlap-space GD step equals the weight-space step W ← W − η d ∇_W ε_g', (t) => {
  const { W, Wstar } = randomWeights(2, 2, d, 0.8, 11);
  const a = [1, 0.7];
  const spec = parseCommitteeSpec({
    model: { activation: 'erf', a, aStar: [1, 1] },
    init: { Q: overlaps(W, W, d), R: overlaps(W, Wstar, d), T: overlaps(Wstar, Wstar, d) },
    times: [0, 1],
  });
  const problem = buildCommitteeProblem(spec);
  const lr = 0.3;
  const out = new Float64Array(problem.layout.size);
  gdStep(problem.risk, problem.aFixed, lr)(problem.y0, out);
  // Weight-space gradient of the closed-form risk by 4th-order central differences.
  const lossOf = (Wy: Float64Array[]) =>
    problem.risk.loss(problem.layout.pack(overlaps(Wy, Wy, d), overlaps(Wy, Wstar, d), a), problem.aFixed).value;
  const h = 1e-3;
  const next = W.map((w) => Float64Array.from(w));
  for (let j = 0; j < W.length; j++) {
    for (let i = 0; i < d; i++) {
      const f = (delta: number) => {
        const probe = W.map((w) => Float64Array.from(w));
        probe[j][i] += delta;
        return lossOf(probe);
      };
      const g = (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12 * h);
      next[j][i] -= lr * d * g;
    }
  }
  const err = Math.max(maxAbsDiff(problem.layout.Q(out), overlaps(next, next, d)), maxAbsDiff(problem.layout.R(out), overlaps(next, Wstar, d)));
  t.true(err < 1e-9, `max |Δ| = ${err}`);
  t.true(maxAbsDiff(problem.layout.Q(out), problem.layout.Q(problem.y0)) > 1e-3, 'the step must move Q');
});

function gdSpec(lr: number, end = 4, activation = 'erf') {
  return parseCommitteeSpec({
    model: { activation, a: [1, 1, 1], aStar: [1, 1] },
    dynamics: { kind: 'gd', lr },
    init: { kind: 'random', d: 30, scale: 0.6, seed: 5 },
    times: { end, points: 5 },
    solver: { rtol: 1e-11, atol: 1e-13 },
  });
}

test('discrete GD converges to the flow at first order in η', (t) => {
  const lrs = [0.04, 0.02, 0.01, 0.005];
  const errors = lrs.map((lr) => {
    const r = runOde(gdSpec(lr));
    t.is(r.status, 'success');
    t.deepEqual(r.t, [0, 1, 2, 3, 4]);
    return Math.max(...r.loss.map((l, i) => Math.abs(l - r.gd!.flowLoss[i])));
  });
  const { slope } = fitPowerLaw(lrs, errors);
  t.log(`errors ${errors.map((e) => e.toExponential(2)).join(', ')}; order ${slope.toFixed(3)}`);
  t.true(slope > 0.9 && slope < 1.1, `measured order ${slope}`);
});

// A bounded activation (erf) cannot blow the loss up: beyond its stability edge the weights grow and
// saturate instead (visible as the departure from the flow). An unbounded one (u²) diverges.
test('GD beyond the stability edge returns `diverged` with the last finite iterate', (t) => {
  t.is(runOde(gdSpec(0.1, 40, 'quadratic')).status, 'success');
  const r = runOde(gdSpec(5, 40, 'quadratic'));
  t.is(r.status, 'diverged');
  t.regex(r.message, /diverged at step \d+/);
  const last = r.Q[r.Q.length - 1];
  t.true(last.flat().every(Number.isFinite));
  t.true(Number.isFinite(r.loss[r.loss.length - 1]));
});

test('GD reports the step where it leaves the flow', (t) => {
  const r = runOde(gdSpec(0.5));
  t.not(r.gd!.departureStep, null);
  const tight = runOde(gdSpec(0.001, 0.5));
  t.is(tight.gd!.departureStep, null);
});
