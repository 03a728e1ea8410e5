import test from 'ava';
import { judge, lShapeRatio, strengthConcordance, type TianMeasurements, type TianRun } from '../../experiments/tian-2019.ts';
import { Rng } from '../../src/random.ts';

test('concordance: censored pairs count only when one unit was covered; none covered gives NaN, never ½ or 1', (t) => {
  t.is(strengthConcordance([1, 2, null]), 1);
  t.is(strengthConcordance([null, 2, 1]), 0);
  t.true(Number.isNaN(strengthConcordance([null, null, null])));
});

function run(p: number, ratio: number, seed: number, coverTime: (number | null)[], units: { corr: number; absA: number }[]): TianRun {
  return { p, ratio, seed, status: 'success', coverTime, coveredAtEnd: coverTime.map((c) => c !== null), units };
}

const lUnits = (sep: number) => [
  { corr: 0.99, absA: 1 }, { corr: 0.98, absA: 0.9 }, { corr: 0.5, absA: 1 / sep }, { corr: 0.4, absA: 0.9 / sep },
];

function measurements(order: 'strong' | 'weak' | 'none', seeds: number, sep: number, gain: number, sim = { d: 1000, maxRel: 0.05, tolerance: 5 / Math.sqrt(1000) }): TianMeasurements {
  const runs: TianRun[] = [];
  const rng = new Rng(3);
  for (let s = 0; s < seeds; s++) {
    const times = [10, 20, 30, 40].map((x) => x * (1 + 0.1 * rng.uniform()));
    // Units covered in order of strength (strong), or only the weakest ones, weakest first (weak).
    const covered = (n: number): (number | null)[] =>
      order === 'none' ? [null, null, null, null] : order === 'strong' ? times.map((c, k) => (k < n ? c : null)) : times.map((c, k) => (k >= 4 - n ? times[3 - k] : null));
    runs.push(run(1, 1, s, covered(2), lUnits(sep)));
    runs.push(run(1, 2, s, covered(2 + gain), lUnits(sep)));
  }
  return { runs, simulation: sim };
}

test('judge supports the paper when the synthetic data say so', (t) => {
  const c = judge(measurements('strong', 12, 10, 2));
  t.deepEqual(c.map((x) => x.verdict), ['supported', 'supported', 'supported', 'supported']);
});

test('counter-cases: weak first, no width gain, no L-shape, simulation off the flow are not supported', (t) => {
  t.is(judge(measurements('weak', 12, 10, 2))[0].verdict, 'not supported');
  const noGain = judge(measurements('strong', 12, 10, -1));
  t.is(noGain[1].verdict, 'not supported');
  t.is(judge(measurements('strong', 12, 0.5, 2))[2].verdict, 'not supported');
  t.is(judge(measurements('strong', 12, 10, 2, { d: 1000, maxRel: 0.5, tolerance: 5 / Math.sqrt(1000) }))[3].verdict, 'not supported');
});

test('nothing covered anywhere never supports ordering (the old ∞ ≥ ∞ bug)', (t) => {
  const c = judge(measurements('none', 12, 10, 0));
  t.not(c[0].verdict, 'supported');
});

test('too few seeds with mixed evidence are inconclusive', (t) => {
  const m = measurements('strong', 2, 10, 2);
  m.runs.push(...measurements('weak', 2, 10, 2).runs);
  t.is(judge(m)[0].verdict, 'inconclusive');
  // L-shape ratio near the threshold with few units: inconclusive.
  const l = measurements('strong', 3, 2, 2);
  l.runs.forEach((r) => (r.units = [{ corr: 0.99, absA: r.seed % 2 ? 1.6 : 0.8 }, { corr: 0.5, absA: 0.5 }]));
  t.true(Math.abs(lShapeRatio(l.runs.filter((r) => r.ratio === 2)) - 2.4) < 1);
  t.is(judge(l)[2].verdict, 'inconclusive');
});
