/**
 * The committee network on tfjs (float32) with a hand-written gradient in a layout without
 * transposed matrix products (the wasm backend's transposed matMul is ~10× slower than a plain one).
 *
 * Weights are held as V = Wᵀ/√d (d×m), the second layer as a column a (m×1). A batch keeps both
 * X (B×d) and Xᵀ (d×B), made once. With Λ = X V, S = σ(Λ), Δ = S a − y and L̂ = (1/2B) Σ Δ²:
 *   ∂L̂/∂V = (1/B) Xᵀ [σ'(Λ) ⊙ Δ aᵀ]   (plain product (d×B)(B×m))
 *   ∂L̂/∂a = (1/B) Sᵀ Δ, computed as the row (1/B) Δᵀ S  (plain product (1×B)(B×m))
 * The same formulas as `ReferenceCommittee` (float64); `tf.grad` of L̂ is the test oracle.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TfActivation } from './activation.ts';
import type { HostBatch } from './reference.ts';

/** A batch resident on the backend. */
export interface TfBatch {
  X: tf.Tensor2D;
  Xt: tf.Tensor2D;
  y: tf.Tensor2D;
  size: number;
}

export class TfCommittee {
  readonly V: tf.Variable<tf.Rank.R2>;
  readonly a: tf.Variable<tf.Rank.R2>;

  constructor(
    private readonly sigma: TfActivation,
    V0: Float64Array,
    a0: ArrayLike<number>,
    readonly d: number,
    readonly m: number,
  ) {
    this.V = tf.variable(tf.tensor2d(Float32Array.from(V0), [d, m]));
    this.a = tf.variable(tf.tensor2d(Float32Array.from(a0), [m, 1]));
  }

  /** Upload a host batch (float64 → float32) with its transpose. */
  upload(batch: HostBatch): TfBatch {
    const B = batch.size;
    return tf.tidy(() => {
      const X = tf.tensor2d(Float32Array.from(batch.X.subarray(0, B * this.d)), [B, this.d]);
      return { X, Xt: tf.transpose(X), y: tf.tensor2d(Float32Array.from(batch.y.subarray(0, B)), [B, 1]), size: B };
    });
  }

  /** L̂ = (1/2B) Σ Δ² on a batch (scalar tensor). */
  loss(batch: TfBatch): tf.Scalar {
    return tf.tidy(() => {
      const delta = tf.sub(tf.matMul(this.sigma.f(tf.matMul(batch.X, this.V)), this.a), batch.y);
      return tf.div(tf.sum(tf.square(delta)), 2 * batch.size) as tf.Scalar;
    });
  }

  /** L̂ and its hand-written gradient (∂L̂/∂V: d×m, ∂L̂/∂a: m×1) on a batch. */
  lossAndGradient(batch: TfBatch): { loss: tf.Scalar; gV: tf.Tensor2D; ga: tf.Tensor2D } {
    return tf.tidy(() => {
      const lam = tf.matMul(batch.X, this.V);
      const S = this.sigma.f(lam) as tf.Tensor2D;
      const delta = tf.sub(tf.matMul(S, this.a), batch.y);
      const inv = 1 / batch.size;
      const coef = tf.mul(tf.mul(this.sigma.df(lam), delta), tf.reshape(this.a, [1, this.m]));
      const gV = tf.mul(tf.matMul(batch.Xt, coef as tf.Tensor2D), inv) as tf.Tensor2D;
      const ga = tf.reshape(tf.mul(tf.matMul(tf.reshape(delta, [1, batch.size]), S), inv), [this.m, 1]) as tf.Tensor2D;
      const loss = tf.mul(tf.sum(tf.square(delta)), 0.5 * inv) as tf.Scalar;
      return { loss, gV, ga };
    });
  }

  /** One update V ← V − c_w ∂L̂/∂V (and a ← a − c_a ∂L̂/∂a when c_a ≠ 0). Returns L̂ before the step (not synced). */
  step(batch: TfBatch, cw: number, ca: number): tf.Scalar {
    return tf.tidy(() => {
      const { loss, gV, ga } = this.lossAndGradient(batch);
      this.V.assign(tf.sub(this.V, tf.mul(gV, cw)));
      if (ca !== 0) this.a.assign(tf.sub(this.a, tf.mul(ga, ca)));
      return loss;
    });
  }

  /** Current weights as float64 host arrays: V (d×m row-major) and a. */
  weights(): { V: Float64Array; a: Float64Array } {
    return { V: Float64Array.from(this.V.dataSync()), a: Float64Array.from(this.a.dataSync()) };
  }

  dispose(): void {
    this.V.dispose();
    this.a.dispose();
  }
}

/** Free a batch's tensors. */
export function disposeBatch(batch: TfBatch): void {
  tf.dispose([batch.X, batch.Xt, batch.y]);
}
