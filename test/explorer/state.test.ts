import test from 'ava';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommitteeSpec } from '../../src/committee/index.ts';
import { parseSimulationSpec } from '../../src/simulate/index.ts';
import { SpecError } from '../../src/validate.ts';
import { DEFAULT_STATE, committeeSpecJson, searchOfState, simulationSpecJson, simulationTimes, stateFromSearch, stateFromSpec, type ExplorerState } from '../../explorer/state.ts';

const varied: ExplorerState = {
  ...DEFAULT_STATE,
  activation: 'tanh(x)',
  teacherActivation: 'relu',
  a: [1, -0.5, 0.25],
  aStar: [1, 0.5],
  dynamics: 'gd',
  lr: 0.3,
  noise: 0.1,
  trainSecondLayer: true,
  end: 50,
  target: 1e-4,
  n: 1234,
  seeds: 4,
};

test('a state survives the URL: stateFromSearch(searchOfState(s)) = s', (t) => {
  for (const s of [DEFAULT_STATE, varied, { ...varied, dynamics: 'gradient-flow' as const, lr: DEFAULT_STATE.lr }]) {
    t.deepEqual(stateFromSearch(searchOfState(s)), s);
  }
  t.deepEqual(stateFromSearch(''), DEFAULT_STATE);
});

test('the committee and simulation specs of a state are accepted by the engine', (t) => {
  for (const s of [DEFAULT_STATE, varied]) {
    t.notThrows(() => parseCommitteeSpec(committeeSpecJson(s)));
    const sim = parseSimulationSpec(simulationSpecJson(s, 'webgl'));
    t.is(sim.backend, 'webgl');
    t.is(sim.d, s.d);
  }
  // Gradient flow is simulated as GD at the state's η.
  t.is(parseSimulationSpec(simulationSpecJson({ ...DEFAULT_STATE, dynamics: 'gradient-flow' }, 'js')).dynamics.kind, 'gd');
});

test('simulation times are whole, distinct steps from 0 to the end', (t) => {
  for (const s of [DEFAULT_STATE, varied]) {
    const times = simulationTimes(s);
    const perStep = s.dynamics === 'gd' ? 1 / s.lr : s.d;
    const steps = times.map((x) => x * perStep);
    t.is(steps[0], 0);
    t.true(Math.abs(times[times.length - 1] - s.end) <= 1 / perStep);
    steps.forEach((k, i) => {
      t.true(Math.abs(k - Math.round(k)) < 1e-9);
      if (i > 0) t.true(k > steps[i - 1]);
    });
  }
});

test('bad links are refused with the field named', (t) => {
  t.is(t.throws(() => stateFromSearch('?spec=not-json'), { instanceOf: SpecError })?.path, 'spec');
  t.is(t.throws(() => stateFromSpec({ model: { activation: 'erf', a: [1], aStar: [1] }, init: { Q: [[1]], R: [[0]], T: [[1]] }, times: [0, 1] }), { instanceOf: SpecError })?.path, 'init');
  t.is(t.throws(() => stateFromSpec({ model: { activation: 'erf', a: [], aStar: [1] }, init: { kind: 'random', d: 10, scale: 1 }, times: [0, 1] }), { instanceOf: SpecError })?.path, 'model.a');
});

test("every committed report's spec opens in the explorer, unless it is not a committee spec or starts from given overlaps", async (t) => {
  const root = join(process.cwd(), 'reports');
  const opened: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const text = await readFile(join(root, entry.name, 'data.json'), 'utf8').catch(() => null);
    if (text === null) continue;
    const spec = (JSON.parse(text) as { spec?: unknown }).spec;
    try {
      const state = stateFromSpec(spec);
      t.notThrows(() => parseCommitteeSpec(committeeSpecJson(state)));
      opened.push(entry.name);
    } catch (e) {
      t.true(e instanceof SpecError, `${entry.name}: ${(e as Error).message}`);
    }
  }
  t.log(`opens: ${opened.join(', ')}`);
  // Reports whose spec is a committee or simulation spec; the others record a sweep or an experiment plan.
  for (const name of ['compare', 'tian-2019']) t.true(opened.includes(name), name);
});
