import { Arg, Args, Ctx, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../platform/context';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { RegisterTrustedDocumentInput, RegisterTrustedDocumentPayload, TrustedDocument, TrustedDocumentConnection } from './trusted-document.types';
import { trustedDocumentService } from './trusted-documents';

@Resolver()
export class TrustedDocumentResolver {
  @Query(() => TrustedDocumentConnection, { description: 'The documents partner tokens may run, oldest first (admin).' })
  async trustedDocuments(@Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<TrustedDocumentConnection> {
    const result = await trustedDocumentService.list(ctx, page);
    return TrustedDocumentConnection.of({ ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: TrustedDocument.from(edge.node) })) });
  }

  @Mutation(() => RegisterTrustedDocumentPayload, { description: 'Let partner tokens run a document (admin). Registering it again returns the existing one.' })
  async registerTrustedDocument(@Arg('input') input: RegisterTrustedDocumentInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<RegisterTrustedDocumentPayload> {
    return toPayload(await trustedDocumentService.register(ctx, info.schema, input), 'trustedDocument', TrustedDocument.from);
  }
}
