/** Text and LaTeX for integrals that have no closed form: the expectation written out. */
import * as math from 'mathjs';
import type { Activation } from './types.ts';
import { toLatex } from './expression.ts';

function inField(act: Activation, field: string): math.MathNode {
  return math.parse(act.expr).transform((n) =>
    n.type === 'SymbolNode' && (n as math.SymbolNode).name === 'x' ? new math.SymbolNode(field) : n,
  );
}

/** σ's expression with x renamed to `field`, as text. */
export function activationIn(act: Activation, field: string): string {
  return inField(act, field).toString();
}

/** σ's LaTeX with x renamed to `field`. */
function activationLatexIn(act: Activation, field: string): string {
  return toLatex(inField(act, field));
}

/** \mathbb{E}\left[ f_1(u_1) f_2(u_2) … \right] for the given (activation, field) factors. */
export function quadratureLatex(factors: [Activation, string][]): string {
  const body = factors.map(([act, field]) => `\\left(${activationLatexIn(act, field)}\\right)`).join(' ');
  return `\\mathbb{E}\\left[${body}\\right]`;
}
