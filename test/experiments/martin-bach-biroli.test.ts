import test from 'ava';
import { judge, type MbbMeasurements, type PairMeasurement } from '../../experiments/martin-bach-biroli.ts';
import { Rng } from '../../src/random.ts';
import { stallLoss } from '../../src/quadratic/index.ts';

const dValues = [20, 40, 80, 200];
const gamma = Array.from({ length: 60 }, (_, i) => 5 * 10 ** (i / 59));

/** Synthetic measurements: finite-d errors ∝ d^slope, late laws as given, stall offset, recovery shares. */
function synthetic(o: { slope: number; noise: number; lossPower: number; minimalLaw: 'exp' | 'power'; stallShift: number; recovered: number; seeds?: number }): MbbMeasurements {
  const rng = new Rng(11);
  const seeds = o.seeds ?? 16;
  const pair = (alpha: number, alphaStar: number): PairMeasurement => {
    const m = alpha * 200;
    const mStar = alphaStar * 200;
    const stall = stallLoss(m, mStar);
    const minimal = alpha === alphaStar;
    const loss = gamma.map((g) => (alpha > alphaStar ? g ** -o.lossPower : alpha < alphaStar ? stall.limit : o.minimalLaw === 'exp' ? Math.exp(-g) : g ** -3));
    const late = minimal ? { gamma: gamma.map((g) => g / 5), loss: gamma.map((g) => (o.minimalLaw === 'exp' ? Math.exp((-4 * g) / 5) : (g / 5) ** -8)), gap: gamma.map(() => NaN) } : { gamma, loss, gap: gamma.map((g) => 0.1 / g) };
    return {
      alpha, alphaStar, dValues, m, mStar,
      supError: dValues.map((d) => Array.from({ length: seeds }, () => d ** o.slope * Math.exp(o.noise * rng.normal()))),
      finalLoss: Array.from({ length: seeds }, (_, s) => (alpha < alphaStar ? stall.finite + o.stallShift : s < o.recovered * seeds ? 1e-8 : 0.5)),
      late,
      limitFinal: stall.limit,
    };
  };
  return {
    pairs: [pair(0.5, 0.25), pair(0.5, 0.5), pair(0.25, 0.5)],
    gaussian: [{ alpha: 0.5, alphaStar: 0.25, d: 100, finalLoss: Array.from({ length: seeds }, (_, s) => (s < o.recovered * seeds ? 1e-9 : 0.3)) }],
    escapePaired: { lnD: [4.6, 6.9, 9.2, 11.5].flatMap((l) => [l, l, l]), residual: [4.6, 6.9, 9.2, 11.5].flatMap((l) => [0.25 * l + 0.001, 0.25 * l, 0.25 * l - 0.001]) },
  };
}
const verdicts = (m: MbbMeasurements): Record<string, string> => Object.fromEntries(judge(m).map((c) => [c.id, c.verdict]));

test('martin-bach-biroli judge: the derived laws are supported', (t) => {
  const v = verdicts(synthetic({ slope: -1, noise: 0.02, lossPower: 2, minimalLaw: 'exp', stallShift: 0, recovered: 1 }));
  for (const id of ['finite-d-to-limit-0.5-0.25', 'strong-recovery', 'late-power-law', 'overlap-gap-power-law', 'late-exponential', 'stall-level', 'gaussian-init-recovery', 'escape-time-ln-d']) t.is(v[id], 'supported', id);
});

test('martin-bach-biroli judge: counter-cases are not supported', (t) => {
  const v = verdicts(synthetic({ slope: -0.3, noise: 0.02, lossPower: 1, minimalLaw: 'power', stallShift: 0.3, recovered: 0.25 }));
  for (const id of ['finite-d-to-limit-0.5-0.25', 'strong-recovery', 'late-power-law', 'late-exponential', 'stall-level', 'gaussian-init-recovery']) t.is(v[id], 'not supported', id);
});

test('martin-bach-biroli judge: too few seeds or too much noise is inconclusive', (t) => {
  const v = verdicts(synthetic({ slope: -1, noise: 1.5, lossPower: 2, minimalLaw: 'exp', stallShift: 0, recovered: 1, seeds: 4 }));
  t.is(v['finite-d-to-limit-0.5-0.25'], 'inconclusive');
  t.is(v['strong-recovery'], 'inconclusive');
  t.is(v['gaussian-init-recovery'], 'inconclusive');
});
