/**
 * Sweeps on disk: plan, run a shard, report status, collect. Every node that sees the same directory
 * can take part: finished runs live in the shared run cache (one file per run, written atomically),
 * and a run in progress or failed leaves a marker file beside the sweep. Nothing here knows which
 * executor started it.
 *
 * Layout under the output directory `out`:
 * - `<out>/.cache/<key>.json` — finished runs (the run cache the experiments use too);
 * - `<out>/sweeps/<name>/status/<key>.running.json` and `<key>.failed.json` — markers;
 * - `<out>/sweeps/<name>/collected.csv`, `collected.arrow`, `collected.json` — the merged table.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Float64, Table, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { normaliseCommitteeSpec, parseCommitteeSpec, runOde, type OdeResult } from '../committee/index.ts';
import { parseSweepSpec, parsedRuns, shardOf, type SweepRun, type SweepSpec } from '../sweep/spec.ts';
import { SpecError, isRecord } from '../validate.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { readJsonFile } from './readSpec.ts';
import { RunCache } from './runCache.ts';

/** A sweep read from its file: the spec, its name, and its runs with their cache keys. */
export interface SweepPlan {
  file: string;
  name: string;
  sweep: SweepSpec;
  runs: (SweepRun & { key: string })[];
  cache: RunCache;
  /** `<out>/sweeps/<name>` */
  dir: string;
}

/**
 * Read a sweep file and expand it: the base spec (inline or a file relative to the sweep file) with
 * each axis set, every run's spec parsed with defaults filled in (a bad axis value is refused here,
 * before anything runs, with the run's axis values in the message), and its cache key.
 */
export async function planSweep(file: string, out: string): Promise<SweepPlan> {
  const path = resolve(file);
  const name = path.replace(/^.*\//, '').replace(/\.sweep\.json$|\.json$/, '');
  return planSweepJson(readJsonFile(path, 'sweep file'), { source: path, baseDir: dirname(path), name }, out);
}

/** {@link planSweep} for a sweep given as a value (an experiment's sweep); `baseDir` resolves a base file. */
export async function planSweepJson(json: unknown, from: { source: string; baseDir: string; name: string }, out: string): Promise<SweepPlan> {
  const sweep = parseSweepSpec(json);
  const base = typeof sweep.base === 'string' ? readJsonFile(resolve(from.baseDir, sweep.base), 'sweep.base') : sweep.base;
  if (!isRecord(base)) throw new SpecError('sweep.base', base, 'a spec object or the path of a spec file');
  const name = sweep.name ?? from.name;
  const cache = new RunCache(join(out, '.cache'));
  const runs = parsedRuns(sweep, base, normaliseCommitteeSpec).map((run) => ({ ...run, key: cache.key(run.spec) }));
  return { file: from.source, name, sweep, runs, cache, dir: join(out, 'sweeps', name) };
}

const marker = (plan: SweepPlan, key: string, kind: 'running' | 'failed'): string => join(plan.dir, 'status', `${key}.${kind}.json`);

/** What one shard did: runs computed, found in the cache, and failed. */
export interface ShardReport {
  computed: number;
  reused: number;
  failed: number;
}

/**
 * Run shard `shard` of `shards`: each of its runs not already in the cache is computed and stored;
 * a run that throws, or whose ODE ends in a failure status, leaves a failed marker with the reason.
 * `onRun` hears of every run as it finishes.
 */
export async function runShard(
  plan: SweepPlan,
  shard: number,
  shards: number,
  onRun: (run: SweepRun & { key: string }, outcome: 'computed' | 'reused' | 'failed', detail: string) => void = () => {},
): Promise<ShardReport> {
  const report: ShardReport = { computed: 0, reused: 0, failed: 0 };
  for (const run of shardOf(plan.runs, shard, shards)) {
    if (await plan.cache.has(run.key)) {
      report.reused++;
      onRun(run, 'reused', '');
      continue;
    }
    await rm(marker(plan, run.key, 'failed'), { force: true });
    await writeFileAtomic(
      marker(plan, run.key, 'running'),
      JSON.stringify({ host: hostname(), pid: process.pid, shard, started: new Date().toISOString() }) + '\n',
    );
    try {
      const result = runOde(parseCommitteeSpec(run.spec));
      if (!['success', 'event'].includes(result.status)) throw new Error(`status ${result.status}: ${result.message}`);
      await plan.cache.put(run.key, run.spec, JSON.parse(JSON.stringify(result)) as OdeResult);
      report.computed++;
      onRun(run, 'computed', result.status);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      await writeFileAtomic(marker(plan, run.key, 'failed'), JSON.stringify({ host: hostname(), shard, at: new Date().toISOString(), reason }) + '\n');
      report.failed++;
      onRun(run, 'failed', reason);
    } finally {
      await rm(marker(plan, run.key, 'running'), { force: true });
    }
  }
  return report;
}

/** State of each run of a sweep. */
export type RunState = 'done' | 'running' | 'failed' | 'missing';

/** Every run's state, with the failure reason or the running marker's host and start. */
export async function sweepStatus(plan: SweepPlan): Promise<{ run: SweepRun & { key: string }; state: RunState; detail: string }[]> {
  let markers = new Set<string>();
  try {
    markers = new Set(await readdir(join(plan.dir, 'status')));
  } catch {
    // no run has started yet
  }
  const out = [];
  for (const run of plan.runs) {
    let state: RunState = 'missing';
    let detail = '';
    if (await plan.cache.has(run.key)) state = 'done';
    else if (markers.has(`${run.key}.failed.json`)) {
      state = 'failed';
      detail = (JSON.parse(await readFile(marker(plan, run.key, 'failed'), 'utf8')) as { reason: string }).reason;
    } else if (markers.has(`${run.key}.running.json`)) {
      state = 'running';
      const m = JSON.parse(await readFile(marker(plan, run.key, 'running'), 'utf8')) as { host: string; started: string };
      detail = `on ${m.host} since ${m.started}`;
    }
    out.push({ run, state, detail });
  }
  return out;
}

/** Counts of each state. */
export function countStates(states: { state: RunState }[]): Record<RunState, number> {
  const c: Record<RunState, number> = { done: 0, running: 0, failed: 0, missing: 0 };
  for (const s of states) c[s.state]++;
  return c;
}

/** A table column: numbers (null for an empty cell) or text. */
type Column = { kind: 'number'; values: (number | null)[] } | { kind: 'text'; values: (string | null)[] };

/**
 * The merged table of a sweep's finished runs: one row per run and output time, with columns run,
 * key, one per axis (numbers as numbers, other values as JSON text), m, mStar, t, loss, lossFloor,
 * Q_jk (j ≤ k), R_jk and a_j (empty where a run has fewer units). Wall-clock fields are left out, so
 * the table depends only on the specs and the code.
 */
export async function collectTable(plan: SweepPlan): Promise<{ columns: Map<string, Column>; rows: number; done: number[] }> {
  const axes = [...plan.sweep.grid, ...plan.sweep.zip].map((a) => a.path);
  const entries: { run: SweepRun & { key: string }; r: OdeResult }[] = [];
  for (const run of plan.runs) {
    const e = await plan.cache.get<OdeResult>(run.key);
    if (e) entries.push({ run, r: e.value });
  }
  const rows = entries.reduce((n, e) => n + e.r.t.length, 0);
  const columns = new Map<string, Column>();
  const numberColumn = (name: string): (number | null)[] => {
    let c = columns.get(name);
    if (!c) {
      c = { kind: 'number', values: new Array<number | null>(rows).fill(null) };
      columns.set(name, c);
    }
    return c.values as (number | null)[];
  };
  const textColumn = (name: string): (string | null)[] => {
    let c = columns.get(name);
    if (!c) {
      c = { kind: 'text', values: new Array<string | null>(rows).fill(null) };
      columns.set(name, c);
    }
    return c.values as (string | null)[];
  };
  numberColumn('run');
  textColumn('key');
  for (const a of axes) {
    const numeric = plan.runs.every((r) => typeof r.params[a] === 'number');
    if (numeric) numberColumn(a);
    else textColumn(a);
  }
  for (const name of ['m', 'mStar', 't', 'loss', 'lossFloor']) numberColumn(name);
  let row = 0;
  for (const { run, r } of entries) {
    const m = r.Q[0]?.length ?? 0;
    const mStar = r.T.length;
    for (let i = 0; i < r.t.length; i++, row++) {
      numberColumn('run')[row] = run.index;
      textColumn('key')[row] = run.key;
      for (const a of axes) {
        const v = run.params[a];
        if (columns.get(a)!.kind === 'number') numberColumn(a)[row] = v as number;
        else textColumn(a)[row] = JSON.stringify(v);
      }
      numberColumn('m')[row] = m;
      numberColumn('mStar')[row] = mStar;
      numberColumn('t')[row] = r.t[i];
      numberColumn('loss')[row] = r.loss[i];
      numberColumn('lossFloor')[row] = r.lossFloor[i];
      for (let j = 0; j < m; j++) for (let k = j; k < m; k++) numberColumn(`Q_${j + 1}${k + 1}`)[row] = r.Q[i][j][k];
      for (let j = 0; j < m; j++) for (let k = 0; k < mStar; k++) numberColumn(`R_${j + 1}${k + 1}`)[row] = r.R[i][j][k];
      for (let j = 0; j < m; j++) numberColumn(`a_${j + 1}`)[row] = r.a[i][j];
    }
  }
  return { columns, rows, done: entries.map((e) => e.run.index) };
}

const csvCell = (v: number | string | null): string =>
  v === null ? '' : typeof v === 'number' ? String(v) : /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;

/**
 * Write the merged table as `collected.csv` (full precision: JavaScript's shortest round-trip form)
 * and `collected.arrow` (Arrow IPC file: Float64 and Utf8 columns, nulls for empty cells), plus
 * `collected.json` naming the missing and failed runs. Returns the paths and the states.
 */
export async function collectSweep(plan: SweepPlan): Promise<{ csv: string; arrow: string; rows: number; states: Awaited<ReturnType<typeof sweepStatus>> }> {
  const { columns, rows } = await collectTable(plan);
  const names = [...columns.keys()];
  const lines = [names.map(csvCell).join(',')];
  for (let i = 0; i < rows; i++) lines.push(names.map((n) => csvCell(columns.get(n)!.values[i])).join(','));
  const vectors: Record<string, Vector> = {};
  for (const [n, c] of columns) vectors[n] = c.kind === 'number' ? vectorFromArray(c.values, new Float64()) : vectorFromArray(c.values, new Utf8());
  const table = new Table(vectors);
  const states = await sweepStatus(plan);
  const csv = join(plan.dir, 'collected.csv');
  const arrow = join(plan.dir, 'collected.arrow');
  await writeFileAtomic(csv, lines.join('\n') + '\n');
  await writeFileAtomic(arrow, tableToIPC(table, 'file'));
  const notDone = states.filter((s) => s.state !== 'done').map((s) => ({ run: s.run.index, params: s.run.params, state: s.state, detail: s.detail }));
  await writeFileAtomic(join(plan.dir, 'collected.json'), JSON.stringify({ sweep: plan.file, rows, counts: countStates(states), notDone }, null, 1) + '\n');
  return { csv, arrow, rows, states };
}
