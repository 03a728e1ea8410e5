/**
 * Run a simulation spec: for each data seed, train the finite-d network from the shared initial
 * weights and record Q, R, a, ε_g and the training error at the output times; then the mean and the
 * spread of ε_g over seeds.
 *
 * ε_g is the exact population risk of the current weights' overlaps (THEORY.md §1, with the I2 of
 * `src/integrals`) when every I2 has a closed form or a Wick polynomial; otherwise the mean of
 * ½(ŷ − y)² over `testSamples` fresh noiseless samples (test error; its standard error is O(ε_g/√N)).
 */
import * as tf from '@tensorflow/tfjs-core';
import { CommitteeLayout, CommitteeRisk } from '../committee/index.ts';
import { offGridWarnings } from '../committee/health.ts';
import { provenance, type Provenance } from '../provenance.ts';
import { pairIntegral, parseActivation } from '../integrals/index.ts';
import { Rng } from '../random.ts';
import { tfActivation } from './activation.ts';
import { useBackend, type BackendInfo } from './backend.ts';
import { TeacherSampler, gram, initialWeights, weightsWithOverlaps } from './data.ts';
import type { InitialOverlaps } from '../committee/overlapsFile.ts';
import { TfCommittee } from './network.ts';
import { hostTrainer, shardedTrainer, tfTrainer, type Trainer } from './trainers.ts';
import { ReferenceCommittee } from './reference.ts';
import type { SimulationSpec } from './spec.ts';
import { SpecError } from '../validate.ts';

export interface SimulationRun {
  seed: number;
  /** ε_g at each output time (population or test error, see `SimulationResult.lossKind`). */
  loss: number[];
  /**
   * Rounding floor of the population ε_g (null for test errors): ε_g is a sum of O(1) terms that cancel,
   * so values below 4·u·Σ|terms| (u the unit roundoff of the weights: 2⁻⁵³ for js, 2⁻²⁴ for the float32
   * tfjs backends) carry no information.
   */
  lossFloor: number[] | null;
  /** Training error ½ mean (ŷ − y)² on the training set (GD; null for online SGD, where every sample is fresh). */
  trainLoss: number[] | null;
  Q: number[][][];
  R: number[][][];
  a: number[][];
}

export interface SimulationResult {
  backend: BackendInfo;
  /** Threads computing full-batch gradients (main thread + workers; 1 without workers). */
  threads: number;
  /** 't' (GD: t = kη) or 'alpha' (online SGD: α = k/d). */
  timeUnit: 't' | 'alpha';
  /** Times of the recorded iterates (the requested times rounded to whole steps; see `warnings`). */
  t: number[];
  steps: number[];
  lossKind: 'population' | 'test';
  initial: InitialOverlaps;
  runs: SimulationRun[];
  /** Mean and standard deviation (over seeds, n − 1 in the denominator; 0 for one seed) of ε_g. */
  lossMean: number[];
  lossStd: number[];
  /** What the user should know about the outputs (e.g. output times moved to whole steps). */
  warnings: string[];
  /** Seeds, backend and versions: with the spec, what reproduces these numbers bit for bit on the same machine. */
  provenance: Provenance;
  /** Wall-clock measurements, kept apart: the only fields that differ between two runs of one spec. */
  timing: { wallSeconds: number };
}

export interface SimulateOptions {
  progress?: (time: number, end: number) => void;
}

/**
 * Threads for full-batch GD when the spec leaves `workers` at 0 (automatic): 1, since two threads did
 * not pay on the shared 2-core machine (docs/simulate.md, bench/simulator.ts).
 */
const DEFAULT_THREADS = 1;

/** Seed of the data stream of run `seed`, kept apart from the init stream (which uses `init.seed` as is). */
function dataSeed(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}

/** Simulate a spec (see the module note). Throws `BackendUnavailableError` for an unusable backend. */
export async function simulate(spec: SimulationSpec, options: SimulateOptions = {}): Promise<SimulationResult> {
  const started = performance.now();
  const { committee, d, dynamics, times } = spec;
  const { model } = committee;
  const m = model.a.length;
  const mStar = model.aStar.length;
  const isGd = dynamics.kind === 'gd';
  const batchSize = isGd ? spec.n! : spec.batch;
  // tfjs pays only for large products: online SGD with B = 1 at d = 200 took 0.44 ms per step on wasm
  // (a dozen ops at tens of µs each) against 0.11 ms in float64 loops, including the sampling.
  const tensorWork = batchSize * d * m >= 50_000;
  const backend = await useBackend(spec.backend, tensorWork);
  const threads = spec.workers === 0 ? DEFAULT_THREADS : spec.workers;
  if (threads > 1 && !(isGd && backend.name === 'wasm')) {
    throw new SpecError('workers', spec.workers, `1 (worker threads split full-batch GD on the wasm backend; this run is ${dynamics.kind} on ${backend.name})`);
  }
  const sigma = parseActivation(model.activation, 'model.activation');
  const sigmaStar = parseActivation(model.teacherActivation, 'model.teacherActivation');
  // The js backend takes any activation of src/integrals; the tfjs ones the table of ./activation.ts.
  const tfSigma = backend.name === 'js' ? null : tfActivation(model.activation, 'model.activation');

  const { init } = spec;
  const { V: V0, U } = init.kind === 'random' ? initialWeights(d, m, mStar, init.scale, init.seed) : weightsWithOverlaps(d, init.Q, init.R, init.seed);
  const T = gram(U, mStar, U, mStar, d);
  const initial: InitialOverlaps = {
    d, scale: init.kind === 'random' ? init.scale : null, seed: init.seed,
    Q: gram(V0, m, V0, m, d), R: gram(V0, m, U, mStar, d), T, a: model.a.slice(), aStar: model.aStar.slice(),
  };
  const population = populationLoss(model.activation, model.teacherActivation, m, mStar, T, model.aStar);

  const perStep = isGd ? 1 / dynamics.lr : d;
  const steps = times.map((t) => Math.round(t * perStep));
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] === steps[i - 1]) {
      throw new SpecError(`times[${i}]`, times[i], `a time at least one step after ${times[i - 1]} (a step is ${isGd ? 'η' : '1/d'} = ${1 / perStep})`);
    }
  }
  const lastStep = steps[steps.length - 1];
  const cw = isGd ? dynamics.lr : dynamics.lr / d;
  const ca = !model.trainSecondLayer ? 0 : isGd ? dynamics.lr : dynamics.lrSecondLayer / d;

  const runs: SimulationRun[] = [];
  for (const seed of spec.seeds) {
    const rng = new Rng(dataSeed(seed));
    const sampler = new TeacherSampler(U, model.aStar, sigmaStar, d, model.noise, rng);
    const train = sampler.fill(sampler.allocate(batchSize));
    const test = population ? null : sampler.fill(sampler.allocate(spec.testSamples), false);
    const trainer: Trainer =
      tfSigma === null
        ? hostTrainer(new ReferenceCommittee(sigma, V0, model.a, d, m), train, isGd ? null : sampler, cw, ca)
        : threads > 1
          ? await shardedTrainer(tfSigma, V0, model.a, train, d, m, threads, cw, ca)
          : tfTrainer(new TfCommittee(tfSigma, V0, model.a, d, m), train, isGd ? null : sampler, cw, ca);
    const run: SimulationRun = { seed, loss: [], lossFloor: population ? [] : null, trainLoss: isGd ? [] : null, Q: [], R: [], a: [] };
    const roundoff = tfSigma === null ? 1 : 2 ** 29; // float32 unit roundoff relative to float64's
    try {
      let out = 0;
      for (let k = 0; k <= lastStep; k++) {
        while (out < steps.length && steps[out] === k) {
          const { V, a } = trainer.weights();
          const Q = gram(V, m, V, m, d);
          const R = gram(V, m, U, mStar, d);
          run.Q.push(Q);
          run.R.push(R);
          run.a.push(Array.from(a));
          if (population) {
            const l = population(Q, R, a);
            run.loss.push(l.value);
            run.lossFloor!.push(l.floor * roundoff);
          } else {
            run.loss.push(trainer.testLoss(test!));
          }
          run.trainLoss?.push(trainer.trainLoss());
          out++;
        }
        if (k < lastStep) trainer.step();
        if (options.progress && k % 1000 === 0) options.progress(k / perStep, lastStep / perStep);
      }
    } finally {
      await trainer.dispose();
    }
    runs.push(run);
  }
  const { mean, std } = meanStd(runs.map((r) => r.loss));
  return {
    backend,
    threads,
    timeUnit: isGd ? 't' : 'alpha',
    t: steps.map((k) => k / perStep),
    steps,
    lossKind: population ? 'population' : 'test',
    initial,
    runs,
    lossMean: mean,
    lossStd: std,
    warnings: offGridWarnings(times, steps.map((k) => k / perStep), isGd ? `η = ${dynamics.lr}` : `1/d = ${1 / d}`),
    provenance: provenance(spec.init.seed, `${backend.name} (${backend.description})`, { 'tfjs-core': tf.version_core }, spec.seeds),
    timing: { wallSeconds: (performance.now() - started) / 1000 },
  };
}

/**
 * ε_g(Q, R, a) and its float64 rounding floor from the closed-form risk when every I2 is a closed form or
 * a Wick polynomial, else null.
 */
function populationLoss(
  activation: string,
  teacherActivation: string,
  m: number,
  mStar: number,
  T: number[][],
  aStar: number[],
): ((Q: number[][], R: number[][], a: ArrayLike<number>) => { value: number; floor: number }) | null {
  const sigma = parseActivation(activation);
  const sigmaStar = parseActivation(teacherActivation);
  const integrals = {
    studentStudent: pairIntegral(sigma, sigma),
    studentTeacher: pairIntegral(sigma, sigmaStar),
    teacherTeacher: pairIntegral(sigmaStar, sigmaStar),
  };
  if (Object.values(integrals).some((i) => i.path === 'quadrature')) return null;
  const layout = new CommitteeLayout(m, mStar, false);
  const risk = new CommitteeRisk(layout, integrals, Float64Array.from(T.flat()), Float64Array.from(aStar));
  return (Q, R, a) => risk.loss(layout.pack(Q, R, []), a);
}

/** Mean and sample standard deviation across runs, entry by entry. */
function meanStd(series: number[][]): { mean: number[]; std: number[] } {
  const k = series.length;
  const mean = series[0].map((_, i) => series.reduce((s, r) => s + r[i], 0) / k);
  const std = mean.map((mu, i) => (k < 2 ? 0 : Math.sqrt(series.reduce((s, r) => s + (r[i] - mu) ** 2, 0) / (k - 1))));
  return { mean, std };
}
