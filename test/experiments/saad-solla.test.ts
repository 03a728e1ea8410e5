import test from 'ava';
import { judge, type SaadSollaMeasurements } from '../../experiments/saad-solla.ts';
import { erfSymmetricFixedPoint } from '../../src/committee/index.ts';
import { Rng } from '../../src/random.ts';

const EPS = erfSymmetricFixedPoint(2).loss;
const ETAS = [0.02, 0.05, 0.1, 0.2];
const DIMS = [1e2, 1e3, 1e4, 1e5, 1e6];

/** Synthetic measurements: plateau height ε0 + c·η, length L/η^k, escape A + B ln d (or a power), with relative scatter. */
function synthetic(o: { height0?: number; lengthExp?: number; escape?: 'log' | 'power' | 'falling'; seeds?: number; noise?: number; firstSlope?: number; bothRatio?: number; gdExp?: number } = {}): SaadSollaMeasurements {
  const { height0 = EPS, lengthExp = -1, escape = 'log', seeds = 8, noise = 0.01, firstSlope = 1e-3, bothRatio = 0.5, gdExp = 1 } = o;
  const rng = new Rng(9);
  const jitter = (): number => 1 + noise * rng.normal();
  const esc = (d: number): number => (escape === 'log' ? 20 + 10 * Math.log(d) : escape === 'power' ? 5 * d ** 0.5 : 200 - 10 * Math.log(d));
  const widths = [2, 3, 4, 6];
  const first = widths.map((m) => 0.01 + firstSlope * m);
  return {
    etas: ETAS,
    height: ETAS.map((e) => Array.from({ length: seeds }, () => (height0 + 0.006 * e) * jitter())),
    length: ETAS.map((e) => Array.from({ length: seeds }, () => 20 * e ** lengthExp * jitter())),
    dims: DIMS,
    escape: DIMS.map((d) => Array.from({ length: seeds }, () => esc(d) * jitter())),
    simDims: [100, 200, 400],
    simEscape: [100, 200, 400].map((d) => Array.from({ length: 4 }, () => esc(d) * jitter())),
    noise: { widths, firstLayer: first, bothLayers: first.map((v) => v * bothRatio) },
    gd: { etas: [0.05, 0.1, 0.2, 0.5, 1], maxDeviation: [0.05, 0.1, 0.2, 0.5, 1].map((e) => 0.3 * e ** gdExp) },
  };
}

const byId = (m: SaadSollaMeasurements) => Object.fromEntries(judge(m).map((c) => [c.id, c.verdict]));

test('synthetic data with the predicted laws support every claim', (t) => {
  const v = byId(synthetic());
  for (const id of ['plateau-height', 'plateau-length-eta', 'escape-grows-ln-d', 'escape-log-not-power', 'simulated-escape-grows-ln-d', 'noise-first-layer-width', 'noise-both-layers', 'gd-first-order']) {
    t.is(v[id], 'supported', id);
  }
});

test('counter-cases are not supported', (t) => {
  t.is(byId(synthetic({ height0: 1.2 * EPS }))['plateau-height'], 'not supported');
  t.is(byId(synthetic({ lengthExp: -0.5 }))['plateau-length-eta'], 'not supported');
  t.is(byId(synthetic({ escape: 'falling' }))['escape-grows-ln-d'], 'not supported');
  t.is(byId(synthetic({ escape: 'power', noise: 0.001 }))['escape-log-not-power'], 'not supported');
  t.is(byId(synthetic({ firstSlope: -1e-3 }))['noise-first-layer-width'], 'not supported');
  t.is(byId(synthetic({ bothRatio: 1.5 }))['noise-both-layers'], 'not supported');
  t.is(byId(synthetic({ gdExp: 2 }))['gd-first-order'], 'not supported');
});

test('too noisy to decide: three seeds with large scatter are inconclusive', (t) => {
  const v = byId(synthetic({ seeds: 3, noise: 0.5 }));
  t.is(v['plateau-height'], 'inconclusive');
  t.is(v['plateau-length-eta'], 'inconclusive');
});

test('censored runs (no plateau exit, no escape) never support a claim', (t) => {
  const m = synthetic();
  m.length[0][0] = null;
  m.escape[4] = m.escape[4].map(() => null);
  m.simEscape[2][1] = null;
  const v = byId(m);
  t.not(v['plateau-length-eta'], 'supported');
  t.not(v['escape-grows-ln-d'], 'supported');
  t.not(v['escape-log-not-power'], 'supported');
  t.not(v['simulated-escape-grows-ln-d'], 'supported');
});

test('deterministic claims without enough points are inconclusive, not supported', (t) => {
  const m = synthetic();
  m.gd.maxDeviation = m.gd.maxDeviation.map(() => null);
  m.noise = { widths: [2], firstLayer: [0.01], bothLayers: [0.005] };
  const v = byId(m);
  t.is(v['gd-first-order'], 'inconclusive');
  t.is(v['noise-first-layer-width'], 'inconclusive');
});
