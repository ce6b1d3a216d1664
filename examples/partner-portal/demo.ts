/**
 * Runs the example partner-portal client against a server:
 *
 *   npm start                                  # in another terminal
 *   CRM_TOKEN=$(npm run -s token -- p-huaxin) npx ts-node --transpile-only examples/partner-portal/demo.ts
 *
 * Reports an opportunity for 西安某科技公司 (accepted the first time, a 撞单
 * refusal every time after: the first registration protects it for 90
 * days), then prints every registration attempt, the won opportunities with
 * their commission, and this year's figures.
 * CRM_URL defaults to http://localhost:4000/graphql.
 */
import { PartnerPortalClient } from './client';

async function main() {
  const token = process.env.CRM_TOKEN;
  if (!token) throw new Error('Set CRM_TOKEN to a partner user’s token: CRM_TOKEN=$(npm run -s token -- p-huaxin)');
  const client = new PartnerPortalClient({
    url: process.env.CRM_URL ?? 'http://localhost:4000/graphql',
    token,
    onRetry: ({ attempt, delayMs, reason }) => say(`  attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms with the same idempotency key`),
  });

  const outcome = await client.reportOpportunity({
    customer: { creditCode: '91610113MA6TX8K2QX', name: '西安某科技公司' },
    title: '5G专网',
    products: ['CLOUD'],
    estimatedAmount: '300000.00',
    expectedCloseDate: `${new Date().getFullYear() + 1}-06-30`,
  });
  switch (outcome.status) {
    case 'ACCEPTED':
      say(`报备成功 ${outcome.opportunity.code} (${outcome.opportunity.stage}) for ${outcome.opportunity.customerSummary.name}`);
      break;
    case 'DUPLICATE':
      say(`撞单 — refused: ${outcome.message}`);
      break;
    case 'KEY_REUSED':
      say(`bug: idempotency key ${outcome.idempotencyKey} was used for another report`);
      break;
    case 'REFUSED':
      for (const error of outcome.userErrors) say(`refused: ${error.code} at ${(error.field ?? []).join('.')}: ${error.message}`);
      break;
  }

  say('\nRegistration attempts, newest first:');
  for await (const r of client.registrations(10)) {
    const what = r.opportunity ? `${r.opportunity.code} ${r.opportunity.stage}, protected until ${r.protectedUntil}` : `refused, collided with ${r.collidedWith?.code}`;
    say(`  ${r.registeredAt}  ${r.outcome.padEnd(17)} ${r.customerSummary.name}: ${what}`);
  }

  say('\nWon, with contract and commission 酬金:');
  for (const o of (await client.wonOpportunities(10)).nodes) {
    const c = o.commission;
    const commission = !c ? 'no commission' : c.state === 'REFUSED' ? `REFUSED (${c.refusalReason})` : `${c.state} ${c.amount} CNY${c.paidOn ? `, paid ${c.paidOn} ref ${c.paymentReference}` : ''}`;
    say(`  ${o.code} ${o.title}: contract ${o.contract?.number ?? '—'} ${o.contract?.provisioningState ?? ''}; ${commission}`);
  }

  const year = new Date().getFullYear();
  const figures = await client.statistics({ from: `${year}-01-01`, to: `${year}-12-31` });
  if (figures)
    say(`\nThis year: reported ${figures.reported}, won ${figures.won}; commission pending ${figures.commissionPending}, approved ${figures.commissionApproved}, paid ${figures.commissionPaid} CNY`);
}

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

main().catch((error: unknown) => {
  const requestId = (error as { requestId?: string }).requestId;
  process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}${requestId ? ` (requestId ${requestId})` : ''}\n`);
  process.exit(1);
});
