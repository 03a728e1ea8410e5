/**
 * Sparse multivariate polynomials with exact rational coefficients: the algebra of Wick moments,
 * whose variables are covariance entries. Add, scale, multiply, differentiate, evaluate, print
 * (text and LaTeX) and compile to a plain JavaScript function.
 */
import { type Rational, ONE, absLatexQ, absTextQ, addQ, isZeroQ, mulQ, toNumberQ } from './rational.ts';

interface Term { readonly exps: readonly number[]; readonly coef: Rational }

/** A polynomial over named variables; immutable (every operation returns a new one). */
export class Polynomial {
  /** Terms by exponent key ("e0,e1,…"), zero coefficients never stored. */
  private constructor(readonly vars: readonly string[], private readonly terms: ReadonlyMap<string, Term>) {}

  static zero(vars: readonly string[]): Polynomial {
    return new Polynomial(vars, new Map());
  }

  static constant(vars: readonly string[], c: Rational): Polynomial {
    return Polynomial.fromTerms(vars, [{ exps: vars.map(() => 0), coef: c }]);
  }

  /** The single variable vars[i]. */
  static variable(vars: readonly string[], i: number): Polynomial {
    return Polynomial.fromTerms(vars, [{ exps: vars.map((_, j) => (j === i ? 1 : 0)), coef: ONE }]);
  }

  private static fromTerms(vars: readonly string[], terms: Iterable<Term>): Polynomial {
    const map = new Map<string, Term>();
    for (const t of terms) {
      const key = t.exps.join(',');
      const prev = map.get(key);
      const coef = prev === undefined ? t.coef : addQ(prev.coef, t.coef);
      if (isZeroQ(coef)) map.delete(key);
      else map.set(key, { exps: t.exps, coef });
    }
    return new Polynomial(vars, map);
  }

  get isZero(): boolean {
    return this.terms.size === 0;
  }

  /** Terms in a fixed order: by total degree (descending), then lexicographically by exponents. */
  sortedTerms(): Term[] {
    const deg = (t: Term) => t.exps.reduce((a, b) => a + b, 0);
    return [...this.terms.values()].sort((p, q) => {
      const dd = deg(q) - deg(p);
      if (dd !== 0) return dd;
      for (let i = 0; i < p.exps.length; i++) if (p.exps[i] !== q.exps[i]) return q.exps[i] - p.exps[i];
      return 0;
    });
  }

  add(other: Polynomial): Polynomial {
    return Polynomial.fromTerms(this.vars, [...this.terms.values(), ...other.terms.values()]);
  }

  scale(c: Rational): Polynomial {
    if (isZeroQ(c)) return Polynomial.zero(this.vars);
    return Polynomial.fromTerms(this.vars, [...this.terms.values()].map((t) => ({ exps: t.exps, coef: mulQ(t.coef, c) })));
  }

  mul(other: Polynomial): Polynomial {
    const out: Term[] = [];
    for (const a of this.terms.values()) {
      for (const b of other.terms.values()) {
        out.push({ exps: a.exps.map((e, i) => e + b.exps[i]), coef: mulQ(a.coef, b.coef) });
      }
    }
    return Polynomial.fromTerms(this.vars, out);
  }

  /** ∂/∂vars[i]. */
  derivative(i: number): Polynomial {
    const out: Term[] = [];
    for (const t of this.terms.values()) {
      const e = t.exps[i];
      if (e === 0) continue;
      out.push({ exps: t.exps.map((x, j) => (j === i ? x - 1 : x)), coef: mulQ(t.coef, { num: BigInt(e), den: 1n }) });
    }
    return Polynomial.fromTerms(this.vars, out);
  }

  /**
   * The same polynomial over `newVars`, variable i becoming newVars[map[i]] (several may map to
   * one: c11 and c22 both → Q11 on the diagonal).
   */
  rename(newVars: readonly string[], map: readonly number[]): Polynomial {
    const out: Term[] = [];
    for (const t of this.terms.values()) {
      const exps = newVars.map(() => 0);
      t.exps.forEach((e, i) => (exps[map[i]] += e));
      out.push({ exps, coef: t.coef });
    }
    return Polynomial.fromTerms(newVars, out);
  }

  /** Value at the given values of the variables (in the order of `vars`). */
  evaluate(values: readonly number[]): number {
    let s = 0;
    for (const t of this.terms.values()) {
      let m = toNumberQ(t.coef);
      t.exps.forEach((e, i) => (m *= values[i] ** e));
      s += m;
    }
    return s;
  }

  /** Plain text, e.g. "c11*c22 + 2*c12^2". */
  toText(): string {
    return this.print(
      (name, e) => (e === 1 ? name : `${name}^${e}`),
      '*',
      absTextQ,
    );
  }

  /** LaTeX, with each variable printed by `latexOf` (default: the name), e.g. "c_{11} c_{22} + 2 c_{12}^{2}". */
  toLatex(latexOf: (name: string) => string = (n) => n): string {
    return this.print(
      (name, e) => (e === 1 ? latexOf(name) : `{${latexOf(name)}}^{${e}}`),
      ' ',
      absLatexQ,
    );
  }

  private print(power: (name: string, e: number) => string, times: string, coefText: (c: Rational) => string): string {
    const terms = this.sortedTerms();
    if (terms.length === 0) return '0';
    return terms
      .map((t, k) => {
        const factors = t.exps.flatMap((e, i) => (e === 0 ? [] : [power(this.vars[i], e)]));
        const negative = t.coef.num < 0n;
        const unit = t.coef.num === t.coef.den || -t.coef.num === t.coef.den;
        const body = [...(unit && factors.length > 0 ? [] : [coefText(t.coef)]), ...factors].join(times);
        return k === 0 ? (negative ? `-${body}` : body) : `${negative ? ' - ' : ' + '}${body}`;
      })
      .join('');
  }

  /**
   * Compile to a JavaScript function of the variables (in the order of `vars`), by code generation:
   * one product per term, powers as repeated products, coefficients as double literals.
   */
  compile<F extends (...args: number[]) => number>(): F {
    const terms = this.sortedTerms().map((t) => {
      const factors = t.exps.flatMap((e, i) => Array<string>(e).fill(this.vars[i]));
      return [String(toNumberQ(t.coef)), ...factors].join(' * ');
    });
    const body = terms.length === 0 ? '0' : terms.join(' + ').replace(/\+ -/g, '- ');
    return new Function(...this.vars, `return ${body};`) as F;
  }
}
