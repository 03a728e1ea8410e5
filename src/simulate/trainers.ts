/**
 * Trainers: one interface over the three ways a simulation takes steps — float64 loops (`js`), a tfjs
 * network (one thread), and full-batch GD split over worker threads — so the runner records the same
 * observables whichever is used.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TfActivation } from './activation.ts';
import type { TeacherSampler } from './data.ts';
import { disposeBatch, TfCommittee } from './network.ts';
import { ShardedGradient } from '#io/parallel';
import type { HostBatch, ReferenceCommittee } from './reference.ts';

/** One trainer of either backend family: host float64 (`js`) or tfjs. */
export interface Trainer {
  step(): void;
  trainLoss(): number;
  testLoss(batch: HostBatch): number;
  weights(): { V: Float64Array; a: Float64Array };
  dispose(): void | Promise<void>;
}

/** Float64 trainer: GD on a fixed batch (`sampler` null) or online SGD refilling it every step. */
export function hostTrainer(net: ReferenceCommittee, batch: HostBatch, sampler: TeacherSampler | null, cw: number, ca: number): Trainer {
  return {
    step() {
      if (sampler) sampler.fill(batch);
      net.step(batch, cw, ca);
    },
    trainLoss: () => net.loss(batch),
    testLoss: (test) => net.loss(test),
    weights: () => ({ V: net.V, a: net.a }),
    dispose() {},
  };
}

/** tfjs trainer: the training set is uploaded once (GD), or a fresh batch is uploaded every step (SGD). */
export function tfTrainer(net: TfCommittee, host: HostBatch, sampler: TeacherSampler | null, cw: number, ca: number): Trainer {
  let resident = net.upload(host);
  let testResident: { host: HostBatch; batch: ReturnType<TfCommittee['upload']> } | null = null;
  return {
    step() {
      if (sampler) {
        disposeBatch(resident);
        resident = net.upload(sampler.fill(host));
      }
      net.step(resident, cw, ca).dispose();
    },
    trainLoss: () => scalar(net.loss(resident)),
    testLoss(test) {
      if (testResident?.host !== test) testResident = { host: test, batch: net.upload(test) };
      return scalar(net.loss(testResident.batch));
    },
    weights: () => net.weights(),
    dispose() {
      disposeBatch(resident);
      if (testResident) disposeBatch(testResident.batch);
      net.dispose();
    },
  };
}

/**
 * Full-batch GD with the gradient split over `threads` wasm threads (`ShardedGradient`); the weights
 * live on the host in float64 and a local network evaluates test errors.
 */
export async function shardedTrainer(
  sigma: TfActivation,
  V0: Float64Array,
  a0: number[],
  host: HostBatch,
  d: number,
  m: number,
  threads: number,
  cw: number,
  ca: number,
): Promise<Trainer> {
  const sharded = await ShardedGradient.start(sigma, host, d, m, threads);
  const V = Float64Array.from(V0);
  const a = Float64Array.from(a0);
  const evaluator = new TfCommittee(sigma, V0, a0, d, m);
  let test: { host: HostBatch; batch: ReturnType<TfCommittee['upload']> } | null = null;
  return {
    step() {
      sharded.compute(V, a);
      for (let k = 0; k < V.length; k++) V[k] -= cw * sharded.gV[k];
      if (ca !== 0) for (let j = 0; j < m; j++) a[j] -= ca * sharded.ga[j];
    },
    trainLoss() {
      sharded.compute(V, a);
      return sharded.loss.value;
    },
    testLoss(batch) {
      if (test?.host !== batch) test = { host: batch, batch: evaluator.upload(batch) };
      tf.tidy(() => {
        evaluator.V.assign(tf.tensor2d(Float32Array.from(V), [d, m]));
        evaluator.a.assign(tf.tensor2d(Float32Array.from(a), [m, 1]));
      });
      return scalar(evaluator.loss(test.batch));
    },
    weights: () => ({ V, a }),
    async dispose() {
      if (test) disposeBatch(test.batch);
      evaluator.dispose();
      await sharded.stop();
    },
  };
}

function scalar(t: tf.Scalar): number {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
}
