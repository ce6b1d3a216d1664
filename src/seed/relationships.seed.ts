import { EntityManager } from 'typeorm';
import { RelationshipType } from '../modules/relationships/relationship.enums';
import { random } from './names';
import { SeedStep } from './runner';

interface ContactRow {
  id: string;
  customer_id: string;
  care_level: string;
  account_manager_id: string | null;
  region_path: string;
}

/**
 * A believable network for the demo: account managers know several of their
 * customers' contacts, leaders know management in their region, a few hubs
 * know many people, and contacts of different customers are former
 * colleagues or alumni. About a fifth of the MANAGEMENT and KEY_PERSON
 * contacts stay unknown, so relationshipGaps has something to show. Runs
 * after the contacts step; with no contacts it records nothing.
 */
export const relationshipsSeed: SeedStep = {
  name: 'relationships-v1',
  async run(tx: EntityManager) {
    const rand = random(5150);
    const contacts: ContactRow[] = await tx.query(
      `SELECT ct.id, ct.customer_id, ct.care_level::text, c.account_manager_id, r.path AS region_path
       FROM contact ct JOIN group_customer c ON c.id = ct.customer_id JOIN region r ON r.id = c.region_id ORDER BY ct.id`,
    );
    if (contacts.length === 0) return;
    const leaders: { id: string; path: string }[] = await tx.query(
      `SELECT s.id, r.path FROM staff s JOIN region r ON r.id = s.region_id WHERE s.roles && '{CITY_LEADER,COUNTY_LEADER,PROVINCE_LEADER}'::staff_role[] ORDER BY s.employee_no`,
    );
    const [{ id: admin }] = await tx.query(`SELECT id FROM staff WHERE 'ADMIN' = ANY(roles) ORDER BY employee_no LIMIT 1`);
    const hubs: { id: string }[] = await tx.query(`SELECT id FROM staff WHERE employee_no IN ('xa-leader', 'xa-am1', 'sx-leader') ORDER BY employee_no`);
    const rows = new Map<string, unknown[]>();
    const relate = (a: { id: string; staff: boolean }, b: { id: string; staff: boolean }, type: RelationshipType, strength: number) => {
      if (a.id === b.id) return;
      const [p, q] = a.id < b.id ? [a, b] : [b, a];
      const key = `${p.id}:${q.id}:${type}`;
      if (rows.has(key)) return;
      const since = `${2008 + Math.floor(rand() * 16)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-01`;
      rows.set(key, [type, p.staff ? p.id : null, p.staff ? null : p.id, q.staff ? q.id : null, q.staff ? null : q.id, p.id, q.id, strength, since, admin]);
    };
    const staff = (id: string) => ({ id, staff: true });
    const contact = (id: string) => ({ id, staff: false });
    const important = (row: ContactRow) => row.care_level === 'MANAGEMENT' || row.care_level === 'KEY_PERSON';

    for (const row of contacts) {
      // A fifth of the important contacts are left for the gap list.
      if (important(row) && rand() < 0.2) continue;
      if (row.account_manager_id && rand() < 0.75) relate(staff(row.account_manager_id), contact(row.id), rand() < 0.5 ? RelationshipType.KNOWS : RelationshipType.FRIEND, 2 + Math.floor(rand() * 4));
      if (row.care_level === 'MANAGEMENT') {
        const over = leaders.filter((leader) => row.region_path.startsWith(leader.path));
        const leader = over[Math.floor(rand() * over.length)];
        if (leader && rand() < 0.6) relate(staff(leader.id), contact(row.id), rand() < 0.3 ? RelationshipType.ALUMNI : RelationshipType.KNOWS, 1 + Math.floor(rand() * 5));
      }
      if (rand() < 0.25) relate(staff(hubs[Math.floor(rand() * hubs.length)].id), contact(row.id), RelationshipType.KNOWS, 1 + Math.floor(rand() * 3));
    }
    // Ties across customers: former colleagues, alumni, family.
    for (let i = 0; i < contacts.length / 3; i++) {
      const a = contacts[Math.floor(rand() * contacts.length)];
      const b = contacts[Math.floor(rand() * contacts.length)];
      if (a.customer_id === b.customer_id) continue;
      const type = [RelationshipType.FORMER_COLLEAGUE, RelationshipType.ALUMNI, RelationshipType.FRIEND, RelationshipType.FAMILY][Math.floor(rand() * 4)];
      relate(contact(a.id), contact(b.id), type, 1 + Math.floor(rand() * 5));
    }
    for (const values of rows.values()) {
      await tx.query(
        `INSERT INTO relationship (type, a_staff_id, a_contact_id, b_staff_id, b_contact_id, person_a, person_b, strength, since, recorded_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        values,
      );
    }
  },
};
