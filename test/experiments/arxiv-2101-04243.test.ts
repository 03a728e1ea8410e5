/**
 * The verdict rules of the arXiv 2101.04243 experiment on synthetic measurements: a logarithmic and a
 * power-law growth of iterations with n, premises that improve or worsen with width, noisy and censored
 * cases (which must never support a claim).
 */
import test from 'ava';
import { judge, timeModels, widthsFor, type ArxivMeasurements } from '../../experiments/arxiv-2101-04243.ts';
import { Rng } from '../../src/random.ts';

const NS = [16, 23, 32, 45, 64, 91, 128, 181, 256];
const SEEDS = [1, 2, 3];

function synthetic(law: (n: number) => number, widthPower: number, noise: number, censor = false): ArxivMeasurements {
  const rng = new Rng(11);
  const time = [2, 4, 8].flatMap((depth) =>
    NS.flatMap((n) => SEEDS.map((seed) => ({ depth, n, seed, iterations: censor && n === 256 ? null : law(n) * Math.exp(noise * rng.normal()) }))),
  );
  const width = [2, 4, 8].flatMap((depth) =>
    [16, 32].flatMap((n) =>
      widthsFor(n, depth).flatMap((m) =>
        SEEDS.map((seed) => ({
          depth, n, m, seed,
          patternChange: censor && m === n ? null : 0.1 * (m / n) ** widthPower * Math.exp(noise * rng.normal()),
          relativeChange: 0.2 * (m / n) ** widthPower * Math.exp(noise * rng.normal()),
        })),
      ),
    ),
  );
  return { time, width };
}

const verdicts = (m: ArxivMeasurements) => Object.fromEntries(judge(m).map((c) => [c.id, c.verdict]));

test('logarithmic growth and premises that improve with width are supported', (t) => {
  const v = verdicts(synthetic((n) => 40 * Math.log(n), -0.5, 0.003));
  for (const L of [2, 4, 8]) t.is(v[`time-logarithmic-in-n-L${L}`], 'supported');
  t.is(v['activation-patterns-freeze-with-width'], 'supported');
  t.is(v['weights-stay-close-with-width'], 'supported');
  t.is(v['time-logarithmic-in-depth'], 'not tested');
  t.is(v['quadratic-width-suffices'], 'not tested');
});

test('counter-cases: power-law growth in n and premises that worsen with width are not supported', (t) => {
  const v = verdicts(synthetic((n) => 3 * n, 0.3, 0.003));
  for (const L of [2, 4, 8]) t.is(v[`time-logarithmic-in-n-L${L}`], 'not supported');
  t.is(v['activation-patterns-freeze-with-width'], 'not supported');
  t.is(v['weights-stay-close-with-width'], 'not supported');
});

test('too noisy, or censored runs: inconclusive, never supported', (t) => {
  // no growth at all: both laws reduce to a constant and fit alike; premises flat within large noise
  const noisy = verdicts(synthetic(() => 100, -0.05, 0.6));
  for (const L of [2, 4, 8]) t.is(noisy[`time-logarithmic-in-n-L${L}`], 'inconclusive');
  t.is(noisy['activation-patterns-freeze-with-width'], 'inconclusive');
  const censored = verdicts(synthetic((n) => 40 * Math.log(n), -0.5, 0.003, true));
  for (const L of [2, 4, 8]) t.is(censored[`time-logarithmic-in-n-L${L}`], 'inconclusive');
  t.is(censored['activation-patterns-freeze-with-width'], 'inconclusive');
});

test('timeModels: exact laws are fitted exactly; widths n, n^1.5, n² are capped by depth', (t) => {
  const fits = timeModels(NS.map((n) => ({ n, iterations: 5 * n ** 0.7 })))!;
  t.true(Math.abs(fits.power.slope - 0.7) < 1e-12 && fits.rssPower < 1e-20);
  const logFits = timeModels(NS.map((n) => ({ n, iterations: 10 + 20 * Math.log(n) })))!;
  t.true(logFits.rssLog < 1e-20 && logFits.rssPower > 1e-6);
  t.deepEqual(widthsFor(16, 2), [16, 64, 256]);
  t.deepEqual(widthsFor(32, 8), [32, 181, 256]);
});
