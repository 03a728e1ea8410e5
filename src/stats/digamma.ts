/**
 * The digamma function ψ(x) = Γ'(x)/Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to
 * x ≥ 10, then the asymptotic series ψ(x) ≈ ln x − 1/(2x) − Σ B_2k/(2k x^{2k}) (Abramowitz & Stegun
 * 6.3.18), accurate to ~1e-13 there. It gives E[ln χ²_k] = ψ(k/2) + ln 2.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))));
  return acc + Math.log(y) - 0.5 / y - series;
}
