/**
 * The sweep spec: a base spec plus axes. Grid axes multiply (every combination); zip axes vary
 * together (all of the same length) and multiply with the grid as one axis.
 *
 * ```json
 * {"name": "lr-width", "base": "erf-flow.json",
 *  "grid": {"model.a": [[1, 1], [1, 1, 1]], "init.seed": {"range": [1, 20]}},
 *  "zip": {"dynamics.lr": [0.1, 0.5], "times.end": [1000, 200]}}
 * ```
 *
 * An axis is a list of values or `{"range": [first, last]}` (integers, inclusive, step 1 or
 * `"step"`). The base is a spec object or the path of a spec file relative to the sweep file.
 */
import { z } from 'zod';
import { parseWith, strictObject } from '../schema/zod.ts';
import { SpecError } from '../validate.ts';
import { pathSegments, setPath } from './paths.ts';

const rangeAxis = strictObject({
  range: z.tuple([z.number().int(), z.number().int()]),
  step: z.number().int().positive().optional(),
});
const axis = z.union([z.array(z.unknown()).min(1), rangeAxis]);

export const sweepSchema = strictObject({
  $schema: z.string().optional(),
  /** Directory-safe name (default: the sweep file's name without extension). */
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i).optional(),
  /** What each run does: integrate the ODE of a committee spec. */
  kind: z.literal('ode').default('ode'),
  base: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  grid: z.record(z.string(), axis).default({}),
  zip: z.record(z.string(), axis).default({}),
});
export type SweepSpecInput = z.input<typeof sweepSchema>;

/** A validated sweep with its axes expanded to value lists. */
export interface SweepSpec {
  name?: string;
  kind: 'ode';
  base: string | Record<string, unknown>;
  grid: { path: string; values: unknown[] }[];
  zip: { path: string; values: unknown[] }[];
}

function expandAxis(v: z.infer<typeof axis>, where: string): unknown[] {
  if (Array.isArray(v)) return v;
  const [first, last] = v.range;
  const step = v.step ?? 1;
  if (last < first) throw new SpecError(`${where}.range`, v.range, 'a range [first, last] with first ≤ last');
  const out: number[] = [];
  for (let k = first; k <= last; k += step) out.push(k);
  return out;
}

/** Parse a sweep spec (JSON value): unknown keys, bad axes and zip axes of unequal length are refused. */
export function parseSweepSpec(json: unknown): SweepSpec {
  const s = parseWith(sweepSchema, json, 'sweep');
  const axes = (rec: Record<string, z.infer<typeof axis>>, group: string): { path: string; values: unknown[] }[] =>
    Object.entries(rec).map(([path, v]) => {
      pathSegments(path, `sweep: ${group}`);
      return { path, values: expandAxis(v, `sweep: ${group}.${path}`) };
    });
  const grid = axes(s.grid, 'grid');
  const zip = axes(s.zip, 'zip');
  for (const a of zip) {
    if (a.values.length !== zip[0].values.length) {
      throw new SpecError(`sweep: zip.${a.path}`, a.values.length, `${zip[0].values.length} values, as many as zip.${zip[0].path}`);
    }
  }
  const both = grid.map((a) => a.path).filter((p) => zip.some((a) => a.path === p));
  if (both.length > 0) throw new SpecError(`sweep: zip.${both[0]}`, both[0], 'a path that is not also a grid axis');
  return { name: s.name, kind: s.kind, base: s.base, grid, zip };
}

/** One run of a sweep: its index, the axis values that made it, and its full spec. */
export interface SweepRun {
  index: number;
  /** Axis path → value, in axis order (grid axes, then zip axes). */
  params: Record<string, unknown>;
  spec: unknown;
}

/**
 * The runs of a sweep over `base` (a spec object): the Cartesian product of the grid axes (the last
 * axis varying fastest) times the zip positions, each spec the base with the axis fields set.
 */
export function expandSweep(sweep: SweepSpec, base: Record<string, unknown>, set: (spec: unknown, path: string, value: unknown) => unknown): SweepRun[] {
  const zipLength = sweep.zip.length > 0 ? sweep.zip[0].values.length : 1;
  const sizes = [...sweep.grid.map((a) => a.values.length), zipLength];
  const total = sizes.reduce((p, n) => p * n, 1);
  const runs: SweepRun[] = [];
  for (let index = 0; index < total; index++) {
    let rest = index;
    const digits = new Array<number>(sizes.length);
    for (let k = sizes.length - 1; k >= 0; k--) {
      digits[k] = rest % sizes[k];
      rest = Math.floor(rest / sizes[k]);
    }
    const params: Record<string, unknown> = {};
    let spec: unknown = base;
    sweep.grid.forEach((a, k) => {
      params[a.path] = a.values[digits[k]];
      spec = set(spec, a.path, a.values[digits[k]]);
    });
    for (const a of sweep.zip) {
      params[a.path] = a.values[digits[sizes.length - 1]];
      spec = set(spec, a.path, a.values[digits[sizes.length - 1]]);
    }
    runs.push({ index, params, spec });
  }
  return runs;
}

/** Runs of shard `shard` out of `shards`: every run whose index ≡ shard (mod shards). */
export function shardOf<T extends { index: number }>(runs: T[], shard: number, shards: number): T[] {
  return runs.filter((r) => r.index % shards === shard);
}

/**
 * The runs of a sweep with every spec parsed by `parse` (defaults filled in). A run whose spec is
 * refused is reported with its index and axis values in front of the field's path, before anything runs.
 */
export function parsedRuns<S>(sweep: SweepSpec, base: Record<string, unknown>, parse: (spec: unknown) => S): (SweepRun & { spec: S })[] {
  return expandSweep(sweep, base, (s, p, v) => setPath(s, p, v, `sweep axis ${p}`)).map((run) => {
    try {
      return { ...run, spec: parse(run.spec) };
    } catch (e) {
      if (e instanceof SpecError) throw new SpecError(`run ${run.index} (${JSON.stringify(run.params)}): ${e.path}`, e.value, e.allowed);
      throw e;
    }
  });
}
