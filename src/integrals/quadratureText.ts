/** LaTeX for integrals that have no closed form: the expectation written out. */
import * as math from 'mathjs';
import type { Activation } from './types.ts';
import { toLatex } from './expression.ts';

/** σ's LaTeX with x renamed to `field`. */
export function activationLatexIn(act: Activation, field: string): string {
  const node = math.parse(act.expr).transform((n) =>
    n.type === 'SymbolNode' && (n as math.SymbolNode).name === 'x' ? new math.SymbolNode(field) : n,
  );
  return toLatex(node);
}

/** \mathbb{E}\left[ f_1(u_1) f_2(u_2) … \right] for the given (activation, field) factors. */
export function quadratureLatex(factors: [Activation, string][]): string {
  const body = factors.map(([act, field]) => `\\left(${activationLatexIn(act, field)}\\right)`).join(' ');
  return `\\mathbb{E}\\left[${body}\\right]`;
}
