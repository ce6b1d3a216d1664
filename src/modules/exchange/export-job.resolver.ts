import DataLoader from 'dataloader';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../platform/context';
import type { NodeTypes } from '../../platform/graphql/node';
import { toPayload } from '../../platform/graphql/user-error';
import { exportJobs } from './export-jobs';
import { ExportJob, StartExportInput, StartExportPayload } from './export-job.types';

const exportJobLoader = (ctx: Context) =>
  ctx.loaders.get('exchange.exportJob', () => new DataLoader<string, ExportJob | null>(async (ids) => (await exportJobs.byIds(ctx, ids)).map((j) => (j ? ExportJob.from(j) : null))));

export const exportJobNodeTypes: NodeTypes = { ExportJob: exportJobLoader };

@Resolver(() => ExportJob)
export class ExportJobResolver {
  @Query(() => ExportJob, { nullable: true, description: '导出任务 — an export you started (admins: any); null when unknown or not yours.' })
  async exportJob(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ExportJob | null> {
    const job = await exportJobs.find(ctx, id);
    return job ? ExportJob.from(job) : null;
  }

  @Mutation(() => StartExportPayload, {
    description: '导出 — write a list you can see to a CSV or XLSX file in the background (for large ones; small ones: GET /export/<list>.<csv|xlsx>). Rows and masking are yours as of now.',
  })
  async startExport(@Arg('input') input: StartExportInput, @Ctx() ctx: Context): Promise<StartExportPayload> {
    return toPayload(await exportJobs.start(ctx, input), 'exportJob', ExportJob.from);
  }
}
