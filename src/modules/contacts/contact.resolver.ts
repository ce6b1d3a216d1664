import { markContactLeft } from './contact-leaving';
import { MarkContactLeftInput, MarkContactLeftPayload } from './contact-leaving.types';
import { DateResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomer } from '../customers/customer.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Staff } from '../organisation/organisation.types';
import { CareDueReason, CareStatus } from './contact.enums';
import { contactLoaders } from './contact.loaders';
import { MAX_DUE_WITHIN_DAYS } from './care-due';
import { CareFacts, contactService } from './contact.service';
import {
  CareActivity,
  CareActivityConnection,
  CareCoverage,
  CarePolicy,
  Contact,
  ContactConnection,
  ContactFilter,
  CreateContactInput,
  CreateContactPayload,
  RecordCareActivityInput,
  RecordCareActivityPayload,
  SetCarePolicyInput,
  SetCarePolicyPayload,
  UpdateContactInput,
  UpdateContactPayload,
} from './contact.types';
import { maskEmail, maskMobile } from './personal-data';

export const contactNodeTypes: NodeTypes = { Contact: contactLoaders.contact, CareActivity: contactLoaders.activity, CarePolicy: contactLoaders.policy };

/** A contact read in scope always has its facts; the loader answers for exactly those contacts. */
async function factsOf(ctx: Context, contact: Contact): Promise<CareFacts> {
  const facts = await contactLoaders.facts(ctx).load(contact.uuid);
  if (!facts) throw new Error(`care facts missing for contact ${contact.uuid}`);
  return facts;
}

@Resolver(() => Contact)
export class ContactResolver {
  @Query(() => ContactConnection, { description: 'Contacts of the customers in your scope, filtered, by name.' })
  async contacts(@Args() page: PageArgsInput, @Arg('filter', () => ContactFilter, { nullable: true }) filter: ContactFilter | null, @Ctx() ctx: Context): Promise<ContactConnection> {
    return ContactConnection.of(mapPage(await contactService.list(ctx, filter, page), Contact.from));
  }

  @Query(() => ContactConnection, {
    description: `关怀提醒 — your contacts that are overdue, due within \`withinDays\` (0–${MAX_DUE_WITHIN_DAYS}), or whose birthday is inside their policy's window; each once, most urgent first. \`careDueReasons\` says why.`,
  })
  async careDue(
    @Arg('withinDays', () => Int, { defaultValue: 7, description: 'How many days ahead to look for care falling due.' }) withinDays: number,
    @Args() page: PageArgsInput,
    @Ctx() ctx: Context,
  ): Promise<ContactConnection> {
    return ContactConnection.of(mapPage(await contactService.careDue(ctx, withinDays, page), Contact.from));
  }

  @Mutation(() => CreateContactPayload, { description: 'Add a key contact to a customer you keep.' })
  async createContact(@Arg('input') input: CreateContactInput, @Ctx() ctx: Context): Promise<CreateContactPayload> {
    return toPayload(await contactService.create(ctx, input), 'contact', Contact.from);
  }

  @Mutation(() => MarkContactLeftPayload, {
    description:
      '离职 — mark a contact as having left their company (or, with leftOn null, take it back). They stay in history, the org chart and the map; no longer due for care nor counted in coverage or gaps.',
  })
  async markContactLeft(@Arg('input') input: MarkContactLeftInput, @Ctx() ctx: Context): Promise<MarkContactLeftPayload> {
    return toPayload(await markContactLeft(ctx, input), 'contact', Contact.from);
  }

  @Mutation(() => UpdateContactPayload, { description: 'Change a contact; pass `expectedVersion` to refuse a stale write.' })
  async updateContact(@Arg('input') input: UpdateContactInput, @Ctx() ctx: Context): Promise<UpdateContactPayload> {
    return toPayload(await contactService.update(ctx, input), 'contact', Contact.from);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "手机 — mobile; masked (138****5678) unless you are the account manager, a leader over the customer's region, or an admin.",
  })
  async mobile(@Root() contact: Contact, @Ctx() ctx: Context): Promise<string | null> {
    if (contact.storedMobile == null) return null;
    return (await factsOf(ctx, contact)).personal ? contact.storedMobile : maskMobile(contact.storedMobile);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Email; masked (z***@example.com) under the same rule as mobile.' })
  async email(@Root() contact: Contact, @Ctx() ctx: Context): Promise<string | null> {
    if (contact.storedEmail == null) return null;
    return (await factsOf(ctx, contact)).personal ? contact.storedEmail : maskEmail(contact.storedEmail);
  }

  @FieldResolver(() => DateResolver, { nullable: true, description: '生日 — birthday; null unless you may see personal data (as for mobile).' })
  async birthday(@Root() contact: Contact, @Ctx() ctx: Context): Promise<string | null> {
    if (contact.storedBirthday == null) return null;
    return (await factsOf(ctx, contact)).personal ? contact.storedBirthday : null;
  }

  @FieldResolver(() => GroupCustomer, { description: 'The customer this person works for.' })
  async customer(@Root() contact: Contact, @Ctx() ctx: Context): Promise<GroupCustomer> {
    return (await customerLoaders.customer(ctx).load(contact.customerUuid))!;
  }

  @FieldResolver(() => Contact, { nullable: true, description: "Whom this contact reports to in the customer's org chart." })
  reportsTo(@Root() contact: Contact, @Ctx() ctx: Context): Promise<Contact | null> | null {
    return contact.reportsToUuid ? contactLoaders.contact(ctx).load(contact.reportsToUuid) : null;
  }

  @FieldResolver(() => [Contact], { description: 'Contacts reporting directly to this one, by name.' })
  directReports(@Root() contact: Contact, @Ctx() ctx: Context): Promise<Contact[]> {
    return contactLoaders.directReports(ctx).load(contact.uuid);
  }

  @FieldResolver(() => CareStatus, { description: '关怀状态 — ON_TRACK, DUE_SOON or OVERDUE as of now, under the current policy.' })
  async careStatus(@Root() contact: Contact, @Ctx() ctx: Context): Promise<CareStatus> {
    return (await factsOf(ctx, contact)).careStatus;
  }

  @FieldResolver(() => [CareDueReason], {
    description: 'Why this contact is on the due list looking `withinDays` ahead (as `careDue` does); empty when it is not.',
  })
  careDueReasons(
    @Root() contact: Contact,
    @Arg('withinDays', () => Int, { defaultValue: 7, description: 'Days ahead, as for `careDue`.' }) withinDays: number,
    @Ctx() ctx: Context,
  ): Promise<CareDueReason[]> {
    return contactLoaders.dueReasons(ctx, withinDays).load(contact.uuid);
  }

  @FieldResolver(() => CareActivityConnection, { description: '关怀记录 — care activities, newest first.' })
  async careActivities(@Root() contact: Contact, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<CareActivityConnection> {
    return CareActivityConnection.of(mapPage(await contactLoaders.activities(ctx, page).load(contact.uuid), CareActivity.from));
  }
}

@Resolver(() => CareActivity)
export class CareActivityResolver {
  @Mutation(() => RecordCareActivityPayload, { description: 'Record a care touch 关怀 you made with a contact of a customer you keep.' })
  async recordCareActivity(@Arg('input') input: RecordCareActivityInput, @Ctx() ctx: Context): Promise<RecordCareActivityPayload> {
    return toPayload(await contactService.recordCare(ctx, input), 'careActivity', CareActivity.from);
  }

  @FieldResolver(() => Contact, { description: 'The contact cared for.' })
  async contact(@Root() activity: CareActivity, @Ctx() ctx: Context): Promise<Contact> {
    return (await contactLoaders.contact(ctx).load(activity.contactUuid))!;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who did it and recorded it.' })
  recordedBy(@Root() activity: CareActivity, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(activity.recordedByUuid);
  }
}

@Resolver(() => CarePolicy)
export class CarePolicyResolver {
  @Query(() => [CarePolicy], { description: '关怀策略 — the care policy of each level, management first.' })
  async carePolicies(@Ctx() ctx: Context): Promise<CarePolicy[]> {
    return (await contactService.policies(ctx)).map(CarePolicy.from);
  }

  @Mutation(() => SetCarePolicyPayload, {
    description: "Change the care interval and reminder windows of one level (admin); every contact's status follows at once.",
  })
  async setCarePolicy(@Arg('input') input: SetCarePolicyInput, @Ctx() ctx: Context): Promise<SetCarePolicyPayload> {
    return toPayload(await contactService.setPolicy(ctx, input), 'carePolicy', CarePolicy.from);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who last changed it; null for the defaults.' })
  updatedBy(@Root() policy: CarePolicy, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return policy.updatedByUuid ? organisationLoaders.staff(ctx).load(policy.updatedByUuid) : null;
  }
}

/** What contacts add to a group customer. */
@Resolver(() => GroupCustomer)
export class CustomerContactsResolver {
  @FieldResolver(() => ContactConnection, { description: "关键人物 — the customer's key contacts, filtered, by name." })
  async contacts(
    @Root() customer: GroupCustomer,
    @Args() page: PageArgsInput,
    @Arg('filter', () => ContactFilter, { nullable: true, description: 'Which contacts; `customerId` is implied.' }) filter: ContactFilter | null,
    @Ctx() ctx: Context,
  ): Promise<ContactConnection> {
    return ContactConnection.of(mapPage(await contactLoaders.customerContacts(ctx, filter, page).load(customer.uuid), Contact.from));
  }

  @FieldResolver(() => [CareCoverage], { description: '关怀覆盖 — per care level: how many contacts, and how many of them are ON_TRACK.' })
  careCoverage(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<CareCoverage[]> {
    return contactLoaders.coverage(ctx).load(customer.uuid);
  }
}
