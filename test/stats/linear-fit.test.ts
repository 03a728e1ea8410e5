import test from 'ava';
import { fitLine, fitPowerLaw } from '../../src/stats/linear-fit.ts';

test('exact line is recovered with zero residual', (t) => {
  const f = fitLine([1, 2, 3, 4], [3, 5, 7, 9]);
  t.true(Math.abs(f.slope - 2) < 1e-14);
  t.true(Math.abs(f.intercept - 1) < 1e-14);
  t.true(f.slopeStdErr < 1e-14);
  t.is(f.r2, 1);
});

test('slope and its standard error match the textbook values for a small worked example', (t) => {
  // x = 0..4, y = 0, 2, 1, 3, 4: x̄ = 2, ȳ = 2, Sxx = 10, Sxy = 9 → slope 0.9, intercept 0.2;
  // residuals −0.2, 0.9, −1, 0.1, 0.2 → RSS = 1.9, s² = 1.9/3, SE = √(1.9/30).
  const f = fitLine([0, 1, 2, 3, 4], [0, 2, 1, 3, 4]);
  t.true(Math.abs(f.slope - 0.9) < 1e-14);
  t.true(Math.abs(f.intercept - 0.2) < 1e-14);
  t.true(Math.abs(f.slopeStdErr - Math.sqrt(1.9 / 30)) < 1e-14);
});

test('power law exponent of y = 3 x^1.5', (t) => {
  const x = [2, 4, 8, 16];
  const f = fitPowerLaw(x, x.map((v) => 3 * v ** 1.5));
  t.true(Math.abs(f.slope - 1.5) < 1e-12);
  t.true(Math.abs(Math.exp(f.intercept) - 3) < 1e-12);
});
