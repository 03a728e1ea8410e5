import type { Method, MethodOutcome, Settings, SwitchMonitor } from './method.ts';
import type { StepRecorder } from './recorder.ts';
import type { RkTableau } from './tableau.ts';
import { RkStepper, allFinite } from './rk_step.ts';
import { PiController, isStepTooSmall } from './controller.ts';
import { firstStep } from './initial_step.ts';
import { PolynomialSegment } from './dense_output.ts';

/**
 * Adaptive integration with an embedded explicit Runge–Kutta pair (FSAL) and PI step-size control:
 * attempt, judge the scaled error (≤ 1 accepts), hand the accepted step's continuous extension to the
 * recorder, repeat until t1, a terminal event, the step budget, a step below 10·ε·|t|, or a non-finite slope.
 * With a `monitor`, each accepted step is reported with h·ρ (ρ from `spectralRadiusEstimate`) and the
 * run ends with status `switch` when the monitor asks; `start.h` continues another method's run.
 */
export function explicitRk(tableau: RkTableau, monitor?: SwitchMonitor, start?: { h: number }): Method {
  return (settings: Settings, recorder: StepRecorder): MethodOutcome => {
    const { rhs, t1, rtol, atol, maxSteps, maxStep } = settings;
    const n = settings.y0.length;
    const stepper = new RkStepper(tableau, rhs, n);
    const controller = new PiController(tableau.errorOrder);
    const degree = tableau.P[0].length;
    let t = settings.t0;
    const y = settings.y0.slice();
    let naccept = 0;
    let nreject = 0;
    const end = (status: MethodOutcome['status'], message: string): MethodOutcome => ({
      status,
      message,
      stats: { nfev: stepper.nfev, naccept, nreject },
      tLast: t,
      yLast: y.slice(),
      hNext: h,
    });

    let yStart = y.slice(); // the last accepted state, shared by consecutive segments (never mutated)
    // Without dense output the recorder keeps only the newest segment, so a segment's buffers can be
    // reused two steps later: two end-state buffers in turn and one coefficient buffer, no allocation.
    const reuse = settings.denseOutput ? null : { q: new Float64Array(degree * n), ends: [new Float64Array(n), new Float64Array(n)] };
    stepper.startSlope(t, y);
    if (!allFinite(stepper.k[0])) return end('nonFinite', `the right-hand side is not finite at t = ${t} (the initial state)`);
    const first = firstStep(settings, start, t, y, stepper.k[0], tableau.errorOrder, stepper.yNew, stepper.k[1]);
    if (first === null) return end('nonFinite', `the right-hand side is not finite near t = ${t} (initial step estimate)`);
    stepper.nfev += first.nfev;
    let h = first.h;

    while (t < t1) {
      if (naccept + nreject >= maxSteps) return end('maxSteps', `step budget of ${maxSteps} attempted steps used up at t = ${t}`);
      h = Math.min(h, maxStep);
      // Stretch a step that would end within 1% of t1 to reach it (DOPRI5), so no sliver of a last step remains.
      const tNew = t + 1.01 * h >= t1 ? t1 : t + h;
      h = tNew - t;
      if (isStepTooSmall(h, t)) return end('stepTooSmall', `step size ${h} at t = ${t} is below the resolution of t`);
      const err = stepper.attempt(t, y, h, rtol, atol);
      if (Number.isNaN(err)) {
        return end('nonFinite', `the right-hand side or the state became non-finite in the step from t = ${t} with h = ${h}`);
      }
      controller.judge(h, err);
      if (!controller.accept) {
        nreject++;
        h = controller.hNext;
        continue;
      }
      naccept++;
      const hStep = h;
      const stiffness = monitor === undefined ? 0 : hStep * stepper.spectralRadiusEstimate();
      const q = reuse === null ? new Float64Array(degree * n) : reuse.q;
      stepper.denseCoefficients(h, q);
      const yEnd = reuse === null ? stepper.yNew.slice() : reuse.ends[naccept & 1];
      if (reuse !== null) yEnd.set(stepper.yNew);
      const go = recorder.accept(new PolynomialSegment(t, tNew, yStart, yEnd, q));
      yStart = yEnd;
      y.set(yEnd);
      t = tNew;
      stepper.advance();
      h = controller.hNext;
      if (!go) return end('stopped', 'a terminal event fired');
      if (monitor !== undefined && t < t1) {
        const reason = monitor({ h: hStep, stiffness, stages: tableau.stages });
        if (reason !== null) return end('switch', reason);
      }
    }
    return end('success', `reached t = ${t1}`);
  };
}
