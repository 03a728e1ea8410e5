import type { Method, MethodOutcome, Settings, StepReport, SwitchMonitor } from './method.ts';
import type { StepRecorder } from './recorder.ts';
import type { MethodUse } from './types.ts';
import { explicitRk } from './explicit_rk.ts';
import { DORMAND_PRINCE_54 } from './tableau.ts';
import { rkcMethod } from './rkc.ts';
import { rosenbrockMethod } from './rosenbrock.ts';

/** Largest state for which `auto` picks the Rosenbrock method (a Jacobian by differences costs n evaluations). */
export const AUTO_JACOBIAN_MAX_SIZE = 60;
/** dopri5's real stability bound (h·ρ ≈ 3.3); DOPRI5 calls a step stiff above 3.25. */
const DOPRI5_STIFF = 3.25;
/** Stiff steps needed to switch (DOPRI5: 15), and non-stiff steps that reset the count (6). */
const STIFF_STEPS = 15;
const RESET_STEPS = 6;
/**
 * RKC is second order: its local errors, each within tolerance, add up over its many steps. Under auto
 * it runs at tolerances this much tighter, so that its global error stays near dopri5's at the
 * requested tolerances.
 */
export const AUTO_RKC_TOLERANCE_FACTOR = 0.01;
/** Consecutive steps that look non-stiff before a stiff method hands back to dopri5. */
const NONSTIFF_STEPS = 20;

/**
 * `auto`: start with dopri5; switch to a stiff method when dopri5's own stiffness test fires (h·ρ above
 * 3.25 on 15 accepted steps, Hairer & Wanner, Solving ODEs II, §IV.2), as LSODA switches from Adams to
 * BDF; switch back when the stiff method's steps are well inside dopri5's stability bound (h·ρ < 1 for
 * RKC, h·‖J‖∞ < 1 for RODAS3: the step is then set by accuracy, where dopri5's fifth order pays) on 20
 * consecutive steps. (Handing back as soon as RKC needs only 2 stages made `auto` alternate every
 * ~1 time unit on the committee flow at m = 50, 80 switches for 59 374 evaluations; with h·ρ < 1, 8
 * switches and 58 015.) The stiff method is RODAS3 for states of at most 60 unknowns (Jacobian by
 * differences is cheap), RKC above (no Jacobian, nearly real spectra such as gradient flows), run at
 * 1/100 of the tolerances (see AUTO_RKC_TOLERANCE_FACTOR). Each switch is recorded with its time and reason.
 */
export const autoMethod: Method = (settings: Settings, recorder: StepRecorder): MethodOutcome => {
  const n = settings.y0.length;
  const stiffChoice: MethodUse['method'] = n <= AUTO_JACOBIAN_MAX_SIZE ? 'rodas3' : 'rkc';
  const methods: MethodUse[] = [{ method: 'dopri5', t0: settings.t0, reason: 'start non-stiff (auto)' }];
  const stats = { nfev: 0, naccept: 0, nreject: 0 };
  let current = settings;
  let h: number | undefined;
  for (;;) {
    const use = methods[methods.length - 1];
    const start = h === undefined ? undefined : { h };
    const method =
      use.method === 'dopri5'
        ? explicitRk(DORMAND_PRINCE_54, stiffnessDetector(), start)
        : use.method === 'rkc'
          ? rkcMethod(nonStiffDetector((r) => r.stiffness < 1, 'h·ρ < 1'), start)
          : rosenbrockMethod(settings.jacobian, nonStiffDetector((r) => r.stiffness < 1, 'h·‖J‖∞ < 1'), start);
    const outcome = method(current, recorder);
    stats.nfev += outcome.stats.nfev;
    stats.naccept += outcome.stats.naccept;
    stats.nreject += outcome.stats.nreject;
    if (outcome.status !== 'switch') return { ...outcome, stats, methods };
    const next = use.method === 'dopri5' ? stiffChoice : 'dopri5';
    methods.push({ method: next, t0: outcome.tLast, reason: outcome.message });
    h = outcome.hNext;
    const tighten = next === 'rkc' ? AUTO_RKC_TOLERANCE_FACTOR : 1;
    current = {
      ...settings,
      rtol: settings.rtol * tighten,
      atol: settings.atol * tighten,
      t0: outcome.tLast,
      y0: outcome.yLast,
      maxSteps: Math.max(1, settings.maxSteps - stats.naccept - stats.nreject),
    };
  }
};

/** DOPRI5's test: stiff after 15 steps with h·ρ > 3.25, the count reset by 6 steps below it. */
function stiffnessDetector(): SwitchMonitor {
  let stiff = 0;
  let calm = 0;
  return (r: StepReport) => {
    if (r.stiffness > DOPRI5_STIFF) {
      calm = 0;
      if (++stiff >= STIFF_STEPS) {
        return `stiff: dopri5's step was at its stability bound (h·ρ = ${r.stiffness.toFixed(2)} > ${DOPRI5_STIFF}) on ${STIFF_STEPS} steps`;
      }
    } else if (++calm >= RESET_STEPS) stiff = 0;
    return null;
  };
}

/** Hands back to dopri5 after NONSTIFF_STEPS consecutive steps satisfying `calm`. */
function nonStiffDetector(calm: (r: StepReport) => boolean, what: string): SwitchMonitor {
  let count = 0;
  return (r: StepReport) => {
    count = calm(r) ? count + 1 : 0;
    return count >= NONSTIFF_STEPS ? `no longer stiff: ${what} on ${NONSTIFF_STEPS} steps` : null;
  };
}
