/** Spec validation: bad input is refused with the path of the field, the value and what is allowed. */
import test from 'ava';
import { outputTimes, parseCommitteeSpec } from '../../src/committee/index.ts';
import { SpecError } from '../../src/validate.ts';

const good = {
  model: { kind: 'committee', activation: 'erf', a: [1, 1], aStar: [1] },
  init: { Q: [[1, 0.1], [0.1, 1]], R: [[0.1], [0]], T: [[1]] },
  times: { end: 10, points: 5, spacing: 'log' },
};

const bad: [string, (s: any) => void, RegExp][] = [
  ['model.a', (s) => (s.model.a = []), /^model\.a: got \[\]; expected at least 1 entry/],
  ['model.a[1]', (s) => (s.model.a = [1, 'x']), /^model\.a\[1\]: got "x"; expected a finite number/],
  ['init.Q', (s) => (s.init.Q = [[1]]), /^init\.Q: .*expected a 2×2 matrix/],
  ['init.Q symmetric', (s) => (s.init.Q = [[1, 0.2], [0.1, 1]]), /^init\.Q\[1\]\[0\]: got 0\.1; expected a symmetric matrix/],
  ['dynamics.kind', (s) => (s.dynamics = { kind: 'adam' }), /^dynamics\.kind: got "adam"; expected one of "gradient-flow", "online-sgd", "gd"/],
  ['dynamics.lr', (s) => (s.dynamics = { kind: 'online-sgd', lr: -1 }), /^dynamics\.lr: got -1; expected a number > 0/],
  ['times.spacing', (s) => (s.times.spacing = 'cubic'), /^times\.spacing: got "cubic"/],
  ['times list order', (s) => (s.times = [0, 2, 1]), /^times\[2\]: got 1; expected non-negative, strictly increasing times/],
  ['solver.method', (s) => (s.solver = { method: 'euler' }), /^solver\.method: got "euler"; expected one of "dopri5", "odex"/],
  ['init.d', (s) => (s.init = { kind: 'random', d: 0.5, scale: 1 }), /^init\.d: got 0\.5; expected an integer ≥ 1/],
];

for (const [name, mutate, message] of bad) {
  test(`refuses a bad ${name}`, (t) => {
    const spec = structuredClone(good);
    mutate(spec);
    const e = t.throws(() => parseCommitteeSpec(spec), { instanceOf: SpecError });
    t.regex(e!.message, message);
  });
}

test('accepts a good spec and fills defaults', (t) => {
  const spec = parseCommitteeSpec(good);
  t.is(spec.model.teacherActivation, 'erf');
  t.is(spec.dynamics.kind, 'gradient-flow');
  t.is(spec.solver.method, 'dopri5');
});

test('log output times start at 0 and end at the end', (t) => {
  const times = outputTimes({ kind: 'range', end: 100, points: 4, spacing: 'log', min: 1 });
  t.deepEqual(times.map((x) => +x.toPrecision(12)), [0, 1, 10, 100]);
});
