/**
 * What the platform is given to run this app: the modules' and the seed's
 * entities, the migrations, the resolvers and node types. The platform
 * imports none of them; main.ts, the CLI, ormconfig.ts, the tests and the
 * bench compose from here.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { allMigrations } from '../migrations';
import { trustedDocuments, trustedDocumentService } from './modules/clients/trusted-documents';
import { contactMerge } from './modules/contacts/contact-merge';
import { customerHandover } from './modules/customers/customer-handover';
import { registerCustomerMergeParticipant } from './modules/customers/customer-merge-participants';
import { registerCareFollowUp } from './modules/contacts/care-follow-up';
import { registerCustomerReadGrant } from './modules/customers/customer.policy';
import { moduleEntities } from './modules/entities';
import { careDueCheck } from './modules/contacts/care-due-events';
import { exchangeRoutes } from './modules/exchange/exchange.routes';
import { expiredExportsCheck } from './modules/exchange/export-jobs';
import { resumeImports } from './modules/exchange/import.service';
import { overdueStepsCheck } from './modules/opportunities/live-events';
import { opportunityHandover } from './modules/opportunities/opportunity-handover';
import { opportunityMerge } from './modules/opportunities/opportunity-merge';
import { overdueApprovalSteps } from './modules/opportunities/opportunity.metrics';
import { supportManagerCustomerGrant } from './modules/opportunities/opportunity.policy';
import { organisationService } from './modules/organisation/organisation.service';
import { registerHandoverParticipant } from './modules/organisation/staff-handover';
import { moduleNodeTypes, moduleResolvers } from './modules/resolvers';
import { overdueComplaints } from './modules/service/service.metrics';
import { complaintFollowUp } from './modules/service/service.sql';
import { complaintHandover } from './modules/service/complaint-handover';
import { serviceMerge } from './modules/service/service-merge';
import { customerFilters } from './modules/customers/customer-filters';
import { retentionEngine } from './modules/retention/retention-engine';
import { segmentCondition } from './modules/retention/risk-queries';
import { retentionHandover, retentionMerge } from './modules/retention/retention-people';
import { createTokenVerifier } from './platform/auth/tokens';
import type { Config } from './platform/config';
import { createDataSource, DataModel, DatabaseOptions } from './platform/database';
import { buildApiSchema, printApiSchema } from './platform/graphql/schema';
import type { Logger } from './platform/logger';
import { App, AppDependencies, createApp } from './platform/server';
import { SeedRunEntity } from './seed/seed-run.entity';

// A rule one module adds to another's: wired here, so that customers never imports opportunities.
registerCustomerReadGrant(supportManagerCustomerGrant);
// 离职交接: each module hands over its own rows (DOMAIN.md: People and rules).
registerHandoverParticipant(customerHandover);
registerHandoverParticipant(opportunityHandover);
registerHandoverParticipant(complaintHandover);
registerHandoverParticipant(retentionHandover);
// 合并重复客户: likewise, each module moves its own rows to the survivor.
registerCustomerMergeParticipant(contactMerge);
registerCustomerMergeParticipant(opportunityMerge);
registerCustomerMergeParticipant(serviceMerge);
registerCustomerMergeParticipant(retentionMerge);
// Care owed after a resolved complaint (投诉客户关怀): contacts reads the service module's SQL without importing it.
registerCareFollowUp(complaintFollowUp);
customerFilters.register(segmentCondition);

/** Every table the app keeps; the migrations must agree with these (tests/platform/schema-and-migrations.test.ts). */
export const appDataModel: DataModel = { entities: [...moduleEntities, SeedRunEntity], migrations: allMigrations };

export function createAppDataSource(options: DatabaseOptions): DataSource {
  return createDataSource(appDataModel, options);
}

let schema: Promise<GraphQLSchema> | undefined;

/** The API schema, built once per process from the modules' resolvers and node types. */
export function appSchema(): Promise<GraphQLSchema> {
  schema ??= buildApiSchema({ resolvers: moduleResolvers, nodeTypes: moduleNodeTypes });
  return schema;
}

/** The SDL committed as schema/schema.graphql. */
export async function printAppSchema(): Promise<string> {
  return printApiSchema(await appSchema());
}

/** The HTTP app on an open DataSource: this API, tokens from the config, viewers from the organisation module. */
export async function createAppServer(config: Config, db: DataSource, log: Logger, extra: Pick<AppDependencies, 'ide'> = {}): Promise<App> {
  const schema = await appSchema();
  await trustedDocumentService.registerDirectory(db, schema, path.join(repoRoot(), 'examples', 'partner-portal'));
  const app = await createApp({
    config,
    db,
    log,
    schema,
    tokens: createTokenVerifier(config.jwt),
    ...extra,
    findViewer: organisationService.viewerFor,
    trustedDocuments: config.partnerTrustedDocuments ? trustedDocuments : { ...trustedDocuments, restricted: () => false },
    scheduledChecks: [overdueStepsCheck, careDueCheck, expiredExportsCheck(config.exports.dir)],
    routes: exchangeRoutes(config, log),
  });
  // Imports a restart interrupted carry on where their last batch committed.
  void resumeImports(db, log, config.imports);
  app.metrics.addGauge('crm_approval_steps_overdue', 'Approval steps pending past their due time', () => overdueApprovalSteps(db));
  app.metrics.addGauge('crm_complaints_overdue', 'Complaints open past their deadline', () => overdueComplaints(db));
  return app;
}

/**
 * Work on a timer beside the requests: the retention refresh (churn risk
 * that time alone changes — contracts nearing their end, care falling
 * overdue). Every instance runs the timer; an advisory lock and the age of
 * the stored state make one of them do the work.
 */
export function startBackgroundJobs(config: Config, db: DataSource, log: Logger): { stop: () => void } {
  if (!config.retentionRefreshMinutes) return { stop: () => undefined };
  const every = config.retentionRefreshMinutes * 60_000;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    retentionEngine
      .refreshAll(db, { staleAfterMs: every * 0.9, log })
      .catch((error) => log.error({ err: error }, 'retention refresh failed'))
      .finally(() => (running = false));
  }, every);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** The folder holding package.json, from src/ or from dist/src/ alike. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
