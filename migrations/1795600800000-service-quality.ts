import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN_STATES = `state IN ('OPEN', 'IN_PROGRESS', 'REOPENED')`;

/**
 * Issue 13, service quality (DOMAIN.md: Service quality): complaints 投诉
 * with their append-only history, service standards 分层分级服务, customer
 * events 开讲堂/走出去/请进来 and satisfaction surveys. Generated from the
 * entities, then given by hand: the complaint code sequence; the customer's
 * region path on each complaint, kept by triggers so that the overdue queue
 * reads one index range (service/complaint-queue.ts); the trigger that ends
 * a complaint's care follow-up once every key contact has been cared for
 * after its resolution; the trigger that keeps the history append-only; and
 * the service rules in version 1 of the business rules.
 */
export class ServiceQuality1795600800000 implements MigrationInterface {
  name = 'ServiceQuality1795600800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."complaint_channel" AS ENUM('PHONE', 'VISIT', 'EMAIL', 'HOTLINE_10086', 'PORTAL')`);
    await queryRunner.query(`CREATE TYPE "public"."complaint_category" AS ENUM('NETWORK', 'BILLING', 'SERVICE', 'PRODUCT', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."complaint_severity" AS ENUM('CRITICAL', 'MAJOR', 'MINOR')`);
    await queryRunner.query(`CREATE TYPE "public"."complaint_state" AS ENUM('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REOPENED')`);
    await queryRunner.query(
      `CREATE TABLE "complaint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(24) NOT NULL, "customer_id" uuid NOT NULL, "region_path" character varying(400) NOT NULL, "contact_id" uuid, "channel" "public"."complaint_channel" NOT NULL, "category" "public"."complaint_category" NOT NULL, "severity" "public"."complaint_severity" NOT NULL, "description" character varying(2000) NOT NULL, "state" "public"."complaint_state" NOT NULL DEFAULT 'OPEN', "first_responder_id" uuid NOT NULL, "handler_id" uuid, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rule_version" integer NOT NULL, "resolution" character varying(2000), "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "callback_satisfaction" integer, "reopened_count" integer NOT NULL DEFAULT '0', "follow_up_open" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_complaint_satisfaction" CHECK (callback_satisfaction BETWEEN 1 AND 5), CONSTRAINT "pk_complaint" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaint_follow_up" ON "complaint"  ("customer_id", "resolved_at") WHERE follow_up_open`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_due" ON "complaint"  ("due_at", "id") WHERE ${OPEN_STATES}`);
    await queryRunner.query(`CREATE INDEX "ix_complaint_handler" ON "complaint"  ("handler_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_first_responder" ON "complaint"  ("first_responder_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_customer" ON "complaint"  ("customer_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_complaint_created" ON "complaint"  ("created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_complaint_code" ON "complaint"  ("code") `);
    await queryRunner.query(`CREATE TYPE "public"."complaint_action" AS ENUM('RECORD', 'HAND_OVER', 'START', 'RESOLVE', 'CLOSE', 'REOPEN')`);
    await queryRunner.query(
      `CREATE TABLE "complaint_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "action" "public"."complaint_action" NOT NULL, "from_state" "public"."complaint_state", "to_state" "public"."complaint_state" NOT NULL, "actor_id" uuid NOT NULL, "handler_id" uuid, "note" character varying(2000), "satisfaction" integer, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_complaint_event_satisfaction" CHECK (satisfaction BETWEEN 1 AND 5), CONSTRAINT "pk_complaint_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_complaint_event_complaint" ON "complaint_event"  ("complaint_id", "at") `);
    await queryRunner.query(`CREATE TYPE "public"."customer_event_kind" AS ENUM('TRAINING', 'ONSITE', 'EXPERIENCE')`);
    await queryRunner.query(
      `CREATE TABLE "customer_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."customer_event_kind" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" character varying(1000), "cost" numeric(12,2) NOT NULL DEFAULT '0', "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_event_cost" CHECK (cost >= 0), CONSTRAINT "pk_customer_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_event_recorded_by" ON "customer_event"  ("recorded_by_id") `);
    await queryRunner.query(`CREATE INDEX "ix_customer_event_at" ON "customer_event"  ("at", "id") `);
    await queryRunner.query(
      `CREATE TABLE "customer_event_customer" ("event_id" uuid NOT NULL, "customer_id" uuid NOT NULL, CONSTRAINT "pk_customer_event_customer" PRIMARY KEY ("event_id", "customer_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_event_customer" ON "customer_event_customer"  ("customer_id", "event_id") `);
    await queryRunner.query(
      `CREATE TABLE "customer_event_attendee" ("event_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "care_activity_id" uuid NOT NULL, CONSTRAINT "pk_customer_event_attendee" PRIMARY KEY ("event_id", "contact_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_event_attendee_activity" ON "customer_event_attendee"  ("care_activity_id") `);
    await queryRunner.query(
      `CREATE TABLE "customer_event_opportunity" ("event_id" uuid NOT NULL, "opportunity_id" uuid NOT NULL, "linked_by_id" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_customer_event_opportunity" PRIMARY KEY ("event_id", "opportunity_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_event_opportunity" ON "customer_event_opportunity"  ("opportunity_id") `);
    await queryRunner.query(
      `CREATE TABLE "satisfaction_survey" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "score" integer NOT NULL, "note" character varying(1000), "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_satisfaction_survey_score" CHECK (score BETWEEN 1 AND 10), CONSTRAINT "pk_satisfaction_survey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_satisfaction_survey_period" ON "satisfaction_survey"  ("period") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_satisfaction_survey_period" ON "satisfaction_survey"  ("customer_id", "period") `);
    await queryRunner.query(`CREATE TYPE "public"."service_frequency" AS ENUM('QUARTER', 'YEAR')`);
    await queryRunner.query(`CREATE TYPE "public"."service_tier" AS ENUM('ENTITLED', 'STANDARD', 'INTEREST')`);
    await queryRunner.query(
      `CREATE TABLE "service_standard" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "grade" "public"."customer_grade" NOT NULL, "care_level" "public"."care_level" NOT NULL, "kind" "public"."care_activity_kind" NOT NULL, "times" integer NOT NULL, "per" "public"."service_frequency" NOT NULL, "tier" "public"."service_tier" NOT NULL, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_service_standard_times" CHECK (times BETWEEN 1 AND 100), CONSTRAINT "pk_service_standard" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_service_standard" ON "service_standard"  ("grade", "care_level", "kind") `);
    await queryRunner.query(`ALTER TABLE "complaint" ADD CONSTRAINT "fk_complaint_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "complaint" ADD CONSTRAINT "fk_complaint_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "complaint" ADD CONSTRAINT "fk_complaint_first_responder" FOREIGN KEY ("first_responder_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "complaint" ADD CONSTRAINT "fk_complaint_handler" FOREIGN KEY ("handler_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "complaint" ADD CONSTRAINT "fk_complaint_rule_version" FOREIGN KEY ("rule_version") REFERENCES "business_rule_set"("version") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_event" ADD CONSTRAINT "fk_complaint_event_complaint" FOREIGN KEY ("complaint_id") REFERENCES "complaint"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "fk_complaint_event_actor" FOREIGN KEY ("actor_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "complaint_event" ADD CONSTRAINT "fk_complaint_event_handler" FOREIGN KEY ("handler_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "customer_event" ADD CONSTRAINT "fk_customer_event_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_customer" ADD CONSTRAINT "fk_customer_event_customer_event" FOREIGN KEY ("event_id") REFERENCES "customer_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_customer" ADD CONSTRAINT "fk_customer_event_customer_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_attendee" ADD CONSTRAINT "fk_customer_event_attendee_event" FOREIGN KEY ("event_id") REFERENCES "customer_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_attendee" ADD CONSTRAINT "fk_customer_event_attendee_contact" FOREIGN KEY ("contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_attendee" ADD CONSTRAINT "fk_customer_event_attendee_care_activity" FOREIGN KEY ("care_activity_id") REFERENCES "care_activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_opportunity" ADD CONSTRAINT "fk_customer_event_opportunity_event" FOREIGN KEY ("event_id") REFERENCES "customer_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_opportunity" ADD CONSTRAINT "fk_customer_event_opportunity_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_event_opportunity" ADD CONSTRAINT "fk_customer_event_opportunity_linked_by" FOREIGN KEY ("linked_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "satisfaction_survey" ADD CONSTRAINT "fk_satisfaction_survey_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "satisfaction_survey" ADD CONSTRAINT "fk_satisfaction_survey_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_standard" ADD CONSTRAINT "fk_service_standard_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE SEQUENCE "complaint_code_seq" START 1`);
    // The customer's region path, on every complaint: set when recorded (or moved to another customer), followed when the customer moves.
    await queryRunner.query(`CREATE FUNCTION crm_complaint_region_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.region_path := (SELECT r.path FROM group_customer c JOIN region r ON r.id = c.region_id WHERE c.id = NEW.customer_id);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tg_complaint_region_path" BEFORE INSERT OR UPDATE OF customer_id ON "complaint" FOR EACH ROW EXECUTE FUNCTION crm_complaint_region_path()`);
    await queryRunner.query(`CREATE FUNCTION crm_customer_complaint_region() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE complaint SET region_path = (SELECT r.path FROM region r WHERE r.id = NEW.region_id) WHERE customer_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_group_customer_complaint_region" AFTER UPDATE OF region_id ON "group_customer" FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id) EXECUTE FUNCTION crm_customer_complaint_region()`,
    );
    // Written exactly as complaint-queue.ts reads it: a leader's region is one prefix range, open complaints only.
    await queryRunner.query(`CREATE INDEX "ix_complaint_open_region_due" ON "complaint" ("region_path" text_pattern_ops, "due_at", "id") WHERE ${OPEN_STATES}`);
    // 投诉客户关怀: a resolution's follow-up ends once no MANAGEMENT or KEY_PERSON contact of the customer was last cared for before it.
    // Named to fire after tg_care_activity_insert, which moves the contacts' last_cared_at first.
    await queryRunner.query(`CREATE FUNCTION crm_complaint_follow_up_done() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE complaint cp SET follow_up_open = false
        WHERE cp.follow_up_open AND cp.customer_id IN (SELECT ct.customer_id FROM new_rows n JOIN contact ct ON ct.id = n.contact_id)
          AND NOT EXISTS (SELECT 1 FROM contact k WHERE k.customer_id = cp.customer_id AND k.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND k.left_on IS NULL
                            AND (k.last_cared_at IS NULL OR k.last_cared_at < cp.resolved_at));
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_care_activity_insert_follow_up" AFTER INSERT ON "care_activity" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION crm_complaint_follow_up_done()`,
    );
    // History is written once: no statement may change or remove an entry (a customer's removal still cascades).
    await queryRunner.query(`CREATE FUNCTION crm_complaint_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' OR pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'complaint_event is append-only' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tg_complaint_event_append_only" BEFORE UPDATE OR DELETE ON "complaint_event" FOR EACH ROW EXECUTE FUNCTION crm_complaint_event_append_only()`);
    await queryRunner.query(
      `UPDATE "business_rule_set" SET "rules" = "rules" || '{"service": {"criticalComplaintHours": 4, "majorComplaintHours": 24, "minorComplaintHours": 72, "keyAccountDeadlineFactor": 0.5, "satisfactionTarget": 8.5}}' WHERE "version" = 1`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "business_rule_set" SET "rules" = "rules" - 'service'`);
    await queryRunner.query(`DROP TRIGGER "tg_complaint_event_append_only" ON "complaint_event"`);
    await queryRunner.query(`DROP FUNCTION crm_complaint_event_append_only()`);
    await queryRunner.query(`DROP TRIGGER "tg_care_activity_insert_follow_up" ON "care_activity"`);
    await queryRunner.query(`DROP FUNCTION crm_complaint_follow_up_done()`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_open_region_due"`);
    await queryRunner.query(`DROP TRIGGER "tg_group_customer_complaint_region" ON "group_customer"`);
    await queryRunner.query(`DROP FUNCTION crm_customer_complaint_region()`);
    await queryRunner.query(`DROP TRIGGER "tg_complaint_region_path" ON "complaint"`);
    await queryRunner.query(`DROP FUNCTION crm_complaint_region_path()`);
    await queryRunner.query(`DROP SEQUENCE "complaint_code_seq"`);
    await queryRunner.query(`ALTER TABLE "service_standard" DROP CONSTRAINT "fk_service_standard_updated_by"`);
    await queryRunner.query(`ALTER TABLE "satisfaction_survey" DROP CONSTRAINT "fk_satisfaction_survey_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "satisfaction_survey" DROP CONSTRAINT "fk_satisfaction_survey_customer"`);
    await queryRunner.query(`ALTER TABLE "customer_event_opportunity" DROP CONSTRAINT "fk_customer_event_opportunity_linked_by"`);
    await queryRunner.query(`ALTER TABLE "customer_event_opportunity" DROP CONSTRAINT "fk_customer_event_opportunity_opportunity"`);
    await queryRunner.query(`ALTER TABLE "customer_event_opportunity" DROP CONSTRAINT "fk_customer_event_opportunity_event"`);
    await queryRunner.query(`ALTER TABLE "customer_event_attendee" DROP CONSTRAINT "fk_customer_event_attendee_care_activity"`);
    await queryRunner.query(`ALTER TABLE "customer_event_attendee" DROP CONSTRAINT "fk_customer_event_attendee_contact"`);
    await queryRunner.query(`ALTER TABLE "customer_event_attendee" DROP CONSTRAINT "fk_customer_event_attendee_event"`);
    await queryRunner.query(`ALTER TABLE "customer_event_customer" DROP CONSTRAINT "fk_customer_event_customer_customer"`);
    await queryRunner.query(`ALTER TABLE "customer_event_customer" DROP CONSTRAINT "fk_customer_event_customer_event"`);
    await queryRunner.query(`ALTER TABLE "customer_event" DROP CONSTRAINT "fk_customer_event_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "fk_complaint_event_handler"`);
    await queryRunner.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "fk_complaint_event_actor"`);
    await queryRunner.query(`ALTER TABLE "complaint_event" DROP CONSTRAINT "fk_complaint_event_complaint"`);
    await queryRunner.query(`ALTER TABLE "complaint" DROP CONSTRAINT "fk_complaint_rule_version"`);
    await queryRunner.query(`ALTER TABLE "complaint" DROP CONSTRAINT "fk_complaint_handler"`);
    await queryRunner.query(`ALTER TABLE "complaint" DROP CONSTRAINT "fk_complaint_first_responder"`);
    await queryRunner.query(`ALTER TABLE "complaint" DROP CONSTRAINT "fk_complaint_contact"`);
    await queryRunner.query(`ALTER TABLE "complaint" DROP CONSTRAINT "fk_complaint_customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_service_standard"`);
    await queryRunner.query(`DROP TABLE "service_standard"`);
    await queryRunner.query(`DROP TYPE "public"."service_tier"`);
    await queryRunner.query(`DROP TYPE "public"."service_frequency"`);
    await queryRunner.query(`DROP INDEX "public"."uq_satisfaction_survey_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_satisfaction_survey_period"`);
    await queryRunner.query(`DROP TABLE "satisfaction_survey"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_event_opportunity"`);
    await queryRunner.query(`DROP TABLE "customer_event_opportunity"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_event_attendee_activity"`);
    await queryRunner.query(`DROP TABLE "customer_event_attendee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_event_customer"`);
    await queryRunner.query(`DROP TABLE "customer_event_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_event_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_event_recorded_by"`);
    await queryRunner.query(`DROP TABLE "customer_event"`);
    await queryRunner.query(`DROP TYPE "public"."customer_event_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_event_complaint"`);
    await queryRunner.query(`DROP TABLE "complaint_event"`);
    await queryRunner.query(`DROP TYPE "public"."complaint_action"`);
    await queryRunner.query(`DROP INDEX "public"."uq_complaint_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_first_responder"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_handler"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_complaint_follow_up"`);
    await queryRunner.query(`DROP TABLE "complaint"`);
    await queryRunner.query(`DROP TYPE "public"."complaint_state"`);
    await queryRunner.query(`DROP TYPE "public"."complaint_severity"`);
    await queryRunner.query(`DROP TYPE "public"."complaint_category"`);
    await queryRunner.query(`DROP TYPE "public"."complaint_channel"`);
  }
}
