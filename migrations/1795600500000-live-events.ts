import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, live subscriptions: what the scheduled checks have announced —
 * approval steps announced overdue, and up to when care falling due was
 * announced. What was already overdue or due when this runs counts as
 * announced, so the first check does not send the whole backlog.
 */
export class LiveEvents1795600500000 implements MigrationInterface {
  name = 'LiveEvents1795600500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "care_due_check" ("id" integer NOT NULL, "checked_until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_care_due_check_one_row" CHECK (id = 1), CONSTRAINT "pk_care_due_check" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "care_due_check" ("id", "checked_until") VALUES (1, now())`);
    await queryRunner.query(`ALTER TABLE "approval_step" ADD "overdue_announced_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "approval_step" SET "overdue_announced_at" = "due_at" WHERE state = 'PENDING' AND due_at < now()`);
    await queryRunner.query(`CREATE INDEX "ix_approval_step_overdue_unannounced" ON "approval_step"  ("due_at") WHERE state = 'PENDING' AND overdue_announced_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_approval_step_overdue_unannounced"`);
    await queryRunner.query(`ALTER TABLE "approval_step" DROP COLUMN "overdue_announced_at"`);
    await queryRunner.query(`DROP TABLE "care_due_check"`);
  }
}
