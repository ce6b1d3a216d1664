import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, people and rules: level and grade change requests 变更申请
 * (customer_reclassification), the codes of merged customers
 * (customer_code_alias), contacts who left 离职 (contact.left_on), and
 * pending approval steps handed to a successor when their leader leaves
 * (approval_step.handed_to_id).
 */
export class PeopleAndRules1795600400000 implements MigrationInterface {
  name = 'PeopleAndRules1795600400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "customer_code_alias" ("code" character varying(16) NOT NULL, "customer_id" uuid NOT NULL, "name" character varying(128) NOT NULL, "merged_by_id" uuid NOT NULL, "merged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_customer_code_alias" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_code_alias_customer" ON "customer_code_alias"  ("customer_id") `);
    await queryRunner.query(`CREATE TYPE "public"."reclassification_state" AS ENUM('PENDING', 'APPROVED', 'REJECTED', 'CANCELLED')`);
    await queryRunner.query(
      `CREATE TABLE "customer_reclassification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "from_level" "public"."management_level" NOT NULL, "to_level" "public"."management_level", "from_grade" "public"."customer_grade" NOT NULL, "to_grade" "public"."customer_grade", "reason" character varying(1000) NOT NULL, "requested_by_id" uuid NOT NULL, "decider_role" "public"."staff_role" NOT NULL, "decider_region_id" uuid NOT NULL, "state" "public"."reclassification_state" NOT NULL DEFAULT 'PENDING', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "comment" character varying(1000), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_customer_reclassification" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_reclassification_customer" ON "customer_reclassification"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_customer_reclassification_queue" ON "customer_reclassification"  ("state", "decider_role", "decider_region_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_reclassification_pending" ON "customer_reclassification"  ("customer_id") WHERE state = 'PENDING'`);
    await queryRunner.query(`ALTER TABLE "contact" ADD "left_on" date`);
    await queryRunner.query(`ALTER TABLE "approval_step" ADD "handed_to_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_approval_step_handed_to" ON "approval_step"  ("handed_to_id") WHERE handed_to_id IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "customer_code_alias" ADD CONSTRAINT "fk_customer_code_alias_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_code_alias" ADD CONSTRAINT "fk_customer_code_alias_merged_by" FOREIGN KEY ("merged_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_reclassification" ADD CONSTRAINT "fk_customer_reclassification_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_reclassification" ADD CONSTRAINT "fk_customer_reclassification_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_reclassification" ADD CONSTRAINT "fk_customer_reclassification_decider_region" FOREIGN KEY ("decider_region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_reclassification" ADD CONSTRAINT "fk_customer_reclassification_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "approval_step" ADD CONSTRAINT "fk_approval_step_handed_to" FOREIGN KEY ("handed_to_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "approval_step" DROP CONSTRAINT "fk_approval_step_handed_to"`);
    await queryRunner.query(`ALTER TABLE "customer_reclassification" DROP CONSTRAINT "fk_customer_reclassification_decided_by"`);
    await queryRunner.query(`ALTER TABLE "customer_reclassification" DROP CONSTRAINT "fk_customer_reclassification_decider_region"`);
    await queryRunner.query(`ALTER TABLE "customer_reclassification" DROP CONSTRAINT "fk_customer_reclassification_requested_by"`);
    await queryRunner.query(`ALTER TABLE "customer_reclassification" DROP CONSTRAINT "fk_customer_reclassification_customer"`);
    await queryRunner.query(`ALTER TABLE "customer_code_alias" DROP CONSTRAINT "fk_customer_code_alias_merged_by"`);
    await queryRunner.query(`ALTER TABLE "customer_code_alias" DROP CONSTRAINT "fk_customer_code_alias_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_approval_step_handed_to"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP COLUMN "handed_to_id"`);
    await queryRunner.query(`ALTER TABLE "contact" DROP COLUMN "left_on"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_reclassification_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_reclassification_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_reclassification_customer"`);
    await queryRunner.query(`DROP TABLE "customer_reclassification"`);
    await queryRunner.query(`DROP TYPE "public"."reclassification_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_code_alias_customer"`);
    await queryRunner.query(`DROP TABLE "customer_code_alias"`);
  }
}
