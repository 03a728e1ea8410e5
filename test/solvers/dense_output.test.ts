import test from 'ava';
import odexPkg from 'odex';
import { solve } from '../../solvers/index.ts';
import { SpecError } from '../../src/validate.ts';
import { METHODS, dampedRotation, worstScaledError } from './problems.ts';

const rotation = dampedRotation(0.1, 1);
const TOL = 1e-8;
/** Same reasoning as in accuracy.test.ts: global error within a small multiple of tol (observed ≤ 3). */
const C = 10;

for (const method of METHODS) {
  test(`${method}: dense output reproduces the step points exactly and the exact solution between them`, (t) => {
    const s = solve({ rhs: rotation.rhs, y0: [1, 0], tspan: [0, 20] }, { method, rtol: TOL, atol: TOL });
    t.is(s.status, 'success');
    // Without tEval the output is the accepted steps.
    t.deepEqual(s.t, s.tSteps);
    s.tSteps.forEach((tk, k) => t.deepEqual(s.sol(tk), s.y[k], `step ${k}`));
    t.deepEqual(s.sol(20), s.yFinal);
    // Between steps: midpoints and quarter points of every step.
    const tInside: number[] = [];
    for (let k = 0; k + 1 < s.tSteps.length; k++) {
      for (const f of [0.25, 0.5, 0.75]) tInside.push(s.tSteps[k] + f * (s.tSteps[k + 1] - s.tSteps[k]));
    }
    const out = new Float64Array(2);
    const y = tInside.map((ti) => s.sol(ti, out).slice());
    t.true(s.sol(1, out) === out, 'writes into the buffer given');
    const scaled = worstScaledError(tInside, y, rotation.exact, TOL, TOL);
    t.log(`${s.tSteps.length - 1} steps; worst scaled error between steps ${scaled.toExponential(2)}`);
    t.true(scaled <= C, `${scaled}`);
    t.throws(() => s.sol(20.5), { instanceOf: SpecError });
    t.throws(() => s.sol(-0.1), { instanceOf: SpecError });
  });
}

test('odex: the stored per-step interpolant equals odex\'s own dense output', (t) => {
  // Independent path: odex's `grid` helper called directly, sampling its own interpolant.
  const solver = new odexPkg.Solver(2);
  solver.denseOutput = true;
  solver.relativeTolerance = TOL;
  solver.absoluteTolerance = TOL;
  const reference: { t: number; y: number[] }[] = [];
  solver.solve(
    (_x, y) => [-0.1 * y[0] - y[1], y[0] - 0.1 * y[1]],
    0,
    [1, 0],
    20,
    (nr, xOld, x, _y, dense) => {
      if (nr === 1 || !dense) return;
      for (const f of [0.1, 0.37, 0.5, 0.81]) {
        const tf = xOld + f * (x - xOld);
        reference.push({ t: tf, y: [dense(0, tf), dense(1, tf)] });
      }
    },
  );
  const s = solve({ rhs: rotation.rhs, y0: [1, 0], tspan: [0, 20] }, { method: 'odex', rtol: TOL, atol: TOL });
  t.true(reference.length > 20);
  let worst = 0;
  for (const r of reference) {
    const y = s.sol(r.t);
    worst = Math.max(worst, Math.abs(y[0] - r.y[0]), Math.abs(y[1] - r.y[1]));
  }
  // Same polynomial, two evaluation schemes (barycentric Chebyshev vs odex's Horner form): rounding only.
  t.true(worst < 1e-13, `${worst}`);
});
