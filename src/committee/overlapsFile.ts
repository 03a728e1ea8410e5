/**
 * Shared initial conditions: a simulation's initial weights, reduced to their overlaps, in a JSON file
 * the ODE can start from (`"init": {"fromSimulation": "<file.json>"}`), so the ODE and the simulation
 * differ only by finite d, finite n and the step size.
 *
 * Format (`popflow-initial-overlaps/1`):
 * ```
 * {"format": "popflow-initial-overlaps/1", "d": 500, "scale": 1 (null for prescribed overlaps), "seed": 1,
 *  "Q": [[...]] (m×m), "R": [[...]] (m×m*), "T": [[...]] (m*×m*), "a": [...] (m), "aStar": [...] (m*)}
 * ```
 * Q = WWᵀ/d, R = WW*ᵀ/d, T = W*W*ᵀ/d of the weights at step 0, computed in float64.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../io/atomicWrite.ts';
import { SpecError, expectMatrix, expectNumber, expectNumberArray, expectRecord } from '../validate.ts';

export const INITIAL_OVERLAPS_FORMAT = 'popflow-initial-overlaps/1';

export interface InitialOverlaps {
  d: number;
  /** Standard deviation of the student entries, or null when the weights were built from given overlaps. */
  scale: number | null;
  seed: number;
  Q: number[][];
  R: number[][];
  T: number[][];
  a: number[];
  aStar: number[];
}

/** Write initial overlaps to `path` atomically (format in the module note). */
export function writeInitialOverlaps(path: string, o: InitialOverlaps): void {
  writeFileAtomicSync(path, JSON.stringify({ format: INITIAL_OVERLAPS_FORMAT, ...o }, null, 1));
}

/**
 * Read and validate an initial-overlaps file. Throws `SpecError` (path `init.fromSimulation`, or the
 * file's own field) for an unreadable file, another format, or inconsistent shapes.
 */
export function readInitialOverlaps(path: string): InitialOverlaps {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SpecError('init.fromSimulation', path, `a readable JSON file written by a simulation (${(e as Error).message})`);
  }
  const o = expectRecord(json, path);
  if (o.format !== INITIAL_OVERLAPS_FORMAT) throw new SpecError(`${path}: format`, o.format, JSON.stringify(INITIAL_OVERLAPS_FORMAT));
  const a = expectNumberArray(o.a, `${path}: a`);
  const aStar = expectNumberArray(o.aStar, `${path}: aStar`);
  const m = a.length;
  const mStar = aStar.length;
  return {
    d: expectNumber(o.d, `${path}: d`, { min: 1, integer: true }),
    scale: o.scale === null ? null : expectNumber(o.scale, `${path}: scale`, { min: 0 }),
    seed: expectNumber(o.seed, `${path}: seed`, { min: 0, integer: true }),
    Q: expectMatrix(o.Q, `${path}: Q`, m, m),
    R: expectMatrix(o.R, `${path}: R`, m, mStar),
    T: expectMatrix(o.T, `${path}: T`, mStar, mStar),
    a,
    aStar,
  };
}
