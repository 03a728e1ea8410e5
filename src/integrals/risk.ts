/**
 * The population risk of a committee machine written out as a formula in the overlaps
 * (THEORY.md §1):
 *   ε_g = ½ Σ_jl a_j a_l I2σσ(Q_jj, Q_ll, Q_jl) − Σ_jk a_j a*_k I2σσ*(Q_jj, T_kk, R_jk)
 *       + ½ Σ_kl a*_k a*_l I2σ*σ*(T_kk, T_ll, T_kl),
 * with the numeric second-layer weights a, a* substituted and Q_jl = Q_lj, T_kl = T_lk merged.
 * When both activations are polynomials the risk is expanded into one exact polynomial in Q, R, T
 * (Wick); otherwise each I2 is replaced by its closed form in Q, R, T, or kept as a named
 * function when it is computed by quadrature. The I2s used are listed with their paths.
 */
import * as math from 'mathjs';
import type { MathNode } from 'mathjs';
import { SpecError, expectNumberArray, expectRecord } from '../validate.ts';
import { parseActivation } from './activation.ts';
import { toLatex } from './expression.ts';
import { pairIntegral } from './pair.ts';
import { Polynomial } from './polynomial.ts';
import { activationIn, quadratureLatex } from './quadratureText.ts';
import { type Rational, absLatexQ, absTextQ, fromNumberQ, mulQ, rational } from './rational.ts';
import type { Activation, IntegralPath, PairIntegral } from './types.ts';
import { wickPairPolynomial } from './wickIntegrals.ts';

/** The network whose risk is written out: activations and second-layer weights. */
export interface RiskModel {
  activation: string;
  teacherActivation: string;
  a: number[];
  aStar: number[];
}

/** What riskFormula returns. */
export interface RiskFormula {
  /** ε_g in Q_jl, R_jk, T_kl (text, or LaTeX). */
  risk: string;
  /** The three pair integrals the risk uses: name, path, and their formula in c11, c22, c12. */
  integrals: { name: string; path: IntegralPath; formula: string }[];
  /** Risk and integrals together, ready to print (LaTeX: an align* environment). */
  document: string;
}

/** One I2 in the sum: coefficient (exact), which integral, and the variables standing for c11, c22, c12. */
interface Term { coef: Rational; which: 0 | 1 | 2; args: [string, string, string] }

const NAMES = [
  { text: 'I2ss', latex: 'I_2^{\\sigma\\sigma}', expect: 'E[σ(u) σ(v)]' },
  { text: 'I2st', latex: 'I_2^{\\sigma\\sigma^*}', expect: 'E[σ(u) σ*(v)]' },
  { text: 'I2tt', latex: 'I_2^{\\sigma^*\\sigma^*}', expect: 'E[σ*(u) σ*(v)]' },
] as const;

/**
 * ε_g of `model` as a formula (see the module comment); `opts.latex` selects LaTeX output.
 * Throws SpecError for a bad model (paths model.activation, model.teacherActivation, model.a, model.aStar).
 */
export function riskFormula(model: RiskModel, opts: { latex: boolean }): RiskFormula {
  const spec = expectRecord(model, 'model');
  const sigma = parseActivation(spec.activation as string, 'model.activation');
  const sigmaStar = parseActivation(spec.teacherActivation as string, 'model.teacherActivation');
  const a = expectNumberArray(spec.a, 'model.a');
  const aStar = expectNumberArray(spec.aStar, 'model.aStar');
  if (a.length === 0) throw new SpecError('model.a', a, 'at least one student weight');
  if (aStar.length === 0) throw new SpecError('model.aStar', aStar, 'at least one teacher weight');
  const wide = a.length > 9 || aStar.length > 9;
  const sym = (base: string, i: number, j: number) => ({
    text: wide ? `${base}${i + 1}_${j + 1}` : `${base}${i + 1}${j + 1}`,
    latex: wide ? `${base}_{${i + 1},${j + 1}}` : `${base}_{${i + 1}${j + 1}}`,
  });
  const variables: { text: string; latex: string }[] = [];
  for (let j = 0; j < a.length; j++) for (let l = j; l < a.length; l++) variables.push(sym('Q', j, l));
  for (let j = 0; j < a.length; j++) for (let k = 0; k < aStar.length; k++) variables.push(sym('R', j, k));
  for (let k = 0; k < aStar.length; k++) for (let l = k; l < aStar.length; l++) variables.push(sym('T', k, l));
  const Q = (j: number, l: number) => sym('Q', Math.min(j, l), Math.max(j, l)).text;
  const T = (k: number, l: number) => sym('T', Math.min(k, l), Math.max(k, l)).text;
  const R = (j: number, k: number) => sym('R', j, k).text;

  const half = rational(1n, 2n);
  const aq = a.map(fromNumberQ);
  const sq = aStar.map(fromNumberQ);
  const terms: Term[] = [];
  for (let j = 0; j < a.length; j++) {
    for (let l = j; l < a.length; l++) {
      terms.push({ coef: mulQ(mulQ(aq[j], aq[l]), j === l ? half : rational(1n)), which: 0, args: [Q(j, j), Q(l, l), Q(j, l)] });
    }
  }
  for (let j = 0; j < a.length; j++) {
    for (let k = 0; k < aStar.length; k++) {
      terms.push({ coef: mulQ(mulQ(aq[j], sq[k]), rational(-1n)), which: 1, args: [Q(j, j), T(k, k), R(j, k)] });
    }
  }
  for (let k = 0; k < aStar.length; k++) {
    for (let l = k; l < aStar.length; l++) {
      terms.push({ coef: mulQ(mulQ(sq[k], sq[l]), k === l ? half : rational(1n)), which: 2, args: [T(k, k), T(l, l), T(k, l)] });
    }
  }
  const live = terms.filter((t) => t.coef.num !== 0n);

  const pairs: [Activation, Activation][] = [[sigma, sigma], [sigma, sigmaStar], [sigmaStar, sigmaStar]];
  const integrals = pairs.map(([s, t]) => pairIntegral(s, t));
  const latexOf = Object.fromEntries(variables.map((v) => [v.text, v.latex]));
  const risk =
    sigma.polynomial !== null && sigmaStar.polynomial !== null
      ? polynomialRisk(live, pairs, variables.map((v) => v.text), opts.latex, latexOf)
      : termwiseRisk(live, integrals, opts.latex, latexOf);

  const listed = integrals.map((ig, w) => ({
    name: opts.latex ? NAMES[w].latex : NAMES[w].text,
    path: ig.path,
    formula: integralFormula(ig, pairs[w], opts.latex),
  }));
  const document = opts.latex
    ? [
        '\\begin{align*}',
        `\\varepsilon_g &= ${risk} \\\\`,
        ...listed.map((g, w) => `${g.name}(c_{11}, c_{22}, c_{12}) &= ${g.formula}${w < 2 ? ' \\\\' : ''}`),
        '\\end{align*}',
      ].join('\n')
    : [`eps_g = ${risk}`, 'where', ...listed.map((g) => `  ${g.name}(c11, c22, c12) = ${g.formula}   [${g.path}]`)].join('\n');
  return { risk, integrals: listed, document };
}

/** Both activations polynomial: ε_g as one exact polynomial in Q, R, T. */
function polynomialRisk(
  terms: Term[],
  pairs: [Activation, Activation][],
  vars: string[],
  latex: boolean,
  latexOf: Record<string, string>,
): string {
  const polys = pairs.map(([s, t]) => wickPairPolynomial(s.polynomial!, t.polynomial!));
  let total = Polynomial.zero(vars);
  for (const t of terms) {
    total = total.add(polys[t.which].rename(vars, t.args.map((v) => vars.indexOf(v))).scale(t.coef));
  }
  return latex ? total.toLatex((v) => latexOf[v]) : total.toText();
}

/** Otherwise: a sum of coefficient × (I2 in closed form in Q, R, T, or the named I2 when it is a quadrature). */
function termwiseRisk(terms: Term[], integrals: PairIntegral[], latex: boolean, latexOf: Record<string, string>): string {
  const forms = integrals.map((ig) => (ig.path === 'quadrature' ? null : math.parse(ig.text)));
  const pieces = terms.map((t, k) => {
    const form = forms[t.which];
    const sub = { c11: t.args[0], c22: t.args[1], c12: t.args[2] } as Record<string, string>;
    const node: MathNode =
      form === null
        ? new math.FunctionNode(new math.SymbolNode(NAMES[t.which].text), t.args.map((v) => new math.SymbolNode(v)))
        : form.transform((n) => (n.type === 'SymbolNode' && sub[(n as math.SymbolNode).name] !== undefined ? new math.SymbolNode(sub[(n as math.SymbolNode).name]) : n));
    const negative = t.coef.num < 0n;
    const unit = t.coef.num === t.coef.den || -t.coef.num === t.coef.den;
    const sign = k === 0 ? (negative ? '-' : '') : negative ? ' - ' : ' + ';
    if (latex) {
      const body = form === null
        ? `${NAMES[t.which].latex}\\left(${t.args.map((v) => latexOf[v]).join(', ')}\\right)`
        : `\\left(${toLatex(node, latexOf)}\\right)`;
      return `${sign}${unit ? '' : `${absLatexQ(t.coef)} `}${body}`;
    }
    const body = form === null ? node.toString() : `(${node.toString()})`;
    return `${sign}${unit ? '' : `${absTextQ(t.coef)}*`}${body}`;
  });
  return pieces.length === 0 ? '0' : pieces.join('');
}

/** An I2's formula in c11, c22, c12: its closed form or Wick polynomial, or the expectation it integrates numerically. */
function integralFormula(ig: PairIntegral, [s, t]: [Activation, Activation], latex: boolean): string {
  if (ig.path !== 'quadrature') return latex ? ig.latex : ig.text;
  if (!latex) return `E[(${activationIn(s, 'u')}) (${activationIn(t, 'v')})], (u, v) ~ N(0, [[c11, c12], [c12, c22]])`;
  return `${quadratureLatex([[s, 'u'], [t, 'v']])}, \\quad (u, v) \\sim \\mathcal{N}\\left(0, \\begin{pmatrix} c_{11} & c_{12} \\\\ c_{12} & c_{22} \\end{pmatrix}\\right)`;
}
