/** Transitional: the single verdict of an experiment that has not yet stated its claims. */
import { claim, notTested, type Claim } from '../src/claims/index.ts';

/** The old single check, reported as "not tested" until the experiment states claims with intervals. */
export function interimClaim(statement: string, oldVerdict: string, oldReason: string): Claim {
  return claim({
    id: 'overall',
    statement,
    observable: 'see the tables',
    prediction: { text: 'see the statement', source: 'the paper' },
    rule: 'none stated before the run',
    result: notTested(`no rule with uncertainty yet; the earlier check said "${oldVerdict}": ${oldReason}`),
  });
}
