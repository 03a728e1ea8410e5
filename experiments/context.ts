/** Contexts for running an experiment without the CLI's disk cache (tests, the library API). */
import type { ExperimentContext } from './types.ts';

/**
 * `cached` without a cache: computes every time, and passes the value through a JSON round trip so
 * that an experiment sees exactly what a disk cache would give back (no typed arrays, no undefined
 * fields, no non-finite numbers surviving unnoticed).
 */
export async function uncached<T>(_spec: unknown, compute: () => Promise<T> | T): Promise<T> {
  return JSON.parse(JSON.stringify(await compute())) as T;
}

/** A quiet context for running an experiment in code: `quick` as given, no log, no cache. */
export function plainContext(quick: boolean, log: (msg: string) => void = () => {}): ExperimentContext {
  return { quick, log, cached: uncached };
}
