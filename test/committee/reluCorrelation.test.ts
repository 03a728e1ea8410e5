import test from 'ava';
import { cosineForReluCorrelation, reluActivationCorrelation } from '../../src/committee/index.ts';
import { Rng } from '../../src/random.ts';

test('ReLU activation correlation matches Monte Carlo and inverts', (t) => {
  const rng = new Rng(5);
  const n = 200_000;
  for (const c of [0, 0.5, 0.9]) {
    let su = 0, sv = 0, suu = 0, svv = 0, suv = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.normal();
      const v = c * u + Math.sqrt(1 - c * c) * rng.normal();
      const ru = Math.max(u, 0), rv = Math.max(v, 0);
      su += ru; sv += rv; suu += ru * ru; svv += rv * rv; suv += ru * rv;
    }
    const cov = suv / n - (su / n) * (sv / n);
    const corr = cov / Math.sqrt((suu / n - (su / n) ** 2) * (svv / n - (sv / n) ** 2));
    t.true(Math.abs(corr - reluActivationCorrelation(c)) < 0.01, `c = ${c}: MC ${corr}, formula ${reluActivationCorrelation(c)}`);
  }
  t.true(Math.abs(reluActivationCorrelation(cosineForReluCorrelation(0.95)) - 0.95) < 1e-12);
});

