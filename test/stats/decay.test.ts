import test from 'ava';
import { lateDecay, localExponents } from '../../src/stats/decay.ts';

const logTimes = (lo: number, hi: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));

test('an exact power law 3 t^-2 is fitted with β = 2 and named a power law; local exponents are 2', (t) => {
  const ts = logTimes(1, 1e4, 41);
  const loss = ts.map((x) => 3 * x ** -2);
  const floor = ts.map(() => 0);
  const d = lateDecay(ts, loss, floor, { threshold: 1, resolvedFactor: 1e3 });
  t.truthy(d);
  t.true(Math.abs(d!.power.slope + 2) < 1e-12);
  t.is(d!.kind, 'power law');
  // The last decade [1e3, 1e4] of 41 log-spaced samples over 4 decades holds 11 samples.
  t.is(d!.points, 11);
  const loc = localExponents(ts, loss, floor, { stride: 4, below: 1, resolvedFactor: 1e3 });
  for (const e of loc.exponent) t.true(Math.abs(e - 2) < 1e-12);
});

test('an exact exponential e^(−0.1 t) is fitted with γ = 0.1 and named exponential', (t) => {
  const ts = Array.from({ length: 200 }, (_, i) => i);
  const loss = ts.map((x) => Math.exp(-0.1 * x));
  const d = lateDecay(ts, loss, ts.map(() => 0), { threshold: 0.5, resolvedFactor: 1e3 });
  t.true(Math.abs(d!.exponential.slope + 0.1) < 1e-12);
  t.is(d!.kind, 'exponential');
});

test('the fit stops before values within the resolution factor of the floor', (t) => {
  const ts = logTimes(1, 1e4, 41);
  // Exponential decay that reaches a rounding floor of 1e-15 near t ≈ 345; afterwards noise.
  const loss = ts.map((x) => Math.max(Math.exp(-0.1 * x), 1e-16));
  const floor = ts.map(() => 1e-15);
  const d = lateDecay(ts, loss, floor, { threshold: 0.5, resolvedFactor: 1e3 });
  // Last resolved sample: ε > 1e-12 ⇔ t < 276.3; samples are 10^(k/10), so t_last = 10^2.4 ≈ 251.
  t.truthy(d);
  t.true(Math.abs(d!.window[1] - 10 ** 2.4) < 1e-9);
  t.is(d!.kind, 'exponential');
});

test('no late phase: null', (t) => {
  const ts = [1, 2, 3, 4, 5];
  t.is(lateDecay(ts, [1, 1, 1, 1, 1], [0, 0, 0, 0, 0], { threshold: 0.5, resolvedFactor: 1e3 }), null);
});
