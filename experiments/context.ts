/** Contexts for running an experiment: without a cache (tests, the library API) or through a run cache on disk. */
import { RunCache } from '../src/io/runCache.ts';
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

/** How many runs an experiment asked for and how many of them came from the cache. */
export interface CacheCounts {
  total: number;
  reused: number;
}

/**
 * `cached` through a {@link RunCache} in `dir`: a run whose key (spec + code version) has an entry is
 * read back, any other is computed and stored atomically as soon as it finishes, so a run killed
 * midway keeps every run it finished. `fresh` recomputes everything (and overwrites the entries).
 */
export function diskCache(dir: string, fresh = false): { cached: ExperimentContext['cached']; counts: CacheCounts } {
  const cache = new RunCache(dir);
  const counts: CacheCounts = { total: 0, reused: 0 };
  const cached = async <T>(spec: unknown, compute: () => Promise<T> | T): Promise<T> => {
    counts.total++;
    const key = cache.key(spec);
    if (!fresh) {
      const entry = await cache.get<T>(key);
      if (entry !== undefined) {
        counts.reused++;
        return entry.value;
      }
    }
    const value = JSON.parse(JSON.stringify(await compute())) as T;
    await cache.put(key, spec, value);
    return value;
  };
  return { cached, counts };
}
