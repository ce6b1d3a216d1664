import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hasRole, isAdmin, isPartner, LEADER_ROLES, Role, Viewer } from '../../platform/auth/viewer';
import { anyOf, EVERYTHING, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { customerPolicy, CustomerReadGrant } from '../customers/customer.policy';
import { customerSql } from '../customers/customer.sql';
import { organisationSql } from '../organisation/organisation.sql';
import { OpportunityStage } from './opportunity.enums';
import type { ApprovalStep, OpportunityEvent } from './opportunity.types';
import { partnerAdminPolicy } from './partner-admin.policy';

/** Roles that see opportunities through the customers they may read (DOMAIN.md: Who sees what). */
const CUSTOMER_SCOPED_ROLES = [...LEADER_ROLES, Role.INDUSTRY_MANAGER, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER];

/**
 * DOMAIN.md: "the support manager who accepted an opportunity keeps read
 * access to it … until it is closed". Only ACCEPT_EVALUATION moves an
 * opportunity out of SUBMITTED towards these stages, and it sets
 * support_manager_id to the one who accepted (a RETURN sets it too, but
 * leaves the opportunity in DRAFT, and a new acceptance overwrites it), so
 * in these stages support_manager_id is always the accepting one.
 */
const SUPPORT_KEPT_STAGES: readonly OpportunityStage[] = [OpportunityStage.PENDING_APPROVAL, OpportunityStage.APPROVED, OpportunityStage.IN_PROGRESS];
const SUPPORT_KEPT_SQL = `(${SUPPORT_KEPT_STAGES.map((stage) => `'${stage}'`).join(', ')})`;

/** Roles that may create opportunities (DOMAIN.md: Lifecycle, "create"). */
const CREATOR_ROLES = [Role.ACCOUNT_MANAGER, Role.INDUSTRY_MANAGER, Role.GRID_MANAGER, ...LEADER_ROLES];

/**
 * DOMAIN.md 代理审批 — the one statement of a delegation in force: to
 * `delegate`, now inside its period, from an active member of staff who holds
 * the step's leader role in the step's region. The FROM … WHERE of a query on
 * alias dd (the delegation); the arguments are SQL.
 */
function delegationInForce(delegate: string, stepRegion: string, stepRole: string): string {
  return `approval_delegation dd
          WHERE dd.to_id = ${delegate} AND dd.valid_from <= now() AND now() < dd.valid_until AND ${organisationSql.activeHolder('dd.from_id', stepRegion, stepRole)}`;
}

/**
 * The steps `viewer` may decide: those of their own role in their own region,
 * those of a leader who delegated to them for a period including now
 * (DOMAIN.md: 代理审批), and those handed to them when their leader left. `stepAlias` is an approval_step alias.
 */
function decidable(stepAlias: string, viewer: Viewer): ScopePredicate {
  const own = [...viewer.roles].filter((role) => LEADER_ROLES.includes(role));
  const predicates: ScopePredicate[] = [];
  if (own.length) {
    predicates.push({
      sql: `(${stepAlias}.region_id = :decideRegionId AND ${stepAlias}.approver_role::text IN (:...decideRoles))`,
      params: { decideRegionId: viewer.regionId, decideRoles: own },
    });
  }
  if (hasRole(viewer, ...LEADER_ROLES)) {
    predicates.push({
      sql: `EXISTS (SELECT 1 FROM ${delegationInForce(':decideStaffId', `${stepAlias}.region_id`, `${stepAlias}.approver_role`)})`,
      params: { decideStaffId: viewer.staffId },
    });
    // DOMAIN.md: People and rules — a leaver's pending steps, handed to their successor.
    predicates.push({ sql: `${stepAlias}.handed_to_id = :decideStaffId`, params: { decideStaffId: viewer.staffId } });
  }
  return anyOf(predicates);
}

/**
 * Who may read and act on opportunities (DOMAIN.md: Who sees what) — the only
 * place that says so. Every path (lists, `opportunity`, `node`, nested fields,
 * loaders, mutations) applies `read` in SQL, so out of scope reads exactly
 * like not found.
 */
export const opportunityPolicy = {
  read(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    // A partner's users see only what their own partner reported, whatever else they hold.
    if (isPartner(viewer)) return viewer.partnerId ? { sql: `${alias}.partner_id = :oppPartnerId`, params: { oppPartnerId: viewer.partnerId } } : NOTHING;
    const predicates: ScopePredicate[] = [
      {
        sql: `(${alias}.reporter_id = :oppViewerId OR ${alias}.owner_id = :oppViewerId OR :oppViewerId = ANY(${alias}.follower_ids))`,
        params: { oppViewerId: viewer.staffId },
      },
    ];
    if (hasRole(viewer, ...CUSTOMER_SCOPED_ROLES)) {
      const customers = customerPolicy.read('opp_c', viewer);
      // A region-wide scope holds up to a province's customers: checking each opportunity's own customer costs what the page
      // costs, where IN (SELECT …) would hash every customer in the region first. An account manager's book is small: hash it.
      const regionWide = hasRole(viewer, ...LEADER_ROLES, Role.INDUSTRY_MANAGER, Role.GRID_MANAGER);
      predicates.push(regionWide ? customerSql.exists(`${alias}.customer_id`, 'opp_c', customers) : customerSql.within(`${alias}.customer_id`, 'opp_c', customers));
    }
    if (hasRole(viewer, Role.SUPPORT_MANAGER)) {
      // DOMAIN.md: those awaiting their evaluation in their region, and those they accepted until closed.
      const inRegion = customerSql.within(`${alias}.customer_id`, 'sm_c', customerPolicy.inRegionSubtree('sm_c', viewer.regionPath, 'oppSupportPath'));
      predicates.push({ sql: `(${alias}.stage = 'SUBMITTED' AND ${inRegion.sql})`, params: inRegion.params });
      predicates.push({
        sql: `(${alias}.support_manager_id = :oppViewerId AND ${alias}.stage IN ${SUPPORT_KEPT_SQL})`,
        params: { oppViewerId: viewer.staffId },
      });
    }
    if (hasRole(viewer, ...LEADER_ROLES)) {
      // Delegates reach opportunities outside their own region through the steps they may decide, and keep those they decided.
      const steps = decidable('opp_s', viewer);
      predicates.push({
        sql: `EXISTS (SELECT 1 FROM approval_step opp_s WHERE opp_s.opportunity_id = ${alias}.id AND (opp_s.decided_by_id = :oppViewerId OR (opp_s.state = 'PENDING' AND ${steps.sql})))`,
        params: { ...steps.params, oppViewerId: viewer.staffId },
      });
    }
    // DOMAIN.md: 商机管理员 reads the partner reports of their city.
    const partnerReports = partnerAdminPolicy.partnerReports(alias, viewer);
    if (partnerReports) predicates.push(partnerReports);
    return anyOf(predicates);
  },

  applyRead<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, viewer: Viewer): SelectQueryBuilder<E> {
    const scope = opportunityPolicy.read(alias, viewer);
    return query.andWhere(scope.sql, scope.params);
  },

  /** A delegation is seen by the two leaders it joins (and admins). */
  readDelegation(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    return { sql: `(${alias}.from_id = :delegationViewer OR ${alias}.to_id = :delegationViewer)`, params: { delegationViewer: viewer.staffId } };
  },

  /** The approval steps the viewer may decide, themselves or as a delegate. */
  decidable,

  /** Whether `step` is the viewer's own to decide (their leader role in their region) rather than a delegate's. */
  decidesOwnStep(viewer: Viewer, step: { regionId: string; approverRole: Role; handedToId?: string | null }): boolean {
    return (step.regionId === viewer.regionId && viewer.roles.has(step.approverRole)) || step.handedToId === viewer.staffId;
  },

  /** The statement (SQL, parameters) that finds whose delegation lets the viewer decide `step`: the earliest in force, as `from_id`. */
  delegatorQuery(viewer: Viewer, step: { regionId: string; approverRole: Role }): [string, unknown[]] {
    return [`SELECT dd.from_id FROM ${delegationInForce('$1', '$2', '$3')} ORDER BY dd.created_at LIMIT 1`, [viewer.staffId, step.regionId, step.approverRole]];
  },

  /**
   * What a viewer may not see of what they may read (DOMAIN.md: partner-safe
   * history): partners see where their report stands, but not our internal
   * comments and reasons, nor which of our staff acted. Apply it to every API
   * object built for the viewer; everyone but partners sees it all.
   */
  redact(viewer: Viewer) {
    const partner = isPartner(viewer);
    return {
      /** Close reasons: internal comments. */
      internalNote: (text: string | null): string | null => (partner ? null : text),
      /** An approval step without our approver's comment and names. */
      step: (step: ApprovalStep): ApprovalStep => (partner ? Object.assign(step, { comment: null, decidedByUuid: null, onBehalfOfUuid: null }) : step),
      /** A history entry: a partner's own entries whole, ours without comment and names. */
      event: (event: OpportunityEvent): OpportunityEvent => (partner && !event.byPartner ? Object.assign(event, { comment: null, actorUuid: null, onBehalfOfUuid: null }) : event),
    };
  },

  mayCreate(viewer: Viewer): boolean {
    return isAdmin(viewer) || (!isPartner(viewer) && hasRole(viewer, ...CREATOR_ROLES));
  },

  /** Internal reports by a leader who is not also a manager are 领导指派. */
  isLeaderAssigning(viewer: Viewer): boolean {
    return hasRole(viewer, ...LEADER_ROLES) && !hasRole(viewer, Role.ACCOUNT_MANAGER, Role.INDUSTRY_MANAGER, Role.GRID_MANAGER);
  },

  /** Customers a creator may open opportunities for: managers those they keep, leaders those in their region. */
  customerForCreate(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const predicates = [customerPolicy.write(alias, viewer)];
    if (hasRole(viewer, ...LEADER_ROLES)) predicates.push(customerPolicy.read(alias, viewer));
    return anyOf(predicates);
  },

  /** A support manager evaluates opportunities of customers in their region subtree. */
  isSupportManagerOver(viewer: Viewer, customerRegionPath: string): boolean {
    return isAdmin(viewer) || (hasRole(viewer, Role.SUPPORT_MANAGER) && customerRegionPath.startsWith(viewer.regionPath));
  },

  /** A leader whose region contains the customer (cancel, close, incentives). */
  isLeaderOver(viewer: Viewer, customerRegionPath: string): boolean {
    return isAdmin(viewer) || (hasRole(viewer, ...LEADER_ROLES) && customerRegionPath.startsWith(viewer.regionPath));
  },

  // ---- follow-through (DOMAIN.md: Follow-through): follow-ups, stall state, next steps, incentives, approval SLA ----

  /**
   * Follow-ups, the stall state derived from them, next steps and incentive
   * applications are internal: partners never see them (issue 11), on any
   * path. Everyone else sees them on the opportunities they may read.
   */
  mayReadFollowThrough(viewer: Viewer): boolean {
    return !isPartner(viewer);
  },

  /** Follow-ups and incentive applications (by their opportunity, alias `opportunityAlias`) the viewer may read. */
  readFollowThrough(opportunityAlias: string, viewer: Viewer): ScopePredicate {
    return opportunityPolicy.mayReadFollowThrough(viewer) ? opportunityPolicy.read(opportunityAlias, viewer) : NOTHING;
  },

  /**
   * DOMAIN.md: follow-ups are logged by the owner, the followers, the support
   * manager who accepted it (while it is open: SUPPORT_KEPT_STAGES) and
   * leaders over the customer; admins may do everything. Never partners.
   */
  mayLogFollowUp(viewer: Viewer, opportunity: { ownerId: string | null; followerIds: string[]; supportManagerId: string | null; stage: OpportunityStage }, customerRegionPath: string): boolean {
    if (isPartner(viewer)) return false;
    if (isAdmin(viewer) || opportunityPolicy.isLeaderOver(viewer, customerRegionPath)) return true;
    if (opportunity.ownerId === viewer.staffId || (opportunity.followerIds ?? []).includes(viewer.staffId)) return true;
    return hasRole(viewer, Role.SUPPORT_MANAGER) && opportunity.supportManagerId === viewer.staffId && SUPPORT_KEPT_STAGES.includes(opportunity.stage);
  },

  /**
   * 我的下一步 — whose next steps are "the viewer's" (myNextSteps): those on
   * opportunities they own, follow or accepted as support manager, and those
   * they wrote themselves. `followUpAlias` is a follow_up, `opportunityAlias`
   * its opportunity; the caller applies `read` too.
   */
  ownNextSteps(followUpAlias: string, opportunityAlias: string, viewer: Viewer): ScopePredicate {
    if (!opportunityPolicy.mayReadFollowThrough(viewer)) return NOTHING;
    return {
      sql: `(${followUpAlias}.author_id = :nextStepViewer OR ${opportunityAlias}.owner_id = :nextStepViewer OR :nextStepViewer = ANY(${opportunityAlias}.follower_ids) OR ${opportunityAlias}.support_manager_id = :nextStepViewer)`,
      params: { nextStepViewer: viewer.staffId },
    };
  },

  /** DOMAIN.md: incentives are filed by a leader over the customer (admins may do everything). */
  mayFileIncentive(viewer: Viewer, customerRegionPath: string): boolean {
    return !isPartner(viewer) && opportunityPolicy.isLeaderOver(viewer, customerRegionPath);
  },

  /**
   * The incentive applications (alias of `incentive`) the viewer may decide:
   * those whose decider is a leader role they hold in their own region, never
   * their own filing. Admins file but do not decide, as with approval steps.
   */
  incentiveDecidable(alias: string, viewer: Viewer): ScopePredicate {
    const own = [...viewer.roles].filter((role) => LEADER_ROLES.includes(role));
    if (!own.length || isPartner(viewer)) return NOTHING;
    return {
      sql: `(${alias}.decider_region_id = :incentiveRegionId AND ${alias}.decider_role::text IN (:...incentiveRoles) AND ${alias}.requested_by_id <> :incentiveViewer)`,
      params: { incentiveRegionId: viewer.regionId, incentiveRoles: own, incentiveViewer: viewer.staffId },
    };
  },

  /**
   * Approval steps (alias of `approval_step`) an approval SLA report counts:
   * leaders their region subtree (by the step's approver region), admins all;
   * null for anyone else, who may not run the report.
   */
  readApprovalSla(alias: string, viewer: Viewer): ScopePredicate | null {
    if (isAdmin(viewer)) return EVERYTHING;
    if (isPartner(viewer) || !hasRole(viewer, ...LEADER_ROLES)) return null;
    return organisationSql.inRegionSubtree(`${alias}.region_id`, viewer.regionPath, 'slaRegionPath');
  },
};

/**
 * DOMAIN.md: a support manager reads "those customers' basic fields" — the
 * customers of opportunities awaiting their evaluation in their region, and
 * of those they accepted, until closed (contacts stay hidden: contact.policy.ts).
 * Registered with the customers module by the composition root (src/app.ts).
 */
export const supportManagerCustomerGrant: CustomerReadGrant = (alias, viewer) => {
  if (!hasRole(viewer, Role.SUPPORT_MANAGER) || isPartner(viewer)) return null;
  const inRegion = customerPolicy.inRegionSubtree(alias, viewer.regionPath, 'grantSupportPath', 'grant_r');
  return {
    sql: `((${inRegion.sql} AND EXISTS (SELECT 1 FROM opportunity grant_o WHERE grant_o.customer_id = ${alias}.id AND grant_o.stage = 'SUBMITTED'))
      OR EXISTS (SELECT 1 FROM opportunity grant_k WHERE grant_k.customer_id = ${alias}.id AND grant_k.support_manager_id = :grantSupportId AND grant_k.stage IN ${SUPPORT_KEPT_SQL}))`,
    params: { ...inRegion.params, grantSupportId: viewer.staffId },
  };
};
