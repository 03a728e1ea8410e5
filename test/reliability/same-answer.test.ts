/**
 * Same answer twice: one spec and seed give bit-identical ODE and simulation results in one process
 * (the JSON bytes are compared), apart from the wall-clock `timing` section; results record the seed,
 * the backend and the versions.
 */
import test from 'ava';
import { parseCommitteeSpec, runOde } from '../../src/committee/index.ts';
import { compareOdeAndSimulation } from '../../src/simulate/compare.ts';
import { simulate } from '../../src/simulate/run.ts';
import { parseSimulationSpec } from '../../src/simulate/spec.ts';

const model = { activation: 'erf', a: [1, 1], aStar: [1, 1] };

const odeSpecs = {
  'gradient flow': { model, init: { kind: 'random', d: 50, scale: 0.5, seed: 7 }, times: { end: 50, points: 6, spacing: 'log' }, events: { plateauSlope: 0.1 } },
  'online SGD ODE': { model, dynamics: { kind: 'online-sgd', lr: 0.5 }, init: { kind: 'random', d: 50, scale: 0.5, seed: 7 }, times: [0, 1, 10, 30] },
  'discrete GD': { model, dynamics: { kind: 'gd', lr: 0.5 }, init: { kind: 'random', d: 50, scale: 0.5, seed: 7 }, times: [0, 1, 10, 20] },
};

for (const [name, json] of Object.entries(odeSpecs)) {
  test(`${name}: two runs of one spec give the same bytes`, (t) => {
    const first = JSON.stringify(runOde(parseCommitteeSpec(structuredClone(json))));
    const second = JSON.stringify(runOde(parseCommitteeSpec(structuredClone(json))));
    t.is(first, second);
    const { provenance } = JSON.parse(first);
    t.is(provenance.seed, 7);
    t.is(provenance.backend, 'float64 JavaScript');
    t.is(typeof provenance.versions.popflow, 'string');
  });
}

const simSpecs = {
  'online SGD on js': { model, dynamics: { kind: 'online-sgd', lr: 0.5 }, times: [0, 1, 2], d: 40, seeds: 2, init: { scale: 0.5, seed: 3 }, backend: 'js' },
  'full-batch GD on wasm': { model, dynamics: { kind: 'gd', lr: 0.5 }, times: [0, 1, 2], d: 40, n: 400, seeds: 2, init: { scale: 0.5, seed: 3 }, backend: 'wasm' },
};

for (const [name, json] of Object.entries(simSpecs)) {
  test.serial(`simulation, ${name}: two runs give the same bytes apart from timing`, async (t) => {
    const run = async (): Promise<string> => {
      const { timing, ...rest } = await simulate(parseSimulationSpec(structuredClone(json)));
      t.true(timing.wallSeconds >= 0);
      return JSON.stringify(rest);
    };
    const first = await run();
    t.is(await run(), first);
    const { provenance } = JSON.parse(first);
    t.is(provenance.seed, 3);
    t.deepEqual(provenance.dataSeeds, [1, 2]);
    t.regex(provenance.backend, new RegExp(`^${json.backend}`));
    t.is(typeof provenance.versions['tfjs-core'], 'string');
  });
}

test.serial('compare: two runs give the same data apart from the timing sections', async (t) => {
  const json = { model, dynamics: { kind: 'online-sgd', lr: 0.5 }, times: [0, 1, 2], d: [30, 60], seeds: 2, init: { scale: 0.5, seed: 3 }, backend: 'js' };
  const run = async (): Promise<string> => {
    const c = await compareOdeAndSimulation(structuredClone(json));
    return JSON.stringify(c, (key, value) => (key === 'timing' ? undefined : value));
  };
  const first = await run();
  t.is(await run(), first);
  t.true(first.includes('"provenance"'));
});
