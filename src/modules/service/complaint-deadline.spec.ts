import { CustomerGrade } from '../customers/customer.enums';
import { serviceRuleDefaults } from '../rules/sections/service.rules';
import { complaintDeadlineHours } from './complaint-deadline';
import { callbackOutcome, nextState } from './complaint-lifecycle';
import { ComplaintAction, ComplaintSeverity, ComplaintState } from './service.enums';

describe('complaint deadlines 投诉时限 (DOMAIN.md: Service quality)', () => {
  it.each([
    [ComplaintSeverity.CRITICAL, CustomerGrade.C, 4],
    [ComplaintSeverity.MAJOR, CustomerGrade.B1, 24],
    [ComplaintSeverity.MINOR, CustomerGrade.D, 72],
    [ComplaintSeverity.CRITICAL, CustomerGrade.A1, 2],
    [ComplaintSeverity.MAJOR, CustomerGrade.A2, 12],
    [ComplaintSeverity.MINOR, CustomerGrade.A1, 36],
  ])('%s from a %s customer: %d hours by default', (severity, grade, hours) => {
    expect(complaintDeadlineHours(serviceRuleDefaults, severity, grade)).toBe(hours);
  });

  it('follows the rules it is given', () => {
    expect(complaintDeadlineHours({ ...serviceRuleDefaults, majorComplaintHours: 10, keyAccountDeadlineFactor: 0.3 }, ComplaintSeverity.MAJOR, CustomerGrade.A1)).toBeCloseTo(3);
  });
});

describe('the complaint lifecycle table', () => {
  it('moves OPEN → IN_PROGRESS → RESOLVED → CLOSED, and a dissatisfied callback reopens', () => {
    expect(nextState(ComplaintAction.START, ComplaintState.OPEN)).toBe(ComplaintState.IN_PROGRESS);
    expect(nextState(ComplaintAction.RESOLVE, ComplaintState.IN_PROGRESS)).toBe(ComplaintState.RESOLVED);
    expect(nextState(ComplaintAction.CLOSE, ComplaintState.RESOLVED)).toBe(ComplaintState.CLOSED);
    expect(nextState(ComplaintAction.REOPEN, ComplaintState.RESOLVED)).toBe(ComplaintState.REOPENED);
    expect(nextState(ComplaintAction.START, ComplaintState.REOPENED)).toBe(ComplaintState.IN_PROGRESS);
    expect(nextState(ComplaintAction.HAND_OVER, ComplaintState.IN_PROGRESS)).toBe(ComplaintState.IN_PROGRESS);
  });

  it('refuses everything else', () => {
    expect(nextState(ComplaintAction.RESOLVE, ComplaintState.OPEN)).toBeNull();
    expect(nextState(ComplaintAction.HAND_OVER, ComplaintState.RESOLVED)).toBeNull();
    for (const action of [ComplaintAction.HAND_OVER, ComplaintAction.START, ComplaintAction.RESOLVE, ComplaintAction.CLOSE, ComplaintAction.REOPEN] as const) {
      expect(nextState(action, ComplaintState.CLOSED)).toBeNull();
    }
  });

  it('a callback of 1–2 reopens, 3–5 closes', () => {
    expect([1, 2, 3, 4, 5].map(callbackOutcome)).toEqual(['REOPEN', 'REOPEN', 'CLOSE', 'CLOSE', 'CLOSE']);
  });
});
