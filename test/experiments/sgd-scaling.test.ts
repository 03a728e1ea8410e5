import test from 'ava';
import { judge, type ScalingMeasurements } from '../../experiments/sgd-scaling.ts';
import { Rng } from '../../src/random.ts';

const DIMS = [200, 400, 800, 1600, 3200];

/** Per-seed mean squares c²·d^(2·slope)·(1 + noise·ξ)², ξ standard normal. */
function synthetic(slope: number, seeds: number, noise: number, seed = 1): ScalingMeasurements {
  const rng = new Rng(seed);
  const meanSquare = DIMS.map((d) => Array.from({ length: seeds }, () => (0.8 * d ** slope * (1 + noise * rng.normal())) ** 2));
  return { dims: DIMS, meanSquare, harness: DIMS.map((d) => ({ maxRel: 1 / Math.sqrt(d), tolerance: 5 / Math.sqrt(d) })) };
}

test('the exponent claim is supported for d^(−1/2) with many quiet seeds', (t) => {
  t.is(judge(synthetic(-0.5, 40, 0.2))[0].verdict, 'supported');
});

test('counter-case: a deviation that does not shrink with d is not supported', (t) => {
  const c = judge(synthetic(0, 40, 0.2))[0];
  t.is(c.verdict, 'not supported', c.reason);
});

test('counter-case: an O(1/d) deviation is not supported', (t) => {
  t.is(judge(synthetic(-1, 40, 0.2))[0].verdict, 'not supported');
});

test('too noisy to decide: three seeds with O(1) scatter give inconclusive', (t) => {
  const c = judge(synthetic(-0.5, 3, 0.9, 4))[0];
  t.is(c.verdict, 'inconclusive', c.reason);
});

test('the tolerance claim fails when one d lies outside K/√d', (t) => {
  const m = synthetic(-0.5, 10, 0.2);
  m.harness[2] = { maxRel: 0.5, tolerance: 0.1 };
  t.is(judge(m)[1].verdict, 'not supported');
});
