import test from 'ava';
import { solve } from '../../solvers/index.ts';
import { METHODS, decay } from './problems.ts';

const LN2 = Math.LN2;
const half = (_t: number, y: Float64Array): number => y[0] - 0.5;
/** Requested location accuracy: the root finder works to 1e-12 relative on an interpolant accurate to ~tol. */
const EVENT_TOL = 1e-10;
const solverTol = { rtol: 1e-12, atol: 1e-12 };

for (const method of METHODS) {
  test(`${method}: y' = −y crosses 1/2 at ln 2 (located to 1e-10), direction filters and non-terminal recording`, (t) => {
    const down = solve({ rhs: decay.rhs, y0: [1], tspan: [0, 2] }, { method, ...solverTol, events: [{ name: 'half', fn: half, direction: -1 }] });
    t.is(down.status, 'success');
    t.is(down.tFinal, 2);
    t.is(down.events.length, 1);
    t.is(down.events[0].name, 'half');
    t.true(Math.abs(down.events[0].t - LN2) < EVENT_TOL, `${down.events[0].t - LN2}`);
    t.true(Math.abs(down.events[0].y[0] - 0.5) < EVENT_TOL);

    const up = solve({ rhs: decay.rhs, y0: [1], tspan: [0, 2] }, { method, ...solverTol, events: [{ name: 'half', fn: half, direction: 1 }] });
    t.is(up.events.length, 0, 'a falling crossing is not a rising one');
    const upMirrored = solve(
      { rhs: decay.rhs, y0: [1], tspan: [0, 2] },
      { method, ...solverTol, events: [{ name: 'rise', fn: (s, y) => -half(s, y), direction: 1 }] },
    );
    t.is(upMirrored.events.length, 1);
    t.true(Math.abs(upMirrored.events[0].t - LN2) < EVENT_TOL);
    const either = solve({ rhs: decay.rhs, y0: [1], tspan: [0, 2] }, { method, ...solverTol, events: [{ name: 'half', fn: half }] });
    t.is(either.events.length, 1);
  });

  test(`${method}: a terminal event ends the solution at its time, with only the output times reached`, (t) => {
    const tEval = [0, 0.25, 0.5, 0.75, 1, 1.5];
    const s = solve(
      { rhs: decay.rhs, y0: [1], tspan: [0, 2] },
      {
        method,
        ...solverTol,
        tEval,
        events: [
          { name: 'quarter', fn: (_t, y) => y[0] - 0.25, terminal: true },
          { name: 'half', fn: half },
          { name: 'time-to-eps', fn: (_t, y) => y[0] - 0.7, terminal: true, direction: -1 },
        ],
      },
    );
    t.is(s.status, 'event');
    t.true(s.success);
    t.true(s.message.includes('time-to-eps'));
    const tEps = Math.log(1 / 0.7);
    t.true(Math.abs(s.tFinal - tEps) < EVENT_TOL);
    t.true(Math.abs(s.yFinal[0] - 0.7) < EVENT_TOL);
    t.deepEqual(s.events.map((e) => e.name), ['time-to-eps'], 'crossings after the terminal one are not recorded');
    t.deepEqual(s.t, [0, 0.25]);
    t.is(s.tSteps[s.tSteps.length - 1], s.tFinal);
    t.deepEqual(s.sol(s.tFinal), s.yFinal);
    t.throws(() => s.sol(0.5));
  });
}

for (const method of METHODS) {
  test(`${method}: every crossing of cos t = 0.3 over 4 periods is found in time order, also inside long steps`, (t) => {
    // y = (cos t, sin t); crossings at ±acos(0.3) + 2πk. No maxStep: odex takes steps longer than the
    // 2·acos(0.3) ≈ 2.5 between a down- and an up-crossing, which only the interior sampling resolves.
    const s = solve(
      { rhs: (_t, y, d) => ((d[0] = -y[1]), (d[1] = y[0])), y0: [1, 0], tspan: [0, 8 * Math.PI] },
      { method, rtol: 1e-11, atol: 1e-11, events: [{ name: 'c', fn: (_t, y) => y[0] - 0.3 }] },
    );
    const longest = Math.max(...s.tSteps.slice(1).map((ti, i) => ti - s.tSteps[i]));
    t.log(`${s.tSteps.length - 1} steps, longest ${longest.toFixed(2)}`);
    if (method === 'odex') {
      // Ends only: the steps that hold two crossings hide them (why the interior sampling exists).
      const endsOnly = solve(
        { rhs: (_t, y, d) => ((d[0] = -y[1]), (d[1] = y[0])), y0: [1, 0], tspan: [0, 8 * Math.PI] },
        { method, rtol: 1e-11, atol: 1e-11, eventInteriorPoints: 0, events: [{ name: 'c', fn: (_t, y) => y[0] - 0.3 }] },
      );
      t.true(endsOnly.events.length < 8, `${endsOnly.events.length}`);
    }
    const a = Math.acos(0.3);
    const expected: number[] = [];
    for (let k = 0; k < 4; k++) expected.push(2 * Math.PI * k + a, 2 * Math.PI * (k + 1) - a);
    t.is(s.events.length, expected.length);
    s.events.forEach((e, i) => t.true(Math.abs(e.t - expected[i]) < 1e-9, `${i}: ${e.t - expected[i]}`));
  });
}
