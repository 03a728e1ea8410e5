import test from 'ava';
import { solve, type OdeProblem, type SolveOptions } from '../../solvers/index.ts';
import { SpecError } from '../../src/validate.ts';
import { decay } from './problems.ts';

const good: OdeProblem = { rhs: decay.rhs, y0: [1], tspan: [0, 1] };

const badProblems: [string, unknown][] = [
  ['problem.rhs', { ...good, rhs: 3 }],
  ['problem.tspan', { ...good, tspan: [0] }],
  ['problem.tspan[1]', { ...good, tspan: [1, 1] }],
  ['problem.tspan[1]', { ...good, tspan: [0, Infinity] }],
  ['problem.tspan[0]', { ...good, tspan: [NaN, 1] }],
  ['problem.y0', { ...good, y0: [] }],
  ['problem.y0[1]', { ...good, y0: [1, NaN] }],
];

const badOptions: [string, unknown][] = [
  ['solver.method', { method: 'rk4' }],
  ['solver.rtol', { rtol: 0 }],
  ['solver.atol', { atol: -1e-6 }],
  ['solver.rtol', { rtol: NaN }],
  ['solver.maxSteps', { maxSteps: 2.5 }],
  ['solver.maxStep', { maxStep: 0 }],
  ['solver.firstStep', { firstStep: 2 }],
  ['solver.tEval', { tEval: 'all' }],
  ['solver.tEval[1]', { tEval: [0.5, 1.5] }],
  ['solver.tEval[0]', { tEval: [-0.1] }],
  ['solver.tEval[2]', { tEval: [0.1, 0.5, 0.3] }],
  ['solver.eventInteriorPoints', { eventInteriorPoints: -1 }],
  ['solver.eventInteriorPoints', { eventInteriorPoints: 1.5 }],
  ['solver.events', { events: {} }],
  ['solver.events[0].name', { events: [{ name: '', fn: () => 0 }] }],
  ['solver.events[0].fn', { events: [{ name: 'e', fn: 1 }] }],
  ['solver.events[1].direction', { events: [{ name: 'a', fn: () => 0 }, { name: 'e', fn: () => 0, direction: 2 }] }],
  ['solver.events[0].terminal', { events: [{ name: 'e', fn: () => 0, terminal: 'yes' }] }],
];

for (const [path, problem] of badProblems) {
  test(`refuses a bad problem at ${path}: ${JSON.stringify(problem, (_k, v) => (typeof v === 'function' ? 'fn' : v))}`, (t) => {
    const e = t.throws(() => solve(problem as OdeProblem, {}), { instanceOf: SpecError });
    t.is(e?.path, path);
  });
}

for (const [path, options] of badOptions) {
  test(`refuses bad options at ${path}: ${JSON.stringify(options, (_k, v) => (typeof v === 'function' ? 'fn' : v))}`, (t) => {
    const e = t.throws(() => solve(good, options as SolveOptions), { instanceOf: SpecError });
    t.is(e?.path, path);
    t.true(e!.message.startsWith(path));
  });
}

test('accepts well-formed input, with Float64Array y0 and tEval', (t) => {
  const s = solve({ ...good, y0: Float64Array.from([1]) }, { tEval: Float64Array.from([0, 0.5, 1]), events: [{ name: 'e', fn: () => 1, direction: 0, terminal: false }] });
  t.is(s.status, 'success');
  t.deepEqual(s.t, [0, 0.5, 1]);
});
