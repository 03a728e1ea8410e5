/** Ordinary least squares for a straight line, with the standard error of the slope. */

export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope, √(s² / Σ(x − x̄)²) with s² = RSS/(n − 2); NaN when n ≤ 2. */
  slopeStdErr: number;
  /** Coefficient of determination 1 − RSS/TSS. */
  r2: number;
}

/**
 * Fit y = intercept + slope · x by least squares: slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)².
 * Needs at least two distinct x; returns NaN fields otherwise.
 */
export function fitLine(x: number[], y: number[]): LineFit {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
  return { slope, intercept, slopeStdErr: n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : NaN, r2: syy > 0 ? 1 - rss / syy : 1 };
}

/** Power law y = A · x^p fitted as a line in (ln x, ln y); `slope` is p, `intercept` is ln A. */
export function fitPowerLaw(x: number[], y: number[]): LineFit {
  return fitLine(x.map(Math.log), y.map(Math.log));
}
