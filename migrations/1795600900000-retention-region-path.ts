import { MigrationInterface, QueryRunner } from 'typeorm';

/** The lowest priority of a MEDIUM risk (retention/risk-queries.ts: LEVEL_STEP): the at-risk part of retention_state. */
const AT_RISK = 'priority >= 100000000000000';

/**
 * 流失预警 at province scale (issue 12): each stored risk carries its
 * customer's region path, kept by triggers in the writing transaction as
 * complaint.region_path is, so a leader's list and its count read the
 * stored risk alone instead of joining every row to its customer
 * (customerPolicy.exactRegionPath says when that is the viewer's whole
 * scope). The priority index carries the path, so a page walks it without
 * the table; a count walks a region's prefix of the at-risk index.
 */
export class RetentionRegionPath1795600900000 implements MigrationInterface {
  name = 'RetentionRegionPath1795600900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "retention_state" ADD "region_path" character varying(400)`);
    await queryRunner.query(`UPDATE retention_state s SET region_path = r.path FROM group_customer c JOIN region r ON r.id = c.region_id WHERE c.id = s.id`);
    await queryRunner.query(`ALTER TABLE "retention_state" ALTER COLUMN "region_path" SET NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION crm_retention_state_region_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.region_path := (SELECT r.path FROM group_customer c JOIN region r ON r.id = c.region_id WHERE c.id = NEW.id);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "tg_retention_state_region_path" BEFORE INSERT OR UPDATE OF id ON "retention_state" FOR EACH ROW EXECUTE FUNCTION crm_retention_state_region_path()`);
    await queryRunner.query(`CREATE FUNCTION crm_customer_retention_region() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE retention_state SET region_path = (SELECT r.path FROM region r WHERE r.id = NEW.region_id) WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_group_customer_retention_region" AFTER UPDATE OF region_id ON "group_customer" FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id) EXECUTE FUNCTION crm_customer_retention_region()`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_retention_state_priority"`);
    await queryRunner.query(`CREATE INDEX "ix_retention_state_priority" ON "retention_state" ("priority", "id") INCLUDE ("region_path")`);
    await queryRunner.query(`CREATE INDEX "ix_retention_state_risk_region" ON "retention_state" ("region_path" text_pattern_ops, "priority", "id") WHERE ${AT_RISK}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_retention_state_risk_region"`);
    await queryRunner.query(`DROP INDEX "public"."ix_retention_state_priority"`);
    await queryRunner.query(`CREATE INDEX "ix_retention_state_priority" ON "retention_state" ("priority", "id")`);
    await queryRunner.query(`DROP TRIGGER "tg_group_customer_retention_region" ON "group_customer"`);
    await queryRunner.query(`DROP FUNCTION crm_customer_retention_region()`);
    await queryRunner.query(`DROP TRIGGER "tg_retention_state_region_path" ON "retention_state"`);
    await queryRunner.query(`DROP FUNCTION crm_retention_state_region_path()`);
    await queryRunner.query(`ALTER TABLE "retention_state" DROP COLUMN "region_path"`);
  }
}
