import { MigrationInterface, QueryRunner } from 'typeorm';

export class Opportunities1795435745456 implements MigrationInterface {
  name = 'Opportunities1795435745456';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Opportunity codes SJ<yyyymm>-<6 digits> draw their number from here (opportunity.service.ts: nextCode).
    await queryRunner.query(`CREATE SEQUENCE "opportunity_code_seq" START 1`);
    await queryRunner.query(
      `CREATE TABLE "approval_delegation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_id" uuid NOT NULL, "to_id" uuid NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_approval_delegation_two_people" CHECK (from_id <> to_id), CONSTRAINT "ck_approval_delegation_period" CHECK (valid_until > valid_from), CONSTRAINT "pk_approval_delegation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_approval_delegation_from" ON "approval_delegation"  ("from_id") `);
    await queryRunner.query(`CREATE INDEX "ix_approval_delegation_to" ON "approval_delegation"  ("to_id", "valid_until") `);
    await queryRunner.query(`CREATE TYPE "public"."opportunity_category" AS ENUM('STANDARD_PRODUCT', 'ICT_PROJECT', 'COMPETITOR')`);
    await queryRunner.query(`CREATE TYPE "public"."opportunity_source" AS ENUM('ACCOUNT_MANAGER', 'LEADER_ASSIGNED', 'PARTNER')`);
    await queryRunner.query(
      `CREATE TYPE "public"."product_line" AS ENUM('INTERNET_LINE', 'DATA_LINE', 'DARK_FIBER', 'IOT', 'DATA_POOL', 'GROUP_MAS', 'IDC', 'IMS_FIXED', 'CLOUD', 'VPMN', 'ICT_INTEGRATION')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."opportunity_stage" AS ENUM('DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS', 'WON', 'LOST', 'REJECTED', 'CANCELLED')`);
    await queryRunner.query(`CREATE TYPE "public"."carrier" AS ENUM('CHINA_TELECOM', 'CHINA_UNICOM', 'CHINA_BROADNET', 'OTHER')`);
    await queryRunner.query(
      `CREATE TABLE "opportunity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "customer_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "category" "public"."opportunity_category" NOT NULL, "source" "public"."opportunity_source" NOT NULL, "products" "public"."product_line" array NOT NULL, "estimated_amount" numeric(15,2) NOT NULL, "expected_close_date" date NOT NULL, "description" character varying(2000), "stage" "public"."opportunity_stage" NOT NULL, "competitor_carrier" "public"."carrier", "competitor_product" character varying(128), "competitor_monthly_fee" numeric(15,2), "competitor_bandwidth_mbps" integer, "competitor_contract_expires_on" date, "reporter_id" uuid NOT NULL, "partner_id" uuid, "owner_id" uuid, "follower_ids" uuid array NOT NULL DEFAULT '{}', "support_resources" character varying array NOT NULL DEFAULT '{}', "support_manager_id" uuid, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" character varying(500), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_opportunity_products" CHECK (cardinality(products) > 0), CONSTRAINT "ck_opportunity_amount" CHECK (estimated_amount >= 0), CONSTRAINT "pk_opportunity" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_opportunity_code" ON "opportunity"  ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_customer" ON "opportunity"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_stage" ON "opportunity"  ("stage") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_competitor_expiry" ON "opportunity"  ("competitor_contract_expires_on") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_reporter" ON "opportunity"  ("reporter_id") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_partner" ON "opportunity"  ("partner_id") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_owner" ON "opportunity"  ("owner_id") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_registered_at" ON "opportunity"  ("registered_at") `);
    await queryRunner.query(`CREATE INDEX "ix_opportunity_created_at" ON "opportunity"  ("created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."approval_state" AS ENUM('PENDING', 'APPROVED', 'RETURNED', 'REJECTED', 'SKIPPED')`);
    await queryRunner.query(
      `CREATE TABLE "approval_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opportunity_id" uuid NOT NULL, "round" integer NOT NULL, "sequence" integer NOT NULL, "approver_role" "public"."staff_role" NOT NULL, "region_id" uuid NOT NULL, "state" "public"."approval_state" NOT NULL DEFAULT 'PENDING', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" uuid, "on_behalf_of_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "comment" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_approval_step" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_approval_step_queue" ON "approval_step"  ("state", "approver_role", "region_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_approval_step" ON "approval_step"  ("opportunity_id", "round", "sequence") `);
    await queryRunner.query(
      `CREATE TABLE "incentive" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opportunity_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "amount" numeric(15,2) NOT NULL, "note" character varying(1000), "commission_partner_id" uuid, "eligibility" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_incentive" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incentive_opportunity" ON "incentive"  ("opportunity_id") `);
    await queryRunner.query(
      `CREATE TABLE "opportunity_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opportunity_id" uuid NOT NULL, "action" character varying(32) NOT NULL, "from_stage" "public"."opportunity_stage", "to_stage" "public"."opportunity_stage", "actor_id" uuid NOT NULL, "on_behalf_of_id" uuid, "by_partner" boolean NOT NULL DEFAULT false, "comment" character varying(1000), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_opportunity_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_opportunity_event_opportunity" ON "opportunity_event"  ("opportunity_id", "at") `);
    await queryRunner.query(`CREATE TYPE "public"."registration_outcome" AS ENUM('ACCEPTED', 'REFUSED_DUPLICATE')`);
    await queryRunner.query(
      `CREATE TABLE "registration_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "products" "public"."product_line" array NOT NULL, "outcome" "public"."registration_outcome" NOT NULL, "opportunity_id" uuid, "collided_with_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_registration_attempt" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_registration_attempt_partner_customer" ON "registration_attempt"  ("partner_id", "customer_id") `);
    await queryRunner.query(
      `CREATE TABLE "partner_report_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "idempotency_key" character varying(255) NOT NULL, "input_hash" character(64) NOT NULL, "attempt_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_partner_report_request" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_partner_report_request_key" ON "partner_report_request"  ("partner_id", "idempotency_key") `);
    await queryRunner.query(`ALTER TABLE "approval_delegation" ADD CONSTRAINT "fk_approval_delegation_from" FOREIGN KEY ("from_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "approval_delegation" ADD CONSTRAINT "fk_approval_delegation_to" FOREIGN KEY ("to_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD CONSTRAINT "fk_opportunity_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD CONSTRAINT "fk_opportunity_reporter" FOREIGN KEY ("reporter_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD CONSTRAINT "fk_opportunity_partner" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD CONSTRAINT "fk_opportunity_owner" FOREIGN KEY ("owner_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "opportunity" ADD CONSTRAINT "fk_opportunity_support_manager" FOREIGN KEY ("support_manager_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "approval_step" ADD CONSTRAINT "fk_approval_step_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "approval_step" ADD CONSTRAINT "fk_approval_step_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "approval_step" ADD CONSTRAINT "fk_approval_step_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "approval_step" ADD CONSTRAINT "fk_approval_step_on_behalf_of" FOREIGN KEY ("on_behalf_of_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "incentive" ADD CONSTRAINT "fk_incentive_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD CONSTRAINT "fk_incentive_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "incentive" ADD CONSTRAINT "fk_incentive_commission_partner" FOREIGN KEY ("commission_partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "opportunity_event" ADD CONSTRAINT "fk_opportunity_event_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "opportunity_event" ADD CONSTRAINT "fk_opportunity_event_actor" FOREIGN KEY ("actor_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "opportunity_event" ADD CONSTRAINT "fk_opportunity_event_on_behalf_of" FOREIGN KEY ("on_behalf_of_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registration_attempt" ADD CONSTRAINT "fk_registration_attempt_partner" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registration_attempt" ADD CONSTRAINT "fk_registration_attempt_reporter" FOREIGN KEY ("reporter_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registration_attempt" ADD CONSTRAINT "fk_registration_attempt_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registration_attempt" ADD CONSTRAINT "fk_registration_attempt_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "registration_attempt" ADD CONSTRAINT "fk_registration_attempt_collided_with" FOREIGN KEY ("collided_with_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_report_request" ADD CONSTRAINT "fk_partner_report_request_partner" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "partner_report_request" ADD CONSTRAINT "fk_partner_report_request_attempt" FOREIGN KEY ("attempt_id") REFERENCES "registration_attempt"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The duplicate check 撞单 asks for overlapping product lines (`products && …`).
    await queryRunner.query(`CREATE INDEX "ix_opportunity_products" ON "opportunity" USING gin (products)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_opportunity_products"`);
    await queryRunner.query(`ALTER TABLE "partner_report_request" DROP CONSTRAINT "fk_partner_report_request_attempt"`);
    await queryRunner.query(`ALTER TABLE "partner_report_request" DROP CONSTRAINT "fk_partner_report_request_partner"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP CONSTRAINT "fk_registration_attempt_collided_with"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP CONSTRAINT "fk_registration_attempt_opportunity"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP CONSTRAINT "fk_registration_attempt_customer"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP CONSTRAINT "fk_registration_attempt_reporter"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP CONSTRAINT "fk_registration_attempt_partner"`);
    await queryRunner.query(`ALTER TABLE "opportunity_event" DROP CONSTRAINT "fk_opportunity_event_on_behalf_of"`);
    await queryRunner.query(`ALTER TABLE "opportunity_event" DROP CONSTRAINT "fk_opportunity_event_actor"`);
    await queryRunner.query(`ALTER TABLE "opportunity_event" DROP CONSTRAINT "fk_opportunity_event_opportunity"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP CONSTRAINT "fk_incentive_commission_partner"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP CONSTRAINT "fk_incentive_requested_by"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP CONSTRAINT "fk_incentive_opportunity"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP CONSTRAINT "fk_approval_step_on_behalf_of"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP CONSTRAINT "fk_approval_step_decided_by"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP CONSTRAINT "fk_approval_step_region"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP CONSTRAINT "fk_approval_step_opportunity"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_support_manager"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_owner"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_partner"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_reporter"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_customer"`);
    await queryRunner.query(`ALTER TABLE "approval_delegation" DROP CONSTRAINT "fk_approval_delegation_to"`);
    await queryRunner.query(`ALTER TABLE "approval_delegation" DROP CONSTRAINT "fk_approval_delegation_from"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partner_report_request_key"`);
    await queryRunner.query(`DROP TABLE "partner_report_request"`);
    await queryRunner.query(`DROP INDEX "public"."ix_registration_attempt_partner_customer"`);
    await queryRunner.query(`DROP TABLE "registration_attempt"`);
    await queryRunner.query(`DROP TYPE "public"."registration_outcome"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_event_opportunity"`);
    await queryRunner.query(`DROP TABLE "opportunity_event"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incentive_opportunity"`);
    await queryRunner.query(`DROP TABLE "incentive"`);
    await queryRunner.query(`DROP INDEX "public"."uq_approval_step"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_step_queue"`);
    await queryRunner.query(`DROP TABLE "approval_step"`);
    await queryRunner.query(`DROP TYPE "public"."approval_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_created_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_registered_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_reporter"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_competitor_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_stage"`);
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_opportunity_code"`);
    await queryRunner.query(`DROP TABLE "opportunity"`);
    await queryRunner.query(`DROP TYPE "public"."carrier"`);
    await queryRunner.query(`DROP TYPE "public"."opportunity_stage"`);
    await queryRunner.query(`DROP TYPE "public"."product_line"`);
    await queryRunner.query(`DROP TYPE "public"."opportunity_source"`);
    await queryRunner.query(`DROP TYPE "public"."opportunity_category"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_delegation_to"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_delegation_from"`);
    await queryRunner.query(`DROP TABLE "approval_delegation"`);
    await queryRunner.query(`DROP SEQUENCE "opportunity_code_seq"`);
  }
}
