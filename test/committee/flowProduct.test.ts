import test from 'ava';
import { buildCommitteeProblem, parseCommitteeSpec } from '../../src/committee/index.ts';
import { gradientFlowRhs } from '../../src/committee/flow.ts';

test('the gradient-flow right-hand side is the same with the SIMD and the JavaScript product (to round-off)', (t) => {
  for (const m of [3, 10]) {
    const spec = parseCommitteeSpec({
      model: { activation: 'erf', a: Array(m).fill(1), aStar: Array(m + 1).fill(0.7) },
      init: { kind: 'random', d: 200, scale: 0.5, seed: 4 },
      times: [0, 1],
    });
    const { risk, y0, aFixed } = buildCommitteeProblem(spec);
    const simd = new Float64Array(y0.length);
    const js = new Float64Array(y0.length);
    gradientFlowRhs(risk, aFixed, 'wasm-simd')(0, y0, simd);
    gradientFlowRhs(risk, aFixed, 'js')(0, y0, js);
    const scale = Math.max(...js.map(Math.abs));
    const diff = Math.max(...js.map((v, i) => Math.abs(v - simd[i])));
    t.true(diff <= 1e-14 * scale, `m = ${m}: max |diff| ${diff} against max |dy| ${scale}`);
  }
});
