import test from 'ava';
import { buildCommitteeProblem, erfSymmetricFixedPoint, parseCommitteeSpec, runOde } from '../../src/committee/index.ts';

for (const M of [2, 3, 4]) {
  test(`erf symmetric fixed point, M = ${M}: the flow's right-hand side vanishes there and ε_g equals the closed form`, (t) => {
    const fp = erfSymmetricFixedPoint(M);
    const I = fp.Q.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
    const spec = parseCommitteeSpec({
      model: { activation: 'erf', a: Array(M).fill(1), aStar: Array(M).fill(1) },
      init: { Q: fp.Q, R: fp.R, T: I },
      times: [0, 1],
    });
    const problem = buildCommitteeProblem(spec);
    const dy = new Float64Array(problem.y0.length);
    problem.rhs(0, problem.y0, dy);
    t.true(Math.max(...Array.from(dy, Math.abs)) < 1e-12, `max |dy/dt| = ${Math.max(...Array.from(dy, Math.abs))}`);
    t.true(Math.abs(runOde(spec).loss[0] - fp.loss) < 1e-13);
  });
}
