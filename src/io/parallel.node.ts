/**
 * Node side of `#io/parallel` (a browser bundle gets `parallel.browser.ts`).
 * Full-batch gradients split over worker threads (node:worker_threads), one wasm backend each: wasm
 * runs one thread under Node, so on k cores the training set is cut into k row shards, the main thread
 * computes one and k − 1 workers the others, and the shards' sums are added:
 *   L̂ = Σ_s (B_s/B) L̂_s,   ∇L̂ = Σ_s (B_s/B) ∇L̂_s.
 * Protocol (shared memory, no messages per step): the main thread writes V and a into `params`, bumps
 * control[0] (the generation) and notifies; worker s computes, writes [L̂_s, ∂L̂_s/∂V, ∂L̂_s/∂a] into its
 * `result`, stores the generation into control[1 + s] and notifies. A negative generation stops it.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../io/moduleWorker.ts';
import * as tf from '@tensorflow/tfjs-core';
import type { TfActivation } from '../simulate/activation.ts';
import { disposeBatch, TfCommittee, type TfBatch } from '../simulate/network.ts';
import type { HostBatch } from '../simulate/reference.ts';


/** What a worker receives at start. */
export interface ShardInit {
  index: number;
  d: number;
  m: number;
  rows: number;
  activation: string;
  X: SharedArrayBuffer;
  y: SharedArrayBuffer;
  params: SharedArrayBuffer;
  result: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/**
 * One shard's work: load V (d×m) and a (m) from `params`, then write L̂_s, ∂L̂_s/∂V and ∂L̂_s/∂a into
 * `result` (layout [loss, gV (d·m), ga (m)]).
 */
export function shardStep(net: TfCommittee, batch: TfBatch, params: Float32Array, result: Float32Array): void {
  const { d, m } = net;
  tf.tidy(() => {
    net.V.assign(tf.tensor2d(params.subarray(0, d * m), [d, m]));
    net.a.assign(tf.tensor2d(params.subarray(d * m, d * m + m), [m, 1]));
    const { loss, gV, ga } = net.lossAndGradient(batch);
    result[0] = loss.dataSync()[0];
    result.set(gV.dataSync(), 1);
    result.set(ga.dataSync(), 1 + d * m);
  });
}

export class ShardedGradient {
  readonly loss: { value: number };
  /** The summed gradient of the last `compute`: ∂L̂/∂V (d×m) and ∂L̂/∂a (m), float64. */
  readonly gV: Float64Array;
  readonly ga: Float64Array;

  private constructor(
    private readonly workers: Worker[],
    private readonly control: Int32Array,
    private readonly params: Float32Array[],
    private readonly results: Float32Array[],
    private readonly weights: number[],
    private readonly local: { net: TfCommittee; batch: TfBatch },
    private readonly d: number,
    private readonly m: number,
  ) {
    this.loss = { value: NaN };
    this.gV = new Float64Array(d * m);
    this.ga = new Float64Array(m);
  }

  /** Start `threads − 1` workers and keep the first shard on this thread (which must be on wasm). */
  static async start(sigma: TfActivation, batch: HostBatch, d: number, m: number, threads: number): Promise<ShardedGradient> {
    const B = batch.size;
    const bounds = Array.from({ length: threads + 1 }, (_, s) => Math.round((s * B) / threads));
    const control = new SharedArrayBuffer(4 * (threads + 1));
    const params: Float32Array[] = [];
    const results: Float32Array[] = [];
    const workers: Worker[] = [];
    const ready: Promise<void>[] = [];
    for (let s = 1; s < threads; s++) {
      const rows = bounds[s + 1] - bounds[s];
      const X = new SharedArrayBuffer(4 * rows * d);
      new Float32Array(X).set(batch.X.subarray(bounds[s] * d, bounds[s + 1] * d));
      const y = new SharedArrayBuffer(4 * rows);
      new Float32Array(y).set(batch.y.subarray(bounds[s], bounds[s + 1]));
      const p = new SharedArrayBuffer(4 * (d * m + m));
      const r = new SharedArrayBuffer(4 * (1 + d * m + m));
      params.push(new Float32Array(p));
      results.push(new Float32Array(r));
      const init: ShardInit = { index: s - 1, d, m, rows, activation: sigma.name, X, y, params: p, result: r, control };
      const w = startModuleWorker(import.meta.url, 'shardWorker.node', { workerData: init });
      workers.push(w);
      ready.push(
        new Promise((resolve, reject) => {
          w.once('message', () => resolve());
          w.once('error', reject);
        }),
      );
    }
    await Promise.all(ready);
    const rows0 = bounds[1];
    const net = new TfCommittee(sigma, new Float64Array(d * m), new Float64Array(m), d, m);
    const local = net.upload({ X: batch.X.subarray(0, rows0 * d), y: batch.y.subarray(0, rows0), size: rows0 });
    const weights = bounds.slice(1).map((b, s) => (b - bounds[s]) / B);
    return new ShardedGradient(workers, new Int32Array(control), params, results, weights, { net, batch: local }, d, m);
  }

  /** L̂ and ∇L̂ of the whole training set at (V, a); results in `loss`, `gV`, `ga`. */
  compute(V: Float64Array, a: Float64Array): void {
    const { d, m, control } = this;
    for (const p of this.params) {
      for (let k = 0; k < d * m; k++) p[k] = V[k];
      for (let j = 0; j < m; j++) p[d * m + j] = a[j];
    }
    const generation = control[0] + 1;
    Atomics.store(control, 0, generation);
    Atomics.notify(control, 0);
    const { net, batch } = this.local;
    const { loss, gV, ga } = tf.tidy(() => {
      net.V.assign(tf.tensor2d(Float32Array.from(V), [d, m]));
      net.a.assign(tf.tensor2d(Float32Array.from(a), [m, 1]));
      return net.lossAndGradient(batch);
    });
    const w0 = this.weights[0];
    this.loss.value = w0 * loss.dataSync()[0];
    const g = gV.dataSync();
    for (let k = 0; k < d * m; k++) this.gV[k] = w0 * g[k];
    const h = ga.dataSync();
    for (let j = 0; j < m; j++) this.ga[j] = w0 * h[j];
    tf.dispose([loss, gV, ga]);
    for (let s = 0; s < this.workers.length; s++) {
      while (Atomics.load(control, 1 + s) !== generation) Atomics.wait(control, 1 + s, control[1 + s]);
      const r = this.results[s];
      const w = this.weights[s + 1];
      this.loss.value += w * r[0];
      for (let k = 0; k < d * m; k++) this.gV[k] += w * r[1 + k];
      for (let j = 0; j < m; j++) this.ga[j] += w * r[1 + d * m + j];
    }
  }

  /** Stop the workers and free the local shard. */
  async stop(): Promise<void> {
    Atomics.store(this.control, 0, -1);
    Atomics.notify(this.control, 0);
    await Promise.all(this.workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
    disposeBatch(this.local.batch);
    this.local.net.dispose();
  }
}
