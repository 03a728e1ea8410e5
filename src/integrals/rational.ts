/** Exact rationals over BigInt, for the coefficients of Wick polynomials. */

export interface Rational { readonly num: bigint; readonly den: bigint }

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** num/den in lowest terms with den > 0. */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('rational: zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** The rational 1. */
export const ONE = rational(1n);

/** a + b. */
export function addQ(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a · b. */
export function mulQ(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** a = 0? */
export function isZeroQ(a: Rational): boolean {
  return a.num === 0n;
}

/** a as a double, num/den rounded (for compiled code and evaluation). */
export function toNumberQ(a: Rational): number {
  return Number(a.num) / Number(a.den);
}

/**
 * The rational a double stands for: the one with the smallest denominator ≤ 10^6 that rounds to
 * exactly this double (so 0.1 → 1/10, 1/3 as a double → 1/3), else the double's exact dyadic value.
 */
export function fromNumberQ(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`fromNumberQ: ${x} is not finite`);
  if (Number.isInteger(x)) return rational(BigInt(x));
  // continued-fraction convergents p/q of |x|
  const s = Math.sign(x);
  const ax = Math.abs(x);
  let [p0, q0, p1, q1] = [0, 1, 1, 0];
  let r = ax;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(r);
    [p0, q0, p1, q1] = [p1, q1, a * p1 + p0, a * q1 + q0];
    if (q1 > 1e6) break;
    if (p1 / q1 === ax) return rational(BigInt(s * p1), BigInt(q1));
    if (r === a) break;
    r = 1 / (r - a);
  }
  let den = 1n;
  let m = ax;
  while (!Number.isInteger(m)) {
    m *= 2;
    den *= 2n;
  }
  return rational(BigInt(s) * BigInt(m), den);
}

/** Text of |a| ("3", "3/2"); the sign is handled by the caller. */
export function absTextQ(a: Rational): string {
  const n = a.num < 0n ? -a.num : a.num;
  return a.den === 1n ? `${n}` : `${n}/${a.den}`;
}

/** LaTeX of |a| ("3", "\frac{3}{2}"). */
export function absLatexQ(a: Rational): string {
  const n = a.num < 0n ? -a.num : a.num;
  return a.den === 1n ? `${n}` : `\\frac{${n}}{${a.den}}`;
}
