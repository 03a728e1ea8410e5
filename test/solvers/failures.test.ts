import test from 'ava';
import { solve } from '../../solvers/index.ts';
import { METHODS, decay } from './problems.ts';

for (const method of METHODS) {
  test(`${method}: a right-hand side that turns NaN after t = 1 gives nonFinite with the last finite state`, (t) => {
    const tEval = [0.5, 1, 1.5, 2];
    const s = solve(
      { rhs: (s, y, d) => void (d[0] = s > 1 ? NaN : -y[0]), y0: [1], tspan: [0, 2] },
      { method, rtol: 1e-8, atol: 1e-8, tEval },
    );
    t.is(s.status, 'nonFinite');
    t.false(s.success);
    t.true(s.message.length > 0);
    t.true(s.tFinal <= 1 && s.tFinal > 0.2, `${s.tFinal}`);
    t.true(Number.isFinite(s.yFinal[0]));
    // The last finite state is the solution there (tolerance 1e-8, global error well within 1e-6).
    t.true(Math.abs(s.yFinal[0] - Math.exp(-s.tFinal)) < 1e-6);
    t.deepEqual(s.t, tEval.filter((x) => x <= s.tFinal));
    t.deepEqual(s.sol(s.tFinal), s.yFinal);
  });

  test(`${method}: the blow-up of y' = y², y(0) = 1 at t = 1 ends as stepTooSmall or nonFinite`, (t) => {
    const s = solve({ rhs: (_t, y, d) => void (d[0] = y[0] * y[0]), y0: [1], tspan: [0, 2] }, { method });
    t.true(s.status === 'stepTooSmall' || s.status === 'nonFinite', s.status);
    t.false(s.success);
    // Solution 1/(1 − t): the integration cannot resolve past the pole at t = 1.
    t.true(Math.abs(s.tFinal - 1) < 0.01, `${s.tFinal}`);
    t.log(`${s.status}: ${s.message}`);
  });

  test(`${method}: maxSteps ends the run with its status and the partial solution`, (t) => {
    const s = solve({ rhs: decay.rhs, y0: [1], tspan: [0, 100] }, { method, rtol: 1e-10, atol: 1e-10, maxSteps: 5 });
    t.is(s.status, 'maxSteps');
    t.false(s.success);
    t.true(s.tFinal > 0 && s.tFinal < 100);
    t.true(s.stats.naccept + s.stats.nreject <= 5);
    // Whatever was reached is correct: relative error well within 1e-6 at tolerance 1e-10.
    t.true(Math.abs(s.yFinal[0] / Math.exp(-s.tFinal) - 1) < 1e-6);
    t.is(s.t[s.t.length - 1], s.tFinal);
  });
}

test('dopri5: the step-too-small floor refuses steps below 10·ε·|t|', (t) => {
  // Far from the origin a step that resolves y' = −10⁶·y to 1e-14 is below the resolution of t ≈ 1e9.
  const s = solve(
    { rhs: (_t, y, d) => void (d[0] = -1e6 * (y[0] - Math.cos(_t))), y0: [0], tspan: [1e9, 1e9 + 1] },
    { rtol: 1e-14, atol: 1e-14 },
  );
  t.is(s.status, 'stepTooSmall');
  t.is(s.tFinal, s.tSteps[s.tSteps.length - 1]);
});

test('dopri5: steps of maxStep = 0.1 reach t1 = 1 without a sliver step (0.1 summed ten times is 1 − 1.1e-16)', (t) => {
  const s = solve({ rhs: decay.rhs, y0: [1], tspan: [0, 1] }, { rtol: 1e-3, atol: 1e-3, maxStep: 0.1 });
  t.is(s.status, 'success');
  t.is(s.tFinal, 1);
  t.is(s.tSteps.length, 11);
});

for (const method of METHODS) {
  test(`${method}: shouldStop ends the run after the step where it returns true, status interrupted, output so far kept`, (t) => {
    const tEval = [0.5, 1, 1.5, 2, 3, 4];
    const seen: number[] = [];
    const s = solve(
      { rhs: (_t, y, d) => void (d[0] = -y[0]), y0: [1], tspan: [0, 4] },
      {
        method,
        rtol: 1e-8,
        atol: 1e-10,
        tEval,
        shouldStop: (time, soFar) => {
          seen.push(time);
          t.is(soFar.t.length, soFar.y.length);
          return time >= 1.2;
        },
      },
    );
    t.is(s.status, 'interrupted');
    t.false(s.success);
    t.regex(s.message, /interrupted at t = /);
    t.true(s.tFinal >= 1.2 && s.tFinal < 4, `${s.tFinal}`);
    t.is(seen.at(-1), s.tFinal);
    t.deepEqual(s.t, tEval.filter((x) => x <= s.tFinal));
    t.true(Math.abs(s.yFinal[0] - Math.exp(-s.tFinal)) < 1e-6);
  });
}
