/**
 * Web Worker that writes σ, σ* and the population risk of a model as LaTeX (`parseActivation`,
 * `riskFormula` of src/integrals), off the page's thread: the page only typesets the result.
 */
import { parseActivation } from '../src/integrals/activation.ts';
import { riskFormula } from '../src/integrals/risk.ts';
import type { FormulaReply, FormulaRequest } from './protocol.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<FormulaRequest>) => void) | null; postMessage(m: FormulaReply): void };

scope.onmessage = (e) => {
  const { id, model } = e.data;
  try {
    const sigma = parseActivation(model.activation, 'model.activation').latex;
    const sigmaStar = parseActivation(model.teacherActivation, 'model.teacherActivation').latex;
    scope.postMessage({ id, ok: true, sigma, sigmaStar, risk: riskFormula(model, { latex: true }).risk });
  } catch (err) {
    scope.postMessage({ id, ok: false, error: (err as Error).message });
  }
};
