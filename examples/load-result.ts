// Load `npx popflow ode examples/erf-flow.json --out erf.json` and plot ε_g(t).
import { readFileSync } from 'node:fs';
import { drawFigure, lossFigure, type OdeResult, type Provenance } from 'popflow';

const result = JSON.parse(readFileSync('erf.json', 'utf8')) as OdeResult & { provenance: Provenance };
console.log(`popflow ${result.provenance.popflow}, status ${result.status}, ${result.t.length} times, spec ${result.provenance.specHash.slice(0, 12)}`);
console.log(`ε_g(${result.t.at(-1)}) = ${result.loss.at(-1)?.toExponential(3)}, R_11 = ${result.R.at(-1)?.[0][0]}`);
await drawFigure('erf-typescript.png', lossFigure('erf, m = 3, m* = 2', [{ label: 'ε_g', t: result.t, loss: result.loss }]));
