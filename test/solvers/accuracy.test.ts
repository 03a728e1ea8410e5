import test from 'ava';
import { solve } from '../../solvers/index.ts';
import { METHODS, dampedRotation, growth, worstScaledError } from './problems.ts';

const TOLERANCES = [1e-4, 1e-6, 1e-8, 1e-10];
/**
 * rtol = atol = tol bounds the local error per step; the global error is that accumulated over the steps,
 * which for these problems (≤ 3 periods of a damped rotation, e^t on [0, 1]) stays within a small multiple:
 * observed ≤ 3.1 × tol for both methods. C = 10 leaves room for platform rounding but still fails on a
 * wrong tableau or controller (errors ≫ tol).
 */
const C = 10;

const rotation = dampedRotation(0.1, 1);
const tEval = Array.from({ length: 41 }, (_, i) => i * 0.5);

for (const method of METHODS) {
  test(`${method}: y' = y and a damped rotation y' = Ay track the tolerance from 1e-4 to 1e-10`, (t) => {
    const absolute: { growth: number[]; rotation: number[] } = { growth: [], rotation: [] };
    for (const tol of TOLERANCES) {
      const g = solve({ rhs: growth.rhs, y0: [1], tspan: [0, 1] }, { method, rtol: tol, atol: tol });
      t.is(g.status, 'success');
      t.is(g.tFinal, 1);
      const gScaled = worstScaledError([g.tFinal], [g.yFinal], growth.exact, tol, tol);
      const r = solve({ rhs: rotation.rhs, y0: [1, 0], tspan: [0, 20] }, { method, rtol: tol, atol: tol, tEval });
      t.is(r.status, 'success');
      t.deepEqual(r.t, tEval);
      const rScaled = worstScaledError(r.t, r.y, rotation.exact, tol, tol);
      t.log(`tol ${tol}: scaled error e^t ${gScaled.toExponential(2)}, rotation ${rScaled.toExponential(2)}; nfev ${r.stats.nfev}`);
      t.true(gScaled <= C, `e^t, tol ${tol}: ${gScaled}`);
      t.true(rScaled <= C, `rotation, tol ${tol}: ${rScaled}`);
      absolute.growth.push(Math.abs(g.yFinal[0] - Math.E));
      absolute.rotation.push(rScaled * tol);
      t.is(r.stats.nfev > 0 && r.stats.naccept > 0, true);
    }
    for (const key of ['growth', 'rotation'] as const) {
      const e = absolute[key];
      for (let i = 1; i < e.length; i++) t.true(e[i] < e[i - 1], `${key}: error must decrease with tol (${e.join(', ')})`);
    }
  });
}

test('both methods match the exact e^{At} of a 4-D linear system with two time scales', (t) => {
  // Two uncoupled damped rotations at different frequencies; each method is checked against the exact e^{At}.
  const fast = dampedRotation(0.3, 5);
  const slow = dampedRotation(0.05, 0.5);
  const rhs = (s: number, y: Float64Array, d: Float64Array): void => {
    const a = y.subarray(0, 2);
    const b = y.subarray(2, 4);
    fast.rhs(s, a, d.subarray(0, 2));
    slow.rhs(s, b, d.subarray(2, 4));
  };
  const exact = (s: number): number[] => [...fast.exact(s), ...slow.exact(s)];
  for (const method of METHODS) {
    const r = solve({ rhs, y0: [1, 0, 1, 0], tspan: [0, 10] }, { method, rtol: 1e-9, atol: 1e-9, tEval: [2.5, 5, 7.5, 10] });
    const scaled = worstScaledError(r.t, r.y, exact, 1e-9, 1e-9);
    t.true(scaled <= C, `${method}: ${scaled}`);
  }
});

for (const method of METHODS) {
  test(`${method}: statistics count what happened (nfev against a counting rhs, naccept against the steps)`, (t) => {
    let calls = 0;
    const s = solve(
      { rhs: (tt, y, d) => (calls++, rotation.rhs(tt, y, d)), y0: [1, 0], tspan: [0, 20] },
      { method, rtol: 1e-8, atol: 1e-8 },
    );
    t.is(s.stats.nfev, calls);
    t.is(s.stats.naccept, s.tSteps.length - 1);
    // A first step of 5 (almost a period) at tolerance 1e-8 cannot pass: it must be rejected and retried.
    const bold = solve({ rhs: rotation.rhs, y0: [1, 0], tspan: [0, 20] }, { method, rtol: 1e-8, atol: 1e-8, firstStep: 5 });
    t.is(bold.status, 'success');
    t.true(bold.stats.nreject >= 1, `${bold.stats.nreject}`);
  });
}
