/**
 * The part of odex 2.0.4 (Hairer & Wanner's ODEX, CommonJS, `module.exports.Solver`) that popflow uses.
 * Written here because the package ships its TypeScript source, which does not pass strict checks.
 */
declare module 'odex' {
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

  export enum Outcome {
    Converged = 0,
    MaxStepsExceeded = 1,
    EarlyReturn = 2,
  }

  export class Solver {
    constructor(n: number);
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

  const odex: { Solver: typeof Solver; Outcome: typeof Outcome };
  export default odex;
}
