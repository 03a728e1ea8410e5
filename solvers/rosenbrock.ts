import { LuDecomposition, Matrix } from 'ml-matrix';
import type { Method, MethodOutcome, Settings, SwitchMonitor } from './method.ts';
import type { StepRecorder } from './recorder.ts';
import type { Jacobian } from './types.ts';
import { PiController, isStepTooSmall } from './controller.ts';
import { HermiteSegment } from './dense_output.ts';
import { allFinite } from './rk_step.ts';
import { firstStep } from './initial_step.ts';
import { scaledRmsNorm } from './error_norm.ts';

/**
 * RODAS3 (Sandu, Verwer, Blom, Spee, Carmichael & Potra, Atmos. Environ. 31, 1997): a stiffly accurate,
 * L-stable Rosenbrock method of order 3 with an embedded order-2 solution, 4 stages, 3 new f per step.
 * In the form of Hairer & Wanner (Solving ODEs II, §IV.7) without the matrix–vector products:
 *
 *   (I/(hγ) − J) K_i = f(t + α_i h, y + Σ_j a_ij K_j) + Σ_j (c_ij/h) K_j + h γ_i ∂f/∂t,
 *   y_new = y + Σ m_i K_i,  error = Σ e_i K_i,
 *
 * γ = 1/2, a31 = a41 = 2, a43 = 1, c21 = 4, c31 = 1, c32 = −1, c41 = 1, c42 = −1, c43 = −8/3,
 * m = (2, 0, 1, 1), e = (0, 0, 0, 1), α = (0, 0, 1, 1); γ_i are the row sums of Γ = (I/γ − C)⁻¹.
 */
const GAMMA = 0.5;
const C21 = 4, C31 = 1, C32 = -1, C41 = 1, C42 = -1, C43 = -8 / 3;
/** Row sums of Γ = (I/γ − C)⁻¹ (C strictly lower triangular above), by forward substitution. */
const STAGE_GAMMA = ((): number[] => {
  const L = [
    [1 / GAMMA, 0, 0, 0],
    [-C21, 1 / GAMMA, 0, 0],
    [-C31, -C32, 1 / GAMMA, 0],
    [-C41, -C42, -C43, 1 / GAMMA],
  ];
  const G: number[][] = [];
  for (let i = 0; i < 4; i++) {
    G.push([]);
    for (let j = 0; j < 4; j++) {
      let s = i === j ? 1 : 0;
      for (let k = 0; k < i; k++) s -= L[i][k] * G[k][j];
      G[i].push(s / L[i][i]);
    }
  }
  return G.map((row) => row.reduce((a, b) => a + b, 0));
})();

/**
 * RODAS3 with step-size control (PI on the embedded error, order 2 estimate), a Jacobian per step:
 * `problem.jacobian` when given, else forward differences (n rhs evaluations, increment
 * √ε·max(|y_j|, atol/rtol)), and ∂f/∂t by one forward difference in t. The linear systems use one
 * LU factorisation of I/(hγ) − J per attempted step (ml-matrix). Dense output: cubic Hermite.
 */
export function rosenbrockMethod(jacobian: Jacobian | undefined, monitor?: SwitchMonitor, start?: { h: number }): Method {
  return (settings: Settings, recorder: StepRecorder): MethodOutcome => {
    const { rhs, t1, rtol, atol, maxSteps, maxStep } = settings;
    const n = settings.y0.length;
    let t = settings.t0;
    const y = settings.y0.slice();
    let f0 = new Float64Array(n);
    let f1 = new Float64Array(n);
    const J = new Float64Array(n * n);
    const ft = new Float64Array(n);
    const work = new Float64Array(n);
    const fw = new Float64Array(n);
    const K = Array.from({ length: 4 }, () => new Float64Array(n));
    const rhsBuf = new Float64Array(n);
    const yNew = new Float64Array(n);
    const lu = new Float64Array(n * n);
    const pivot = new Int32Array(n);
    let nfev = 0;
    let naccept = 0;
    let nreject = 0;
    let hLast = 0;
    const end = (status: MethodOutcome['status'], message: string): MethodOutcome => ({
      status, message, stats: { nfev, naccept, nreject }, tLast: t, yLast: y.slice(), hNext: hLast,
    });
    const f = (tt: number, yy: Float64Array, out: Float64Array) => {
      rhs(tt, yy, out);
      nfev++;
    };

    /** J = ∂f/∂y at (t, y) (row-major) and ∂f/∂t; returns ‖J‖∞ (a bound on its spectral radius). */
    const differentiate = (): number => {
      if (jacobian !== undefined) jacobian(t, y, J);
      else {
        work.set(y);
        for (let j = 0; j < n; j++) {
          const delta = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(y[j]), atol / rtol);
          work[j] = y[j] + delta;
          f(t, work, fw);
          work[j] = y[j];
          for (let i = 0; i < n; i++) J[i * n + j] = (fw[i] - f0[i]) / delta;
        }
      }
      const dt = Math.sqrt(Number.EPSILON) * Math.max(Math.abs(t), 1);
      f(t + dt, y, fw);
      for (let i = 0; i < n; i++) ft[i] = (fw[i] - f0[i]) / dt;
      let norm = 0;
      for (let i = 0; i < n; i++) {
        let row = 0;
        for (let j = 0; j < n; j++) row += Math.abs(J[i * n + j]);
        norm = Math.max(norm, row);
      }
      return norm;
    };

    /** LU of I/(hγ) − J (ml-matrix), copied out for allocation-free solves; false when singular. */
    const factor = (h: number): boolean => {
      const W = new Matrix(n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W.set(i, j, (i === j ? 1 / (h * GAMMA) : 0) - J[i * n + j]);
      const dec = new LuDecomposition(W);
      if (dec.isSingular()) return false;
      const L = dec.lowerTriangularMatrix;
      const U = dec.upperTriangularMatrix;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lu[i * n + j] = j < i ? L.get(i, j) : U.get(i, j);
      const pv = dec.pivotPermutationVector;
      for (let i = 0; i < n; i++) pivot[i] = pv[i];
      return true;
    };
    /** x = (I/(hγ) − J)⁻¹ b from the stored LU (x and b distinct). */
    const solveLu = (b: Float64Array, x: Float64Array): void => {
      for (let i = 0; i < n; i++) x[i] = b[pivot[i]];
      for (let k = 0; k < n; k++) {
        const xk = x[k];
        for (let i = k + 1; i < n; i++) x[i] -= lu[i * n + k] * xk;
      }
      for (let k = n - 1; k >= 0; k--) {
        x[k] /= lu[k * n + k];
        const xk = x[k];
        for (let i = 0; i < k; i++) x[i] -= lu[i * n + k] * xk;
      }
    };

    f(t, y, f0);
    if (!allFinite(f0)) return end('nonFinite', `the right-hand side is not finite at t = ${t} (the initial state)`);
    const first = firstStep(settings, start, t, y, f0, 2, work, fw);
    if (first === null) return end('nonFinite', `the right-hand side is not finite near t = ${t} (initial step estimate)`);
    nfev += first.nfev;
    let h = first.h;
    const controller = new PiController(2);
    const [K1, K2, K3, K4] = K;
    let jNorm = differentiate();
    let fresh = true;
    let yStart = y.slice();
    while (t < t1) {
      if (naccept + nreject >= maxSteps) return end('maxSteps', `step budget of ${maxSteps} attempted steps used up at t = ${t}`);
      if (!fresh) {
        jNorm = differentiate();
        fresh = true;
      }
      h = Math.min(h, maxStep);
      const tNew = t + 1.01 * h >= t1 ? t1 : t + h;
      h = tNew - t;
      if (isStepTooSmall(h, t)) return end('stepTooSmall', `step size ${h} at t = ${t} is below the resolution of t`);
      if (!factor(h)) {
        nreject++;
        h *= 0.5;
        continue;
      }
      const [g1, g2, g3, g4] = STAGE_GAMMA;
      for (let i = 0; i < n; i++) rhsBuf[i] = f0[i] + h * g1 * ft[i];
      solveLu(rhsBuf, K1);
      for (let i = 0; i < n; i++) rhsBuf[i] = f0[i] + (C21 / h) * K1[i] + h * g2 * ft[i];
      solveLu(rhsBuf, K2);
      for (let i = 0; i < n; i++) work[i] = y[i] + 2 * K1[i];
      f(t + h, work, fw);
      for (let i = 0; i < n; i++) rhsBuf[i] = fw[i] + (C31 * K1[i] + C32 * K2[i]) / h + h * g3 * ft[i];
      solveLu(rhsBuf, K3);
      for (let i = 0; i < n; i++) work[i] = y[i] + 2 * K1[i] + K3[i];
      f(t + h, work, fw);
      for (let i = 0; i < n; i++) rhsBuf[i] = fw[i] + (C41 * K1[i] + C42 * K2[i] + C43 * K3[i]) / h + h * g4 * ft[i];
      solveLu(rhsBuf, K4);
      for (let i = 0; i < n; i++) yNew[i] = work[i] + K4[i];
      if (!allFinite(yNew)) {
        nreject++;
        h *= 0.25;
        continue;
      }
      const err = scaledRmsNorm(K4, y, yNew, rtol, atol);
      controller.judge(h, err);
      if (!controller.accept) {
        nreject++;
        h = controller.hNext;
        continue;
      }
      f(tNew, yNew, f1);
      if (!allFinite(f1)) return end('nonFinite', `the right-hand side is not finite at t = ${tNew}`);
      naccept++;
      const yEnd = yNew.slice();
      const go = recorder.accept(new HermiteSegment(t, tNew, yStart, yEnd, f0.slice(), f1.slice()));
      yStart = yEnd;
      y.set(yEnd);
      t = tNew;
      [f0, f1] = [f1, f0];
      fresh = false;
      hLast = h = controller.hNext;
      if (!go) return end('stopped', 'a terminal event fired');
      if (monitor !== undefined && t < t1) {
        const reason = monitor({ h: hLast, stiffness: jNorm * hLast, stages: 4 });
        if (reason !== null) return end('switch', reason);
      }
    }
    return end('success', `reached t = ${t1}`);
  };
}
