import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { ImportKind, ImportRowStatus, ImportState } from './exchange.enums';
import { ImportJobEntity } from './import-job.entity';
import { ImportRowEntity } from './import-row.entity';

@ObjectType({ description: 'Why one row of an imported file was refused.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The line (CSV) or row (XLSX) in the file; the header is 1.' })
  line!: number;

  @Field({ description: 'The column (field name, e.g. creditCode); empty when the row as a whole.' })
  field!: string;

  @Field({
    description:
      'Stable reason: REQUIRED, TOO_LONG, BAD_VALUE, BAD_CREDIT_CODE, UNKNOWN_REGION, OUT_OF_SCOPE, UNKNOWN_ACCOUNT_MANAGER, UNKNOWN_CUSTOMER, BAD_MOBILE, BAD_EMAIL, BAD_BIRTHDAY, DUPLICATE_EXISTING, DUPLICATE_ROW.',
  })
  code!: string;

  @Field({ description: 'What is wrong, for people.' })
  message!: string;
}

@ObjectType({ description: 'One row of an imported file: what the dry run found, and what the commit did.' })
export class ImportRow {
  @Field(() => Int, { description: 'The line (CSV) or row (XLSX) in the file; the header is 1.' })
  line!: number;

  @Field(() => ImportRowStatus, { description: 'Valid, invalid, duplicate; created or skipped once committed.' })
  status!: ImportRowStatus;

  @Field(() => [ImportProblem], { description: 'Why it was refused (empty when valid).' })
  problems!: ImportProblem[];

  @Field(() => ID, { nullable: true, description: 'The customer or contact it created (global id), once committed.' })
  createdId!: string | null;

  static from(entity: ImportRowEntity, kind: ImportKind): ImportRow {
    return Object.assign(new ImportRow(), {
      line: entity.line,
      status: entity.status,
      problems: entity.problems.map((p) => Object.assign(new ImportProblem(), { line: entity.line, ...p })),
      createdId: entity.createdId ? toGlobalId(kind === ImportKind.CUSTOMERS ? 'GroupCustomer' : 'Contact', entity.createdId) : null,
    });
  }
}

export const ImportRowConnection = Connection(ImportRow, 'ImportRow', 'A page of an import’s per-row report, in file order.');
export type ImportRowConnection = InstanceType<typeof ImportRowConnection>;

@ObjectType({ implements: Node, description: '批量导入 — one uploaded file: its dry run report and the progress of its commit.' })
export class ImportJob extends Node {
  @Field(() => ImportKind, { description: 'Customers or contacts.' })
  kind!: ImportKind;

  @Field(() => ImportState, { description: 'Where it stands.' })
  state!: ImportState;

  @Field({ description: 'CSV or XLSX.' })
  format!: string;

  @Field(() => String, { nullable: true, description: 'The name the uploader gave the file.' })
  fileName!: string | null;

  @Field(() => Int, { description: 'Data rows in the file.' })
  rowsTotal!: number;

  @Field(() => Int, { description: 'Rows that passed the dry run.' })
  rowsValid!: number;

  @Field(() => Int, { description: 'Rows refused as invalid.' })
  rowsInvalid!: number;

  @Field(() => Int, { description: 'Rows refused as duplicates.' })
  rowsDuplicate!: number;

  @Field(() => Int, { description: 'Rows the commit has been through (out of rowsTotal).' })
  rowsDone!: number;

  @Field(() => Int, { description: 'Rows the commit wrote.' })
  rowsCreated!: number;

  @Field(() => String, { nullable: true, description: 'Why the commit stopped (FAILED).' })
  failure!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was uploaded.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the commit finished.' })
  committedAt!: Date | null;

  entity!: ImportJobEntity;

  static from(entity: ImportJobEntity): ImportJob {
    return Object.assign(new ImportJob(), {
      id: toGlobalId('ImportJob', entity.id),
      kind: entity.kind,
      state: entity.state,
      format: entity.format,
      fileName: entity.fileName,
      rowsTotal: entity.rowsTotal,
      rowsValid: entity.rowsValid,
      rowsInvalid: entity.rowsInvalid,
      rowsDuplicate: entity.rowsDuplicate,
      rowsDone: entity.rowsDone,
      rowsCreated: entity.rowsCreated,
      failure: entity.failure,
      createdAt: entity.createdAt,
      committedAt: entity.committedAt,
      entity,
    });
  }
}

@InputType({ description: 'Commit (or resume committing) an import’s dry run.' })
export class CommitImportInput {
  @Field(() => ID, { description: 'The import job the upload answered with.' })
  id!: string;
}

export const CommitImportPayload = Payload(
  'CommitImportPayload',
  'Result of commitImport: the job, now COMMITTING (follow rowsDone with importJob).',
  { importJob: [() => ImportJob, 'The import job.'] },
  'Why it cannot be committed (NOT_FOUND, INVALID_TRANSITION when already committed).',
);
export type CommitImportPayload = InstanceType<typeof CommitImportPayload>;
