import test from 'ava';
import { judge, SLOPE_PREDICTED, type WangMeasurements } from '../../experiments/wang-2020.ts';
import { Rng } from '../../src/random.ts';
import { digamma } from '../../src/stats/index.ts';

const widths = [1, 2, 4, 8, 16, 32];
const logT = Array.from({ length: 40 }, (_, i) => 1000 * 10 ** (i / 39));

/** Synthetic measurements: time law T(K) = 1 + slope·ψ(K/2) + noise, late curves of a given law, GD steps c/η · f(K). */
function synthetic(opts: { slope: number; noise: number; late: 'exp' | 'power'; gdTrend: number; seeds?: number }): WangMeasurements {
  const rng = new Rng(3);
  const seeds = opts.seeds ?? 12;
  const curve = (law: 'exp' | 'power') => ({ t: logT, dist: logT.map((t) => (law === 'exp' ? Math.exp(-t / 2000) : 0.3 / Math.sqrt(t)) * (1 + 1e-3 * rng.normal())) });
  return {
    widths,
    nearTime: widths.map((K) => Array.from({ length: seeds }, () => 1 + opts.slope * digamma(K / 2) + opts.noise * rng.normal())),
    late: [1, 2, 4].map((K) => ({ K, curves: Array.from({ length: 4 }, () => curve(K === 1 ? 'exp' : opts.late)) })),
    gd: [0.1, 0.2, 0.3].map((eta) => ({ eta, widths, steps: widths.map((K) => Array.from({ length: seeds }, () => Math.round((2 / eta) * (1 + opts.gdTrend * Math.log(K)) * (1 + 0.02 * rng.normal())))) })),
  };
}
const verdict = (m: WangMeasurements, id: string) => judge(m).find((c) => c.id === id)!.verdict;

test('wang judge: the derived slope, linear late decay and a K-advantage are supported', (t) => {
  const m = synthetic({ slope: SLOPE_PREDICTED, noise: 0.005, late: 'exp', gdTrend: -0.1 });
  t.is(verdict(m, 'neighbourhood-time-slope'), 'supported');
  t.is(verdict(m, 'linear-convergence-K1'), 'supported');
  t.is(verdict(m, 'linear-convergence-K>1'), 'supported');
  t.is(verdict(m, 'gd-K-advantage'), 'supported');
  t.is(verdict(m, 'late-exponent-K>1'), 'not supported');
});

test('wang judge: counter-cases are not supported', (t) => {
  const m = synthetic({ slope: 0.05, noise: 0.005, late: 'power', gdTrend: 0.1 });
  t.is(verdict(m, 'neighbourhood-time-slope'), 'not supported');
  t.is(verdict(m, 'linear-convergence-K>1'), 'not supported');
  t.is(verdict(m, 'late-exponent-K>1'), 'supported');
  t.is(verdict(m, 'gd-K-advantage'), 'not supported');
  // η = 0.3 is fastest here, not the paper's 0.2
  t.is(verdict(m, 'gd-best-step-size'), 'not supported');
});

test('wang judge: too noisy to decide is inconclusive, and a censored time never supports', (t) => {
  t.is(verdict(synthetic({ slope: SLOPE_PREDICTED, noise: 0.5, late: 'exp', gdTrend: -0.1, seeds: 4 }), 'neighbourhood-time-slope'), 'inconclusive');
  const m = synthetic({ slope: SLOPE_PREDICTED, noise: 0.005, late: 'exp', gdTrend: -0.1 });
  m.nearTime[5][0] = null;
  m.gd[0].steps[5][0] = null;
  t.not(verdict(m, 'neighbourhood-time-slope'), 'supported');
  t.not(verdict(m, 'gd-K-advantage'), 'supported');
});

test('wang judge: the ψ(K/2) law against a power law of K, both ways', (t) => {
  const m = synthetic({ slope: SLOPE_PREDICTED, noise: 0.002, late: 'exp', gdTrend: -0.1 });
  t.is(verdict(m, 'neighbourhood-time-digamma-law'), 'supported');
  const rng = new Rng(5);
  m.nearTime = widths.map((K) => Array.from({ length: 12 }, () => K ** -0.15 * (1 + 0.002 * rng.normal())));
  t.is(verdict(m, 'neighbourhood-time-digamma-law'), 'not supported');
});
