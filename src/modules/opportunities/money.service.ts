import { commissions } from './commission';
import { contracts } from './contracts';
import { moneyQueries } from './money.queries';
import { partnerAccounts } from './partner-accounts';
import { partnerPortal } from './partner-portal';
import { ranking } from './ranking';

/**
 * The contract, commission and partner-portal service the money resolvers
 * and loaders call (issue 11), composed from a file per concern like
 * opportunity.service.ts:
 *
 * - contracts.ts — 签约 (win with the contract) and 开通 (provisioning)
 * - commission.ts — 酬金: opened at the win (rule: commission-rule.ts), reviewed, paid; rates
 * - money.queries.ts — reads and the loaders' batch functions
 * - partner-portal.ts — partnerStatistics; partner-accounts.ts — partner users of a city
 * - ranking.ts — 商机通报
 *
 * Who may see and do what: commission.policy.ts and partner-admin.policy.ts.
 */
export const moneyService = {
  ...contracts,
  ...commissions,
  ...moneyQueries,
  ...partnerPortal,
  ...partnerAccounts,
  ...ranking,
};
