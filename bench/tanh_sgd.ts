/**
 * The online-SGD ODE with activations that have no closed-form I3/I4 (run: `npx tsx --conditions=popflow-source
 * bench/tanh_sgd.ts [tanh] [gelu]`, tanh alone by default: GELU evaluates erf through mathjs, ~10× the cost
 * of a tanh right-hand side, so its run takes ~20 min): m = m* = 3, second layers 1, η = 0.5, random start at d = 1000 (scale
 * 0.5, seed 1), α ∈ [0, 1000]. buildCommitteeProblem picks the joint Gaussian rule here (sgdJoint.ts: one
 * pruned Gauss–Hermite product rule over all six fields instead of 126 I4 and 108 I3 quadratures).
 *
 * Prints, with the load average: the wall time of the integration (method auto, rtol 1e-7, atol 1e-9: the
 * rule's own error is ~1e-5 in the right-hand side, but as the students align their residual variances,
 * the Cholesky pivots of C, fall to ~1e-7 by α ≈ 400, and integration errors larger than that walk the
 * state out of the positive semidefinite cone: at rtol 1e-6, atol 1e-8 the 10-node run stopped at
 * α = 373 with a pivot of −1.5e-4), nfev, the time of one right-hand side and the nodes kept; and the
 * accuracy: (1) the right-hand side at states along the trajectory against the separate quadratures (the
 * path taken before, independent code) and against the joint rule at 12 nodes per dimension, (2) the
 * largest difference of ε_g and of the overlaps against the same integration with the rule at 10 nodes
 * per dimension instead of 8.
 */
import { loadavg } from 'node:os';
import { solve } from '../solvers/index.ts';
import { buildCommitteeProblem, parseCommitteeSpec } from '../src/committee/index.ts';
import { integralExpectations, onlineSgdRhs, sgdIntegrals } from '../src/committee/sgd.ts';
import { JOINT_RULE_SIZES, jointExpectations, jointRuleFor } from '../src/committee/sgdJoint.ts';
import { JointGaussianRule } from '../src/integrals/jointGaussian.ts';
import { overlapMinEigenvalue } from '../src/schema/checks.ts';
import { parseActivation } from '../src/integrals/index.ts';

const ACTIVATIONS: Record<string, string> = { tanh: 'tanh(x)', gelu: 'x*(1+erf(x/sqrt(2)))/2' };
const m = 3;
const T_END = 1000;
const OPTIONS = { method: 'auto', rtol: 1e-7, atol: 1e-9 } as const;
const CHECK_STATES = [0, 20, 100, 300, 1000];
const OUTPUTS = Array.from({ length: 101 }, (_, i) => i * 10);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

for (const name of process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['tanh']) {
  const activation = ACTIVATIONS[name];
  if (activation === undefined) throw new Error(`unknown activation ${name}: one of ${Object.keys(ACTIVATIONS).join(', ')}`);
  const spec = parseCommitteeSpec({
    model: { activation, a: Array(m).fill(1), aStar: Array(m).fill(1) },
    init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
    dynamics: { kind: 'online-sgd', lr: 0.5 },
    times: [0, T_END],
  });
  const problem = buildCommitteeProblem(spec);
  const sigma = parseActivation(activation);
  const rule = jointRuleFor(sigma, sigma, m, m)!;
  const rates = { lr: 0.5, lrSecondLayer: 0.5, weightDecay: 0, noise: 0 };
  console.log(`\n### ${activation} online-SGD ODE, m = m* = ${m}, α ∈ [0, ${T_END}]`);
  console.log(`joint rule: ${rule.nodes} Gauss–Hermite nodes per dimension, pruned below ${rule.prune}, ${rule.symmetric ? '±z pairs merged, ' : ''}${rule.size} nodes kept`);

  const dy = new Float64Array(problem.y0.length);
  problem.rhs(0, problem.y0, dy);
  let start = performance.now();
  const reps = 20;
  for (let r = 0; r < reps; r++) problem.rhs(0, problem.y0, dy);
  const rhsMs = (performance.now() - start) / reps;
  console.log(`one right-hand side: ${(rhsMs * 1000).toFixed(0)} µs (load ${load()})`);

  const loadBefore = load();
  start = performance.now();
  const sol = solve({ rhs: problem.rhs, y0: problem.y0, tspan: [0, T_END] }, { ...OPTIONS, tEval: OUTPUTS });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `integration (${OPTIONS.method}, rtol ${OPTIONS.rtol}, atol ${OPTIONS.atol}): ${seconds.toFixed(1)} s wall, ${sol.stats.nfev} nfev ` +
      `(${((seconds / sol.stats.nfev) * 1e6).toFixed(0)} µs per rhs), ${sol.status}; load ${loadBefore} before, ${load()} after; goal < 60 s`,
  );

  if (sol.status !== 'success') {
    console.log(`stopped at α = ${sol.tFinal}: ${sol.message}`);
    continue;
  }
  const last = sol.y[OUTPUTS.length - 1];
  const edge = overlapMinEigenvalue(problem.layout.Q(last), problem.layout.R(last), problem.initial.T).relative;
  console.log(`smallest eigenvalue of [[Q, R], [Rᵀ, T]] at α = ${T_END}, relative to the largest: ${edge.toExponential(1)}`);

  // (1) right-hand side against the separate quadratures at states along the trajectory
  const separate = onlineSgdRhs(
    problem.risk,
    integralExpectations(sgdIntegrals(sigma, sigma), m, m),
    rates,
    problem.aFixed,
  );
  // and against the joint rule at 12 nodes per dimension (same code, a finer rule), which near alignment
  // is the sharper reference (the separate quadratures lose accuracy on nearly singular covariances)
  const fineRule = new JointGaussianRule(2 * m, 12, 1e-12, rule.symmetric);
  const fineRhs = onlineSgdRhs(problem.risk, jointExpectations(sigma, sigma, m, m, fineRule), rates, problem.aFixed);
  const ref = new Float64Array(dy.length);
  const rows: string[] = [];
  const largestDiff = (r: Float64Array) => {
    let worst = 0;
    for (let i = 0; i < dy.length; i++) worst = Math.max(worst, Math.abs(dy[i] - r[i]));
    return worst.toExponential(1);
  };
  for (const alpha of CHECK_STATES) {
    const y = sol.y[OUTPUTS.indexOf(alpha)];
    problem.rhs(0, y, dy);
    let scale = 0;
    for (let i = 0; i < dy.length; i++) scale = Math.max(scale, Math.abs(dy[i]));
    separate(0, y, ref);
    const bySeparate = largestDiff(ref);
    fineRhs(0, y, ref);
    rows.push(`α = ${alpha}: ${bySeparate}, ${largestDiff(ref)} (largest |rhs| ${scale.toExponential(1)})`);
  }
  console.log(`rhs, largest absolute difference of the joint rule from the separate quadratures and from the joint rule at 12 nodes (${fineRule.size} kept): ${rows.join('; ')}`);

  // (2) trajectory against the rule with more nodes per dimension
  const finer = new JointGaussianRule(2 * m, JOINT_RULE_SIZES[2 * m].nodes + 2, JOINT_RULE_SIZES[2 * m].prune, rule.symmetric);
  const finerRhs = onlineSgdRhs(problem.risk, jointExpectations(sigma, sigma, m, m, finer), rates, problem.aFixed);
  start = performance.now();
  const solFine = solve({ rhs: finerRhs, y0: problem.y0, tspan: [0, T_END] }, { ...OPTIONS, tEval: OUTPUTS });
  const fineSeconds = (performance.now() - start) / 1000;
  const a = Float64Array.from(spec.model.a);
  const loss = (y: Float64Array) => problem.risk.loss(y, a).value;
  const loss0 = loss(problem.y0);
  let lossDiff = 0;
  let lossAt = 0;
  let overlapDiff = 0;
  const common = Math.min(sol.y.length, solFine.y.length);
  if (solFine.status !== 'success') console.log(`finer rule stopped at α = ${solFine.tFinal}: ${solFine.message}`);
  for (let k = 0; k < common; k++) {
    const diff = Math.abs(loss(sol.y[k]) - loss(solFine.y[k]));
    if (diff > lossDiff) {
      lossDiff = diff;
      lossAt = OUTPUTS[k];
    }
    for (let i = 0; i < sol.y[k].length; i++) overlapDiff = Math.max(overlapDiff, Math.abs(sol.y[k][i] - solFine.y[k][i]));
  }
  const samples = [0, 50, 100, 150, 200, 300, 500, 1000].filter((t) => OUTPUTS.indexOf(t) < common).map((t) => {
    const k = OUTPUTS.indexOf(t);
    return `${t}: ${loss(sol.y[k]).toExponential(3)} / ${loss(solFine.y[k]).toExponential(3)}`;
  });
  console.log(
    `trajectory against ${finer.nodes} nodes per dimension (${finer.size} nodes kept, ${fineSeconds.toFixed(1)} s, ${solFine.stats.nfev} nfev, ${solFine.status}): ` +
      `largest difference of ε_g up to α = ${OUTPUTS[common - 1]}: ${lossDiff.toExponential(1)} = ${(lossDiff / loss0).toExponential(1)} ε_g(0) (at α = ${lossAt}), of the overlaps ${overlapDiff.toExponential(1)}`,
  );
  console.log(`ε_g at α (${rule.nodes} / ${finer.nodes} nodes; NaN where a quadrature refuses a state outside the cone): ${samples.join(', ')}`);
}
