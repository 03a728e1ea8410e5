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
 * Q = WWᵀ/d, R = WW*ᵀ/d, T = W*W*ᵀ/d of the weights at step 0, computed in float64. Files are read and
 * written through the `#io/files` boundary (Node's file system; none in a browser).
 */
import { writeTextFile } from '#io/files';
import { readJsonFile } from '../io/readSpec.ts';
import { checkShape } from '../schema/checks.ts';
import { INITIAL_OVERLAPS_FORMAT, initialOverlapsSchema } from '../schema/overlaps.ts';
import { parseWith } from '../schema/zod.ts';
import { SpecError } from '../validate.ts';

export { INITIAL_OVERLAPS_FORMAT };

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
  writeTextFile(path, JSON.stringify({ format: INITIAL_OVERLAPS_FORMAT, ...o }, null, 1));
}

/**
 * Validate the JSON of an initial-overlaps file named `file` (schema `initialOverlapsSchema`, shapes
 * against a and aStar). Throws `SpecError` with paths such as "file.json: Q[1]".
 */
export function parseInitialOverlaps(json: unknown, file: string): InitialOverlaps {
  const o = parseWith(initialOverlapsSchema, json, file);
  const m = o.a.length;
  const mStar = o.aStar.length;
  try {
    checkShape(o.Q, 'Q', m, m);
    checkShape(o.R, 'R', m, mStar);
    checkShape(o.T, 'T', mStar, mStar);
  } catch (e) {
    if (e instanceof SpecError) throw new SpecError(`${file}: ${e.path}`, e.value, e.allowed);
    throw e;
  }
  return { d: o.d, scale: o.scale, seed: o.seed, Q: o.Q, R: o.R, T: o.T, a: o.a, aStar: o.aStar };
}

/** Read and validate an initial-overlaps file (see `readJsonFile` for file errors, `parseInitialOverlaps` for content). */
export function readInitialOverlaps(path: string): InitialOverlaps {
  return parseInitialOverlaps(readJsonFile(path, 'an initial-overlaps file written by a simulation'), path);
}
