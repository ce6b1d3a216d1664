import { MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { NotBlank } from '../../platform/graphql/validation';
import { Payload } from '../../platform/graphql/user-error';
import { TrustedDocumentEntity } from './trusted-document.entity';

@ObjectType({ description: 'A GraphQL document that partner tokens may run (trusted documents).' })
export class TrustedDocument {
  @Field(() => ID, { description: 'sha256 (hex) of the canonical print of the document: what a client may send instead of it.' })
  id!: string;

  @Field({ description: 'A name for people, e.g. the operation name.' })
  name!: string;

  @Field({ description: 'The document, canonically printed.' })
  document!: string;

  @Field({ description: 'EXAMPLES (from examples/partner-portal, at start-up) or ADMIN (registered through the API).' })
  source!: string;

  @Field({ description: 'When it was registered.' })
  createdAt!: Date;

  static from(entity: TrustedDocumentEntity): TrustedDocument {
    return Object.assign(new TrustedDocument(), {
      id: entity.id,
      name: entity.name,
      document: entity.document,
      source: entity.source,
      createdAt: entity.createdAt,
    });
  }
}

@InputType({ description: 'A document to let partner tokens run.' })
export class RegisterTrustedDocumentInput {
  @Field({ description: 'A name for people, 1–128 characters.' })
  @NotBlank()
  @MaxLength(128)
  name!: string;

  @Field({ description: 'The GraphQL document: one operation and the fragments it uses, valid against this schema.' })
  @NotBlank()
  @MaxLength(20000)
  document!: string;
}

export const RegisterTrustedDocumentPayload = Payload(
  'RegisterTrustedDocumentPayload',
  'Result of registerTrustedDocument.',
  {
    trustedDocument: [() => TrustedDocument, 'The registered document (the existing one when it was registered before).'],
  },
  'Why nothing was registered, if so.',
);
export type RegisterTrustedDocumentPayload = InstanceType<typeof RegisterTrustedDocumentPayload>;

export const TrustedDocumentConnection = Connection(TrustedDocument, 'TrustedDocument', 'A page of trusted documents.');
export type TrustedDocumentConnection = InstanceType<typeof TrustedDocumentConnection>;
