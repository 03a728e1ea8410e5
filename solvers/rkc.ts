import type { Method, MethodOutcome, Settings, SwitchMonitor } from './method.ts';
import type { StepRecorder } from './recorder.ts';
import { PiController, isStepTooSmall } from './controller.ts';
import { HermiteSegment } from './dense_output.ts';
import { allFinite } from './rk_step.ts';
import { firstStep } from './initial_step.ts';
import { scaledRmsNorm } from './error_norm.ts';

/** Damping of the Chebyshev polynomial, ε = 2/13 (Sommeijer, Shampine & Verwer 1998). */
const DAMPING = 2 / 13;
/** Most stages per step (the stability interval grows as 0.653 s²; round-off grows with s). */
export const RKC_MAX_STAGES = 250;
/** Accepted steps between spectral-radius estimates. */
const RHO_REFRESH = 25;

/**
 * Runge–Kutta–Chebyshev, second order, s stages chosen per step so that the real stability interval
 * [−0.653 s², 0] covers h·ρ (Sommeijer, Shampine & Verwer, "RKC: an explicit solver for parabolic PDEs",
 * J. Comput. Appl. Math. 88, 1998; van der Houwen & Sommeijer 1980). With w0 = 1 + ε/s²,
 * w1 = T_s'(w0)/T_s''(w0), b_j = T_j''(w0)/T_j'(w0)² (b0 = b1 = b2), a_j = 1 − b_j T_j(w0):
 *
 *   Y_0 = y,  Y_1 = y + μ̃_1 h F_0,  μ̃_1 = b_1 w1,
 *   Y_j = (1 − μ_j − ν_j) y + μ_j Y_{j−1} + ν_j Y_{j−2} + μ̃_j h F(Y_{j−1}) + γ̃_j h F_0,
 *   μ_j = 2 b_j w0 / b_{j−1}, ν_j = −b_j / b_{j−2}, μ̃_j = 2 b_j w1 / b_{j−1}, γ̃_j = −a_{j−1} μ̃_j,
 *
 * y_new = Y_s. Local error estimate 0.8 (y − y_new) + 0.4 h (F_0 + F(y_new)) (order 2 control).
 * The spectral radius ρ of ∂f/∂y comes from a nonlinear power iteration on the rhs (no Jacobian is
 * formed or stored), refreshed every 25 steps and after a rejection. Dense output: cubic Hermite.
 * Suited to large systems whose Jacobian has a nearly real spectrum (diffusion, gradient flows).
 */
export function rkcMethod(monitor?: SwitchMonitor, start?: { h: number }): Method {
  return (settings: Settings, recorder: StepRecorder): MethodOutcome => {
    const { rhs, t1, rtol, atol, maxSteps, maxStep } = settings;
    const n = settings.y0.length;
    let t = settings.t0;
    const y = settings.y0.slice();
    let f0 = new Float64Array(n);
    let f1 = new Float64Array(n);
    const yjm1 = new Float64Array(n);
    const yjm2 = new Float64Array(n);
    const yj = new Float64Array(n);
    const fj = new Float64Array(n);
    const est = new Float64Array(n);
    const eigen = new Float64Array(n);
    const probe = new Float64Array(n);
    const fProbe = new Float64Array(n);
    let nfev = 0;
    let naccept = 0;
    let nreject = 0;
    let rho = 0;
    let rhoAge = RHO_REFRESH;
    let hLast = 0;
    const end = (status: MethodOutcome['status'], message: string): MethodOutcome => ({
      status, message, stats: { nfev, naccept, nreject }, tLast: t, yLast: y.slice(), hNext: hLast,
    });
    const f = (tt: number, yy: Float64Array, out: Float64Array) => {
      rhs(tt, yy, out);
      nfev++;
    };

    /** Nonlinear power iteration: ρ ≈ ‖f(y + δv) − f(y)‖/δ over unit directions v, ×1.2 (RKC's rkcrho). */
    const spectralRadius = (): number => {
      let ynorm = 0;
      for (let i = 0; i < n; i++) ynorm += y[i] * y[i];
      ynorm = Math.sqrt(ynorm);
      let vnorm = 0;
      for (let i = 0; i < n; i++) vnorm += eigen[i] * eigen[i];
      vnorm = Math.sqrt(vnorm);
      if (!(vnorm > 0)) {
        for (let i = 0; i < n; i++) eigen[i] = f0[i] !== 0 ? f0[i] : 1 + (i % 7);
        vnorm = Math.sqrt(eigen.reduce((s, v) => s + v * v, 0));
      }
      const delta = Math.sqrt(Number.EPSILON) * Math.max(ynorm, 1e-8 * Math.sqrt(n));
      let sigma = 0;
      for (let iter = 0; iter < 50; iter++) {
        for (let i = 0; i < n; i++) probe[i] = y[i] + (delta / vnorm) * eigen[i];
        f(t, probe, fProbe);
        let dnorm = 0;
        for (let i = 0; i < n; i++) {
          eigen[i] = fProbe[i] - f0[i];
          dnorm += eigen[i] * eigen[i];
        }
        dnorm = Math.sqrt(dnorm);
        const previous = sigma;
        sigma = dnorm / delta;
        if (dnorm === 0) {
          for (let i = 0; i < n; i++) eigen[i] = 1 + (i % 7);
          vnorm = Math.sqrt(eigen.reduce((s, v) => s + v * v, 0));
          continue;
        }
        vnorm = dnorm;
        if (iter >= 2 && Math.abs(sigma - previous) <= 0.01 * Math.max(sigma, 1 / maxStep)) break;
      }
      return 1.2 * sigma;
    };

    f(t, y, f0);
    if (!allFinite(f0)) return end('nonFinite', `the right-hand side is not finite at t = ${t} (the initial state)`);
    const first = firstStep(settings, start, t, y, f0, 2, probe, fProbe);
    if (first === null) return end('nonFinite', `the right-hand side is not finite near t = ${t} (initial step estimate)`);
    nfev += first.nfev;
    let h = first.h;
    const controller = new PiController(2);
    let yStart = y.slice();
    while (t < t1) {
      if (naccept + nreject >= maxSteps) return end('maxSteps', `step budget of ${maxSteps} attempted steps used up at t = ${t}`);
      if (rhoAge >= RHO_REFRESH) {
        rho = spectralRadius();
        rhoAge = 0;
      }
      h = Math.min(h, maxStep, (0.653 * (RKC_MAX_STAGES * RKC_MAX_STAGES - 1)) / Math.max(rho, 1e-300));
      const tNew = t + 1.01 * h >= t1 ? t1 : t + h;
      h = tNew - t;
      if (isStepTooSmall(h, t)) return end('stepTooSmall', `step size ${h} at t = ${t} is below the resolution of t`);
      const s = Math.max(2, Math.min(RKC_MAX_STAGES, 1 + Math.floor(Math.sqrt(1 + 1.54 * h * rho))));
      // Chebyshev values T_j, T_j', T_j'' at w0, generated alongside the stages.
      const w0 = 1 + DAMPING / (s * s);
      let tPrev = 1, tCur = w0, dPrev = 0, dCur = 1, ddPrev = 0, ddCur = 0;
      const w1 = chebyshevW1(s, w0);
      // b_j for j = 0, 1, 2 equal b_2 = T_2''/T_2'² = 4/(4 w0)² = 1/(4 w0²).
      const b2 = 1 / (4 * w0 * w0);
      let bm2 = b2, bm1 = b2; // b_{j−2}, b_{j−1}
      let cm1 = b2 * w1; // c_{j−1}: c_1 = μ̃_1
      const mut1 = b2 * w1;
      for (let i = 0; i < n; i++) {
        yjm2[i] = y[i];
        yjm1[i] = y[i] + mut1 * h * f0[i];
      }
      let ok = true;
      // T_{j−1} values: at j = 2 the previous is T_1.
      for (let j = 2; j <= s; j++) {
        const tNext = 2 * w0 * tCur - tPrev;
        const dNext = 2 * tCur + 2 * w0 * dCur - dPrev;
        const ddNext = 4 * dCur + 2 * w0 * ddCur - ddPrev;
        const bj = ddNext / (dNext * dNext);
        const aPrev = 1 - bm1 * tCur; // a_{j−1} = 1 − b_{j−1} T_{j−1}(w0)
        const mu = (2 * bj * w0) / bm1;
        const nu = -bj / bm2;
        const mut = (2 * bj * w1) / bm1;
        const gat = -aPrev * mut;
        f(t + cm1 * h, yjm1, fj);
        const c0 = 1 - mu - nu;
        for (let i = 0; i < n; i++) {
          yj[i] = c0 * y[i] + mu * yjm1[i] + nu * yjm2[i] + h * (mut * fj[i] + gat * f0[i]);
        }
        yjm2.set(yjm1);
        yjm1.set(yj);
        cm1 = j === s ? 1 : (w1 * ddNext) / dNext;
        tPrev = tCur; tCur = tNext; dPrev = dCur; dCur = dNext; ddPrev = ddCur; ddCur = ddNext;
        bm2 = bm1; bm1 = bj;
      }
      f(tNew, yjm1, f1);
      if (!allFinite(f1) || !allFinite(yjm1)) ok = false;
      if (!ok) return end('nonFinite', `the right-hand side or the state became non-finite in the step from t = ${t} with h = ${h}`);
      for (let i = 0; i < n; i++) est[i] = 0.8 * (y[i] - yjm1[i]) + 0.4 * h * (f0[i] + f1[i]);
      const err = scaledRmsNorm(est, y, yjm1, rtol, atol);
      controller.judge(h, err);
      if (!controller.accept) {
        nreject++;
        rhoAge = RHO_REFRESH;
        h = controller.hNext;
        continue;
      }
      naccept++;
      rhoAge++;
      const yEnd = yjm1.slice();
      const hStep = tNew - t;
      const go = recorder.accept(new HermiteSegment(t, tNew, yStart, yEnd, f0.slice(), f1.slice()));
      yStart = yEnd;
      y.set(yEnd);
      t = tNew;
      [f0, f1] = [f1, f0];
      hLast = h = controller.hNext;
      if (!go) return end('stopped', 'a terminal event fired');
      if (monitor !== undefined && t < t1) {
        const reason = monitor({ h: hStep, stiffness: rho * hStep, stages: s });
        if (reason !== null) return end('switch', reason);
      }
    }
    return end('success', `reached t = ${t1}`);
  };
}

/** w1 = T_s'(w0)/T_s''(w0), by the three-term recurrences of T_j, T_j', T_j''. */
function chebyshevW1(s: number, w0: number): number {
  let a0 = 1, a1 = w0, d0 = 0, d1 = 1, e0 = 0, e1 = 0;
  for (let j = 2; j <= s; j++) {
    const a2 = 2 * w0 * a1 - a0;
    const d2 = 2 * a1 + 2 * w0 * d1 - d0;
    const e2 = 4 * d1 + 2 * w0 * e1 - e0;
    a0 = a1; a1 = a2; d0 = d1; d1 = d2; e0 = e1; e1 = e2;
  }
  return d1 / e1;
}
