import { expect } from '@jest/globals';
import { dataOf, TestApp } from '../support/harness';

/** Builders for service-quality tests: complaints made and moved through the API. */
export const COMPLAINT_FIELDS = `id code state severity channel category description resolution dueAt ruleVersion overdue reopenedCount callbackSatisfaction version recordedAt resolvedAt closedAt
  customer { id } firstResponder { employeeNo } handler { employeeNo } history { action fromState toState satisfaction note actor { employeeNo } handler { employeeNo } }`;
const USER_ERRORS = 'userErrors { code message field }';

export const RECORD_COMPLAINT = `mutation($input: RecordComplaintInput!) { recordComplaint(input: $input) { complaint { ${COMPLAINT_FIELDS} } ${USER_ERRORS} } }`;

export type ComplaintMove = 'handOverComplaint' | 'startComplaint' | 'resolveComplaint' | 'callBackComplaint';
const INPUT_TYPES: Record<ComplaintMove, string> = {
  handOverComplaint: 'HandOverComplaintInput',
  startComplaint: 'ComplaintActionInput',
  resolveComplaint: 'ResolveComplaintInput',
  callBackComplaint: 'CallBackComplaintInput',
};

export async function recordComplaint(t: TestApp, as: string, input: Record<string, unknown>) {
  return dataOf(await t.gql(as, RECORD_COMPLAINT, { input: { channel: 'PHONE', category: 'NETWORK', severity: 'MAJOR', description: '专线中断两小时, 影响办公', ...input } })).recordComplaint;
}

export async function mustRecordComplaint(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await recordComplaint(t, as, input);
  expect(payload.userErrors).toEqual([]);
  return payload.complaint;
}

export function moveRaw(t: TestApp, as: string, mutation: ComplaintMove, input: Record<string, unknown>) {
  return t.gql(as, `mutation($input: ${INPUT_TYPES[mutation]}!) { ${mutation}(input: $input) { complaint { ${COMPLAINT_FIELDS} } ${USER_ERRORS} } }`, { input });
}

export async function move(t: TestApp, as: string, mutation: ComplaintMove, input: Record<string, unknown>) {
  return dataOf(await moveRaw(t, as, mutation, input))[mutation];
}

export async function mustMove(t: TestApp, as: string, mutation: ComplaintMove, input: Record<string, unknown>) {
  const payload = await move(t, as, mutation, input);
  expect(payload.userErrors).toEqual([]);
  return payload.complaint;
}

/** A complaint taken all the way to RESOLVED by its first responder. */
export async function resolvedComplaint(t: TestApp, as: string, input: Record<string, unknown>) {
  const complaint = await mustRecordComplaint(t, as, input);
  await mustMove(t, as, 'startComplaint', { id: complaint.id });
  return mustMove(t, as, 'resolveComplaint', { id: complaint.id, resolution: '更换光模块, 线路恢复' });
}

export const HOUR = 3_600_000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
