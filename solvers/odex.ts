import odexPkg from 'odex';
import type { Method, MethodOutcome, Settings } from './method.ts';
import type { StepRecorder } from './recorder.ts';
import { ChebyshevSegment, chebyshevLobattoNodes } from './dense_output.ts';
import { allFinite } from './rk_step.ts';
import { isStepTooSmall } from './controller.ts';

/** odex's defaults, restated because they fix the degree of its dense output. */
const MAX_EXTRAPOLATION_COLUMNS = 9;
const INTERPOLATION_FORMULA_DEGREE = 4;
/**
 * Degree bound of odex's dense output: Hermite cubic plus (θ(1−θ))²·(polynomial of degree μ),
 * μ = 2·kc − IDEG + 1 with kc ≤ KM (Hairer, Nørsett, Wanner, Solving ODEs I, §II.9, eq. (9.33)).
 * Sampling at this degree + 1 Chebyshev points therefore stores each step's interpolant exactly.
 */
const DENSE_DEGREE = 4 + 2 * MAX_EXTRAPOLATION_COLUMNS - INTERPOLATION_FORMULA_DEGREE + 1;

/** Thrown by the wrapped rhs to abandon odex when f is not finite; never leaves this module. */
class NonFiniteRhs {
  constructor(readonly t: number) {}
}

/**
 * Hairer & Wanner's extrapolation code ODEX (Gragg–Bulirsch–Stoer with order and step control,
 * Solving ODEs I, §II.9), via the odex 2.0.4 port, behind popflow's method interface. Its dense output
 * (step-size sequence 4) is sampled at Chebyshev–Lobatto points after every accepted step and handed to
 * the recorder. The rhs is adapted with preallocated buffers (odex itself still copies arrays per call);
 * nfev counts calls of the wrapped rhs. A non-finite rhs ends the run as `nonFinite`; an accepted step
 * below 10·ε·|t| as `stepTooSmall`. Note odex floors the first step at 1e-4 (`firstStep` below is ignored).
 */
export const odexMethod: Method = (settings: Settings, recorder: StepRecorder): MethodOutcome => {
  const { rhs, t0, t1 } = settings;
  const n = settings.y0.length;
  const yBuffer = new Float64Array(n);
  const dydt = new Float64Array(n);
  let nfev = 0;
  const f: Odex.Derivative = (t, y) => {
    for (let i = 0; i < n; i++) yBuffer[i] = y[i];
    rhs(t, yBuffer, dydt);
    nfev++;
    if (!allFinite(dydt)) throw new NonFiniteRhs(t);
    return dydt;
  };

  const solver = new odexPkg.Solver(n);
  solver.maxExtrapolationColumns = MAX_EXTRAPOLATION_COLUMNS;
  solver.interpolationFormulaDegree = INTERPOLATION_FORMULA_DEGREE;
  solver.denseOutput = true;
  solver.relativeTolerance = settings.rtol;
  solver.absoluteTolerance = settings.atol;
  solver.maxSteps = settings.maxSteps;
  solver.maxStepSize = settings.maxStep;
  if (settings.firstStep !== null) solver.initialStepSize = settings.firstStep;

  const unitNodes = chebyshevLobattoNodes(DENSE_DEGREE);
  let tLast = t0;
  let yLast = settings.y0.slice();
  let stopReason: 'event' | 'stepTooSmall' | null = null;
  const solOut: Odex.OutputFunction = (nr, xOld, x, y, dense) => {
    if (nr === 1 || !dense) return true;
    // odex ends its last step at xOld + (xEnd − xOld), which may miss xEnd by an ulp.
    const tEnd = Math.abs(x - t1) <= 4 * Number.EPSILON * Math.abs(t1) ? t1 : x;
    if (isStepTooSmall(tEnd - xOld, xOld)) {
      stopReason = 'stepTooSmall';
      return false;
    }
    const y1 = Float64Array.from(y);
    const values = new Float64Array((DENSE_DEGREE + 1) * n);
    for (let k = 0; k <= DENSE_DEGREE; k++) {
      const tk = xOld + ((unitNodes[k] + 1) / 2) * (x - xOld);
      for (let i = 0; i < n; i++) values[k * n + i] = dense(i, tk);
    }
    values.set(y1, 0);
    values.set(yLast, DENSE_DEGREE * n);
    const go = recorder.accept(new ChebyshevSegment(xOld, tEnd, yLast, y1, unitNodes, values));
    tLast = tEnd;
    yLast = y1;
    if (!go) stopReason = 'event';
    return go;
  };

  // naccept counts the steps handed to the recorder (odex's own count includes a step refused as too small).
  const finish = (status: MethodOutcome['status'], message: string, nreject: number): MethodOutcome => ({
    status,
    message,
    stats: { nfev, naccept: recorder.dense.tSteps.length - 1, nreject },
    tLast,
    yLast: yLast.slice(),
  });
  try {
    const result = solver.solve(f, t0, Array.from(settings.y0), t1, solOut);
    const { nReject } = result;
    if (result.outcome === odexPkg.Outcome.MaxStepsExceeded) {
      return finish('maxSteps', `step budget of ${settings.maxSteps} steps used up at t = ${tLast}`, nReject);
    }
    if (stopReason === 'event') return finish('stopped', 'a terminal event fired', nReject);
    if (stopReason === 'stepTooSmall') return finish('stepTooSmall', `odex took a step below the resolution of t at t = ${tLast}`, nReject);
    return finish('success', `reached t = ${t1}`, nReject);
  } catch (e) {
    if (!(e instanceof NonFiniteRhs)) throw e;
    // odex's rejection count is lost with the abandoned run (reported as 0).
    return finish('nonFinite', `the right-hand side is not finite at t = ${e.t} (after the last accepted step at t = ${tLast})`, 0);
  }
};
