import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business rules as versioned data (issue 14). Version 1 holds the defaults of
 * DOMAIN.md, the values the code used as constants until now, so existing
 * registrations, routes and steps are recorded against it.
 */
export class BusinessRules1795600600000 implements MigrationInterface {
  name = 'BusinessRules1795600600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "business_rule_set" ("version" integer NOT NULL, "rules" jsonb NOT NULL, "changed_by_id" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "note" character varying(500), CONSTRAINT "pk_business_rule_set" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "business_rule_set" ADD CONSTRAINT "fk_business_rule_set_changed_by" FOREIGN KEY ("changed_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "business_rule_set" ("version", "rules", "note") VALUES (1, '{"opportunity": {"protectionWindowDays": 90, "provinceStepThreshold": "5000000.00", "stepDueHours": 72}, "followThrough": {"stallDays": 14}}', 'The defaults of the domain rules')`,
    );

    await queryRunner.query(`ALTER TABLE "opportunity" ADD "route_rule_version" integer`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD "protected_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD "rule_version" integer`);
    await queryRunner.query(
      `UPDATE "opportunity" SET "protected_until" = "registered_at" + interval '90 days', "rule_version" = 1, "route_rule_version" = CASE WHEN "approval_route" IS NULL THEN NULL ELSE 1 END`,
    );
    await queryRunner.query(`ALTER TABLE "opportunity" ALTER COLUMN "protected_until" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "opportunity" ALTER COLUMN "rule_version" SET NOT NULL`);

    await queryRunner.query(`ALTER TABLE "approval_step" ADD "rule_version" integer`);
    await queryRunner.query(`UPDATE "approval_step" SET "rule_version" = 1`);
    await queryRunner.query(`ALTER TABLE "approval_step" ALTER COLUMN "rule_version" SET NOT NULL`);

    await queryRunner.query(`ALTER TABLE "registration_attempt" ADD "protected_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" ADD "rule_version" integer`);
    await queryRunner.query(`UPDATE "registration_attempt" SET "rule_version" = 1, "protected_until" = CASE WHEN "outcome" = 'ACCEPTED' THEN "at" + interval '90 days' END`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" ALTER COLUMN "rule_version" SET NOT NULL`);

    for (const [table, column, name] of [
      ['opportunity', 'route_rule_version', 'fk_opportunity_route_rule_version'],
      ['opportunity', 'rule_version', 'fk_opportunity_rule_version'],
      ['approval_step', 'rule_version', 'fk_approval_step_rule_version'],
      ['registration_attempt', 'rule_version', 'fk_registration_attempt_rule_version'],
    ]) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "business_rule_set"("version") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP CONSTRAINT "fk_registration_attempt_rule_version"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP CONSTRAINT "fk_approval_step_rule_version"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_rule_version"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP CONSTRAINT "fk_opportunity_route_rule_version"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP COLUMN "rule_version"`);
    await queryRunner.query(`ALTER TABLE "registration_attempt" DROP COLUMN "protected_until"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP COLUMN "rule_version"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP COLUMN "rule_version"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP COLUMN "protected_until"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP COLUMN "route_rule_version"`);
    await queryRunner.query(`ALTER TABLE "business_rule_set" DROP CONSTRAINT "fk_business_rule_set_changed_by"`);
    await queryRunner.query(`DROP TABLE "business_rule_set"`);
  }
}
