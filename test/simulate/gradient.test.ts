/**
 * The hand-written gradient of the tfjs network (layout without transposed products) against tf.grad
 * of the same loss, and against the float64 reference network, for every simulator activation.
 */
import test from 'ava';
import * as tf from '@tensorflow/tfjs-core';
import { parseActivation } from '../../src/integrals/index.ts';
import { tfActivation, SIMULATOR_ACTIVATIONS } from '../../src/simulate/activation.ts';
import { useBackend } from '../../src/simulate/backend.ts';
import { registerGradients } from '../../src/simulate/gradients.ts';
import { TfCommittee } from '../../src/simulate/network.ts';
import { ReferenceCommittee, type HostBatch } from '../../src/simulate/reference.ts';
import { Rng } from '../../src/random.ts';

registerGradients();

const d = 40;
const m = 3;
const B = 64;

function problem(seed: number): { V: Float64Array; a: Float64Array; batch: HostBatch } {
  const rng = new Rng(seed);
  const V = rng.fillNormal(new Float64Array(d * m), 1 / Math.sqrt(d));
  const a = Float64Array.from([0.7, -1.1, 1.3]);
  const batch = { X: rng.fillNormal(new Float64Array(B * d)), y: rng.fillNormal(new Float64Array(B)), size: B };
  return { V, a, batch };
}

function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): { diff: number; scale: number } {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    diff = Math.max(diff, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return { diff, scale };
}

// Float32 entries are sums of B·d = 2560 products of O(1) terms: the rounding error of a sum of N terms
// is ≲ N·2⁻²⁴ relative in the worst case and ~√N·2⁻²⁴ typically (≈ 3e-6); 1e-4 of the largest entry is
// well above that and far below the O(1) relative error of a wrong factor or a missing term.
const F32_TOL = 1e-4;

for (const backend of ['wasm', 'cpu'] as const) {
  for (const name of SIMULATOR_ACTIVATIONS) {
    test.serial(`${backend}: hand gradient equals tf.grad for ${name}`, async (t) => {
      await useBackend(backend, true);
      const act = tfActivation(name, 'activation');
      const { V, a, batch: host } = problem(7);
      const net = new TfCommittee(act, V, a, d, m);
      const batch = net.upload(host);
      const { loss, gV, ga } = net.lossAndGradient(batch);
      const oracle = tf.grads((v: tf.Tensor, aa: tf.Tensor) => {
        const delta = tf.sub(tf.matMul(act.f(tf.matMul(batch.X, v as tf.Tensor2D)) as tf.Tensor2D, aa as tf.Tensor2D), batch.y);
        return tf.div(tf.sum(tf.square(delta)), 2 * B);
      });
      const [oV, oa] = oracle([net.V, net.a]);
      const eV = maxAbsDiff(gV.dataSync(), oV.dataSync());
      const ea = maxAbsDiff(ga.dataSync(), oa.dataSync());
      t.true(eV.diff <= F32_TOL * eV.scale, `∂/∂V: ${eV.diff} vs scale ${eV.scale}`);
      t.true(ea.diff <= F32_TOL * ea.scale, `∂/∂a: ${ea.diff} vs scale ${ea.scale}`);
      t.true(eV.scale > 1e-3 && ea.scale > 1e-3, 'gradients are not trivially zero');
      t.true(Number.isFinite(loss.dataSync()[0]));
      tf.dispose([loss, gV, ga, oV, oa, batch.X, batch.Xt, batch.y]);
      net.dispose();
    });
  }
}

for (const name of ['linear', 'quadratic', 'erf', 'relu', 'tanh(x)']) {
  test.serial(`wasm float32 gradient equals the float64 reference for ${name}`, async (t) => {
    await useBackend('wasm', true);
    const { V, a, batch: host } = problem(11);
    const ref = new ReferenceCommittee(parseActivation(name), V, a, d, m);
    const refLoss = ref.lossAndGradient(host);
    const net = new TfCommittee(tfActivation(name, 'activation'), V, a, d, m);
    const batch = net.upload(host);
    const { loss, gV, ga } = net.lossAndGradient(batch);
    t.true(Math.abs(loss.dataSync()[0] - refLoss) <= F32_TOL * refLoss, `loss ${loss.dataSync()[0]} vs ${refLoss}`);
    const eV = maxAbsDiff(gV.dataSync(), ref.gV);
    const ea = maxAbsDiff(ga.dataSync(), ref.ga);
    t.true(eV.diff <= F32_TOL * eV.scale, `∂/∂V: ${eV.diff} vs scale ${eV.scale}`);
    t.true(ea.diff <= F32_TOL * ea.scale, `∂/∂a: ${ea.diff} vs scale ${ea.scale}`);
    tf.dispose([loss, gV, ga, batch.X, batch.Xt, batch.y]);
    net.dispose();
  });
}
