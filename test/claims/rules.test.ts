import test from 'ava';
import {
  allOf,
  bootstrap,
  exceeds,
  fallsBelow,
  intervalInside,
  matchesValue,
  meanInterval,
  notTested,
  prefersModel,
  proportionInterval,
  studentQuantile,
  type Estimate,
} from '../../src/claims/index.ts';
import { fitLine } from '../../src/stats/index.ts';
import { Rng } from '../../src/random.ts';

const est = (value: number, lo: number, hi: number): Estimate => ({ value, lo, hi, level: 0.95, method: 'test' });

test('matchesValue: supported inside the band, not supported outside it, inconclusive across its edge', (t) => {
  t.is(matchesValue(est(-0.5, -0.55, -0.45), -0.5, 0.1, 'slope').verdict, 'supported');
  t.is(matchesValue(est(-0.2, -0.25, -0.15), -0.5, 0.1, 'slope').verdict, 'not supported');
  t.is(matchesValue(est(-0.5, -0.9, -0.1), -0.5, 0.1, 'slope').verdict, 'inconclusive');
});

test('intervalInside: infinities and NaN never support', (t) => {
  // "never covered": every time infinite. A one-sided region [1, ∞) must not be satisfied by ∞.
  t.not(intervalInside(est(Infinity, Infinity, Infinity), { min: 1 }, 'time').verdict, 'supported');
  t.is(intervalInside(est(Infinity, Infinity, Infinity), { max: 10 }, 'time').verdict, 'not supported');
  t.is(intervalInside(est(NaN, 0, 1), { min: 0, max: 1 }, 'x').verdict, 'inconclusive');
  t.is(intervalInside(est(0.5, 0.6, 0.4), { min: 0, max: 1 }, 'x').verdict, 'inconclusive');
  t.is(intervalInside(est(0.5, 0.2, Infinity), { min: 0, max: 1 }, 'x').verdict, 'inconclusive');
  t.is(intervalInside(est(5, 2, Infinity), { min: 1 }, 'x').verdict, 'supported');
});

test('exceeds / fallsBelow: direction, counter-case, undecided, and ∞ ≥ ∞ does not pass', (t) => {
  t.is(exceeds(est(0.3, 0.1, 0.5), 0, 'effect').verdict, 'supported');
  t.is(exceeds(est(-0.3, -0.5, -0.1), 0, 'effect').verdict, 'not supported');
  t.is(exceeds(est(0, 0, 0), 0, 'effect').verdict, 'not supported');
  t.is(exceeds(est(0.1, -0.2, 0.4), 0, 'effect').verdict, 'inconclusive');
  t.not(exceeds(est(Infinity, Infinity, Infinity), 0, 'effect').verdict, 'supported');
  t.is(fallsBelow(est(-0.3, -0.5, -0.1), 0, 'slope').verdict, 'supported');
  t.is(fallsBelow(est(0.3, 0.1, 0.5), 0, 'slope').verdict, 'not supported');
  t.is(fallsBelow(est(0.1, -0.2, 0.4), 0, 'slope').verdict, 'inconclusive');
  t.regex(fallsBelow(est(-0.3, -0.5, -0.1), 0, 'slope').reason, /below 0/);
});

test('prefersModel: the better model wins by AIC, a tie is inconclusive', (t) => {
  const a = { name: 'log', rss: 1, params: 2 };
  const b = { name: 'power', rss: 4, params: 2 };
  t.is(prefersModel(a, b, 20, 2).verdict, 'supported');
  t.is(prefersModel(b, a, 20, 2).verdict, 'not supported');
  t.is(prefersModel(a, { ...b, rss: 1.05 }, 20, 2).verdict, 'inconclusive');
  t.true(prefersModel(a, b, 20, 2).weightA > 0.99);
});

test('allOf: one failing part fails the whole; not tested beats inconclusive', (t) => {
  const s = { verdict: 'supported' as const, reason: 'a' };
  t.is(allOf([s, s]).verdict, 'supported');
  t.is(allOf([s, { verdict: 'not supported', reason: 'b' }]).verdict, 'not supported');
  t.is(allOf([s, { verdict: 'inconclusive', reason: 'c' }]).verdict, 'inconclusive');
  t.is(allOf([s, notTested('d')]).verdict, 'not tested');
  t.is(allOf([]).verdict, 'not tested');
});

test('studentQuantile: tabulated values', (t) => {
  t.true(Math.abs(studentQuantile(0.95, 10) - 2.228138852) < 1e-6);
  t.true(Math.abs(studentQuantile(0.95, 1) - 12.70620474) < 1e-5);
  t.true(Math.abs(studentQuantile(0.95, 1e7) - 1.959964) < 1e-5);
});

test('meanInterval and proportionInterval: coverage of a known mean and a Wilson interval', (t) => {
  const rng = new Rng(3);
  let covered = 0;
  for (let r = 0; r < 400; r++) {
    const v = Array.from({ length: 8 }, () => 2 + rng.normal());
    const e = meanInterval(v);
    if (e.lo <= 2 && 2 <= e.hi) covered++;
  }
  t.true(covered / 400 > 0.91 && covered / 400 < 0.99, `coverage ${covered / 400}`);
  const w = proportionInterval(0, 10);
  t.is(w.lo, 0);
  t.true(Math.abs(w.hi - 0.2775) < 1e-3);
});

test('bootstrap of a fitted slope covers the true slope and narrows with more seeds', (t) => {
  const rng = new Rng(5);
  const seeds = (n: number): { x: number; y: number }[] =>
    Array.from({ length: n }, (_, i) => ({ x: (i % 6) + 1, y: -0.5 * ((i % 6) + 1) + 0.3 * rng.normal() }));
  const slope = (s: { x: number; y: number }[]): number => fitLine(s.map((p) => p.x), s.map((p) => p.y)).slope;
  const few = bootstrap(seeds(12), slope);
  const many = bootstrap(seeds(120), slope);
  t.true(few.lo < -0.5 && -0.5 < few.hi);
  t.true(many.hi - many.lo < few.hi - few.lo);
  // A statistic that is undefined on every resample gives an unbounded interval, not a verdict.
  const never = bootstrap([1, 2, 3], () => NaN);
  t.is(never.lo, -Infinity);
  t.is(never.hi, Infinity);
});
