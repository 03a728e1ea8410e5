/**
 * What a result needs to be reproduced: the seeds, the backend that computed it and the versions of
 * popflow and its runtime. Results carry it; the CLI writes it into every output file.
 */
import { POPFLOW_VERSION } from './version.ts';

export interface Provenance {
  /** Seed of the initial condition (null when the initial condition is given, not drawn). */
  seed: number | null;
  /** Data seeds of a simulation (one run each); absent for ODE results. */
  dataSeeds?: number[];
  /** What computed the numbers, e.g. "float64 JavaScript" or a tfjs backend. */
  backend: string;
  versions: Record<string, string>;
}

/** The runtime: Node's version, or the browser's user agent. */
function runtime(): Record<string, string> {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (proc?.versions?.node !== undefined) return { node: proc.versions.node };
  const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator;
  return { browser: nav?.userAgent ?? 'unknown' };
}

/** Provenance of a result computed by `backend` from the given seeds; `extra` versions (e.g. tfjs) are added. */
export function provenance(seed: number | null, backend: string, extra: Record<string, string> = {}, dataSeeds?: number[]): Provenance {
  return {
    seed,
    ...(dataSeeds === undefined ? {} : { dataSeeds }),
    backend,
    versions: { popflow: POPFLOW_VERSION, ...runtime(), ...extra },
  };
}
