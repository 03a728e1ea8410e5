/**
 * The initial overlaps named by a spec's `init`.
 */
import { readFileSync } from 'node:fs';
import { SpecError, expectMatrix, expectNumberArray, expectRecord } from '../validate.ts';
import { randomOverlaps } from './init.ts';
import type { CommitteeSpec } from './spec.ts';
import type { Overlaps } from './state.ts';

/** Q, R, T and a at t = 0 for a spec (explicit overlaps, random at dimension d, or a simulation's file). */
export function resolveInitialOverlaps(spec: CommitteeSpec): Overlaps {
  const { init, model } = spec;
  const m = model.a.length;
  const mStar = model.aStar.length;
  switch (init.kind) {
    case 'overlaps':
      return { Q: init.Q, R: init.R, T: init.T, a: model.a.slice() };
    case 'random':
      return randomOverlaps(m, mStar, init.d, init.scale, init.seed, model.a);
    case 'fromSimulation':
      return readOverlapsFile(init.file, m, mStar);
  }
}

/**
 * Read initial overlaps `{"Q": [[...]], "R": [[...]], "T": [[...]], "a": [...]}` from a JSON file
 * (the format a simulation writes for its initial weights).
 */
export function readOverlapsFile(file: string, m: number, mStar: number): Overlaps {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SpecError('init.fromSimulation', file, `a readable JSON file (${(e as Error).message})`);
  }
  const o = expectRecord(json, `${file}`);
  return {
    Q: expectMatrix(o.Q, `${file}: Q`, m, m),
    R: expectMatrix(o.R, `${file}: R`, m, mStar),
    T: expectMatrix(o.T, `${file}: T`, mStar, mStar),
    a: expectNumberArray(o.a, `${file}: a`, m),
  };
}
