/**
 * Typesetting with KaTeX (loaded by the page after its first ODE request): σ, σ* and ε_g from the
 * formula worker; the risk's LaTeX is kept in the element's `data-latex` attribute.
 */
import katex from 'katex';

/** Longest risk formula typeset (KaTeX gets slow on the thousands of terms of m = 10). */
const MAX_LATEX = 6000;

/** Render σ (and σ* when it differs) into `act` and ε_g into `risk`. */
export function renderFormulas(f: { sigma: string; sigmaStar: string; risk: string }, act: HTMLElement, risk: HTMLElement): void {
  const acts = f.sigma === f.sigmaStar ? `\\sigma(x) = \\sigma^*(x) = ${f.sigma}` : `\\sigma(x) = ${f.sigma}, \\quad \\sigma^*(x) = ${f.sigmaStar}`;
  katex.render(acts, act, { displayMode: true, throwOnError: false });
  risk.dataset.latex = f.risk;
  if (f.risk.length <= MAX_LATEX) katex.render(`\\varepsilon_g = ${f.risk}`, risk, { displayMode: true, throwOnError: false });
  else risk.textContent = `ε_g: ${f.risk.length} characters of LaTeX (export the spec and run "popflow risk" for the formula)`;
}
