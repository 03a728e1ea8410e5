/**
 * Symbolic side of activations and closed forms, on top of mathjs: parsing with validation,
 * a canonical form, symbolic derivatives (mathjs `derivative`, plus the rules mathjs lacks:
 * erf, max/min, heaviside) and LaTeX printing.
 */
import * as math from 'mathjs';
import type { MathNode } from 'mathjs';
import { SpecError } from '../validate.ts';
import { FUNCTION_TARGETS } from './codegen.ts';

/** Functions mathjs cannot differentiate; `differentiate` applies their rules itself. */
const OWN_RULES = new Set(['erf', 'max', 'min', 'heaviside']);

/**
 * Parse `text` as an expression in the given variables; anything else (unknown symbols or
 * functions, matrices, assignments) is refused with a SpecError at `path`.
 */
export function parseExpression(text: string, variables: readonly string[], path: string): MathNode {
  let node: MathNode;
  try {
    node = math.parse(text);
  } catch (err) {
    throw new SpecError(path, text, `a mathjs expression in ${variables.join(', ')} (${(err as Error).message})`);
  }
  node.traverse((n, _path, parent) => {
    if (n.type === 'SymbolNode' && !(parent?.type === 'FunctionNode' && (parent as math.FunctionNode).fn === n)) {
      const name = (n as math.SymbolNode).name;
      if (!variables.includes(name) && name !== 'pi' && name !== 'e') {
        throw new SpecError(path, text, `an expression in ${variables.join(', ')} only (constants pi, e); found symbol "${name}"`);
      }
    } else if (n.type === 'FunctionNode') {
      const name = (n as math.FunctionNode).fn.name;
      if (FUNCTION_TARGETS[name] === undefined) {
        throw new SpecError(path, text, `functions among ${Object.keys(FUNCTION_TARGETS).join(', ')}; found "${name}"`);
      }
    } else if (!['ConstantNode', 'OperatorNode', 'ParenthesisNode', 'SymbolNode'].includes(n.type)) {
      throw new SpecError(path, text, 'an arithmetic expression (numbers, variables, + - * / ^, function calls)');
    }
  });
  return node;
}

/**
 * Canonical form: mathjs `simplify`, with the arguments of the symmetric max/min sorted, so
 * that `max(0, x)` and `max(x, 0)` (or `erf(x/sqrt(2))` and `erf(0.7071067811865475 x)`) agree.
 */
export function canonical(node: MathNode): MathNode {
  const sorted = node.transform((n) => {
    if (n.type === 'FunctionNode' && ['max', 'min'].includes((n as math.FunctionNode).fn.name)) {
      const fn = n as math.FunctionNode;
      const args = [...fn.args].sort((p, q) => (p.toString() < q.toString() ? -1 : p.toString() > q.toString() ? 1 : 0));
      return new math.FunctionNode(fn.fn, args);
    }
    return n;
  });
  return math.simplify(sorted);
}

function uses(node: MathNode, name: string): boolean {
  return node.filter((n) => n.type === 'SymbolNode' && (n as math.SymbolNode).name === name).length > 0;
}

function usesOwnRules(node: MathNode): boolean {
  return node.filter((n) => n.type === 'FunctionNode' && OWN_RULES.has((n as math.FunctionNode).fn.name)).length > 0;
}

const num = (v: number): MathNode => new math.ConstantNode(v);
const op = (o: string, fn: string, args: MathNode[]): MathNode => new math.OperatorNode(o as never, fn as never, args);
const isConst = (n: MathNode, v: number): boolean => n.type === 'ConstantNode' && (n as math.ConstantNode).value === v;
// constructors that fold 0 and 1 on the spot: derivatives stay small, and `simplify` stays fast
const add = (a: MathNode, b: MathNode): MathNode => (isConst(a, 0) ? b : isConst(b, 0) ? a : op('+', 'add', [a, b]));
const neg = (a: MathNode): MathNode => (isConst(a, 0) ? a : op('-', 'unaryMinus', [a]));
const sub = (a: MathNode, b: MathNode): MathNode => (isConst(b, 0) ? a : isConst(a, 0) ? neg(b) : op('-', 'subtract', [a, b]));
const mul = (a: MathNode, b: MathNode): MathNode =>
  isConst(a, 0) || isConst(b, 0) ? num(0) : isConst(a, 1) ? b : isConst(b, 1) ? a : op('*', 'multiply', [a, b]);
const div = (a: MathNode, b: MathNode): MathNode => (isConst(a, 0) ? a : isConst(b, 1) ? a : op('/', 'divide', [a, b]));
const pow = (a: MathNode, b: MathNode): MathNode => (isConst(b, 1) ? a : op('^', 'pow', [a, b]));
const call = (name: string, ...args: MathNode[]): MathNode => new math.FunctionNode(new math.SymbolNode(name), args);

/**
 * d node / d v (not simplified: mathjs `simplify` costs ~0.1–0.4 s per call, and the compiled code
 * folds constants itself). Subtrees free of erf/max/min/heaviside go to mathjs `derivative`; along
 * the path to those, the sum, product, quotient, power and chain rules apply here, with
 * erf'(z) = (2/√π) e^{−z²}, ∂max(g, h) = H(g − h) g' + H(h − g) h' (min likewise) and H' = 0
 * (the Dirac mass of a kink's second derivative is not representable: σ'' of ReLU is 0 a.e.).
 */
export function differentiate(node: MathNode, v: string): MathNode {
  return derive(node, v);
}

function derive(n: MathNode, v: string): MathNode {
  if (!uses(n, v)) return num(0);
  if (!usesOwnRules(n)) return math.derivative(n, v, { simplify: false });
  if (n.type === 'ParenthesisNode') return derive((n as math.ParenthesisNode).content, v);
  if (n.type === 'OperatorNode') {
    const o = n as math.OperatorNode;
    const [f, g] = o.args;
    switch (o.fn) {
      case 'unaryPlus': return derive(f, v);
      case 'unaryMinus': return neg(derive(f, v));
      case 'add': return add(derive(f, v), derive(g, v));
      case 'subtract': return sub(derive(f, v), derive(g, v));
      case 'multiply': return add(mul(derive(f, v), g), mul(f, derive(g, v)));
      case 'divide': return div(sub(mul(derive(f, v), g), mul(f, derive(g, v))), pow(g, num(2)));
      case 'pow':
        if (!uses(g, v)) return mul(mul(g, pow(f, sub(g, num(1)))), derive(f, v));
        // f^g = exp(g log f)
        return mul(n, add(mul(derive(g, v), call('log', f)), div(mul(g, derive(f, v)), f)));
    }
  }
  if (n.type === 'FunctionNode') {
    const fn = n as math.FunctionNode;
    const name = fn.fn.name;
    const [g, h] = fn.args;
    switch (name) {
      case 'erf': return mul(mul(div(num(2), call('sqrt', new math.SymbolNode('pi'))), call('exp', neg(pow(g, num(2))))), derive(g, v));
      case 'max': return add(mul(call('heaviside', sub(g, h)), derive(g, v)), mul(call('heaviside', sub(h, g)), derive(h, v)));
      case 'min': return add(mul(call('heaviside', sub(h, g)), derive(g, v)), mul(call('heaviside', sub(g, h)), derive(h, v)));
      case 'heaviside': return num(0);
      default: {
        if (fn.args.length !== 1) break;
        const t = new math.SymbolNode('__t');
        const outer = math.derivative(call(name, t), '__t', { simplify: false });
        const atG = outer.transform((m) => (m.type === 'SymbolNode' && (m as math.SymbolNode).name === '__t' ? g : m));
        return mul(atG, derive(g, v));
      }
    }
  }
  throw new SpecError('activation', n.toString(), 'an expression that can be differentiated');
}

/** LaTeX handlers for functions mathjs prints without a macro. */
const LATEX_MACROS: Readonly<Record<string, string>> = {
  erf: '\\operatorname{erf}', heaviside: '\\Theta', asin: '\\arcsin', acos: '\\arccos', atan: '\\arctan', sech: '\\operatorname{sech}',
};

/**
 * LaTeX of `node`, with erf, Θ (heaviside), arcsin, arccos, arctan, sech as proper macros and
 * symbols renamed through `symbols` (e.g. c12 → c_{12}).
 */
export function toLatex(node: MathNode, symbols: Readonly<Record<string, string>> = {}): string {
  return node
    .toTex({
      parenthesis: 'auto',
      implicit: 'hide',
      handler: (n: MathNode, options: object) => {
        if (n.type === 'SymbolNode') {
          const renamed = symbols[(n as math.SymbolNode).name];
          return renamed === undefined ? undefined : ` ${renamed}`; // leading space: mathjs writes \cdot x
        }
        if (n.type !== 'FunctionNode') return undefined;
        const fn = n as math.FunctionNode;
        const macro = LATEX_MACROS[fn.fn.name];
        if (macro === undefined) return undefined;
        return `${macro}\\left(${fn.args.map((a) => a.toTex(options)).join(',')}\\right)`;
      },
    })
    .replace(/\s+/g, ' ')
    .trim();
}
