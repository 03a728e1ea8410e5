/**
 * Worker thread of `ShardedGradient`: one wasm backend holding one shard of the training set. It waits
 * on a shared control word, reads the broadcast weights, writes its shard's loss sum and gradient sums
 * into shared memory, and signals completion (see `parallel.node.ts` for the protocol).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { tfActivation } from '../simulate/activation.ts';
import { useBackend } from '../simulate/backend.ts';
import { TfCommittee } from '../simulate/network.ts';
import { shardStep, type ShardInit } from './parallel.node.ts';

const init = workerData as ShardInit;
await useBackend('wasm', true);
const { d, m, rows } = init;
const net = new TfCommittee(tfActivation(init.activation, 'model.activation'), new Float64Array(d * m), new Float64Array(m), d, m);
const X = new Float32Array(init.X);
const batch = tf.tidy(() => {
  const Xs = tf.tensor2d(X, [rows, d]);
  return { X: Xs, Xt: tf.transpose(Xs), y: tf.tensor2d(new Float32Array(init.y), [rows, 1]), size: rows };
});
const control = new Int32Array(init.control);
parentPort!.postMessage('ready');
let generation = 0;
for (;;) {
  Atomics.wait(control, 0, generation);
  generation = Atomics.load(control, 0);
  if (generation < 0) break;
  shardStep(net, batch, new Float32Array(init.params), new Float32Array(init.result));
  Atomics.store(control, 1 + init.index, generation);
  Atomics.notify(control, 1 + init.index);
}
net.dispose();
tf.dispose([batch.X, batch.Xt, batch.y]);
