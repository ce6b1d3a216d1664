import type { EntityManager } from 'typeorm';
import { CareLevel, ContactAttitude, DecisionRole } from './contact.enums';

/*
 * What a bulk import (the exchange module) needs of contacts: which already
 * exist, and inserting a batch of checked rows. Row checks (mobile, email,
 * birthday: personal-data.ts) and who may import are the importer's.
 */

export interface ImportedContact {
  id: string;
  customerId: string;
  name: string;
  title: string | null;
  department: string | null;
  careLevel: CareLevel;
  decisionRole: DecisionRole | null;
  attitude: ContactAttitude | null;
  mobile: string | null;
  email: string | null;
  birthday: string | null;
  note: string | null;
}

const key = (customerId: string, name: string) => `${customerId}|${name}`;

export const contactImport = {
  key,

  /** Existing contacts by `customerId|name` (a contact of the same name at the same customer is taken for the same person). */
  async byNamesAtCustomers(tx: EntityManager, pairs: readonly { customerId: string; name: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    // On ix_contact_customer_name by both lists, then the exact pairs in hand.
    const rows: { customerId: string; name: string }[] = await tx.query(
      `SELECT ct.customer_id AS "customerId", ct.name FROM contact ct WHERE ct.customer_id = ANY($1::uuid[]) AND ct.name = ANY($2::text[])`,
      [[...new Set(pairs.map((p) => p.customerId))], [...new Set(pairs.map((p) => p.name))]],
    );
    const wanted = new Set(pairs.map((p) => key(p.customerId, p.name)));
    return new Set(rows.map((row) => key(row.customerId, row.name)).filter((k) => wanted.has(k)));
  },

  /** Inserts a batch of imported contacts in one statement, inside the caller's transaction (the care-state triggers run as for any insert). */
  async insert(tx: EntityManager, rows: readonly ImportedContact[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO contact (id, customer_id, name, title, department, care_level, decision_role, attitude, mobile, email, birthday, note)
       SELECT r.id, r."customerId", r.name, r.title, r.department, r."careLevel"::care_level, r."decisionRole"::decision_role, r.attitude::contact_attitude,
              r.mobile, r.email, r.birthday, r.note
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "customerId" uuid, name text, title text, department text, "careLevel" text, "decisionRole" text,
            attitude text, mobile text, email text, birthday date, note text)`,
      [JSON.stringify(rows)],
    );
  },
};
