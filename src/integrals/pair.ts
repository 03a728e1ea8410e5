/**
 * I2(c11, c22, c12) = E[σ(u) τ(v)], (u, v) ~ N(0, [[c11, c12], [c12, c22]]), with its gradient:
 * closed form from the table, else an exact Wick polynomial when both activations are
 * polynomials, else quadrature (the split polar rule of polar.ts).
 */
import type { Activation, PairIntegral } from './types.ts';
import { PAIR_FORMS, PAIR_VARS, compileForm } from './closedForms.ts';
import { PolarExpectation } from './polar.ts';
import { availablePaths, choosePath, nodesFor, type IntegralOptions } from './options.ts';
import { quadratureLatex } from './quadratureText.ts';
import { wickPair } from './wickIntegrals.ts';
import { compileRowKernel } from './codegen.ts';

type Fn3 = (c11: number, c22: number, c12: number) => number;

/**
 * I2 for the pair (σ, τ). Paths, in order of preference: 'closed-form' (linear, quadratic, erf,
 * ReLU, |x| with themselves; THEORY.md §1), 'wick' (both polynomials: Isserlis' theorem), 'quadrature'.
 * `options.path` forces a path (refused where it does not apply), `options.nodes` sets the
 * quadrature's nodes per dimension.
 */
export function pairIntegral(sigma: Activation, tau: Activation, options: IntegralOptions = {}): PairIntegral {
  const formula = PAIR_FORMS[`${sigma.key}|${tau.key}`];
  const available = availablePaths(formula !== undefined, sigma.polynomial !== null && tau.polynomial !== null);
  const path = choosePath(available, options, 'pairIntegral');
  const nodes = nodesFor(2, options, 'pairIntegral');
  if (path === 'closed-form') {
    const form = compileForm<Fn3>(formula, PAIR_VARS, true);
    const [g11, g22, g12] = form.grad;
    const value = form.value;
    return {
      path, text: form.text, latex: form.latex, value,
      row: compileRowKernel([form.node, ...form.gradNodes], 'closed form', true),
      valueGrad: (c11, c22, c12, grad) => {
        grad[0] = g11(c11, c22, c12);
        grad[1] = g22(c11, c22, c12);
        grad[2] = g12(c11, c22, c12);
        return value(c11, c22, c12);
      },
    };
  }
  if (path === 'wick') return wickPair(sigma.polynomial!, tau.polynomial!);
  return quadraturePair(sigma, tau, nodes);
}

/**
 * Quadrature I2 with the gradient by Price's theorem, ∂/∂c12 = E[σ'(u) τ'(v)], and for the
 * diagonal ∂/∂c11 = ½ E[σ''(u) τ(v)] rewritten by Stein's lemma,
 * E[σ'(u) u τ(v)] = c11 E[σ''(u) τ(v)] + c12 E[σ'(u) τ'(v)], so that only first derivatives enter
 * and kinks (ReLU, whose σ'' is a Dirac mass) are handled: ∂/∂c11 = (E[σ' u τ] − c12 E[σ'τ'])/(2 c11).
 */
function quadraturePair(sigma: Activation, tau: Activation, nodes: number): PairIntegral {
  const gauss = new PolarExpectation(nodes);
  const cov = new Float64Array(4);
  const { f, df } = sigma;
  const { f: g, df: dg } = tau;
  const fg = (u: Float64Array) => f(u[0]) * g(u[1]);
  // one pass for E[σ τ], E[σ' τ'], E[σ' u τ], E[σ v τ'], sharing the four function values per point
  const acc = new Float64Array(4);
  const accumulate = (u: Float64Array, w: number): void => {
    const fu = f(u[0]);
    const dfu = df(u[0]);
    const gv = g(u[1]);
    const dgv = dg(u[1]);
    acc[0] += w * fu * gv;
    acc[1] += w * dfu * dgv;
    acc[2] += w * dfu * u[0] * gv;
    acc[3] += w * fu * u[1] * dgv;
  };
  const setCov = (c11: number, c22: number, c12: number) => {
    cov[0] = c11;
    cov[1] = c12;
    cov[2] = c12;
    cov[3] = c22;
  };
  const grad = new Float64Array(3);
  const valueGrad = (c11: number, c22: number, c12: number, out: Float64Array): number => {
    setCov(c11, c22, c12);
    acc.fill(0);
    if (!gauss.visit(cov, accumulate)) acc.fill(NaN);
    out[2] = acc[1];
    out[0] = (acc[2] - c12 * acc[1]) / (2 * c11);
    out[1] = (acc[3] - c12 * acc[1]) / (2 * c22);
    return acc[0];
  };
  return {
    path: 'quadrature',
    text: `E[σ(u) τ(v)] with σ(x) = ${sigma.expr}, τ(x) = ${tau.expr}: split polar quadrature, ${nodes} angles per arc × ${nodes} radii`,
    latex: quadratureLatex([[sigma, 'u'], [tau, 'v']]),
    value: (c11, c22, c12) => {
      setCov(c11, c22, c12);
      return gauss.expect(cov, fg);
    },
    valueGrad,
    row: (c11, c22, c22Offset, c12, c12Offset, n, out) => {
      for (let i = 0; i < n; i++) {
        out[4 * i] = valueGrad(c11, c22[c22Offset + i], c12[c12Offset + i], grad);
        out[4 * i + 1] = grad[0];
        out[4 * i + 2] = grad[1];
        out[4 * i + 3] = grad[2];
      }
    },
  };
}
