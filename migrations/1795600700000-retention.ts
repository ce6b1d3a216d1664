import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention 流失预警与挽回 and segmentation 客户细分 (issue 12): monthly revenue
 * from billing, the computed risk and segment of each customer, retention
 * cases and their actions, the versioned segment rules, and the billing
 * integration role.
 */
export class Retention1795600700000 implements MigrationInterface {
  name = 'Retention1795600700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "customer_monthly_revenue" ("customer_id" uuid NOT NULL, "month" date NOT NULL, "revenue" numeric(15,2) NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_monthly_revenue_month" CHECK (extract(day from month) = 1), CONSTRAINT "ck_customer_monthly_revenue_revenue" CHECK (revenue >= 0), CONSTRAINT "pk_customer_monthly_revenue" PRIMARY KEY ("customer_id", "month"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_monthly_revenue_month" ON "customer_monthly_revenue"  ("month") `);
    await queryRunner.query(`CREATE TYPE "public"."retention_case_origin" AS ENUM('MANUAL', 'PROPOSED')`);
    await queryRunner.query(`CREATE TYPE "public"."retention_case_stage" AS ENUM('OPEN', 'IN_PROGRESS', 'CLOSED')`);
    await queryRunner.query(`CREATE TYPE "public"."risk_level" AS ENUM('LOW', 'MEDIUM', 'HIGH')`);
    await queryRunner.query(`CREATE TYPE "public"."retention_outcome" AS ENUM('RETAINED', 'LOST', 'ABANDONED')`);
    await queryRunner.query(`CREATE TYPE "public"."loss_reason" AS ENUM('COMPETITOR', 'SERVICE', 'PRICE', 'RELOCATION', 'CLOSURE', 'OTHER')`);
    await queryRunner.query(`CREATE TYPE "public"."abandon_reason" AS ENUM('MALICIOUS_ARREARS', 'LOW_VALUE')`);
    await queryRunner.query(
      `CREATE TABLE "retention_case" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "origin" "public"."retention_case_origin" NOT NULL, "stage" "public"."retention_case_stage" NOT NULL DEFAULT 'OPEN', "risk_level_at_open" "public"."risk_level" NOT NULL, "signals_at_open" jsonb NOT NULL DEFAULT '[]', "lead_id" uuid NOT NULL, "co_lead_id" uuid, "opened_by_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "note" character varying(1000), "outcome" "public"."retention_outcome", "loss_reason" "public"."loss_reason", "rival_carrier" "public"."carrier", "abandon_reason" "public"."abandon_reason", "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_id" uuid, "close_note" character varying(1000), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "pk_retention_case" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_retention_case_closed_at" ON "retention_case"  ("closed_at") `);
    await queryRunner.query(`CREATE INDEX "ix_retention_case_opened_at" ON "retention_case"  ("opened_at") `);
    await queryRunner.query(`CREATE INDEX "ix_retention_case_co_lead" ON "retention_case"  ("co_lead_id", "opened_at") `);
    await queryRunner.query(`CREATE INDEX "ix_retention_case_lead" ON "retention_case"  ("lead_id", "opened_at") `);
    await queryRunner.query(`CREATE INDEX "ix_retention_case_customer" ON "retention_case"  ("customer_id", "opened_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_retention_case_open" ON "retention_case"  ("customer_id") WHERE closed_at IS NULL`);
    await queryRunner.query(`CREATE TYPE "public"."retention_action_kind" AS ENUM('VISIT', 'OFFER', 'ESCALATION', 'NOTE')`);
    await queryRunner.query(
      `CREATE TABLE "retention_action" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "kind" "public"."retention_action_kind" NOT NULL, "occurred_on" date NOT NULL, "note" character varying(2000) NOT NULL, "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_retention_action" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_retention_action_case" ON "retention_action"  ("case_id", "occurred_on") `);
    await queryRunner.query(
      `CREATE TABLE "retention_state" ("id" uuid NOT NULL, "level_rank" smallint NOT NULL, "signals" character varying(32) array NOT NULL, "evidence" jsonb NOT NULL, "revenue" numeric(15,2) NOT NULL, "priority" numeric(17,2) NOT NULL, "growth_percent" numeric(9,1), "product_lines" integer NOT NULL DEFAULT '0', "segment_code" character varying(32), "segment_rule" integer, "segment_version" integer, "rule_version" integer NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_retention_state" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_retention_state_segment" ON "retention_state"  ("segment_code") `);
    await queryRunner.query(`CREATE INDEX "ix_retention_state_priority" ON "retention_state"  ("priority", "id") `);
    await queryRunner.query(
      `CREATE TABLE "segment_rule_set" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "changed_by_id" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "note" character varying(500), CONSTRAINT "pk_segment_rule_set" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(`ALTER TYPE "public"."staff_role" ADD VALUE IF NOT EXISTS 'BILLING_INTEGRATION'`);
    // Version 1 of the segment rules 客户细分: the first a customer matches is its segment (segment-rules.ts).
    await queryRunner.query(`INSERT INTO "segment_rule_set" ("version", "rules", "note") VALUES (1, $1, 'The default segments')`, [
      JSON.stringify([
        { code: 'HIGH_VALUE_GROWTH', name: '高价值成长', minRevenue: '100000.00', minGrowthPercent: 10 },
        { code: 'HIGH_VALUE', name: '高价值稳定', minRevenue: '100000.00' },
        { code: 'DECLINING', name: '价值下滑', maxGrowthPercent: -20 },
        { code: 'MULTI_PRODUCT', name: '多业务融合', minProductLines: 3 },
        { code: 'POTENTIAL', name: '成长潜力', minGrowthPercent: 20 },
        { code: 'STANDARD', name: '普通维系' },
      ]),
    ]);
    await queryRunner.query(
      `ALTER TABLE "customer_monthly_revenue" ADD CONSTRAINT "fk_customer_monthly_revenue_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_monthly_revenue" ADD CONSTRAINT "fk_customer_monthly_revenue_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "retention_case" ADD CONSTRAINT "fk_retention_case_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "retention_case" ADD CONSTRAINT "fk_retention_case_lead" FOREIGN KEY ("lead_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "retention_case" ADD CONSTRAINT "fk_retention_case_co_lead" FOREIGN KEY ("co_lead_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "retention_case" ADD CONSTRAINT "fk_retention_case_opened_by" FOREIGN KEY ("opened_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "retention_case" ADD CONSTRAINT "fk_retention_case_closed_by" FOREIGN KEY ("closed_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "retention_action" ADD CONSTRAINT "fk_retention_action_case" FOREIGN KEY ("case_id") REFERENCES "retention_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "retention_action" ADD CONSTRAINT "fk_retention_action_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "retention_state" ADD CONSTRAINT "fk_retention_state_customer" FOREIGN KEY ("id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "segment_rule_set" ADD CONSTRAINT "fk_segment_rule_set_changed_by" FOREIGN KEY ("changed_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Remove the role: its holders lose it (and those left with no role, their sign-in), then the type is rebuilt without it.
    await queryRunner.query(`UPDATE "staff" SET "roles" = array_remove("roles", 'BILLING_INTEGRATION'), "active" = "active" AND "roles" <> '{BILLING_INTEGRATION}'`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_step_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incentive_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_reclassification_queue"`);
    await queryRunner.query(
      `CREATE TYPE "public"."staff_role_old" AS ENUM('ADMIN', 'PROVINCE_LEADER', 'CITY_LEADER', 'COUNTY_LEADER', 'INDUSTRY_MANAGER', 'ACCOUNT_MANAGER', 'GRID_MANAGER', 'SUPPORT_MANAGER', 'PARTNER', 'OPPORTUNITY_ADMIN')`,
    );
    await queryRunner.query(`ALTER TABLE "approval_step" ALTER COLUMN "approver_role" TYPE "public"."staff_role_old" USING "approver_role"::"text"::"public"."staff_role_old"`);
    await queryRunner.query(`ALTER TABLE "incentive" ALTER COLUMN "decider_role" TYPE "public"."staff_role_old" USING "decider_role"::"text"::"public"."staff_role_old"`);
    await queryRunner.query(`ALTER TABLE "customer_reclassification" ALTER COLUMN "decider_role" TYPE "public"."staff_role_old" USING "decider_role"::"text"::"public"."staff_role_old"`);
    await queryRunner.query(`ALTER TABLE "staff" ALTER COLUMN "roles" TYPE "public"."staff_role_old"[] USING "roles"::"text"::"public"."staff_role_old"[]`);
    await queryRunner.query(`DROP TYPE "public"."staff_role"`);
    await queryRunner.query(`ALTER TYPE "public"."staff_role_old" RENAME TO "staff_role"`);
    await queryRunner.query(`CREATE INDEX "ix_approval_step_queue" ON "approval_step" ("state", "approver_role", "region_id")`);
    await queryRunner.query(`CREATE INDEX "ix_incentive_queue" ON "incentive" ("state", "decider_role", "decider_region_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "ix_customer_reclassification_queue" ON "customer_reclassification" ("state", "decider_role", "decider_region_id", "created_at")`);
    await queryRunner.query(`ALTER TABLE "segment_rule_set" DROP CONSTRAINT "fk_segment_rule_set_changed_by"`);
    await queryRunner.query(`ALTER TABLE "retention_state" DROP CONSTRAINT "fk_retention_state_customer"`);
    await queryRunner.query(`ALTER TABLE "retention_action" DROP CONSTRAINT "fk_retention_action_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "retention_action" DROP CONSTRAINT "fk_retention_action_case"`);
    await queryRunner.query(`ALTER TABLE "retention_case" DROP CONSTRAINT "fk_retention_case_closed_by"`);
    await queryRunner.query(`ALTER TABLE "retention_case" DROP CONSTRAINT "fk_retention_case_opened_by"`);
    await queryRunner.query(`ALTER TABLE "retention_case" DROP CONSTRAINT "fk_retention_case_co_lead"`);
    await queryRunner.query(`ALTER TABLE "retention_case" DROP CONSTRAINT "fk_retention_case_lead"`);
    await queryRunner.query(`ALTER TABLE "retention_case" DROP CONSTRAINT "fk_retention_case_customer"`);
    await queryRunner.query(`ALTER TABLE "customer_monthly_revenue" DROP CONSTRAINT "fk_customer_monthly_revenue_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "customer_monthly_revenue" DROP CONSTRAINT "fk_customer_monthly_revenue_customer"`);
    await queryRunner.query(`DROP TABLE "segment_rule_set"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_state_priority"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_state_segment"`);
    await queryRunner.query(`DROP TABLE "retention_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_action_case"`);
    await queryRunner.query(`DROP TABLE "retention_action"`);
    await queryRunner.query(`DROP TYPE "public"."retention_action_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_retention_case_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_case_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_case_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_case_co_lead"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_case_opened_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_case_closed_at"`);
    await queryRunner.query(`DROP TABLE "retention_case"`);
    await queryRunner.query(`DROP TYPE "public"."abandon_reason"`);
    await queryRunner.query(`DROP TYPE "public"."loss_reason"`);
    await queryRunner.query(`DROP TYPE "public"."retention_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."risk_level"`);
    await queryRunner.query(`DROP TYPE "public"."retention_case_stage"`);
    await queryRunner.query(`DROP TYPE "public"."retention_case_origin"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_monthly_revenue_month"`);
    await queryRunner.query(`DROP TABLE "customer_monthly_revenue"`);
  }
}
