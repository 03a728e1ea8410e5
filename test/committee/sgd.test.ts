/**
 * The online-SGD ODE: its η-linear part must be η times the population gradient flow (two independent
 * formulas: I3 integrals on one side, Price-theorem derivatives of I2 on the other), for closed-form,
 * Wick and quadrature activations.
 */
import test from 'ava';
import { buildCommitteeProblem, parseCommitteeSpec, randomOverlaps } from '../../src/committee/index.ts';
import { integralExpectations, onlineSgdRhs, sgdIntegrals } from '../../src/committee/sgd.ts';
import { parseActivation } from '../../src/integrals/index.ts';

const cases: [string, number][] = [
  ['erf', 1e-12],
  ['relu', 1e-12],
  ['x^3 - 3*x', 1e-10],
  ['quadratic', 1e-11],
  ['tanh(x)', 1e-8],
];

for (const [activation, tol] of cases) {
  for (const trainSecondLayer of [false, true]) {
    test(`online-SGD ODE at O(η) is η × gradient flow (${activation}${trainSecondLayer ? ', trained a' : ''})`, (t) => {
      const a = [0.8, -0.5, 1.2];
      const aStar = [1, 0.6];
      const init = randomOverlaps(3, 2, 6, 0.7, 3, a);
      const spec = parseCommitteeSpec({ model: { activation, a, aStar, trainSecondLayer }, init: { Q: init.Q, R: init.R, T: init.T }, times: [0, 1] });
      const flow = buildCommitteeProblem(spec);
      const sigma = parseActivation(activation);
      const lr = 0.37;
      const sgd = onlineSgdRhs(
        flow.risk,
        integralExpectations(sgdIntegrals(sigma, sigma), 3, 2),
        { lr, lrSecondLayer: lr, weightDecay: 0, noise: 0 },
        flow.aFixed,
        true,
      );
      const dFlow = new Float64Array(flow.layout.size);
      const dSgd = new Float64Array(flow.layout.size);
      flow.rhs(0, flow.y0, dFlow);
      sgd(0, flow.y0, dSgd);
      let worst = 0;
      let scale = 0;
      for (let i = 0; i < dFlow.length; i++) {
        worst = Math.max(worst, Math.abs(dSgd[i] / lr - dFlow[i]));
        scale = Math.max(scale, Math.abs(dFlow[i]));
      }
      t.true(scale > 1e-3, 'the flow must move');
      t.true(worst < tol * Math.max(1, scale), `max |dSGD/η − dflow| = ${worst} (scale ${scale})`);
    });
  }
}
