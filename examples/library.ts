import { drawFigure, lossFigure, simulate, solve, startingFrom, type CommitteeSpecInput } from 'popflow';

// Model, dynamics and output times, shared by the ODE and the simulation.
const problem = {
  model: { activation: 'erf', a: [1, 1], aStar: [1, 1] },
  dynamics: { kind: 'online-sgd', lr: 0.5 },
  times: { end: 100, points: 30, spacing: 'log', min: 0.5 },
} satisfies Omit<CommitteeSpecInput, 'init'>;

// Online SGD at d = 200 (two data seeds), then the ODE from the simulation's initial overlaps.
const sim = await simulate({ ...problem, d: 200, seeds: 2, init: { scale: 0.3, seed: 1 }, backend: 'js' });
const ode = solve({ ...problem, init: startingFrom(sim.initial) });

console.log(`${ode.status}: ε_g(α = 100) = ${ode.loss.at(-1)} (ODE), ${sim.lossMean.at(-1)} (simulation)`);
console.log('Q =', ode.Q.at(-1), 'R =', ode.R.at(-1));

await drawFigure('sgd.png', lossFigure('Online SGD, erf, m = m* = 2', [
  { label: 'ODE', t: ode.t, loss: ode.loss },
  { label: 'simulation, d = 200', t: sim.t, loss: sim.lossMean, points: true },
], 'α = steps / d'));
