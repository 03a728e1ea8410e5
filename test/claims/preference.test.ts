import test from 'ava';
import { leastSquaresAic, prefersModelWithin, type Estimate } from '../../src/claims/index.ts';

const est = (value: number, lo: number, hi: number): Estimate => ({ value, lo, hi, level: 0.95, method: 'test' });

test('prefersModelWithin: A preferred over the whole interval, B preferred (counter-case), and an undecided interval', (t) => {
  t.is(prefersModelWithin(est(30, 12, 50), 'exp', 'power', 10).verdict, 'supported');
  t.is(prefersModelWithin(est(-30, -50, -12), 'exp', 'power', 10).verdict, 'not supported');
  t.is(prefersModelWithin(est(15, -5, 40), 'exp', 'power', 10).verdict, 'inconclusive');
  t.is(prefersModelWithin(est(15, 12, Infinity), 'exp', 'power', 10).verdict, 'inconclusive');
  t.is(prefersModelWithin(est(NaN, 12, 20), 'exp', 'power', 10).verdict, 'inconclusive');
});

test('leastSquaresAic: fewer residuals and fewer parameters give a lower AIC', (t) => {
  t.true(leastSquaresAic(1, 10, 2) < leastSquaresAic(2, 10, 2));
  t.true(leastSquaresAic(1, 10, 2) < leastSquaresAic(1, 10, 3));
});

test('leastSquaresAic: an exact fit gives a finite AIC', (t) => {
  t.true(Number.isFinite(leastSquaresAic(0, 31, 2)));
});
