import type { EntityManager } from 'typeorm';
import { Role, Viewer } from '../../platform/auth/viewer';
import type { Context } from '../../platform/context';
import type { Result } from '../../platform/graphql/user-error';
import type { StaffFacts } from './organisation.sql';

/*
 * 离职交接 — what a leaver holds is handed to named successors in the
 * deactivating transaction (DOMAIN.md: People and rules). Each module moves
 * its own rows: it registers a participant here (the composition root,
 * src/app.ts, wires them), so organisation never names another module's
 * tables. tests/people/handover.test.ts fails when a table referencing
 * staff is handed over by nobody.
 */

/** The successors named by `deactivateStaff`; null when not named. */
export interface HandoverSuccessors {
  customersTo: StaffFacts | null;
  opportunitiesTo: StaffFacts | null;
  approvalsTo: StaffFacts | null;
}

/** How many things of each kind a handover moved. */
export interface HandoverCounts {
  customers: number;
  opportunities: number;
  approvalSteps: number;
  delegations: number;
  complaints: number;
}

export const NO_HANDOVER: HandoverCounts = { customers: 0, opportunities: 0, approvalSteps: 0, delegations: 0, complaints: 0 };

export interface HandoverParticipant {
  /**
   * Moves what `leaver` holds of this module to the successors and records
   * it in the history of each thing moved; user errors (HANDOVER_REFUSED)
   * name what cannot move. Runs inside the deactivation's transaction.
   */
  handOver(tx: EntityManager, ctx: Context, leaver: StaffFacts, successors: HandoverSuccessors): Promise<Result<Partial<HandoverCounts>>>;
}

const participants: HandoverParticipant[] = [];

export function registerHandoverParticipant(participant: HandoverParticipant): void {
  if (!participants.includes(participant)) participants.push(participant);
}

export function handoverParticipants(): readonly HandoverParticipant[] {
  return participants;
}

/** A staff member as a viewer, to ask a module's policy what they would be allowed to hold. */
export function viewerOf(staff: StaffFacts): Viewer {
  return {
    staffId: staff.id,
    employeeNo: '',
    name: staff.name,
    roles: new Set(staff.roles as Role[]),
    regionId: staff.regionId,
    regionPath: staff.regionPath,
    industry: staff.industry,
    partnerId: staff.partnerId,
  };
}

/** "JT00000001, JT00000002 and 3 more": what cannot move, named but bounded. */
export function nameSome(codes: readonly string[], shown = 5): string {
  const head = codes.slice(0, shown).join(', ');
  return codes.length > shown ? `${head} and ${codes.length - shown} more` : head;
}
