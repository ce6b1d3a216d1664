import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 签约, 开通 and 酬金 (issue 11): contracts with their provisioning, commission
 * rates per product line (default 2.00% each, admin-editable data), partner
 * commissions, and the role OPPORTUNITY_ADMIN 商机管理员.
 */
export class ContractsAndCommission1795600000000 implements MigrationInterface {
  name = 'ContractsAndCommission1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "commission_rate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "product_line" "public"."product_line" NOT NULL, "rate_percent" numeric(5,2) NOT NULL, "set_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_commission_rate_percent" CHECK (rate_percent >= 0 AND rate_percent <= 100), CONSTRAINT "pk_commission_rate" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_commission_rate_current" ON "commission_rate"  ("product_line", "created_at") `);
    await queryRunner.query(`CREATE TYPE "public"."provisioning_state" AS ENUM('PROVISIONING', 'IN_SERVICE', 'PROVISIONING_FAILED')`);
    await queryRunner.query(
      `CREATE TABLE "contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opportunity_id" uuid NOT NULL, "number" character varying(64) NOT NULL, "signed_amount" numeric(15,2) NOT NULL, "term_months" integer NOT NULL, "signed_on" date NOT NULL, "product_line" "public"."product_line" NOT NULL, "provisioning_state" "public"."provisioning_state" NOT NULL DEFAULT 'PROVISIONING', "in_service_on" date, "failed_on" date, "failure_reason" character varying(500), "signed_by_id" uuid NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_contract_amount" CHECK (signed_amount > 0), CONSTRAINT "ck_contract_term" CHECK (term_months BETWEEN 1 AND 120), CONSTRAINT "pk_contract" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_opportunity" ON "contract"  ("opportunity_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_contract_number" ON "contract"  ("number") `);
    await queryRunner.query(`CREATE TYPE "public"."commission_state" AS ENUM('PENDING', 'APPROVED', 'PAID', 'REFUSED')`);
    await queryRunner.query(`CREATE TYPE "public"."commission_refusal_reason" AS ENUM('NO_REGISTRATION', 'REGISTERED_AFTER_WIN', 'DUPLICATE_REFUSED', 'REVIEW_REFUSED')`);
    await queryRunner.query(
      `CREATE TABLE "commission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opportunity_id" uuid NOT NULL, "contract_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "state" "public"."commission_state" NOT NULL, "refusal_reason" "public"."commission_refusal_reason", "refusal_comment" character varying(500), "rate_id" uuid NOT NULL, "rate_percent" numeric(5,2) NOT NULL, "amount" numeric(15,2) NOT NULL, "reviewed_by_id" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, "payment_reference" character varying(64), "paid_on" date, "paid_recorded_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_commission_amount" CHECK (amount >= 0), CONSTRAINT "pk_commission" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_commission_partner" ON "commission"  ("partner_id") `);
    await queryRunner.query(`CREATE INDEX "ix_commission_state_created" ON "commission"  ("state", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_commission_opportunity_partner" ON "commission"  ("opportunity_id", "partner_id") `);
    await queryRunner.query(`ALTER TABLE "commission_rate" ADD CONSTRAINT "fk_commission_rate_set_by" FOREIGN KEY ("set_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "fk_contract_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "fk_contract_signed_by" FOREIGN KEY ("signed_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commission" ADD CONSTRAINT "fk_commission_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commission" ADD CONSTRAINT "fk_commission_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commission" ADD CONSTRAINT "fk_commission_partner" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commission" ADD CONSTRAINT "fk_commission_rate" FOREIGN KEY ("rate_id") REFERENCES "commission_rate"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commission" ADD CONSTRAINT "fk_commission_reviewed_by" FOREIGN KEY ("reviewed_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "commission" ADD CONSTRAINT "fk_commission_paid_recorded_by" FOREIGN KEY ("paid_recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // A new enum value is usable once this transaction commits (PostgreSQL 12+); nothing here uses it.
    await queryRunner.query(`ALTER TYPE "public"."staff_role" ADD VALUE IF NOT EXISTS 'OPPORTUNITY_ADMIN'`);
    await queryRunner.query(`INSERT INTO "commission_rate" ("product_line", "rate_percent") SELECT unnest(enum_range(NULL::"public"."product_line")), 2.00`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "commission" DROP CONSTRAINT "fk_commission_paid_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "commission" DROP CONSTRAINT "fk_commission_reviewed_by"`);
    await queryRunner.query(`ALTER TABLE "commission" DROP CONSTRAINT "fk_commission_rate"`);
    await queryRunner.query(`ALTER TABLE "commission" DROP CONSTRAINT "fk_commission_partner"`);
    await queryRunner.query(`ALTER TABLE "commission" DROP CONSTRAINT "fk_commission_contract"`);
    await queryRunner.query(`ALTER TABLE "commission" DROP CONSTRAINT "fk_commission_opportunity"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "fk_contract_signed_by"`);
    await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "fk_contract_opportunity"`);
    await queryRunner.query(`ALTER TABLE "commission_rate" DROP CONSTRAINT "fk_commission_rate_set_by"`);
    await queryRunner.query(`DROP INDEX "public"."uq_commission_opportunity_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_commission_state_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_commission_partner"`);
    await queryRunner.query(`DROP TABLE "commission"`);
    await queryRunner.query(`DROP TYPE "public"."commission_refusal_reason"`);
    await queryRunner.query(`DROP TYPE "public"."commission_state"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contract_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_contract_opportunity"`);
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`DROP TYPE "public"."provisioning_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_commission_rate_current"`);
    await queryRunner.query(`DROP TABLE "commission_rate"`);
    // Remove the role: its holders lose it (and those left with no role, their sign-in), then the type is rebuilt without it.
    await queryRunner.query(`UPDATE "staff" SET "roles" = array_remove("roles", 'OPPORTUNITY_ADMIN'), "active" = "active" AND "roles" <> '{OPPORTUNITY_ADMIN}'`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_step_queue"`);
    await queryRunner.query(
      `CREATE TYPE "public"."staff_role_old" AS ENUM('ADMIN', 'PROVINCE_LEADER', 'CITY_LEADER', 'COUNTY_LEADER', 'INDUSTRY_MANAGER', 'ACCOUNT_MANAGER', 'GRID_MANAGER', 'SUPPORT_MANAGER', 'PARTNER')`,
    );
    await queryRunner.query(`ALTER TABLE "approval_step" ALTER COLUMN "approver_role" TYPE "public"."staff_role_old" USING "approver_role"::"text"::"public"."staff_role_old"`);
    await queryRunner.query(`ALTER TABLE "staff" ALTER COLUMN "roles" TYPE "public"."staff_role_old"[] USING "roles"::"text"::"public"."staff_role_old"[]`);
    await queryRunner.query(`DROP TYPE "public"."staff_role"`);
    await queryRunner.query(`ALTER TYPE "public"."staff_role_old" RENAME TO "staff_role"`);
    await queryRunner.query(`CREATE INDEX "ix_approval_step_queue" ON "approval_step" ("state", "approver_role", "region_id")`);
  }
}
