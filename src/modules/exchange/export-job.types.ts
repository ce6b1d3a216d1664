import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { ExportFormat, ExportState } from './exchange.enums';
import { ExportJobEntity } from './export-job.entity';
import { effectiveState } from './export-jobs';

@ObjectType({ implements: Node, description: '导出任务 — an export written in the background, kept for download until it expires.' })
export class ExportJob extends Node {
  @Field({ description: 'Which list (customers, contacts, opportunities, care-due, pipeline, ranking, approval-sla).' })
  list!: string;

  @Field(() => ExportFormat, { description: 'CSV or XLSX.' })
  format!: ExportFormat;

  @Field(() => ExportState, { description: 'Where it stands.' })
  state!: ExportState;

  @Field(() => Int, { description: 'Rows written so far.' })
  rowsWritten!: number;

  @Field(() => Float, { nullable: true, description: 'Size of the finished file, in bytes.' })
  fileBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it stopped (FAILED).' })
  failure!: string | null;

  @Field(() => String, { nullable: true, description: 'Where to GET the file (with your bearer token) once DONE, e.g. /export/jobs/<id>.' })
  downloadPath!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was started.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it finished.' })
  finishedAt!: Date | null;

  @Field(() => DateTimeResolver, { description: 'When its file is deleted.' })
  expiresAt!: Date;

  static from(entity: ExportJobEntity): ExportJob {
    const id = toGlobalId('ExportJob', entity.id);
    const { state, failure } = effectiveState(entity);
    return Object.assign(new ExportJob(), {
      id,
      list: entity.list,
      format: entity.format as ExportFormat,
      state,
      rowsWritten: entity.rowsWritten,
      fileBytes: entity.fileBytes == null ? null : Number(entity.fileBytes),
      failure,
      downloadPath: state === ExportState.DONE ? `/export/jobs/${encodeURIComponent(id)}` : null,
      createdAt: entity.createdAt,
      finishedAt: entity.finishedAt,
      expiresAt: entity.expiresAt,
    });
  }
}

@InputType({ description: 'An export to write in the background (the same lists and variables as GET /export).' })
export class StartExportInput {
  @Field({ description: 'customers, contacts, opportunities, care-due, pipeline, ranking or approval-sla.' })
  list!: string;

  @Field(() => ExportFormat, { description: 'CSV or XLSX.' })
  format!: ExportFormat;

  @Field(() => String, { nullable: true, description: 'The list query’s variables as a JSON object, e.g. {"filter":{"grades":["A1"]}}.' })
  variables?: string | null;
}

export const StartExportPayload = Payload(
  'StartExportPayload',
  'Result of startExport: the job, RUNNING (follow it with exportJob).',
  { exportJob: [() => ExportJob, 'The export job.'] },
  'Why it was not started (VALIDATION: unknown list, bad variables).',
);
export type StartExportPayload = InstanceType<typeof StartExportPayload>;
