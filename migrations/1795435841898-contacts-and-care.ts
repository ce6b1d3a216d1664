import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactsAndCare1795435841898 implements MigrationInterface {
  name = 'ContactsAndCare1795435841898';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."care_level" AS ENUM('MANAGEMENT', 'KEY_PERSON', 'LIAISON', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."decision_role" AS ENUM('DECISION_MAKER', 'INFLUENCER', 'USER', 'GATEKEEPER')`);
    await queryRunner.query(`CREATE TYPE "public"."contact_attitude" AS ENUM('SUPPORTER', 'NEUTRAL', 'OPPONENT')`);
    await queryRunner.query(
      `CREATE TABLE "contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "name" character varying(64) NOT NULL, "title" character varying(64), "department" character varying(64), "care_level" "public"."care_level" NOT NULL, "decision_role" "public"."decision_role", "attitude" "public"."contact_attitude", "reports_to_id" uuid, "mobile" character varying(11), "email" character varying(254), "birthday" date, "note" character varying(1000), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_contact_not_own_manager" CHECK (reports_to_id IS NULL OR reports_to_id <> id), CONSTRAINT "pk_contact" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_contact_name" ON "contact"  ("name") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_reports_to" ON "contact"  ("reports_to_id") `);
    await queryRunner.query(`CREATE INDEX "ix_contact_customer_name" ON "contact"  ("customer_id", "name") `);
    await queryRunner.query(`CREATE TYPE "public"."care_activity_kind" AS ENUM('VISIT', 'CALL', 'GIFT', 'EVENT', 'TRAINING', 'EXPERIENCE', 'ONSITE', 'GREETING')`);
    await queryRunner.query(
      `CREATE TABLE "care_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_id" uuid NOT NULL, "kind" "public"."care_activity_kind" NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" character varying(1000), "cost" numeric(12,2) NOT NULL DEFAULT '0', "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_care_activity_cost" CHECK (cost >= 0), CONSTRAINT "pk_care_activity" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_care_activity_recorded_by" ON "care_activity"  ("recorded_by_id") `);
    await queryRunner.query(`CREATE INDEX "ix_care_activity_contact_occurred" ON "care_activity"  ("contact_id", "occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "care_policy" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "care_level" "public"."care_level" NOT NULL, "interval_days" integer NOT NULL, "birthday_window_days" integer NOT NULL, "due_soon_days" integer NOT NULL, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_care_policy_due_soon" CHECK (due_soon_days BETWEEN 0 AND 365), CONSTRAINT "ck_care_policy_birthday_window" CHECK (birthday_window_days BETWEEN 0 AND 90), CONSTRAINT "ck_care_policy_interval" CHECK (interval_days BETWEEN 1 AND 3650), CONSTRAINT "pk_care_policy" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_care_policy_level" ON "care_policy"  ("care_level") `);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contact" ADD CONSTRAINT "fk_contact_reports_to" FOREIGN KEY ("reports_to_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "care_activity" ADD CONSTRAINT "fk_care_activity_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "care_activity" ADD CONSTRAINT "fk_care_activity_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "care_policy" ADD CONSTRAINT "fk_care_policy_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // DOMAIN.md: Key contacts and four-level care — default intervals and a 7-day birthday window; admins change them with setCarePolicy.
    await queryRunner.query(
      `INSERT INTO "care_policy" ("care_level", "interval_days", "birthday_window_days", "due_soon_days") VALUES ('MANAGEMENT', 30, 7, 7), ('KEY_PERSON', 30, 7, 7), ('LIAISON', 14, 7, 7), ('OTHER', 90, 7, 7)`,
    );
    // The next birthday on or after `today`; a 29 February birthday falls on 28 February in other years.
    await queryRunner.query(`CREATE FUNCTION crm_next_birthday(birthday date, today date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN (birthday + make_interval(years => y.n))::date >= today THEN (birthday + make_interval(years => y.n))::date ELSE (birthday + make_interval(years => y.n + 1))::date END
      FROM (SELECT greatest(date_part('year', age(today, birthday))::int, 0) AS n) y
    $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION crm_next_birthday(date, date)`);
    await queryRunner.query(`ALTER TABLE "care_policy" DROP CONSTRAINT "fk_care_policy_updated_by"`);
    await queryRunner.query(`ALTER TABLE "care_activity" DROP CONSTRAINT "fk_care_activity_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "care_activity" DROP CONSTRAINT "fk_care_activity_contact"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_reports_to"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP CONSTRAINT "fk_contact_customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_care_policy_level"`);
    await queryRunner.query(`DROP TABLE "care_policy"`);
    await queryRunner.query(`DROP INDEX "public"."ix_care_activity_contact_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."ix_care_activity_recorded_by"`);
    await queryRunner.query(`DROP TABLE "care_activity"`);
    await queryRunner.query(`DROP TYPE "public"."care_activity_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_customer_name"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_reports_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_contact_name"`);
    await queryRunner.query(`DROP TABLE "contact"`);
    await queryRunner.query(`DROP TYPE "public"."contact_attitude"`);
    await queryRunner.query(`DROP TYPE "public"."decision_role"`);
    await queryRunner.query(`DROP TYPE "public"."care_level"`);
  }
}
