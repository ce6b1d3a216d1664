import { followThroughRuleDefaults as defaults } from '../rules/sections/follow-through.rules';
import { OpportunityStage } from './opportunity.enums';
import { isStalled, stalledSql } from './stall';

const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T00:00:00Z');
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY);

describe('the stall rule 停滞', () => {
  const base = { stage: OpportunityStage.IN_PROGRESS, storedLastFollowUpAt: null, approvedAt: at(3), registeredAt: at(30) };

  it('is stallDays without a follow-up, from the latest follow-up, else the approval, else the registration', () => {
    const days = defaults.stallDays;
    expect(isStalled({ ...base, storedLastFollowUpAt: at(days + 1) }, defaults, NOW)).toBe(true);
    expect(isStalled({ ...base, storedLastFollowUpAt: at(days - 1), approvedAt: at(60) }, defaults, NOW)).toBe(false);
    expect(isStalled({ ...base, approvedAt: at(days + 1) }, defaults, NOW)).toBe(true);
    expect(isStalled({ ...base, approvedAt: null, registeredAt: at(days + 1) }, defaults, NOW)).toBe(true);
  });

  it('applies to APPROVED and IN_PROGRESS only', () => {
    for (const stage of Object.values(OpportunityStage)) {
      expect(isStalled({ ...base, stage, approvedAt: at(100) }, defaults, NOW)).toBe(stage === OpportunityStage.APPROVED || stage === OpportunityStage.IN_PROGRESS);
    }
  });

  it('reads stallDays from the rules it is given', () => {
    const rules = { ...defaults, stallDays: 2 };
    expect(isStalled({ ...base, approvedAt: at(3) }, rules, NOW)).toBe(true);
    expect(isStalled({ ...base, approvedAt: at(3) }, defaults, NOW)).toBe(false);
    expect(stalledSql('o', true, rules).params).toEqual({ stallDays: 2 });
  });

  it('states the SQL condition over the indexed clock expression', () => {
    expect(stalledSql('o', true, defaults).sql).toMatch(/^\(CASE WHEN o\.stage IN \('APPROVED', 'IN_PROGRESS'\) THEN coalesce\(o\.last_follow_up_at, o\.approved_at, o\.registered_at\) END\) < /);
    expect(stalledSql('o', false, defaults).sql).toMatch(/\) IS NOT TRUE$/);
  });
});
