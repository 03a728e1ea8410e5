/**
 * The simulator's pieces against independent computations: spec validation, backends, the shared
 * initial draw against the ODE's own random overlaps, the initial-overlaps file, input sampling,
 * tfjs against the float64 path on the same samples, and worker threads against one thread.
 */
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommitteeLayout, CommitteeRisk, randomOverlaps } from '../../src/committee/index.ts';
import { pairIntegral, parseActivation } from '../../src/integrals/index.ts';
import { Rng } from '../../src/random.ts';
import { SpecError } from '../../src/validate.ts';
import { tfActivation } from '../../src/simulate/activation.ts';
import { useBackend } from '../../src/simulate/backend.ts';
import { fillStandardNormal } from '../../src/simulate/data.ts';
import {
  BackendUnavailableError,
  parseSimulationSpec,
  readInitialOverlaps,
  simulate,
  writeInitialOverlaps,
} from '../../src/simulate/index.ts';
import { compareOdeAndSimulation } from '../../src/simulate/compare.ts';
import { TfCommittee } from '../../src/simulate/network.ts';
import { ShardedGradient } from '../../src/io/parallel.node.ts';

const model = { activation: 'erf', a: [1, 1], aStar: [1, 1] };
const sgd = { model, dynamics: { kind: 'online-sgd', lr: 0.5 }, times: [0, 1, 2], d: 100 };

test.serial('spec errors name the field, the value and what is allowed', (t) => {
  const cases: [unknown, string][] = [
    [{ ...sgd, d: undefined }, 'd'],
    [{ ...sgd, d: 1 }, 'd'],
    [{ ...sgd, dynamics: { kind: 'gradient-flow' } }, 'dynamics.kind'],
    [{ ...sgd, dynamics: { kind: 'gd', lr: 0.1 } }, 'n'],
    [{ ...sgd, n: 100 }, 'n'],
    [{ ...sgd, dynamics: { kind: 'gd', lr: 0.1 }, n: 100, batch: 4 }, 'batch'],
    [{ ...sgd, seeds: [] }, 'seeds'],
    [{ ...sgd, seeds: [1, 1.5] }, 'seeds[1]'],
    [{ ...sgd, backend: 'gpu' }, 'backend'],
    [{ ...sgd, init: { scale: -1 } }, 'init.scale'],
    [{ ...sgd, model: { ...model, a: [] } }, 'model.a'],
    [{ ...sgd, dynamics: { kind: 'online-sgd', lr: 0.5, weightDecay: 0.1 } }, 'dynamics.weightDecay'],
  ];
  for (const [spec, path] of cases) {
    const e = t.throws(() => parseSimulationSpec(spec), { instanceOf: SpecError }, path);
    t.is(e?.path, path);
  }
  const ok = parseSimulationSpec({ ...sgd, seeds: 3 });
  t.deepEqual(ok.seeds, [1, 2, 3]);
  t.is(ok.batch, 1);
});

test.serial('run-time refusals: times closer than a step, workers off wasm GD, activations tfjs lacks, mini-batch comparisons', async (t) => {
  const close = parseSimulationSpec({ ...sgd, times: [0, 0.001, 1] });
  const e1 = await t.throwsAsync(simulate(close), { instanceOf: SpecError });
  t.is(e1?.path, 'times[1]');
  const workers = parseSimulationSpec({ ...sgd, workers: 2 });
  const e2 = await t.throwsAsync(simulate(workers), { instanceOf: SpecError });
  t.is(e2?.path, 'workers');
  const cosine = parseSimulationSpec({ ...sgd, model: { ...model, activation: 'cos(x)' }, backend: 'wasm' });
  const e3 = await t.throwsAsync(simulate(cosine), { instanceOf: SpecError });
  t.is(e3?.path, 'model.activation');
  const e4 = await t.throwsAsync(compareOdeAndSimulation({ ...sgd, batch: 4 }), { instanceOf: SpecError });
  t.is(e4?.path, 'batch');
});

test.serial('unavailable backends say why and list the available ones', async (t) => {
  for (const name of ['tensorflow', 'webgpu'] as const) {
    const e = await t.throwsAsync(useBackend(name, true), { instanceOf: BackendUnavailableError });
    t.regex(e!.message, /is unavailable: .+/);
    t.regex(e!.message, /js, wasm, cpu/);
  }
  t.is((await useBackend('auto', true)).name, 'wasm');
  t.is((await useBackend('auto', false)).name, 'js');
});

test.serial('the initial draw has exactly the overlaps of the ODE random init, and the file round-trips', async (t) => {
  const spec = parseSimulationSpec({ ...sgd, model: { activation: 'erf', a: [1, 0.5, 2], aStar: [1, 1] }, d: 80, init: { scale: 0.7, seed: 9 } });
  const sim = await simulate(spec);
  const ode = randomOverlaps(3, 2, 80, 0.7, 9, [1, 0.5, 2]);
  const close = (x: number[][], y: number[][]): boolean => x.every((r, i) => r.every((v, j) => Math.abs(v - y[i][j]) <= 1e-12));
  t.true(close(sim.initial.Q, ode.Q));
  t.true(close(sim.initial.R, ode.R));
  t.true(close(sim.initial.T, [[1, 0], [0, 1]]), 'T = I up to rounding');
  t.deepEqual(sim.runs[0].Q[0], sim.initial.Q);
  const file = join(mkdtempSync(join(tmpdir(), 'popflow-sim-')), 'init.json');
  writeInitialOverlaps(file, sim.initial);
  t.deepEqual(readInitialOverlaps(file), sim.initial);
  const e = t.throws(() => readInitialOverlaps(join(file, 'missing.json')), { instanceOf: SpecError });
  t.regex(e!.message, /missing\.json: no such file \(expected an initial-overlaps file written by a simulation\)$/);
});

test.serial('Box–Muller inputs have the moments of N(0, 1)', (t) => {
  const N = 200_000;
  const z = fillStandardNormal(new Rng(3), new Float64Array(N));
  const moment = (k: number): number => z.reduce((s, v) => s + v ** k, 0) / N;
  // standard errors: mean 1/√N, second moment √2/√N, fourth moment √96/√N; 5 standard errors each
  t.true(Math.abs(moment(1)) < 5 / Math.sqrt(N));
  t.true(Math.abs(moment(2) - 1) < (5 * Math.SQRT2) / Math.sqrt(N));
  t.true(Math.abs(moment(4) - 3) < (5 * Math.sqrt(96)) / Math.sqrt(N));
});

test.serial('online SGD on wasm (float32, batch 1 and 8) follows the float64 path on the same samples', async (t) => {
  for (const batch of [1, 8]) {
    const base = { ...sgd, times: [0, 0.5, 1, 2], batch, seeds: [4], init: { scale: 0.3 } };
    const host = await simulate(parseSimulationSpec({ ...base, backend: 'js' }));
    const wasm = await simulate(parseSimulationSpec({ ...base, backend: 'wasm' }));
    t.is(wasm.backend.name, 'wasm');
    // same samples, float32 against float64 arithmetic: 200·B updates of size η/d each rounding at 2⁻²⁴
    // relative; 1e-4 relative on ε_g is far above that accumulated rounding and far below the 1/√d ≈ 0.1
    // a different sample stream would give
    for (let i = 0; i < host.t.length; i++) {
      const [a, b] = [host.runs[0].loss[i], wasm.runs[0].loss[i]];
      t.true(Math.abs(a - b) <= 1e-4 * a, `batch ${batch}, α = ${host.t[i]}: ${a} vs ${b}`);
    }
  }
});

test.serial('worker threads: the sharded full-batch gradient equals the one-thread gradient', async (t) => {
  await useBackend('wasm', true);
  const d = 30;
  const m = 3;
  const n = 501;
  const rng = new Rng(5);
  const batch = { X: rng.fillNormal(new Float64Array(n * d)), y: rng.fillNormal(new Float64Array(n)), size: n };
  const V = rng.fillNormal(new Float64Array(d * m), 1 / Math.sqrt(d));
  const a = Float64Array.from([1, -0.5, 2]);
  const sigma = tfActivation('tanh', 'activation');
  const sharded = await ShardedGradient.start(sigma, batch, d, m, 2);
  try {
    sharded.compute(V, a);
    const one = new TfCommittee(sigma, V, a, d, m);
    const resident = one.upload(batch);
    const { loss, gV, ga } = one.lossAndGradient(resident);
    const g = gV.dataSync();
    const scale = Math.max(...g.map(Math.abs));
    // float32 sums over 501 samples split differently: rounding ≲ 1e-6 relative; 1e-4 allows for it
    t.true(Math.abs(sharded.loss.value - loss.dataSync()[0]) <= 1e-4 * loss.dataSync()[0]);
    t.true(g.every((v, k) => Math.abs(v - sharded.gV[k]) <= 1e-4 * scale));
    t.true(ga.dataSync().every((v, j) => Math.abs(v - sharded.ga[j]) <= 1e-4 * Math.abs(v) + 1e-7));
    one.dispose();
  } finally {
    await sharded.stop();
  }
  const spec = { model, dynamics: { kind: 'gd', lr: 0.2 }, times: [0, 1, 2], d: 40, n: 2000, backend: 'wasm' };
  const single = await simulate(parseSimulationSpec({ ...spec, workers: 1 }));
  const double = await simulate(parseSimulationSpec({ ...spec, workers: 2 }));
  t.is(double.threads, 2);
  single.runs[0].loss.forEach((l, i) => t.true(Math.abs(l - double.runs[0].loss[i]) <= 1e-4 * l));
});

test.serial('without a closed-form I2 (tanh) ε_g is the test error, within Monte Carlo error of the quadrature risk of the overlaps', async (t) => {
  const N = 20_000;
  const sim = await simulate(
    parseSimulationSpec({ model: { activation: 'tanh(x)', a: [1, 1], aStar: [1, 1] }, dynamics: { kind: 'online-sgd', lr: 0.5 }, times: [0, 2, 5], d: 60, testSamples: N }),
  );
  t.is(sim.lossKind, 'test');
  const sigma = parseActivation('tanh(x)');
  const ss = pairIntegral(sigma, sigma);
  t.is(ss.path, 'quadrature');
  const layout = new CommitteeLayout(2, 2, false);
  const risk = new CommitteeRisk(layout, { studentStudent: ss, studentTeacher: ss, teacherTeacher: ss }, Float64Array.from(sim.initial.T.flat()), Float64Array.from([1, 1]));
  sim.t.forEach((_, i) => {
    const run = sim.runs[0];
    const exact = risk.loss(layout.pack(run.Q[i], run.R[i], []), run.a[i]).value;
    // ½Δ² has standard deviation ≤ √2·ε_g (equality for Gaussian Δ; tanh outputs are bounded): 5 standard errors
    t.true(Math.abs(run.loss[i] - exact) <= (5 * Math.SQRT2 * exact) / Math.sqrt(N), `α = ${sim.t[i]}: test ${run.loss[i]} vs quadrature ${exact}`);
  });
});

test.serial('weights built from given overlaps have exactly those overlaps at every d', async (t) => {
  const Q = [[0.09, 0.01], [0.01, 0.08]];
  const R = [[0.02, -0.01], [0.005, 0.015]];
  for (const d of [10, 300]) {
    const sim = await simulate(parseSimulationSpec({ ...sgd, d, times: [0, 0.1], init: { Q, R, seed: 3 } }));
    const close = (x: number[][], y: number[][]): boolean => x.every((r, i) => r.every((v, j) => Math.abs(v - y[i][j]) <= 1e-12));
    t.true(close(sim.initial.Q, Q), `Q at d = ${d}: ${JSON.stringify(sim.initial.Q)}`);
    t.true(close(sim.initial.R, R));
    t.true(close(sim.initial.T, [[1, 0], [0, 1]]));
    t.is(sim.initial.scale, null);
  }
  // [[Q, R], [Rᵀ, I]] must be positive semidefinite for such weights to exist: refused when the spec is read
  const e = t.throws(() => parseSimulationSpec({ ...sgd, init: { Q: [[0.01, 0], [0, 0.01]], R: [[0.2, 0], [0, 0]] } }), { instanceOf: SpecError });
  t.is(e?.path, 'init');
});
