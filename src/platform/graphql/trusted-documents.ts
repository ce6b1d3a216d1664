import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, print } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/viewer';
import type { Context } from '../context';

/**
 * Trusted documents: the viewers `restricted` picks (partners) may run only
 * documents registered in advance; everyone else may send any document. A
 * document is known by the sha256 of its canonical print, so whitespace,
 * comments and the order of arguments as typed do not matter.
 */
export interface TrustedDocuments {
  restricted(viewer: Viewer): boolean;
  isTrusted(db: DataSource, id: string): Promise<boolean>;
}

const ids = new WeakMap<DocumentNode, string>();

/** The id a document is registered under. */
export function documentId(document: DocumentNode): string {
  let id = ids.get(document);
  if (!id) ids.set(document, (id = createHash('sha256').update(print(document)).digest('hex')));
  return id;
}

export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (!trusted.restricted(contextValue.viewer)) return;
          const id = documentId(document);
          if (await trusted.isTrusted(contextValue.db, id)) return;
          throw new GraphQLError(
            `Partner tokens run only registered documents; this one (${id}) is not registered. Use the documents in examples/partner-portal, or ask an administrator to register yours.`,
            {
              extensions: { code: 'DOCUMENT_NOT_TRUSTED', documentId: id, http: { status: 403 } },
            },
          );
        },
      };
    },
  };
}
