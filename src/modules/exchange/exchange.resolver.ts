import DataLoader from 'dataloader';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { ImportRowStatus } from './exchange.enums';
import { CommitImportInput, CommitImportPayload, ImportJob, ImportProblem, ImportRow, ImportRowConnection } from './exchange.types';
import { importService, runImportJob } from './import.service';

const jobLoader = (ctx: Context) =>
  ctx.loaders.get('exchange.importJob', () => new DataLoader<string, ImportJob | null>(async (ids) => (await importService.byIds(ctx, ids)).map((j) => (j ? ImportJob.from(j) : null))));

export const exchangeNodeTypes: NodeTypes = { ImportJob: jobLoader };

const MAX_PROBLEMS = 1000;

@Resolver(() => ImportJob)
export class ImportJobResolver {
  @Query(() => ImportJob, { nullable: true, description: '批量导入 — an import you uploaded (admins: any): its report and commit progress; null when unknown or not yours.' })
  async importJob(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ImportJob | null> {
    const job = await importService.find(ctx, id);
    return job ? ImportJob.from(job) : null;
  }

  @Mutation(() => CommitImportPayload, {
    description: '提交导入 — write a dry run’s valid rows, in batches of one transaction each; also resumes a FAILED or interrupted commit. Returns at once: follow `importJob`.',
  })
  async commitImport(@Arg('input') input: CommitImportInput, @Ctx() ctx: Context): Promise<CommitImportPayload> {
    const run = (jobId: string) => void runImportJob(ctx.db, jobId, ctx.log, ctx.config.imports);
    return toPayload(await importService.commit(ctx, input.id, run), 'importJob', ImportJob.from);
  }

  @FieldResolver(() => [ImportProblem], { description: `Why rows were refused, in file order (at most \`first\`, up to ${MAX_PROBLEMS}).`, complexity: 20 })
  async errors(@Root() job: ImportJob, @Arg('first', () => Int, { defaultValue: 100, description: 'How many.' }) first: number, @Ctx() ctx: Context): Promise<ImportProblem[]> {
    if (first < 1 || first > MAX_PROBLEMS) throw badInput(`first must be between 1 and ${MAX_PROBLEMS}`);
    const rows: ImportProblem[] = await ctx.db.query(
      `SELECT r.line, p.field, p.code, p.message FROM import_row r, jsonb_to_recordset(r.problems) AS p(field text, code text, message text)
       WHERE r.job_id = $1 ORDER BY r.line LIMIT $2`,
      [job.entity.id, first],
    );
    return rows.map((row) => Object.assign(new ImportProblem(), row));
  }

  @FieldResolver(() => ImportRowConnection, { description: 'The per-row report, in file order; `statuses` picks some.' })
  async rows(
    @Root() job: ImportJob,
    @Args() page: PageArgsInput,
    @Arg('statuses', () => [ImportRowStatus], { nullable: true, description: 'Only rows in these states.' }) statuses: ImportRowStatus[] | null,
    @Ctx() ctx: Context,
  ): Promise<ImportRowConnection> {
    return ImportRowConnection.of(mapPage(await importService.rows(ctx, job.entity, statuses, page), (row) => ImportRow.from(row, job.kind)));
  }
}
