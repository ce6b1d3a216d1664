/**
 * Care owed after something another module records: the service module's
 * resolved complaints (投诉客户关怀, DOMAIN.md: Service quality). That module
 * registers, when the app is composed (src/app.ts), SQL saying since when a
 * contact has been owed such care, so contacts never names its tables and
 * never imports it. Without a registration nobody is owed any.
 */
export interface CareFollowUpSource {
  /** Since when the contact `contactAlias` has been owed follow-up care (a timestamptz), or NULL when it is not. */
  dueSince(contactAlias: string): string;
  /** The customers that may have such contacts (a SELECT of one column): few, so the due list walks their contacts. */
  customers: string;
}

let source: CareFollowUpSource | null = null;

export function registerCareFollowUp(registered: CareFollowUpSource): void {
  source = registered;
}

/** Since when contact `ct` has been owed follow-up care, or NULL. */
export function followUpDueSince(contactAlias = 'ct'): string {
  return source ? source.dueSince(contactAlias) : 'CAST(NULL AS timestamptz)';
}

export function followUpCustomers(): string {
  return source ? source.customers : 'SELECT CAST(NULL AS uuid) WHERE FALSE';
}
