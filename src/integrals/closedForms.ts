/**
 * The closed-form table: Gaussian integrals of activation pairs, triples and quadruples that have a
 * formula, written as mathjs expressions in the covariance entries. One expression gives the text,
 * the LaTeX, the compiled value and (by symbolic differentiation) the I2 gradient.
 *
 * Keys are activation keys joined by '|'. Formulas: THEORY.md §1 (I2) and §1b (erf I3, I4, J2);
 * ReLU I3 and J2 derived here:
 *   J2 = E[H(u_a) H(u_b)] = (π − θ)/(2π), cos θ = C_ab/√(C_aa C_bb)  (orthant probability);
 *   I3 = E[H(u_a) u_b relu(u_c)] = C_ab E[δ(u_a) relu(u_c)] + C_bc E[H(u_a) H(u_c)]  (Stein's lemma on u_b)
 *      = C_ab √(C_aa C_cc − C_ac²)/(2π C_aa) + C_bc (π − θ_ac)/(2π),
 *   using E[δ(u_a) relu(u_c)] = p(u_a = 0) E[relu(u_c) | u_a = 0] = (2π C_aa)^{−1/2} · s/√(2π),
 *   s² = C_cc − C_ac²/C_aa.
 * Absolute value |x| (Zhou, Ge & Jin 2021), with σ' = sign and σ'' = 2δ, derived the same way:
 *   I2 = E|u||v| = (2/π)[√(c11 c22 − c12²) + c12 arcsin(c12/√(c11 c22))]
 *      = c12 + (2/π)[√D − c12 θ],  D = c11 c22 − c12², θ = atan2(√D, c12) (the angle between the fields),
 *   the second form evaluated: near aligned fields arcsin(ρ → 1) loses half the digits (an absolute
 *   error ~√eps ≈ 1e-8 in I2), while √D − c12 θ = c12(tan θ − θ) keeps an error ~eps·√D;
 *   Price: ∂I2/∂c12 = E[sign u sign v] = (2/π) arcsin ρ = 1 − 2θ/π, ∂I2/∂c11 = ½E[2δ(u)|v|] = √(c11 c22 − c12²)/(π c11);
 *   J2 = E[sign u_a sign u_b] = (2/π) arcsin(C_ab/√(C_aa C_bb));
 *   I3 = E[sign(u_a) u_b |u_c|] = C_ab E[2δ(u_a)|u_c|] + C_bc E[sign u_a sign u_c]
 *      = (2/π)[C_ab √(C_aa C_cc − C_ac²)/C_aa + C_bc arcsin(C_ac/√(C_aa C_cc))].
 * No closed form is tabulated for the abs I4: it goes to the step-derivative quadrature (stepQuad.ts).
 */
import type { MathNode } from 'mathjs';
import { compileNode } from './codegen.ts';
import { differentiate, parseExpression, toLatex } from './expression.ts';

/** I2 arguments (c11, c22, c12), in the order of the integral contracts. */
export const PAIR_VARS = ['c11', 'c22', 'c12'] as const;
/** I3 arguments: the upper triangle of the covariance of (u_a, u_b, u_c). */
export const TRIPLE_VARS = ['caa', 'cab', 'cac', 'cbb', 'cbc', 'ccc'] as const;
/** I4 arguments: the upper triangle of the covariance of (u_a, u_b, u_c, u_e). */
export const QUAD_VARS = ['caa', 'cab', 'cac', 'cae', 'cbb', 'cbc', 'cbe', 'ccc', 'cce', 'cee'] as const;
/** J2 arguments: the upper triangle of the covariance of (u_a, u_b). */
export const DERIV_PAIR_VARS = ['caa', 'cab', 'cbb'] as const;

/** LaTeX names of the I2 variables. */
export const PAIR_LATEX: Readonly<Record<string, string>> = { c11: 'c_{11}', c22: 'c_{22}', c12: 'c_{12}' };

/** A formula in the integral's variables, with an optional explicit gradient (one per variable). */
interface Formula {
  expr: string;
  /** Given when symbolic differentiation would leave a removable 0/0 (ReLU at c12² = c11 c22). */
  grad?: string[];
}

const RELU_COS = (x: string, y: string, xy: string) => `acos(${xy} / sqrt(${x} * ${y}))`;
const ABS_SIN = (x: string, y: string, xy: string) => `asin(${xy} / sqrt(${x} * ${y}))`;
const ABS_ANGLE = 'atan2(sqrt(c11 * c22 - c12^2), c12)';

/** I2(c11, c22, c12) = E[σ(u) τ(v)]. */
export const PAIR_FORMS: Readonly<Record<string, Formula>> = {
  'linear|linear': { expr: 'c12' },
  'quadratic|quadratic': { expr: 'c11 * c22 + 2 * c12^2' },
  'erf|erf': { expr: '2 / pi * asin(c12 / sqrt((1 + c11) * (1 + c22)))' },
  'relu|relu': {
    expr: `(sqrt(c11 * c22 - c12^2) + (pi - ${RELU_COS('c11', 'c22', 'c12')}) * c12) / (2 * pi)`,
    // Price: ∂/∂c12 = E[H(u)H(v)], ∂/∂c11 = ½ E[δ(u) relu(v)]
    grad: [
      'sqrt(c11 * c22 - c12^2) / (4 * pi * c11)',
      'sqrt(c11 * c22 - c12^2) / (4 * pi * c22)',
      `(pi - ${RELU_COS('c11', 'c22', 'c12')}) / (2 * pi)`,
    ],
  },
  'abs|abs': {
    expr: `c12 + 2 / pi * (sqrt(c11 * c22 - c12^2) - c12 * ${ABS_ANGLE})`,
    // Price, as for ReLU: regular also at c12² = c11 c22, where symbolic differentiation gives 0/0
    grad: [
      'sqrt(c11 * c22 - c12^2) / (pi * c11)',
      'sqrt(c11 * c22 - c12^2) / (pi * c22)',
      `1 - 2 / pi * ${ABS_ANGLE}`,
    ],
  },
};

const ERF_LAMBDA4 = '((1 + caa) * (1 + cbb) - cab^2)';
const ERF_LAMBDA0 = `(${ERF_LAMBDA4} * cce - cbc * cbe * (1 + caa) - cac * cae * (1 + cbb) + cab * cac * cbe + cab * cae * cbc)`;
const ERF_LAMBDA1 = `(${ERF_LAMBDA4} * (1 + ccc) - cbc^2 * (1 + caa) - cac^2 * (1 + cbb) + 2 * cab * cac * cbc)`;
const ERF_LAMBDA2 = `(${ERF_LAMBDA4} * (1 + cee) - cbe^2 * (1 + caa) - cae^2 * (1 + cbb) + 2 * cab * cae * cbe)`;

/** I3 = E[σ'(u_a) u_b τ(u_c)], key σ|τ. */
export const TRIPLE_FORMS: Readonly<Record<string, Formula>> = {
  'erf|erf': {
    expr: '2 / pi / sqrt((1 + caa) * (1 + ccc) - cac^2) * (cbc * (1 + caa) - cab * cac) / (1 + caa)',
  },
  'relu|relu': {
    expr: `cab * sqrt(caa * ccc - cac^2) / (2 * pi * caa) + cbc * (pi - ${RELU_COS('caa', 'ccc', 'cac')}) / (2 * pi)`,
  },
  'abs|abs': {
    expr: `2 / pi * (cab * sqrt(caa * ccc - cac^2) / caa + cbc * ${ABS_SIN('caa', 'ccc', 'cac')})`,
  },
};

/** I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)], key σ|τ|ρ. */
export const QUAD_FORMS: Readonly<Record<string, Formula>> = {
  'erf|erf|erf': {
    expr: `4 / pi^2 / sqrt(${ERF_LAMBDA4}) * asin(${ERF_LAMBDA0} / sqrt(${ERF_LAMBDA1} * ${ERF_LAMBDA2}))`,
  },
};

/** J2 = E[σ'(u_a) σ'(u_b)], key σ. */
export const DERIV_PAIR_FORMS: Readonly<Record<string, Formula>> = {
  erf: { expr: '2 / pi / sqrt((1 + caa) * (1 + cbb) - cab^2)' },
  relu: { expr: `(pi - ${RELU_COS('caa', 'cbb', 'cab')}) / (2 * pi)` },
  abs: { expr: `2 / pi * ${ABS_SIN('caa', 'cbb', 'cab')}` },
};

/** A formula parsed, printed and compiled. */
export interface CompiledForm<F> {
  node: MathNode;
  text: string;
  latex: string;
  value: F;
  /** Compiled partial derivatives, one per variable. */
  grad: F[];
  /** The partial derivatives as expression trees (empty without `withGrad`). */
  gradNodes: MathNode[];
}

const cache = new Map<string, CompiledForm<never>>();

/**
 * Parse, print and compile a formula (guarded: round-off just outside the domain of asin, acos
 * and sqrt is forgiven); with `withGrad`, also its partial derivatives, from `grad` when given,
 * else by symbolic differentiation. Compiled once per formula.
 */
export function compileForm<F extends (...args: number[]) => number>(
  formula: Formula,
  vars: readonly string[],
  withGrad: boolean,
): CompiledForm<F> {
  const cacheKey = `${formula.expr}#${withGrad}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit as unknown as CompiledForm<F>;
  const node = parseExpression(formula.expr, vars, 'closed form');
  const gradNodes = !withGrad
    ? []
    : formula.grad !== undefined
      ? formula.grad.map((g) => parseExpression(g, vars, 'closed form'))
      : vars.map((v) => differentiate(node, v));
  const form: CompiledForm<F> = {
    node,
    text: node.toString({ parenthesis: 'auto', implicit: 'hide' }),
    latex: toLatex(node, PAIR_LATEX),
    value: compileNode<F>(node, vars, 'closed form', true),
    grad: gradNodes.map((g) => compileNode<F>(g, vars, 'closed form', true)),
    gradNodes,
  };
  cache.set(cacheKey, form as unknown as CompiledForm<never>);
  return form;
}
