/**
 * The quadratic network as a matrix at finite d (THEORY.md §2): student f(x) = xᵀSx, S = WWᵀ/m
 * (W: d×m), teacher S* = W*W*ᵀ/m* (W*: d×m*), Δ = S − S*, τ = tr Δ. For x ~ N(0, I),
 *   plain  (σ = u²):     L = ½‖Δ‖²_F + ¼τ²,  dW/dt = −(2Δ + τ I) W,
 *   centred (σ = u² − 1): L = ½‖Δ‖²_F,       dW/dt = −2Δ W,
 * in the time unit that absorbs the 1/m of ∇_W L. Δ (d×d) is never formed: with A = WᵀW (m×m),
 * B = W*ᵀW (m*×m) and C = W*ᵀW* (m*×m*),
 *   ΔW = W A/m − W* B/m*,   τ = tr A/m − tr C/m*,
 *   ‖Δ‖²_F = ‖A‖²/m² − 2‖B‖²/(m m*) + ‖C‖²/m*²,
 * so one right-hand side costs O(d m (m + m*)). Matrices are row-major Float64Arrays.
 */
import type { Rhs } from '../../solvers/types.ts';
import { SpecError } from '../validate.ts';
import { NtProduct } from '../linalg/ntProduct.ts';

export type QuadraticActivation = 'plain' | 'centred';

export interface MatrixModel {
  d: number;
  m: number;
  mStar: number;
  activation: QuadraticActivation;
  /** Teacher weights W* (d×m*, row-major). */
  wStar: Float64Array;
}

/** Check a model's shapes; throws SpecError naming the field. */
export function checkMatrixModel(model: MatrixModel): void {
  const { d, m, mStar } = model;
  for (const [k, v] of [['d', d], ['m', m], ['mStar', mStar]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new SpecError(`model.${k}`, v, 'an integer ≥ 1');
  }
  if (model.wStar.length !== d * mStar) throw new SpecError('model.wStar', `length ${model.wStar.length}`, `length d·m* = ${d * mStar}`);
}

/** Gram matrix XᵀY (p×q) of row-major X (d×p), Y (d×q), written into out. Cost O(d p q). */
function gram(x: Float64Array, p: number, y: Float64Array, q: number, d: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < d; r++) {
    const xo = r * p;
    const yo = r * q;
    for (let i = 0; i < p; i++) {
      const xi = x[xo + i];
      if (xi === 0) continue;
      const oo = i * q;
      for (let j = 0; j < q; j++) out[oo + j] += xi * y[yo + j];
    }
  }
}

/** out (c×r) = xᵀ for row-major x (r×c). */
function transpose(x: Float64Array, r: number, c: number, out: Float64Array): void {
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
}

function sumSquares(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/**
 * The weight flow and its risk for a model. `rhs` maps the flattened W (d×m) to dW/dt; `loss` gives
 * ε_g = L/(½‖S*‖²_F) from the Gram matrices (a difference of O(1) terms: its absolute rounding
 * floor is ≈ 1e-16·(‖S‖² + ‖S*‖²)/‖S*‖²; the block reduction is the cancellation-free evaluation).
 */
export function matrixFlow(model: MatrixModel): { rhs: Rhs; loss: (w: Float64Array) => number; tau: (w: Float64Array) => number } {
  checkMatrixModel(model);
  const { d, m, mStar, wStar } = model;
  const plain = model.activation === 'plain';
  const a = new Float64Array(m * m);
  const b = new Float64Array(mStar * m);
  const c = new Float64Array(mStar * mStar);
  gram(wStar, mStar, wStar, mStar, d, c);
  let trC = 0;
  for (let i = 0; i < mStar; i++) trC += c[i * mStar + i];
  const teacherNorm2 = sumSquares(c) / (mStar * mStar);
  const traceOf = (): number => {
    let trA = 0;
    for (let i = 0; i < m; i++) trA += a[i * m + i];
    return trA / m - trC / mStar;
  };
  // Right-hand side as four products C = A Bᵀ of contiguous rows (`NtProduct`, WebAssembly SIMD where
  // available): with Wᵀ (m×d) and W*ᵀ (m*×d), A = WᵀW, M = WᵀW* = Bᵀ, then W A (A symmetric) and W* B;
  // 2d(2m² + 2m m*) flops. Each product owns its operands; constant ones (W*ᵀ, W*) are written once.
  const gramW = new NtProduct(m, m, d);
  const crossW = new NtProduct(m, mStar, d);
  const wTimesA = new NtProduct(d, m, m);
  const wStarTimesB = new NtProduct(d, m, mStar);
  transpose(wStar, d, mStar, crossW.b);
  wStarTimesB.a.set(wStar);
  const rhs: Rhs = (_t, w, dw) => {
    transpose(w, d, m, gramW.a);
    gramW.b.set(gramW.a);
    crossW.a.set(gramW.a);
    gramW.run();
    crossW.run();
    a.set(gramW.c);
    wTimesA.a.set(w);
    wTimesA.b.set(gramW.c);
    wStarTimesB.b.set(crossW.c);
    wTimesA.run();
    wStarTimesB.run();
    const wa = wTimesA.c;
    const wsb = wStarTimesB.c;
    const tau = plain ? traceOf() : 0;
    for (let i = 0; i < d * m; i++) dw[i] = -(2 * (wa[i] / m - wsb[i] / mStar) + tau * w[i]);
  };
  const tau = (w: Float64Array): number => {
    gram(w, m, w, m, d, a);
    return plain ? traceOf() : 0;
  };
  const loss = (w: Float64Array): number => {
    gram(w, m, w, m, d, a);
    gram(wStar, mStar, w, m, d, b);
    const delta2 = sumSquares(a) / (m * m) - (2 * sumSquares(b)) / (m * mStar) + teacherNorm2;
    const t = plain ? traceOf() : 0;
    return (delta2 + 0.5 * t * t) / teacherNorm2;
  };
  return { rhs, loss, tau };
}
