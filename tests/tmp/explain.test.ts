import { loadData, SCALES } from '../../bench/data';
import { Loaders } from '../../src/platform/context';
import { organisationService } from '../../src/modules/organisation/organisation.service';
import { riskQueries } from '../../src/modules/retention/risk-queries';
import { retentionReport } from '../../src/modules/retention/retention-report';
import { RetentionReportBy } from '../../src/modules/retention/retention.enums';
import { startTestApp } from '../support/harness';

jest.setTimeout(900_000);
it('explains', async () => {
  const t = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '600000' });
  await loadData(t.db, { ...SCALES.S, customers: Number(process.env.N ?? 10000) }, () => undefined);
  const captured: [string, unknown[]][] = [];
  const orig = t.db.query.bind(t.db);
  (t.db as any).query = async (sql: string, params: unknown[]) => {
    captured.push([sql, params]);
    return orig(sql, params);
  };
  for (const who of ['sx-leader', 'xa-leader', 'bench-am38']) {
    const viewer = (await organisationService.viewerFor(t.db, who))!;
    const ctx = { viewer, db: t.db, loaders: new Loaders(), log: console, config: t.config, requestId: 'x' } as any;
    captured.length = 0;
    const page = await riskQueries.atRisk(ctx, null, { first: 20 });
    await page.count();
    await riskQueries.ofCustomers(ctx, page.edges.map((e) => e.node.id));
    await retentionReport(ctx, { from: new Date(Date.now() - 90 * 86400000), to: new Date() }, RetentionReportBy.REGION, null);
    for (const [sql, params] of captured) {
      const t0 = Date.now();
      const plan = await orig(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      console.log(`${who} ${Date.now() - t0} ms\n${sql.slice(0, 300)}\n${plan.map((r: any) => r['QUERY PLAN']).join('\n')}`);
    }
  }
  await t.close();
});
