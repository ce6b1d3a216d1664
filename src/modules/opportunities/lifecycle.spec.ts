import { allowedActions, invalidTransitionMessage, LifecycleAction, TRANSITIONS, transitionFor } from './lifecycle';
import { FINAL_STAGES, OpportunityStage } from './opportunity.enums';

const STAGES = Object.values(OpportunityStage);
const ACTIONS = Object.values(LifecycleAction);

describe('the opportunity lifecycle table', () => {
  it('never leaves a final stage', () => {
    for (const stage of FINAL_STAGES) expect(allowedActions(stage)).toEqual([]);
  });

  it('has at most one target for every stage and action', () => {
    for (const stage of STAGES) {
      for (const action of ACTIONS) {
        expect(TRANSITIONS.filter((t) => t.action === action && t.from.includes(stage)).length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('answers every stage × action: the table’s target, or null with a message naming the stage and the allowed actions', () => {
    for (const stage of STAGES) {
      for (const action of ACTIONS) {
        const transition = transitionFor(stage, action);
        const listed = TRANSITIONS.find((t) => t.action === action && t.from.includes(stage));
        expect(transition?.to ?? null).toBe(listed?.to ?? null);
        if (!transition) {
          const message = invalidTransitionMessage('SJ202611-000001', stage, action);
          expect(message).toContain(stage);
          for (const allowed of allowedActions(stage)) expect(message).toContain(allowed);
        }
      }
    }
  });

  it('lets only leaders cancel after approval, and the reporter before', () => {
    expect(transitionFor(OpportunityStage.DRAFT, LifecycleAction.CANCEL)?.who).toEqual(['REPORTER', 'LEADER']);
    expect(transitionFor(OpportunityStage.IN_PROGRESS, LifecycleAction.CANCEL)?.who).toEqual(['LEADER']);
  });

  it('reaches every non-initial stage from DRAFT', () => {
    const reached = new Set<OpportunityStage>([OpportunityStage.DRAFT]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS)
        if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
    }
    expect([...reached].sort()).toEqual([...STAGES].sort());
  });
});
