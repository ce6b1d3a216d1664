import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import type { NodeTypes } from '../../platform/graphql/node';
import { mapPage } from '../../platform/graphql/connection';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { selectsField } from '../../platform/graphql/selection';
import { toPayload } from '../../platform/graphql/user-error';
import { contactLoaders } from '../contacts/contact.loaders';
import { Contact } from '../contacts/contact.types';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomer } from '../customers/customer.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Staff } from '../organisation/organisation.types';
import { complaintQueries, isOverdue } from './complaint-queries';
import { complaintLoaders } from './complaint.loaders';
import {
  CallBackComplaintInput,
  Complaint,
  ComplaintActionInput,
  ComplaintConnection,
  ComplaintFilter,
  ComplaintHistoryEntry,
  ComplaintPayload,
  HandOverComplaintInput,
  RecordComplaintInput,
  ResolveComplaintInput,
} from './complaint.types';
import { complaints } from './complaints';
import { maskPersonalText } from './personal-text';
import { servicePolicy } from './service.policy';

export const complaintNodeTypes: NodeTypes = { Complaint: complaintLoaders.complaint };

/** Text that may hold personal data, as the viewer may see it. */
const shown = (ctx: Context, text: string | null): string | null => (text == null || servicePolicy.seesPersonalText(ctx.viewer) ? text : maskPersonalText(text));

@Resolver(() => Complaint)
export class ComplaintResolver {
  @Query(() => ComplaintConnection, { description: '投诉 — complaints of the customers in your scope, filtered, newest first.' })
  async complaints(@Args() page: PageArgsInput, @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null, @Ctx() ctx: Context): Promise<ComplaintConnection> {
    return ComplaintConnection.of(mapPage(await complaintQueries.list(ctx, filter, page), Complaint.from));
  }

  @Query(() => ComplaintConnection, { description: '我的投诉 — complaints you recorded (首问负责) or were handed, filtered, newest first.' })
  async myComplaints(@Args() page: PageArgsInput, @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null, @Ctx() ctx: Context): Promise<ComplaintConnection> {
    return ComplaintConnection.of(mapPage(await complaintQueries.mine(ctx, filter, page), Complaint.from));
  }

  @Query(() => ComplaintConnection, { description: '超时投诉 — leaders: open complaints past their deadline in your region, most overdue first.' })
  async overdueComplaints(@Args() page: PageArgsInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ComplaintConnection> {
    return ComplaintConnection.of(mapPage(await complaintQueries.overdueQueue(ctx, page, selectsField(info, 'totalCount')), Complaint.from));
  }

  @Mutation(() => ComplaintPayload, { description: '受理投诉 — record a complaint of a customer you keep or lead; you are its first responder 首问负责人 until it closes.' })
  async recordComplaint(@Arg('input') input: RecordComplaintInput, @Ctx() ctx: Context): Promise<ComplaintPayload> {
    return toPayload(await complaints.record(ctx, input), 'complaint', Complaint.from);
  }

  @Mutation(() => ComplaintPayload, { description: '转派 — hand an open complaint to a handler with a note (first responder, handler, leaders over the customer).' })
  async handOverComplaint(@Arg('input') input: HandOverComplaintInput, @Ctx() ctx: Context): Promise<ComplaintPayload> {
    return toPayload(await complaints.handOver(ctx, input), 'complaint', Complaint.from);
  }

  @Mutation(() => ComplaintPayload, { description: '开始处理 — OPEN or REOPENED → IN_PROGRESS.' })
  async startComplaint(@Arg('input') input: ComplaintActionInput, @Ctx() ctx: Context): Promise<ComplaintPayload> {
    return toPayload(await complaints.start(ctx, input), 'complaint', Complaint.from);
  }

  @Mutation(() => ComplaintPayload, { description: '解决 — IN_PROGRESS → RESOLVED with the resolution; the customer’s key contacts become due for care (COMPLAINT_FOLLOW_UP).' })
  async resolveComplaint(@Arg('input') input: ResolveComplaintInput, @Ctx() ctx: Context): Promise<ComplaintPayload> {
    return toPayload(await complaints.resolve(ctx, input), 'complaint', Complaint.from);
  }

  @Mutation(() => ComplaintPayload, { description: '回访 — the callback on a RESOLVED complaint (first responder or a leader): 3–5 closes it, 1–2 reopens it.' })
  async callBackComplaint(@Arg('input') input: CallBackComplaintInput, @Ctx() ctx: Context): Promise<ComplaintPayload> {
    return toPayload(await complaints.callBack(ctx, input), 'complaint', Complaint.from);
  }

  @FieldResolver(() => String, { description: '投诉内容 — what the customer said; mobiles, emails and ID numbers masked unless you see the customer’s people.' })
  description(@Root() complaint: Complaint, @Ctx() ctx: Context): string {
    return shown(ctx, complaint.storedDescription)!;
  }

  @FieldResolver(() => String, { nullable: true, description: '处理结果 — the latest resolution, masked as `description` is.' })
  resolution(@Root() complaint: Complaint, @Ctx() ctx: Context): string | null {
    return shown(ctx, complaint.storedResolution);
  }

  @FieldResolver(() => Boolean, { description: '超时 — open (OPEN, IN_PROGRESS, REOPENED) and past `dueAt`, as of this request.' })
  overdue(@Root() complaint: Complaint, @Ctx() ctx: Context): boolean {
    return isOverdue(ctx, complaint);
  }

  @FieldResolver(() => GroupCustomer, { description: 'The customer.' })
  async customer(@Root() complaint: Complaint, @Ctx() ctx: Context): Promise<GroupCustomer> {
    return (await customerLoaders.customer(ctx).load(complaint.customerUuid))!;
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact who complained; null when none, or when you do not see the customer’s people.' })
  contact(@Root() complaint: Complaint, @Ctx() ctx: Context): Promise<Contact | null> | null {
    return complaint.contactUuid ? contactLoaders.contact(ctx).load(complaint.contactUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: '首问负责人 — who recorded it, accountable until it closes.' })
  firstResponder(@Root() complaint: Complaint, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(complaint.firstResponderUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: '处理人 — who it was handed to; null while with the first responder.' })
  handler(@Root() complaint: Complaint, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return complaint.handlerUuid ? organisationLoaders.staff(ctx).load(complaint.handlerUuid) : null;
  }

  @FieldResolver(() => [ComplaintHistoryEntry], { description: 'Every move, oldest first (append-only).' })
  history(@Root() complaint: Complaint, @Ctx() ctx: Context): Promise<ComplaintHistoryEntry[]> {
    return complaintLoaders.history(ctx).load(complaint.uuid);
  }
}

@Resolver(() => ComplaintHistoryEntry)
export class ComplaintHistoryResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who acted.' })
  actor(@Root() entry: ComplaintHistoryEntry, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(entry.actorUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'HAND_OVER: to whom.' })
  handler(@Root() entry: ComplaintHistoryEntry, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return entry.handlerUuid ? organisationLoaders.staff(ctx).load(entry.handlerUuid) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The hand-over note, the resolution or what the customer said on the callback; masked as `description` is.' })
  note(@Root() entry: ComplaintHistoryEntry, @Ctx() ctx: Context): string | null {
    return shown(ctx, entry.storedNote);
  }
}

/** What complaints add to a group customer. */
@Resolver(() => GroupCustomer)
export class CustomerComplaintsResolver {
  @FieldResolver(() => ComplaintConnection, { description: '投诉 — the customer’s complaints, newest first (none for partners).' })
  async complaints(@Root() customer: GroupCustomer, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<ComplaintConnection> {
    return ComplaintConnection.of(mapPage(await complaintLoaders.customerComplaints(ctx, page).load(customer.uuid), Complaint.from));
  }
}
