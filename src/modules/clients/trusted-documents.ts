import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, Kind, parse, print, validate } from 'graphql';
import type { DataSource } from 'typeorm';
import { isAdmin, isPartner, Viewer } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { documentId, TrustedDocuments } from '../../platform/graphql/trusted-documents';
import { fail, failMany, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { TrustedDocumentEntity } from './trusted-document.entity';
import { RegisterTrustedDocumentInput } from './trusted-document.types';

/** Ids known to be trusted: documents are never unregistered, so a hit stays true. */
const known = new Set<string>();

/** Who runs only trusted documents (partners' users), and the registry in PostgreSQL. */
export const trustedDocuments: TrustedDocuments = {
  restricted: (viewer: Viewer) => isPartner(viewer),
  async isTrusted(db: DataSource, id: string) {
    if (known.has(id)) return true;
    const found = await db.getRepository(TrustedDocumentEntity).existsBy({ id });
    if (found) known.add(id);
    return found;
  },
};

/** A document as registered: parsed, valid against the schema, exactly one operation. */
function canonical(schema: GraphQLSchema, text: string): Result<{ id: string; printed: string }> {
  let document;
  try {
    document = parse(text);
  } catch (error) {
    return fail(UserErrorCode.VALIDATION, `Not a GraphQL document: ${(error as Error).message}`, 'document');
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return fail(UserErrorCode.VALIDATION, 'A trusted document holds exactly one operation (and the fragments it uses)', 'document');
  const errors = validate(schema, document);
  if (errors.length) return fail(UserErrorCode.VALIDATION, `Not valid against the schema: ${errors[0].message}`, 'document');
  return ok({ id: documentId(document), printed: print(document) });
}

export const trustedDocumentService = {
  async register(ctx: Context, schema: GraphQLSchema, input: RegisterTrustedDocumentInput): Promise<Result<TrustedDocumentEntity>> {
    if (!isAdmin(ctx.viewer)) throw forbidden('Only an administrator registers trusted documents');
    const invalid = await validateInput(input);
    if (invalid.length) return failMany(invalid);
    const doc = canonical(schema, input.document);
    if (!doc.ok) return doc;
    return inTransaction(ctx, async (tx) => {
      await tx
        .createQueryBuilder()
        .insert()
        .into(TrustedDocumentEntity)
        .values({ id: doc.value.id, name: input.name.trim(), document: doc.value.printed, source: 'ADMIN', registeredById: ctx.viewer.staffId })
        .orIgnore()
        .execute();
      return ok(await tx.getRepository(TrustedDocumentEntity).findOneByOrFail({ id: doc.value.id }));
    });
  },

  async list(ctx: Context, args: PageArgs): Promise<Page<TrustedDocumentEntity>> {
    if (!isAdmin(ctx.viewer)) throw forbidden('Only an administrator lists trusted documents');
    const query = ctx.db.getRepository(TrustedDocumentEntity).createQueryBuilder('d');
    return paginate(query, {
      args,
      sort: { expression: 'd.created_at', type: 'timestamptz', value: (d) => d.createdAt },
      direction: 'ASC',
      idExpression: 'd.id',
      map: (row) => row,
    });
  },

  /**
   * Registers every operation of the .graphql files in `dir` (the documents a
   * partner portal ships with; examples/partner-portal), each with the
   * fragments it uses. Run at start-up; already registered ones are kept.
   */
  async registerDirectory(db: DataSource, schema: GraphQLSchema, dir: string): Promise<number> {
    if (!fs.existsSync(dir)) return 0;
    let count = 0;
    for (const file of fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.graphql'))
      .sort()) {
      const doc = canonical(schema, fs.readFileSync(path.join(dir, file), 'utf8'));
      if (!doc.ok) throw new Error(`${path.join(dir, file)}: ${doc.errors[0].message}`);
      const name = file.replace(/\.graphql$/, '');
      await db.createQueryBuilder().insert().into(TrustedDocumentEntity).values({ id: doc.value.id, name, document: doc.value.printed, source: 'EXAMPLES' }).orIgnore().execute();
      count++;
    }
    return count;
  },
};
