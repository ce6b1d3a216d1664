import DataLoader from 'dataloader';
import type { Context } from '../../platform/context';
import { Page, PageArgs } from '../../platform/graphql/connection';
import { contactLoaders } from '../contacts/contact.loaders';
import { ContactProfile, contactFacts } from '../contacts/contact.sql';
import { relationshipPolicy } from './relationship.policy';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { relationshipService } from './relationship.service';
import { EdgeRow, Person, PersonRef, Relationship, RestrictedPerson } from './relationship.types';

const argsKey = (args: PageArgs) => JSON.stringify([args.first ?? null, args.after ?? null]);

/** Per-request loaders for the relationship map; all go through the service, and so through the policy. */
export const relationshipLoaders = {
  relationship: (ctx: Context) =>
    ctx.loaders.get(
      'relationships.byId',
      () => new DataLoader<string, Relationship | null>(async (ids) => (await relationshipService.byIds(ctx, ids)).map((row) => (row ? Relationship.from(row) : null))),
    ),

  kind: (ctx: Context) => ctx.loaders.get('relationships.kind', () => new DataLoader<string, boolean | null>((ids) => relationshipService.kinds(ctx, ids))),

  count: (ctx: Context) => ctx.loaders.get('relationships.count', () => new DataLoader<string, number>((ids) => relationshipService.countsByPerson(ctx, ids))),

  ofPerson: (ctx: Context, args: PageArgs) =>
    ctx.loaders.get(
      `relationships.ofPerson:${argsKey(args)}`,
      () =>
        new DataLoader<string, Page<EdgeRow>>(async (ids) => {
          const pages = await relationshipService.pagesByPerson(ctx, ids, args, (id) => relationshipLoaders.count(ctx).load(id));
          return ids.map((id) => pages.get(id)!);
        }),
    ),

  /** What the viewer may see of contacts outside their row scope (DOMAIN.md: 全员共享). */
  profile: (ctx: Context) =>
    ctx.loaders.get(
      'relationships.profile',
      () =>
        new DataLoader<string, ContactProfile | null>(async (ids) => {
          const rows = await contactFacts.profiles(ctx.db, ids, relationshipPolicy.sharedRegion(ctx.viewer));
          return ids.map((id) => rows.find((row) => row.id === id) ?? null);
        }),
    ),

  /** A person as the API shows them: staff, a readable contact, or a placeholder for a contact out of scope. */
  async person(ctx: Context, ref: PersonRef | string): Promise<typeof Person | null> {
    const uuid = typeof ref === 'string' ? ref : ref.uuid;
    const staff = typeof ref === 'string' ? await relationshipLoaders.kind(ctx).load(uuid) : ref.staff;
    if (staff === null) return null;
    if (staff) return organisationLoaders.staff(ctx).load(uuid);
    return (await contactLoaders.contact(ctx).load(uuid)) ?? RestrictedPerson.of(uuid, await relationshipLoaders.profile(ctx).load(uuid));
  },
};
