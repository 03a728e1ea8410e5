/**
 * The committee network in plain Float64Array loops: the `js` backend (online SGD with small
 * mini-batches, tiny d) and the float64 oracle the tfjs network is tested against.
 *
 * Weights are held as V = Wᵀ/√d (d×m, row-major), so the local fields of a batch X (B×d) are Λ = X V.
 * On a batch, with Δ_μ = Σ_j a_j σ(Λ_μj) − y_μ and L̂ = (1/2B) Σ_μ Δ_μ²:
 *   ∂L̂/∂V_ij = (1/B) Σ_μ X_μi Δ_μ a_j σ'(Λ_μj),   ∂L̂/∂a_j = (1/B) Σ_μ Δ_μ σ(Λ_μj).
 * An update is V ← V − c_w ∂L̂/∂V, a ← a − c_a ∂L̂/∂a (see `stepSizes` for c_w and c_a).
 */
import type { Activation } from '../integrals/types.ts';

/** The scalar activation the float64 path needs (an `Activation` from `src/integrals` qualifies). */
export type ScalarActivation = Pick<Activation, 'f' | 'df'>;

/** A batch of B samples: inputs row-major (B×d) and labels. */
export interface HostBatch {
  X: Float64Array;
  y: Float64Array;
  size: number;
}

export class ReferenceCommittee {
  /** V = Wᵀ/√d, d×m row-major. */
  readonly V: Float64Array;
  readonly a: Float64Array;
  readonly gV: Float64Array;
  readonly ga: Float64Array;
  private lam = new Float64Array(0);
  private delta = new Float64Array(0);

  constructor(
    private readonly sigma: ScalarActivation,
    V0: Float64Array,
    a0: ArrayLike<number>,
    readonly d: number,
    readonly m: number,
  ) {
    this.V = Float64Array.from(V0);
    this.a = Float64Array.from(a0);
    this.gV = new Float64Array(d * m);
    this.ga = new Float64Array(m);
  }

  /** Local fields Λ = X V and residuals Δ of a batch into the scratch arrays; returns L̂ = (1/2B) Σ Δ². */
  private forward(batch: HostBatch): number {
    const { d, m, V, a, sigma } = this;
    const B = batch.size;
    if (this.lam.length < B * m) {
      this.lam = new Float64Array(B * m);
      this.delta = new Float64Array(B);
    }
    const { lam, delta } = this;
    let loss = 0;
    for (let mu = 0; mu < B; mu++) {
      const row = mu * d;
      const out = mu * m;
      for (let j = 0; j < m; j++) lam[out + j] = 0;
      for (let i = 0; i < d; i++) {
        const x = batch.X[row + i];
        const vi = i * m;
        for (let j = 0; j < m; j++) lam[out + j] += x * V[vi + j];
      }
      let yhat = 0;
      for (let j = 0; j < m; j++) yhat += a[j] * sigma.f(lam[out + j]);
      delta[mu] = yhat - batch.y[mu];
      loss += delta[mu] * delta[mu];
    }
    return loss / (2 * B);
  }

  /** L̂ on a batch. */
  loss(batch: HostBatch): number {
    return this.forward(batch);
  }

  /** L̂ on a batch, with ∂L̂/∂V and ∂L̂/∂a written into `gV` and `ga`. */
  lossAndGradient(batch: HostBatch): number {
    const loss = this.forward(batch);
    this.gV.fill(0);
    this.ga.fill(0);
    this.backward(batch, this.gV, 1 / batch.size, this.ga, 1 / batch.size);
    return loss;
  }

  /**
   * After `forward`: target += sV·(B ∂L̂/∂V) and targetA += sA·(B ∂L̂/∂a), i.e. the sums
   * Σ_μ X_μi Δ_μ a_j σ'(Λ_μj) and Σ_μ Δ_μ σ(Λ_μj) scaled. An update passes V itself with sV = −c_w/B,
   * which fuses the gradient and the step into one pass over V.
   */
  private backward(batch: HostBatch, target: Float64Array, sV: number, targetA: Float64Array, sA: number): void {
    const { d, m, a, sigma, lam, delta } = this;
    for (let mu = 0; mu < batch.size; mu++) {
      const row = mu * d;
      const out = mu * m;
      // Λ_μj is overwritten in place by sV Δ_μ a_j σ'(Λ_μj) once σ(Λ_μj) has been used.
      for (let j = 0; j < m; j++) {
        const u = lam[out + j];
        if (sA !== 0) targetA[j] += sA * delta[mu] * sigma.f(u);
        lam[out + j] = sV * delta[mu] * a[j] * sigma.df(u);
      }
      for (let i = 0; i < d; i++) {
        const x = batch.X[row + i];
        const ti = i * m;
        for (let j = 0; j < m; j++) target[ti + j] += x * lam[out + j];
      }
    }
  }

  /**
   * One update V ← V − c_w ∂L̂/∂V (and a ← a − c_a ∂L̂/∂a when c_a ≠ 0), both gradients taken at the
   * weights before the step; returns L̂ before the step.
   */
  step(batch: HostBatch, cw: number, ca: number): number {
    const loss = this.forward(batch);
    const B = batch.size;
    if (ca !== 0) this.ga.fill(0);
    this.backward(batch, this.V, -cw / B, this.ga, ca === 0 ? 0 : 1 / B);
    if (ca !== 0) for (let j = 0; j < this.m; j++) this.a[j] -= ca * this.ga[j];
    return loss;
  }
}
