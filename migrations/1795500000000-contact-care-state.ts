import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each contact carries its newest care touch and the moment its next care
 * falls due, kept by triggers in the transaction that writes a care record,
 * a contact or a care policy — so due lists walk an index instead of working
 * out every contact's state in the viewer's scope (issue: Province scale).
 * Care status is still judged against "now" at read time.
 */
export class ContactCareState1795500000000 implements MigrationInterface {
  name = 'ContactCareState1795500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact" ADD "last_cared_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "contact" ADD "next_care_due_at" TIMESTAMP WITH TIME ZONE`);
    // A province's contacts are rewritten once here: no request-sized statement timeout for this migration.
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(
      `UPDATE "contact" ct SET "last_cared_at" = x.latest, "next_care_due_at" = coalesce(x.latest + make_interval(days => x.interval_days), ct.created_at)
       FROM (SELECT c2.id, a.latest, p.interval_days FROM contact c2 JOIN care_policy p ON p.care_level = c2.care_level
             LEFT JOIN (SELECT contact_id, max(occurred_at) AS latest FROM care_activity GROUP BY contact_id) a ON a.contact_id = c2.id) x
       WHERE x.id = ct.id`,
    );
    await queryRunner.query(`ALTER TABLE "contact" ALTER COLUMN "next_care_due_at" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_contact_next_care_due" ON "contact" ("next_care_due_at", "id") `);
    // Month and day of the birthday as MMDD: birthdays in the coming days are index ranges.
    await queryRunner.query(`CREATE INDEX "ix_contact_birthday_md" ON "contact" (((EXTRACT(MONTH FROM birthday) * 100 + EXTRACT(DAY FROM birthday))::int), "id") WHERE birthday IS NOT NULL`);

    // The last touch plus the level's interval; a contact never cared for was due when it was added.
    await queryRunner.query(`CREATE FUNCTION crm_contact_next_care_due() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.next_care_due_at := coalesce(NEW.last_cared_at + make_interval(days => (SELECT p.interval_days FROM care_policy p WHERE p.care_level = NEW.care_level)), NEW.created_at);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_contact_next_care_due" BEFORE INSERT OR UPDATE OF care_level, created_at, last_cared_at ON "contact" FOR EACH ROW EXECUTE FUNCTION crm_contact_next_care_due()`,
    );

    // Care records written, moved or removed: their contacts' newest touch is worked out again, once per statement.
    // One indexed UPDATE per contact: a join with the transition table, planned once and cached by PL/pgSQL, could scan every contact.
    await queryRunner.query(`CREATE FUNCTION crm_care_activity_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE touched record;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          FOR touched IN SELECT contact_id, max(occurred_at) AS latest FROM new_rows GROUP BY contact_id LOOP
            UPDATE contact SET last_cared_at = touched.latest
            WHERE id = touched.contact_id AND (last_cared_at IS NULL OR last_cared_at < touched.latest);
          END LOOP;
        ELSE
          FOR touched IN SELECT DISTINCT contact_id FROM old_rows LOOP
            UPDATE contact SET last_cared_at = (SELECT max(ca.occurred_at) FROM care_activity ca WHERE ca.contact_id = touched.contact_id) WHERE id = touched.contact_id;
          END LOOP;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tg_care_activity_insert" AFTER INSERT ON "care_activity" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_care_activity_touch()`);
    await queryRunner.query(`CREATE TRIGGER "tg_care_activity_delete" AFTER DELETE ON "care_activity" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_care_activity_touch()`);
    await queryRunner.query(`CREATE FUNCTION crm_care_activity_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE touched record;
      BEGIN
        FOR touched IN SELECT contact_id FROM old_rows UNION SELECT contact_id FROM new_rows LOOP
          UPDATE contact SET last_cared_at = (SELECT max(ca.occurred_at) FROM care_activity ca WHERE ca.contact_id = touched.contact_id) WHERE id = touched.contact_id;
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_care_activity_update" AFTER UPDATE ON "care_activity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_care_activity_moved()`,
    );

    // A changed interval moves the due moment of every contact at that level, in the transaction that changes it.
    await queryRunner.query(`CREATE FUNCTION crm_care_policy_interval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE contact SET next_care_due_at = last_cared_at + make_interval(days => NEW.interval_days)
        WHERE care_level = NEW.care_level AND last_cared_at IS NOT NULL;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_care_policy_interval" AFTER UPDATE OF interval_days ON "care_policy" FOR EACH ROW WHEN (OLD.interval_days IS DISTINCT FROM NEW.interval_days) EXECUTE FUNCTION crm_care_policy_interval()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tg_care_policy_interval" ON "care_policy"`);
    await queryRunner.query(`DROP FUNCTION crm_care_policy_interval()`);
    await queryRunner.query(`DROP TRIGGER "tg_care_activity_update" ON "care_activity"`);
    await queryRunner.query(`DROP FUNCTION crm_care_activity_moved()`);
    await queryRunner.query(`DROP TRIGGER "tg_care_activity_delete" ON "care_activity"`);
    await queryRunner.query(`DROP TRIGGER "tg_care_activity_insert" ON "care_activity"`);
    await queryRunner.query(`DROP FUNCTION crm_care_activity_touch()`);
    await queryRunner.query(`DROP TRIGGER "tg_contact_next_care_due" ON "contact"`);
    await queryRunner.query(`DROP FUNCTION crm_contact_next_care_due()`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_birthday_md"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_next_care_due"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "next_care_due_at"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "last_cared_at"`);
  }
}
