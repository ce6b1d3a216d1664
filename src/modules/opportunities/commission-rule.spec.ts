import { commissionVerdict } from './commission-rule';
import { CommissionRefusalReason as R, CommissionState as S } from './money.enums';
import { RegistrationOutcome as O } from './opportunity.enums';

const WON = 'won-opportunity';
const accepted = (on: string, opportunityId = WON) => ({ outcome: O.ACCEPTED, opportunityId, collidedWithCode: null, on });
const refused = (on: string, code = 'SJ202601-000001') => ({ outcome: O.REFUSED_DUPLICATE, opportunityId: null, collidedWithCode: code, on });

describe('commission eligibility (seed 002 第五条)', () => {
  it('is PENDING for the partner that registered the won opportunity before signing (the same day counts)', () => {
    expect(commissionVerdict([accepted('2026-01-05')], WON, '2026-02-01')).toMatchObject({ state: S.PENDING, reason: null });
    expect(commissionVerdict([accepted('2026-02-01')], WON, '2026-02-01').state).toBe(S.PENDING);
  });

  it('refuses REGISTERED_AFTER_WIN when the registration is later than the signing date', () => {
    expect(commissionVerdict([accepted('2026-02-02')], WON, '2026-02-01')).toMatchObject({ state: S.REFUSED, reason: R.REGISTERED_AFTER_WIN });
  });

  it('refuses DUPLICATE_REFUSED when the only registration was refused as a duplicate, naming the earlier one', () => {
    const verdict = commissionVerdict([refused('2026-01-03', 'SJ202601-000042')], WON, '2026-02-01');
    expect(verdict).toMatchObject({ state: S.REFUSED, reason: R.DUPLICATE_REFUSED });
    expect(verdict.note).toContain('SJ202601-000042');
  });

  it('refuses NO_REGISTRATION for a registration of another (cancelled, lost, other) opportunity, or none', () => {
    expect(commissionVerdict([accepted('2026-01-01', 'cancelled-one')], WON, '2026-02-01')).toMatchObject({ state: S.REFUSED, reason: R.NO_REGISTRATION });
    expect(commissionVerdict([accepted('2026-01-01', 'cancelled-one'), refused('2026-01-10')], WON, '2026-02-01').reason).toBe(R.NO_REGISTRATION);
    expect(commissionVerdict([], WON, '2026-02-01').reason).toBe(R.NO_REGISTRATION);
  });

  it('an accepted registration of the won opportunity wins over refusals elsewhere', () => {
    expect(commissionVerdict([refused('2025-12-01'), accepted('2026-01-05')], WON, '2026-02-01').state).toBe(S.PENDING);
  });
});
