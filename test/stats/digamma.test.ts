import test from 'ava';
import { digamma } from '../../src/stats/index.ts';

test('digamma: ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, recurrence ψ(x + 1) = ψ(x) + 1/x', (t) => {
  const euler = 0.5772156649015329;
  t.true(Math.abs(digamma(1) + euler) < 1e-12);
  t.true(Math.abs(digamma(0.5) + euler + 2 * Math.LN2) < 1e-12);
  for (const x of [0.3, 2.5, 7.1, 40]) t.true(Math.abs(digamma(x + 1) - digamma(x) - 1 / x) < 1e-12);
  t.true(Number.isNaN(digamma(0)));
});
