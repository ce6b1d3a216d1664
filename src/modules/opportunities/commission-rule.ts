import { CommissionRefusalReason, CommissionState } from './money.enums';
import { RegistrationOutcome } from './opportunity.enums';

/*
 * seed 002 第五条 (未报备不得发放), as DOMAIN.md states it: commission belongs
 * to the partner's own registered opportunity, and only when that
 * opportunity is the one WON with a signed contract. The rule alone, as a
 * pure function over a partner's registration attempts; commission.ts reads
 * the attempts and writes what this decides, in the win's transaction.
 */

/** One registration attempt 报备 of a partner on the won opportunity's customer. */
export interface AttemptFact {
  outcome: RegistrationOutcome;
  /** The opportunity it created (ACCEPTED). */
  opportunityId: string | null;
  /** The code of the registration it collided with (REFUSED_DUPLICATE). */
  collidedWithCode: string | null;
  /** Its China date, YYYY-MM-DD. */
  on: string;
}

export interface CommissionVerdict {
  state: CommissionState.PENDING | CommissionState.REFUSED;
  reason: CommissionRefusalReason | null;
  /** The facts behind it, shown to the partner and the administrator. */
  note: string;
}

/**
 * The verdict for one partner on the opportunity `opportunityId`, won with a
 * contract signed on `signedOn` (YYYY-MM-DD). A registration dated the
 * signing day counts as before it.
 */
export function commissionVerdict(attempts: AttemptFact[], opportunityId: string, signedOn: string): CommissionVerdict {
  const sorted = [...attempts].sort((a, b) => a.on.localeCompare(b.on));
  const own = sorted.find((a) => a.outcome === RegistrationOutcome.ACCEPTED && a.opportunityId === opportunityId);
  if (own && own.on <= signedOn) {
    return { state: CommissionState.PENDING, reason: null, note: `Registered on ${own.on}, before the contract was signed on ${signedOn}` };
  }
  if (own) {
    return {
      state: CommissionState.REFUSED,
      reason: CommissionRefusalReason.REGISTERED_AFTER_WIN,
      note: `Registered on ${own.on}, after the contract was signed on ${signedOn}`,
    };
  }
  const refused = sorted.find((a) => a.outcome === RegistrationOutcome.REFUSED_DUPLICATE);
  const acceptedElsewhere = sorted.find((a) => a.outcome === RegistrationOutcome.ACCEPTED);
  if (refused && !acceptedElsewhere) {
    return {
      state: CommissionState.REFUSED,
      reason: CommissionRefusalReason.DUPLICATE_REFUSED,
      note: `Registration of ${refused.on} was refused as a duplicate of ${refused.collidedWithCode ?? 'an earlier registration'}; the first registrant keeps the claim`,
    };
  }
  return {
    state: CommissionState.REFUSED,
    reason: CommissionRefusalReason.NO_REGISTRATION,
    note: acceptedElsewhere
      ? `未报备: the partner's registration of ${acceptedElsewhere.on} is of another opportunity, not the one won`
      : '未报备: the partner has no accepted registration of the won opportunity',
  };
}
