/**
 * Checks that tie fields of a spec together, after the schema has checked each field alone: matrix
 * shapes against m = a.length and m* = aStar.length, overlaps that real weight vectors can have,
 * activation expressions, increasing output times. Each failure is one `SpecError`.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { BUILT_IN_ACTIVATIONS, parseActivation } from '../integrals/activation.ts';
import { FUNCTION_TARGETS } from '../integrals/codegen.ts';
import { SpecError } from '../validate.ts';
import { didYouMean } from './zod.ts';

/** Relative tolerance on the smallest eigenvalue of the overlap matrix (rounding of the entries). */
export const PSD_TOLERANCE = 1e-10;

/** Check that `M` is rows×cols. */
export function checkShape(M: number[][], path: string, rows: number, cols: number): void {
  const what = `a ${rows}×${cols} matrix`;
  if (M.length !== rows) throw new SpecError(path, M, `${what} (${rows} rows)`);
  M.forEach((row, i) => {
    if (row.length !== cols) throw new SpecError(`${path}[${i}]`, row, `a row of ${cols} numbers (${what})`);
  });
}

/** Check that `M` is symmetric with a positive diagonal (a Gram matrix of non-zero vectors). */
export function checkSymmetric(M: number[][], path: string): void {
  for (let i = 0; i < M.length; i++) {
    if (!(M[i][i] > 0)) throw new SpecError(`${path}[${i}][${i}]`, M[i][i], 'a positive diagonal entry (a squared norm)');
    for (let j = 0; j < i; j++) {
      if (Math.abs(M[i][j] - M[j][i]) > 1e-12 * (1 + Math.abs(M[i][j]))) {
        throw new SpecError(`${path}[${i}][${j}]`, M[i][j], `a symmetric matrix (${path}[${j}][${i}] = ${M[j][i]})`);
      }
    }
  }
}

/**
 * Smallest eigenvalue of the symmetric overlap matrix [[Q, R], [Rᵀ, T]] relative to its largest
 * |eigenvalue|: it is the Gram matrix of the student and teacher weight vectors, so it must be
 * positive semidefinite; values below −PSD_TOLERANCE mean no weights have these overlaps.
 */
export function overlapMinEigenvalue(Q: number[][], R: number[][], T: number[][]): { min: number; relative: number } {
  const m = Q.length;
  const mStar = T.length;
  const n = m + mStar;
  const M = Matrix.zeros(n, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) M.set(i, j, Q[i][j]);
  for (let k = 0; k < mStar; k++) for (let l = 0; l < mStar; l++) M.set(m + k, m + l, T[k][l]);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < mStar; k++) {
      M.set(i, m + k, R[i][k]);
      M.set(m + k, i, R[i][k]);
    }
  }
  const eig = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues;
  const min = Math.min(...eig);
  const scale = Math.max(...eig.map(Math.abs));
  return { min, relative: scale > 0 ? min / scale : 0 };
}

/** Check shapes, symmetry and positive semidefiniteness of initial overlaps at `path` ("init"). */
export function checkOverlaps(Q: number[][], R: number[][], T: number[][], m: number, mStar: number, path: string): void {
  checkShape(Q, `${path}.Q`, m, m);
  checkShape(R, `${path}.R`, m, mStar);
  checkShape(T, `${path}.T`, mStar, mStar);
  checkSymmetric(Q, `${path}.Q`);
  checkSymmetric(T, `${path}.T`);
  const { min, relative } = overlapMinEigenvalue(Q, R, T);
  if (relative < -PSD_TOLERANCE) {
    throw new SpecError(
      path,
      { minEigenvalue: min },
      '[[Q, R], [Rᵀ, T]] positive semidefinite (overlaps of real weight vectors; |R_jk| ≤ √(Q_jj T_kk) and more)',
    );
  }
}

const ACTIVATION_HELP = `a built-in name (${Object.keys(BUILT_IN_ACTIVATIONS).join(', ')}) or an expression in x with functions among ${Object.keys(FUNCTION_TARGETS).join(', ')}`;

/**
 * Check an activation: a built-in name or an expression in x only, with known functions, finite on
 * the real line. The message lists the built-in names and functions, and a near miss.
 */
export function checkActivation(spec: string, path: string): void {
  try {
    const act = parseActivation(spec, path);
    if (!/\bx\b/.test(act.expr)) throw new SpecError(path, spec, `${ACTIVATION_HELP}; an expression that depends on x`);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    if (e.allowed.startsWith(ACTIVATION_HELP)) throw e;
    const found = /found (?:symbol )?"([^"]+)"/.exec(e.allowed)?.[1];
    const guess = found === undefined ? null : didYouMean(found, [...Object.keys(BUILT_IN_ACTIVATIONS), ...Object.keys(FUNCTION_TARGETS), 'x']);
    const problem = found === undefined ? e.allowed : `unknown name "${found}"${guess === null ? '' : ` (did you mean ${guess}?)`}`;
    throw new SpecError(path, spec, `${ACTIVATION_HELP}; ${problem}`);
  }
}

/** Check that a list of output times is strictly increasing. */
export function checkIncreasing(times: number[], path: string): void {
  for (let i = 1; i < times.length; i++) {
    if (!(times[i] > times[i - 1])) throw new SpecError(`${path}[${i}]`, times[i], `non-negative, strictly increasing times (after ${times[i - 1]})`);
  }
}
