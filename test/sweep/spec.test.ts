import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandSweep, parseSweepSpec, shardOf } from '../../src/sweep/spec.ts';
import { setPath } from '../../src/sweep/paths.ts';
import { collectSweep, planSweep, runShard, sweepStatus, countStates } from '../../src/io/sweep.ts';
import { SpecError } from '../../src/validate.ts';

const set = (s: unknown, p: string, v: unknown): unknown => setPath(s, p, v, 'test');

test('setPath sets nested fields and array entries on a copy', (t) => {
  const base = { model: { a: [1, 1] }, dynamics: { kind: 'gd' } };
  const out = set(set(base, 'dynamics.lr', 0.5), 'model.a.1', 2) as typeof base & { dynamics: { lr: number } };
  t.deepEqual(out, { model: { a: [1, 2] }, dynamics: { kind: 'gd', lr: 0.5 } });
  t.deepEqual(base.model.a, [1, 1]);
  t.throws(() => set(base, 'model.a.5', 1), { instanceOf: SpecError, message: /index below 2/ });
  t.throws(() => set(base, 'model..a', 1), { instanceOf: SpecError });
});

test('grid axes multiply, zip axes move together, ranges expand, the last grid axis varies fastest', (t) => {
  const sweep = parseSweepSpec({
    base: {},
    grid: { 'model.a': [[1], [1, 1]], 'init.seed': { range: [1, 3] } },
    zip: { 'dynamics.lr': [0.1, 0.5], 'times.end': [100, 20] },
  });
  const runs = expandSweep(sweep, {}, set);
  t.is(runs.length, 2 * 3 * 2);
  t.deepEqual(runs[0].params, { 'model.a': [1], 'init.seed': 1, 'dynamics.lr': 0.1, 'times.end': 100 });
  t.deepEqual(runs[1].params, { 'model.a': [1], 'init.seed': 1, 'dynamics.lr': 0.5, 'times.end': 20 });
  t.deepEqual(runs[2].params['init.seed'], 2);
  t.deepEqual(shardOf(runs, 1, 5).map((r) => r.index), [1, 6, 11]);
});

test('bad sweep specs are refused with the path and what is allowed', (t) => {
  t.throws(() => parseSweepSpec({ base: {}, gird: {} }), { instanceOf: SpecError, message: /^sweep: gird: unknown key; .*allowed keys: \$schema, name, kind, base, grid, zip/ });
  t.throws(() => parseSweepSpec({ base: {}, zip: { a: [1, 2], b: [1] } }), { instanceOf: SpecError, message: /^sweep: zip\.b: got 1; expected 2 values/ });
  t.throws(() => parseSweepSpec({ base: {}, grid: { a: { range: [3, 1] } } }), { instanceOf: SpecError, message: /range/ });
  t.throws(() => parseSweepSpec({ base: {}, grid: { a: [] } }), { instanceOf: SpecError, message: /^sweep: grid\.a/ });
  t.throws(() => parseSweepSpec({ grid: {} }), { instanceOf: SpecError, message: /^sweep: base/ });
});

const base = {
  model: { activation: 'erf', a: [1, 1], aStar: [1, 1] },
  dynamics: { kind: 'gradient-flow' },
  init: { kind: 'random', d: 100, scale: 0.5, seed: 1 },
  times: { end: 5, points: 4, spacing: 'linear' },
};

test('a sweep run by shards, then rerun, does no work the second time; collect merges every run', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-sweep-'));
  const file = join(dir, 'seeds.sweep.json');
  await writeFile(file, JSON.stringify({ base, grid: { 'init.seed': { range: [1, 3] }, 'model.a': [[1, 1], [1, 1, 1]] } }));
  const plan = await planSweep(file, join(dir, 'out'));
  t.is(plan.runs.length, 6);
  const first = [await runShard(plan, 0, 2), await runShard(plan, 1, 2)];
  t.deepEqual(first.map((r) => r.computed), [3, 3]);
  const again = [await runShard(plan, 0, 2), await runShard(plan, 1, 2)];
  t.deepEqual(again.map((r) => [r.computed, r.reused]), [[0, 3], [0, 3]]);
  t.deepEqual(countStates(await sweepStatus(plan)), { done: 6, running: 0, failed: 0, missing: 0 });
  const { csv, rows } = await collectSweep(plan);
  t.is(rows, 6 * 4);
  const lines = (await readFile(csv, 'utf8')).trim().split('\n');
  t.is(lines.length, 1 + 24);
  t.true(lines[0].startsWith('run,key,init.seed,model.a,m,mStar,t,loss,lossFloor,Q_11'));
  // a run with 2 units leaves the third unit's columns empty
  t.regex(lines[1], /,,$/);
});

test('a run whose spec is bad is refused at planning, naming the run; a failing run is reported failed with its reason', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'popflow-sweep-'));
  const bad = join(dir, 'bad.sweep.json');
  await writeFile(bad, JSON.stringify({ base, grid: { 'init.d': [100, -1] } }));
  await t.throwsAsync(planSweep(bad, dir), { instanceOf: SpecError, message: /^run 1 \(\{"init\.d":-1\}\): init\.d/ });
  const failing = join(dir, 'failing.sweep.json');
  // maxSteps of 5 cannot reach t = 5: the ODE returns maxSteps, which the sweep records as a failure
  await writeFile(failing, JSON.stringify({ base: { ...base, solver: { maxSteps: 5 } }, grid: { 'init.seed': [1] } }));
  const plan = await planSweep(failing, dir);
  const r = await runShard(plan, 0, 1);
  t.is(r.failed, 1);
  const [s] = await sweepStatus(plan);
  t.is(s.state, 'failed');
  t.regex(s.detail, /maxSteps/);
  const { states } = await collectSweep(plan);
  t.is(states[0].state, 'failed');
});
