import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../platform/context';
import type { LiveEvent } from '../../platform/live/events';
import { liveStream } from '../../platform/live/stream';
import { CARE_TOPIC, CareDueChange } from './care-due-events';
import { contactLoaders } from './contact.loaders';
import { Contact } from './contact.types';

@ObjectType({ description: 'A contact came due for care, or was cared for (careDueChanged).' })
export class CareDueEvent {
  @Field(() => CareDueChange, { description: 'What happened.' })
  kind!: CareDueChange;

  @Field(() => Contact, { description: 'The contact, as you may read it now (personal data masked as in the API).' })
  contact!: Contact;

  @Field(() => DateTimeResolver, { description: 'When this server delivered it.' })
  at!: Date;
}

/** Read as the subscriber through the same loader as `node(id:)` and `careDue` (contactPolicy.read; masking in the Contact fields); null: not theirs. */
async function careDueEvent(ctx: Context, event: LiveEvent): Promise<CareDueEvent | null> {
  const kind = event.kind as CareDueChange;
  if (!Object.values(CareDueChange).includes(kind)) return null;
  const contact = await contactLoaders.contact(ctx).load(event.id);
  return contact ? Object.assign(new CareDueEvent(), { kind, contact, at: new Date() }) : null;
}

@Resolver()
export class ContactLiveResolver {
  @Subscription(() => CareDueEvent, {
    description: '关怀提醒 live — one of your contacts was added, came due soon or overdue, or was cared for.',
    subscribe: ({ context }) =>
      liveStream(
        context as Context,
        (event) => event.topic === CARE_TOPIC,
        (event) => careDueEvent(context as Context, event),
      ),
  })
  careDueChanged(@Root() event: CareDueEvent): CareDueEvent {
    return event;
  }
}
