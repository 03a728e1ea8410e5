import test from 'ava';
import { readFileSync } from 'node:fs';
import { initialStep } from '../../solvers/initial_step.ts';
import type { Rhs } from '../../solvers/index.ts';

/** Fixture from scipy's select_initial_step (generator: fixtures/initial_step.py). */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/initial_step.json', import.meta.url), 'utf8')) as {
  cases: { problem: string; t0: number; t1: number; y0: number[]; rtol: number; atol: number; h: number }[];
};

const RHS: Record<string, Rhs> = {
  growth: (_t, y, d) => void (d[0] = y[0]),
  rotation: (_t, y, d) => ((d[0] = -0.1 * y[0] - y[1]), (d[1] = y[0] - 0.1 * y[1])),
  lorenz: (_t, y, d) => {
    d[0] = 10 * (y[1] - y[0]);
    d[1] = y[0] * (28 - y[2]) - y[1];
    d[2] = y[0] * y[1] - (8 / 3) * y[2];
  },
  riccati: (t, y, d) => void (d[0] = -2 * t * y[0] * y[0]),
  zero_start: (t, _y, d) => ((d[0] = Math.cos(t)), (d[1] = 0)),
};

test('initial step matches scipy select_initial_step (Hairer\'s algorithm) on every fixture case', (t) => {
  t.is(fixture.cases.length, 15);
  for (const c of fixture.cases) {
    const n = c.y0.length;
    const y0 = Float64Array.from(c.y0);
    const f0 = new Float64Array(n);
    RHS[c.problem](c.t0, y0, f0);
    const { h, finite } = initialStep(RHS[c.problem], c.t0, y0, f0, 4, c.rtol, c.atol, c.t1 - c.t0, new Float64Array(n), new Float64Array(n));
    t.true(finite);
    // Same formula, same operations up to summation order and pow: agreement to rounding (1e-12 relative).
    t.true(Math.abs(h / c.h - 1) < 1e-12, `${c.problem} rtol ${c.rtol}: ${h} vs scipy ${c.h}`);
  }
});
