/**
 * The verdict rules of the Zhou, Ge & Jin experiment on synthetic measurements: each claim must come
 * out supported on a case that satisfies it, not supported on a counter-case, and inconclusive on a case
 * too noisy (or too censored) to decide. Also the two-close-students loss against its small-δ law.
 */
import test from 'ava';
import { Rng } from '../../src/random.ts';
import { closeStudents, judge, runBounds, type ZhouMeasurements } from '../../experiments/zhou-ge-2021.ts';
import { TiedFlow } from '../../src/committee/index.ts';

const WIDTHS = [2, 4, 8, 16];
const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

/** Runs with κ ∝ m^kappaSlope, C ∝ m^cSlope, late β, each with multiplicative noise of the given size. */
function synthetic(kappaSlope: number, cSlope: number, beta: number | null, noise: number, deltaPower = 3): ZhouMeasurements {
  const rng = new Rng(3);
  const runs = WIDTHS.flatMap((m) =>
    SEEDS.map((seed) => ({
      eps0: 0.01,
      m,
      seed,
      kappa: 15 * m ** kappaSlope * Math.exp(noise * rng.normal()),
      C: 2e-3 * m ** cSlope * Math.exp(noise * rng.normal()),
      beta: m === 2 ? null : beta === null ? null : beta + noise * rng.normal(),
    })),
  );
  const delta = Array.from({ length: 13 }, (_, i) => 10 ** (-4 + 0.25 * i));
  return { r: 2, runs, delta: { delta, loss: delta.map((x) => 0.1 * x ** deltaPower) } };
}

const verdicts = (m: ZhouMeasurements) => Object.fromEntries(judge(m).map((c) => [c.id, c.verdict]));

test('a case that satisfies every claim is supported', (t) => {
  const v = verdicts(synthetic(0, 0, 3, 0.02));
  t.is(v['gradient-bound-independent-of-m'], 'supported');
  t.is(v['rate-bound-independent-of-m'], 'supported');
  t.is(v['loss-decays-at-least-as-1/t'], 'supported');
  t.is(v['late-exponent-three'], 'supported');
  t.is(v['two-close-students-delta-cubed'], 'supported');
  t.is(v['threshold-and-constants'], 'not tested');
});

test('counter-cases: bounds that degrade with m, a slow decay, a δ² loss are not supported', (t) => {
  const v = verdicts(synthetic(-1, 1, 0.5, 0.02, 2));
  t.is(v['gradient-bound-independent-of-m'], 'not supported');
  t.is(v['rate-bound-independent-of-m'], 'not supported');
  t.is(v['loss-decays-at-least-as-1/t'], 'not supported');
  t.is(v['late-exponent-three'], 'not supported');
  t.is(v['two-close-students-delta-cubed'], 'not supported');
});

test('a second starting loss gets its own bound claims', (t) => {
  const base = synthetic(0, 0, 3, 0.02);
  const second = synthetic(0, 1, 3, 0.02).runs.map((r) => ({ ...r, eps0: 1e-3 }));
  const v = verdicts({ ...base, runs: [...base.runs, ...second] });
  t.is(v['rate-bound-independent-of-m'], 'supported');
  t.is(v['rate-bound-independent-of-m-eps0-0.001'], 'not supported');
  t.is(v['gradient-bound-independent-of-m-eps0-0.001'], 'supported');
});

test('too noisy to decide, or censored late exponents: inconclusive, never supported', (t) => {
  const noisy = verdicts(synthetic(-0.25, 0.25, 1, 1.5));
  t.is(noisy['gradient-bound-independent-of-m'], 'inconclusive');
  t.is(noisy['rate-bound-independent-of-m'], 'inconclusive');
  t.is(noisy['loss-decays-at-least-as-1/t'], 'inconclusive');
  const censored = verdicts(synthetic(0, 0, null, 0.02));
  t.is(censored['loss-decays-at-least-as-1/t'], 'inconclusive');
  t.is(censored['late-exponent-three'], 'inconclusive');
});

test('runBounds: min ‖∇L‖/L, max t·L over resolved points; β only with a resolved last decade', (t) => {
  const tt = [0, 1, 10, 100, 200, 400, 700, 1000];
  const loss = tt.map((x) => 1 / (1 + x) ** 3);
  const run = { t: tt, loss, gradNorm: loss.map((l) => 5 * l ** (2 / 3)), resolved: tt.map(() => true) };
  const b = runBounds(run, 1000);
  t.true(Math.abs(b.kappa! - 5) < 1e-12);
  t.true(Math.abs(b.beta! - 3) < 0.05, `${b.beta}`); // (1 + t)^−3 has local exponent 3t/(1 + t)
  const cut = runBounds({ ...run, resolved: tt.map((x) => x < 500) }, 1000);
  t.is(cut.beta, null);
});

test('two δ-close students: L/δ³ tends to a constant (exact population loss)', (t) => {
  const at = (delta: number) => {
    const o = closeStudents(delta);
    const flow = new TiedFlow({ activation: 'abs', teacherActivation: 'abs', aStar: [1], T: o.T }, 2);
    return flow.loss(flow.layout.pack(o.Q, o.R, [])).value;
  };
  const ratio = [1e-4, 1e-3].map((d) => at(d) / d ** 3);
  t.true(Math.abs(ratio[0] / ratio[1] - 1) < 0.01, `${ratio}`);
});
