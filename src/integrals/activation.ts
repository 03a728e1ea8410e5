/**
 * Activations: a built-in name or a mathjs expression in x, parsed once into a canonical key,
 * LaTeX, polynomial coefficients (when σ is a polynomial) and compiled σ, σ', σ''.
 */
import * as math from 'mathjs';
import type { MathNode } from 'mathjs';
import { SpecError } from '../validate.ts';
import type { Activation } from './types.ts';
import { compileNode } from './codegen.ts';
import { canonical, differentiate, parseExpression, toLatex } from './expression.ts';

/** Built-in names and the expressions in x they stand for. */
export const BUILT_IN_ACTIVATIONS: Readonly<Record<string, string>> = {
  linear: 'x',
  quadratic: 'x^2',
  erf: 'erf(x/sqrt(2))',
  relu: 'max(x, 0)',
  abs: 'abs(x)',
};

const PATH = 'model.activation';
const ALLOWED = `a built-in name (${Object.keys(BUILT_IN_ACTIVATIONS).join(', ')}) or a mathjs expression in x`;

let builtInKeys: Map<string, string> | null = null;

/** Canonical string of each built-in, to recognise e.g. "x^2" or "max(0, x)" as a built-in. */
function builtInByCanonical(): Map<string, string> {
  if (builtInKeys === null) {
    builtInKeys = new Map();
    for (const [name, expr] of Object.entries(BUILT_IN_ACTIVATIONS)) {
      builtInKeys.set(canonical(math.parse(expr)).toString(), name);
    }
  }
  return builtInKeys;
}

/**
 * Parse an activation: a built-in name (`linear` u, `quadratic` u², `erf` erf(u/√2), `relu`
 * max(u, 0), `abs` |u|) or a mathjs expression in x. The key is the built-in name whenever the simplified
 * expression equals a built-in's, else the simplified expression. Throws SpecError at
 * `model.activation` (or `path`) for anything else (other variables, unknown functions, non-strings).
 * Results are cached by spec.
 */
export function parseActivation(spec: string, path = PATH): Activation {
  if (typeof spec !== 'string' || spec.trim() === '') throw new SpecError(path, spec, ALLOWED);
  const hit = parsed.get(spec);
  if (hit !== undefined) return hit;
  const act = parseUncached(spec, path);
  parsed.set(spec, act);
  return act;
}

/** Parsed activations by spec: parsing costs tens of ms (mathjs `simplify`), so it is done once. */
const parsed = new Map<string, Activation>();

function parseUncached(spec: string, path: string): Activation {
  const expr = BUILT_IN_ACTIVATIONS[spec] ?? spec;
  const node = parseExpression(expr, ['x'], path);
  const simplified = canonical(node);
  const canonicalText = simplified.toString();
  const key = builtInByCanonical().get(canonicalText) ?? canonicalText;
  const d1 = differentiate(simplified, 'x');
  const d2 = differentiate(d1, 'x');
  const compile = (n: MathNode) => compileNode<(x: number) => number>(n, ['x'], path);
  const f = compile(simplified);
  if (!Number.isFinite(f(0.3)) || !Number.isFinite(f(-1.7))) {
    throw new SpecError(path, spec, `${ALLOWED}, finite on the real line`);
  }
  return {
    key,
    expr,
    latex: toLatex(node),
    polynomial: polynomialCoefficients(simplified),
    f,
    df: compile(d1),
    d2f: compile(d2),
  };
}

/** Coefficients c[k] of x^k when `node` is a polynomial in x (mathjs `rationalize`), else null. */
function polynomialCoefficients(node: MathNode): number[] | null {
  const hasFunction = node.filter((n) => n.type === 'FunctionNode').length > 0;
  if (hasFunction) return null;
  try {
    const r = math.rationalize(node, {}, true) as unknown as { coefficients: number[]; denominator: MathNode | null };
    if (r.denominator !== null || r.coefficients.length === 0) return null;
    return r.coefficients.map(Number);
  } catch {
    return null;
  }
}
