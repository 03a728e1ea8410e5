/**
 * The initial overlaps named by a spec's `init`.
 */
import { SpecError } from '../validate.ts';
import { randomOverlaps } from './init.ts';
import { readInitialOverlaps } from './overlapsFile.ts';
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
    case 'fromSimulation': {
      const o = fromSpecField(() => readInitialOverlaps(init.file));
      if (o.a.length !== m || o.aStar.length !== mStar) {
        throw new SpecError('init.fromSimulation', init.file, `a file for m = ${m}, m* = ${mStar} students and teachers (it has m = ${o.a.length}, m* = ${o.aStar.length})`);
      }
      return { Q: o.Q, R: o.R, T: o.T, a: o.a };
    }
  }
}

/** Errors of the file named by `init.fromSimulation`, reported at that field too. */
function fromSpecField<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof SpecError) throw new SpecError('init.fromSimulation', e.value, e.allowed, `init.fromSimulation: ${e.message}`);
    throw e;
  }
}
