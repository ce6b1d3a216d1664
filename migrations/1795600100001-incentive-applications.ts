import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, incentive applications 激励申报 (DOMAIN.md: Follow-through): an
 * incentive becomes an application decided by the leader one level up
 * (state, decider fixed at filing, decision), several per opportunity over
 * time but one live (PENDING or APPROVED) at once; it no longer claims
 * partner commission 酬金, which follows the contract (commission.ts).
 * Generated from the entities, then ordered and given its data steps by hand.
 */
export class IncentiveApplications1795600100001 implements MigrationInterface {
  name = 'IncentiveApplications1795600100001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incentive" DROP CONSTRAINT "fk_incentive_commission_partner"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "commission_partner_id"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "eligibility"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incentive_opportunity"`);
    await queryRunner.query(`CREATE TYPE "public"."incentive_state" AS ENUM('PENDING', 'APPROVED', 'REJECTED')`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "state" "public"."incentive_state" NOT NULL DEFAULT 'PENDING'`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "decider_role" "public"."staff_role"`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "decider_region_id" uuid`);
    // Applications filed before this change await the decider incentive-routing.ts would name: the leader of the
    // customer's city above a county leader's filing, the province leader for everything else.
    await queryRunner.query(
      `UPDATE "incentive" i SET
         "decider_role" = (CASE WHEN f.county_filing THEN 'CITY_LEADER' ELSE 'PROVINCE_LEADER' END)::staff_role,
         "decider_region_id" = (CASE WHEN f.county_filing THEN split_part(f.path, '/', 3) ELSE split_part(f.path, '/', 2) END)::uuid
       FROM (SELECT i2.id, r.path,
                    c.management_level <> 'PROVINCE' AND 'COUNTY_LEADER' = ANY(s.roles) AND NOT ('CITY_LEADER' = ANY(s.roles) OR 'PROVINCE_LEADER' = ANY(s.roles)) AS county_filing
             FROM "incentive" i2 JOIN "staff" s ON s.id = i2.requested_by_id
             JOIN "opportunity" o ON o.id = i2.opportunity_id JOIN "group_customer" c ON c.id = o.customer_id JOIN "region" r ON r.id = c.region_id) f
       WHERE f.id = i.id`,
    );
    await queryRunner.query(`ALTER TABLE "incentive" ALTER COLUMN "decider_role" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "incentive" ALTER COLUMN "decider_region_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "decided_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "comment" character varying(1000)`);
    await queryRunner.query(`CREATE INDEX "ix_incentive_queue" ON "incentive"  ("state", "decider_role", "decider_region_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_incentive_opportunity" ON "incentive"  ("opportunity_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incentive_live" ON "incentive"  ("opportunity_id") WHERE state IN ('PENDING', 'APPROVED')`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD CONSTRAINT "fk_incentive_decider_region" FOREIGN KEY ("decider_region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD CONSTRAINT "fk_incentive_decided_by" FOREIGN KEY ("decided_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Partners read an opportunity's history and never incentive applications: the application row is the record of
    // who filed it and when, so the old REQUEST_INCENTIVE entries go (down() writes them back from the rows).
    await queryRunner.query(`DELETE FROM "opportunity_event" WHERE action = 'REQUEST_INCENTIVE'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "opportunity_event" (opportunity_id, action, from_stage, to_stage, actor_id, comment, at)
       SELECT i.opportunity_id, 'REQUEST_INCENTIVE', o.stage, o.stage, i.requested_by_id, i.note, i.created_at FROM "incentive" i JOIN "opportunity" o ON o.id = i.opportunity_id`,
    );
    await queryRunner.query(`ALTER TABLE "incentive" DROP CONSTRAINT "fk_incentive_decided_by"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP CONSTRAINT "fk_incentive_decider_region"`);
    await queryRunner.query(`DROP INDEX "public"."uq_incentive_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incentive_opportunity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_incentive_queue"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "comment"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "decided_by_id"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "decider_region_id"`);
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "decider_role"`);
    // The old schema held one application per opportunity: the latest of each stays.
    await queryRunner.query(
      `DELETE FROM "incentive" i WHERE EXISTS (SELECT 1 FROM "incentive" later WHERE later.opportunity_id = i.opportunity_id AND (later.created_at, later.id) > (i.created_at, i.id))`,
    );
    await queryRunner.query(`ALTER TABLE "incentive" DROP COLUMN "state"`);
    await queryRunner.query(`DROP TYPE "public"."incentive_state"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_incentive_opportunity" ON "incentive" USING btree ("opportunity_id") `);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "eligibility" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "incentive" ADD "commission_partner_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "incentive" ADD CONSTRAINT "fk_incentive_commission_partner" FOREIGN KEY ("commission_partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
