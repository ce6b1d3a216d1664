import { hasRole, isAdmin, isPartner, LEADER_ROLES, Viewer } from '../../platform/auth/viewer';
import { anyOf, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { contactPolicy } from '../contacts/contact.policy';
import { customerPolicy } from '../customers/customer.policy';

/**
 * Who may read and do what in service quality (DOMAIN.md: Service quality;
 * Who sees what) — the only place that says so. Everything is scoped as its
 * customer: complaints, surveys and events are visible exactly when their
 * customer is; partners see none of it. Predicates take the alias of the
 * `group_customer` row.
 */

/** Complaint, survey and event records: as the customer, never to partners. */
function read(customerAlias: string, viewer: Viewer): ScopePredicate {
  return isPartner(viewer) ? NOTHING : customerPolicy.read(customerAlias, viewer);
}

/**
 * Who may take a complaint or a survey for a customer: those who keep it
 * (account, grid, industry managers) and leaders over it — whoever receives
 * a complaint is its first responder 首问负责人.
 */
function serve(customerAlias: string, viewer: Viewer): ScopePredicate {
  if (isPartner(viewer)) return NOTHING;
  const predicates = [customerPolicy.write(customerAlias, viewer)];
  if (hasRole(viewer, ...LEADER_ROLES)) predicates.push(customerPolicy.inViewerRegion(customerAlias, viewer));
  return anyOf(predicates);
}

export const servicePolicy = {
  read,
  serve,

  /** Care data behind service standards and events: as contacts (never support managers or partners). */
  readCare(customerAlias: string, viewer: Viewer): ScopePredicate {
    return contactPolicy.read(customerAlias, viewer);
  },

  /** Events record care for each attendee: the viewer must keep every customer's contacts. */
  recordCare(customerAlias: string, viewer: Viewer): ScopePredicate {
    return contactPolicy.write(customerAlias, viewer);
  },

  /**
   * Whether descriptions and resolutions show whole: to those who see the
   * customer's people (contact.policy.ts); a support manager reads the
   * customer's basic fields only, so personal data in the text is masked.
   */
  seesPersonalText(viewer: Viewer): boolean {
    return contactPolicy.seesPeople(viewer);
  },

  /** 首问负责: the first responder, the handler, and leaders over the customer (admins too) move a complaint. */
  mayMove(viewer: Viewer, complaint: { firstResponderId: string; handlerId: string | null }, leaderOver: boolean): boolean {
    return isAdmin(viewer) || leaderOver || viewer.staffId === complaint.firstResponderId || viewer.staffId === complaint.handlerId;
  },

  /** The callback 回访 closes the loop: the first responder or a leader over the customer, never the handler judging their own work. */
  mayCallBack(viewer: Viewer, complaint: { firstResponderId: string }, leaderOver: boolean): boolean {
    return isAdmin(viewer) || leaderOver || viewer.staffId === complaint.firstResponderId;
  },

  /** A handler: one of our own staff (no partner) who may read the complaint's customer — staff in scope. */
  mayHandle(handler: Viewer, readsCustomer: boolean): boolean {
    return !isPartner(handler) && handler.partnerId == null && readsCustomer;
  },

  /**
   * The overdue queue is the leaders' (and admins'): the open complaints
   * whose customer lies in the viewer's region and below — this returns its
   * path ('' for an administrator: every region), or null when the queue is
   * not the viewer's. `complaint.region_path` mirrors its customer's region
   * path (kept by trigger in the writing transaction) and a leader reads
   * every customer of their region, so the queue needs no check of each
   * complaint against `read`.
   */
  queueRegionPath(viewer: Viewer): string | null {
    if (isAdmin(viewer)) return '';
    return hasRole(viewer, ...LEADER_ROLES) && customerPolicy.readsWholeRegion(viewer) ? viewer.regionPath : null;
  },

  /** Service standards are read by our staff and kept by admins. */
  mayReadStandards(viewer: Viewer): boolean {
    return !isPartner(viewer);
  },
  mayKeepStandards(viewer: Viewer): boolean {
    return isAdmin(viewer);
  },

  /** Reports: every internal user, over their own scope. */
  mayReadReports(viewer: Viewer): boolean {
    return !isPartner(viewer);
  },
};
