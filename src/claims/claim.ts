/** Building a claim from its statement, its rule's result and its measurement. */
import type { Claim, Estimate, Prediction, RuleResult } from './types.ts';

/**
 * Assemble a claim: the statement and prediction written before the run, the rule's name with its
 * parameters, and the rule's result on the measurement (absent for a claim that is not tested).
 */
export function claim(fields: {
  id: string;
  statement: string;
  observable: string;
  prediction: Prediction;
  rule: string;
  measured?: Estimate;
  result: RuleResult;
}): Claim {
  const { result, ...rest } = fields;
  if (result.verdict !== 'not tested' && fields.measured === undefined) {
    throw new Error(`claim ${fields.id}: a verdict other than "not tested" needs a measurement`);
  }
  return { ...rest, verdict: result.verdict, reason: result.reason };
}
