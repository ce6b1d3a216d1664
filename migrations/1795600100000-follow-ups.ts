import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, follow-ups 跟进 (DOMAIN.md: Follow-through): the follow_up table
 * with its next steps, and on the opportunity the stall clock's two times —
 * approved_at (backfilled from the history) and last_follow_up_at — with the
 * expression index `opportunities(filter: { stalled })` walks (stall.ts).
 * Generated from the entities, then given its data step and index by hand.
 */
export class FollowUps1795600100000 implements MigrationInterface {
  name = 'FollowUps1795600100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."follow_up_kind" AS ENUM('VISIT', 'CALL', 'PROPOSAL', 'DEMO', 'NEGOTIATION', 'OTHER')`);
    await queryRunner.query(
      `CREATE TABLE "follow_up" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "opportunity_id" uuid NOT NULL, "kind" "public"."follow_up_kind" NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" character varying(2000) NOT NULL, "next_step" character varying(500), "next_step_due_on" date, "next_step_done_by_id" uuid, "author_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_follow_up_next_step" CHECK ((next_step IS NULL) = (next_step_due_on IS NULL)), CONSTRAINT "pk_follow_up" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_follow_up_open_next_step" ON "follow_up"  ("next_step_due_on", "id") WHERE next_step_due_on IS NOT NULL AND next_step_done_by_id IS NULL`);
    await queryRunner.query(`CREATE INDEX "ix_follow_up_author" ON "follow_up"  ("author_id") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_up_opportunity" ON "follow_up"  ("opportunity_id", "occurred_at", "id") `);
    await queryRunner.query(`ALTER TABLE "follow_up" ADD CONSTRAINT "fk_follow_up_opportunity" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "fk_follow_up_next_step_done_by" FOREIGN KEY ("next_step_done_by_id") REFERENCES "follow_up"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "follow_up" ADD CONSTRAINT "fk_follow_up_author" FOREIGN KEY ("author_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(`ALTER TABLE "opportunity" ADD "approved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "opportunity" ADD "last_follow_up_at" TIMESTAMP WITH TIME ZONE`);
    // Opportunities approved before this change: their approval time is in their history.
    await queryRunner.query(
      `UPDATE "opportunity" o SET "approved_at" = e.at FROM (SELECT opportunity_id, max(at) AS at FROM "opportunity_event" WHERE action = 'APPROVE_LAST_STEP' GROUP BY opportunity_id) e WHERE e.opportunity_id = o.id`,
    );
    // Written exactly as stall.ts (stallClockSql) queries it, or the planner will not use it; not partial, so that
    // its statistics tell the planner how few are stalled (stall.ts says why).
    await queryRunner.query(
      `CREATE INDEX "ix_opportunity_stall_clock" ON "opportunity" ((CASE WHEN stage IN ('APPROVED', 'IN_PROGRESS') THEN coalesce(last_follow_up_at, approved_at, registered_at) END))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_opportunity_stall_clock"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP COLUMN "last_follow_up_at"`);
    await queryRunner.query(`ALTER TABLE "opportunity" DROP COLUMN "approved_at"`);
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "fk_follow_up_author"`);
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "fk_follow_up_next_step_done_by"`);
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "fk_follow_up_opportunity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_opportunity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_author"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_open_next_step"`);
    await queryRunner.query(`DROP TABLE "follow_up"`);
    await queryRunner.query(`DROP TYPE "public"."follow_up_kind"`);
  }
}
