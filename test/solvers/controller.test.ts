import test from 'ava';
import { MAX_FACTOR, MIN_FACTOR, PI_BETA, PiController, SAFETY, isStepTooSmall } from '../../solvers/controller.ts';

// Independent restatement of DOPRI5's PI rule (Hairer, Solving ODEs I, §IV.2): factor = SAFETY·err^(−α)·prev^β, α = 1/5 − 0.75β.
const alpha = 1 / 5 - 0.75 * PI_BETA;

test('PI controller: accepted steps follow SAFETY·err^(−α)·err_prev^β within the factor limits', (t) => {
  const c = new PiController(4);
  c.judge(0.1, 0.5);
  t.true(c.accept);
  // First step: previous error is the floor 1e-4.
  t.true(Math.abs(c.hNext - 0.1 * Math.min(MAX_FACTOR, SAFETY * 0.5 ** -alpha * 1e-4 ** PI_BETA)) < 1e-15);
  c.judge(0.2, 0.8);
  t.true(Math.abs(c.hNext - 0.2 * SAFETY * 0.8 ** -alpha * 0.5 ** PI_BETA) < 1e-15);
  c.judge(0.2, 0);
  t.is(c.hNext, 0.2 * MAX_FACTOR);
  c.judge(0.2, 1e-30);
  t.is(c.hNext, 0.2 * MAX_FACTOR, 'growth capped at MAX_FACTOR');
});

test('PI controller: rejections shrink by at most MIN_FACTOR, and the step after a rejection does not grow', (t) => {
  const c = new PiController(4);
  c.judge(1, 2);
  t.false(c.accept);
  t.true(Math.abs(c.hNext - SAFETY * 2 ** -alpha) < 1e-15);
  c.judge(1, 1e12);
  t.false(c.accept);
  t.is(c.hNext, MIN_FACTOR);
  c.judge(0.2, 1e-6);
  t.true(c.accept);
  t.is(c.hNext, 0.2, 'no growth right after a rejection');
  c.judge(0.2, 1e-6);
  t.true(c.hNext > 0.2);
});

test('step-too-small floor is 10·ε·|t|', (t) => {
  t.true(isStepTooSmall(1e-7, 1e9)); // 10·ε·1e9 ≈ 2.2e-6
  t.false(isStepTooSmall(1e-5, 1e9));
  t.false(isStepTooSmall(1e-300, 0));
});
