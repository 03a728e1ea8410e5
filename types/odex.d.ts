/**
 * The part of odex 2.0.4 (Hairer & Wanner's ODEX, CommonJS, `module.exports = { Solver, Outcome }`) that
 * popflow uses, as the global namespace `Odex`. Written here because the package ships its TypeScript
 * source (`src/odex.ts`, which `import 'odex'` resolves to) and that source fails strict checks; so tsconfig maps the
 * module name `odex` to `odex-module.d.ts`, whose default export (the CommonJS module object) this file types.
 */
declare namespace Odex {
  /** y' = f(x, y); odex copies the returned values, so a reused buffer may be returned. */
  export type Derivative = (x: number, y: number[]) => ArrayLike<number>;
  /** Dense output of the current step: component c (0-based) at x in [xOld, x]. */
  export type DenseFunction = (c: number, x: number) => number;
  /** Called after each accepted step (nr = 1 at the start, without dense output); false stops. */
  export type OutputFunction = (
    nr: number,
    xOld: number,
    x: number,
    y: number[],
    dense?: DenseFunction | false,
  ) => boolean | void;

  /** odex's `Outcome` enum: Converged = 0, MaxStepsExceeded = 1, EarlyReturn = 2. */
  export interface OutcomeEnum {
    readonly Converged: 0;
    readonly MaxStepsExceeded: 1;
    readonly EarlyReturn: 2;
  }
  export type Outcome = 0 | 1 | 2;

  export interface Solver {
    n: number;
    maxSteps: number;
    initialStepSize: number;
    maxStepSize: number;
    maxExtrapolationColumns: number;
    interpolationFormulaDegree: number;
    denseOutput: boolean;
    relativeTolerance: number | number[];
    absoluteTolerance: number | number[];
    solve(
      f: Derivative,
      x: number,
      y0: number[],
      xEnd: number,
      solOut?: OutputFunction,
    ): { y: number[]; outcome: Outcome; nStep: number; xEnd: number; nAccept: number; nReject: number; nEval: number };
  }

  /** The CommonJS module object. */
  export interface Module {
    Solver: new (n: number) => Solver;
    Outcome: OutcomeEnum;
  }
}
