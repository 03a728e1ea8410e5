/**
 * The online-SGD right-hand side by the joint Gaussian rule against independent computations of the
 * same expectations: the erf closed forms of I3, I4 and J2 (exact), and for tanh the separate
 * quadratures of sgdIntegrals.ts (a different rule: split polar outer, conditional Gauss–Hermite inner).
 * Tolerances are the measured errors of the rule sizes in JOINT_RULE_SIZES with a margin of ~10. Nearly
 * aligned states are checked against erf only: there the separate tanh quadratures are the less accurate
 * side (~1e-5 at their default nodes, against ~1e-10 for the joint rule, both measured against finer rules).
 */
import test from 'ava';
import { buildCommitteeProblem, parseCommitteeSpec, randomOverlaps } from '../../src/committee/index.ts';
import { integralExpectations, onlineSgdRhs, sgdIntegrals, type SgdExpectations } from '../../src/committee/sgd.ts';
import { jointExpectations, jointRuleFor } from '../../src/committee/sgdJoint.ts';
import { parseActivation, quadIntegral, tripleIntegral } from '../../src/integrals/index.ts';
import type { Overlaps } from '../../src/committee/state.ts';

/**
 * Overlaps of students that are copies of the teachers (T = I) up to a perturbation of size eps: C nearly
 * singular. Second layers a differ from a* = 1, so that the state still moves.
 */
function nearlyAligned(m: number, mStar: number, eps: number, a: number[]): Overlaps {
  const d = m + mStar + 1;
  const teacher = (k: number) => Array.from({ length: d }, (_, i) => (i === k ? 1 : 0));
  const W = Array.from({ length: m }, (_, j) => teacher(j % mStar).map((x, i) => x + eps * Math.sin(1 + 3 * i + 7 * j)));
  const dot = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * v[i], 0);
  const Wstar = Array.from({ length: mStar }, (_, k) => teacher(k));
  return { Q: W.map((u) => W.map((v) => dot(u, v))), R: W.map((u) => Wstar.map((v) => dot(u, v))), T: Wstar.map((u) => Wstar.map((v) => dot(u, v))), a };
}

interface Case {
  activation: string;
  m: number;
  mStar: number;
  init: Overlaps;
  trainSecondLayer?: boolean;
  noise?: number;
  weightDecay?: number;
}

/** Largest |joint − reference| over the derivatives, and the largest |reference|. */
function compare(c: Case, reference: (sigma: ReturnType<typeof parseActivation>) => SgdExpectations): { worst: number; scale: number; size: number } {
  const { activation, m, mStar, init, trainSecondLayer = false, noise = 0, weightDecay = 0 } = c;
  const spec = parseCommitteeSpec({
    model: { activation, a: init.a, aStar: Array(mStar).fill(1), trainSecondLayer, noise },
    init: { Q: init.Q, R: init.R, T: init.T },
    dynamics: { kind: 'online-sgd', lr: 0.6, weightDecay },
    times: [0, 1],
  });
  const problem = buildCommitteeProblem(spec);
  const sigma = parseActivation(activation);
  const rule = jointRuleFor(sigma, sigma, m, mStar)!;
  const rates = { lr: 0.6, lrSecondLayer: 0.6, weightDecay, noise };
  const joint = onlineSgdRhs(problem.risk, jointExpectations(sigma, sigma, m, mStar, rule), rates, problem.aFixed);
  const ref = onlineSgdRhs(problem.risk, reference(sigma), rates, problem.aFixed);
  const dj = new Float64Array(problem.layout.size);
  const dr = new Float64Array(problem.layout.size);
  joint(0, problem.y0, dj);
  ref(0, problem.y0, dr);
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < dr.length; i++) {
    worst = Math.max(worst, Math.abs(dj[i] - dr[i]));
    scale = Math.max(scale, Math.abs(dr[i]));
  }
  return { worst, scale, size: rule.size };
}

const separate = (m: number, mStar: number) => (sigma: ReturnType<typeof parseActivation>) => integralExpectations(sgdIntegrals(sigma, sigma), m, mStar);

const erfCases: [string, Case, number][] = [
  ['m = 2, m* = 1, random state', { activation: 'erf', m: 2, mStar: 1, init: randomOverlaps(2, 1, 5, 0.8, 11, [0.7, -1.1]) }, 1e-10],
  ['m = 2, m* = 1, trained a, noise, weight decay', { activation: 'erf', m: 2, mStar: 1, init: randomOverlaps(2, 1, 5, 1.2, 12, [1.3, 0.4]), trainSecondLayer: true, noise: 0.3, weightDecay: 0.05 }, 1e-10],
  ['m = 2, m* = 1, nearly aligned (C nearly singular)', { activation: 'erf', m: 2, mStar: 1, init: nearlyAligned(2, 1, 1e-4, [0.6, 0.9]) }, 1e-10],
  ['m = 1, m* = 2, random state', { activation: 'erf', m: 1, mStar: 2, init: randomOverlaps(1, 2, 5, 1, 13, [1]) }, 1e-10],
  ['m = 2, m* = 2, random state', { activation: 'erf', m: 2, mStar: 2, init: randomOverlaps(2, 2, 6, 0.7, 14, [1, 1]) }, 1e-8],
  ['m = 2, m* = 2, nearly aligned', { activation: 'erf', m: 2, mStar: 2, init: nearlyAligned(2, 2, 1e-5, [0.7, 1.2]) }, 1e-8],
  ['m = 3, m* = 3, random state', { activation: 'erf', m: 3, mStar: 3, init: randomOverlaps(3, 3, 1000, 0.5, 1, [1, 1, 1]) }, 5e-6],
];

for (const [label, c, tol] of erfCases) {
  test(`joint-rule online-SGD rhs reproduces the erf closed forms (${label})`, (t) => {
    const sigma = parseActivation('erf');
    t.is(tripleIntegral(sigma, sigma).path, 'closed-form');
    t.is(quadIntegral(sigma, sigma, sigma).path, 'closed-form');
    const { worst, scale, size } = compare(c, separate(c.m, c.mStar));
    t.true(scale > 1e-4, 'the state must move');
    t.true(worst < tol, `max |joint − closed form| = ${worst} (scale ${scale}, ${size} nodes)`);
  });
}

const tanhCases: [string, Case, number][] = [
  ['m = 2, m* = 1, random state', { activation: 'tanh(x)', m: 2, mStar: 1, init: randomOverlaps(2, 1, 5, 0.8, 21, [1, 1]) }, 1e-6],
  ['m = 2, m* = 2, random state', { activation: 'tanh(x)', m: 2, mStar: 2, init: randomOverlaps(2, 2, 6, 0.7, 23, [1, 0.8]) }, 1e-6],
  ['m = 1, m* = 1, trained a, noise', { activation: 'tanh(x)', m: 1, mStar: 1, init: randomOverlaps(1, 1, 4, 0.8, 22, [0.8]), trainSecondLayer: true, noise: 0.2 }, 1e-6],
];

for (const [label, c, tol] of tanhCases) {
  test(`joint-rule online-SGD rhs agrees with the separate tanh quadratures (${label})`, (t) => {
    const { worst, scale, size } = compare(c, separate(c.m, c.mStar));
    t.true(scale > 1e-4, `the state must move (largest |rhs| ${scale})`);
    t.true(worst < tol, `max |joint − separate| = ${worst} (scale ${scale}, ${size} nodes)`);
  });
}

test('the joint rule applies to smooth activations up to six fields, halves its nodes for a shared parity', (t) => {
  const tanh = parseActivation('tanh(x)');
  const gelu = parseActivation('x*(1+erf(x/sqrt(2)))/2');
  t.true(jointRuleFor(tanh, tanh, 3, 3)!.symmetric);
  t.false(jointRuleFor(gelu, gelu, 3, 3)!.symmetric);
  t.false(jointRuleFor(tanh, parseActivation('cosh(x)'), 2, 1)!.symmetric);
  t.is(jointRuleFor(tanh, tanh, 4, 3), null);
  t.is(jointRuleFor(parseActivation('relu'), tanh, 2, 1), null);
  t.is(jointRuleFor(tanh, parseActivation('abs'), 2, 1), null);
  t.is(jointRuleFor(parseActivation('max(x, 0)^2'), tanh, 2, 1), null);
});

test('buildCommitteeProblem takes the joint rule for tanh online SGD and the separate integrals for ReLU and erf', (t) => {
  const init = randomOverlaps(2, 1, 5, 0.8, 31, [1, 1]);
  const rhsOf = (activation: string) => {
    const spec = parseCommitteeSpec({ model: { activation, a: [1, 1], aStar: [1] }, init: { Q: init.Q, R: init.R, T: init.T }, dynamics: { kind: 'online-sgd', lr: 0.6 }, times: [0, 1] });
    const problem = buildCommitteeProblem(spec);
    const dy = new Float64Array(problem.layout.size);
    problem.rhs(0, problem.y0, dy);
    const sigma = parseActivation(activation);
    const rates = { lr: 0.6, lrSecondLayer: 0.6, weightDecay: 0, noise: 0 };
    const rule = jointRuleFor(sigma, sigma, 2, 1);
    const joint = new Float64Array(dy.length);
    if (rule !== null) onlineSgdRhs(problem.risk, jointExpectations(sigma, sigma, 2, 1, rule), rates, problem.aFixed)(0, problem.y0, joint);
    const apart = new Float64Array(dy.length);
    onlineSgdRhs(problem.risk, separate(2, 1)(sigma), rates, problem.aFixed)(0, problem.y0, apart);
    return { same: (a: Float64Array) => a.every((v, i) => v === dy[i]) && dy.some((v) => v !== 0), joint, apart, terms: problem.sgdTerms };
  };
  const tanh = rhsOf('tanh(x)');
  t.true(tanh.same(tanh.joint));
  t.false(tanh.same(tanh.apart));
  t.regex(tanh.terms ?? '', /^joint Gauss–Hermite rule over the 3 fields/);
  const relu = rhsOf('relu');
  t.true(relu.same(relu.apart));
  t.regex(relu.terms ?? '', /^separate I3, I4 and J2 integrals/);
  const erf = rhsOf('erf');
  t.true(erf.same(erf.apart));
  t.is(erf.terms, 'separate I3, I4 and J2 integrals (closed-form)');
});
