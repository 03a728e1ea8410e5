/** Sweeps: a base spec and axes over dotted paths, expanded into runs (pure; the disk side is src/io/sweep.ts). */
export { parseSweepSpec, expandSweep, parsedRuns, shardOf, sweepSchema, type SweepSpec, type SweepSpecInput, type SweepRun } from './spec.ts';
export { setPath, pathSegments } from './paths.ts';
