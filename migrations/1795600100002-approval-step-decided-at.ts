import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 11, the approval SLA report (approval-sla.ts) reads the steps decided in a period. */
export class ApprovalStepDecidedAt1795600100002 implements MigrationInterface {
  name = 'ApprovalStepDecidedAt1795600100002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_approval_step_decided_at" ON "approval_step"  ("decided_at") WHERE decided_at IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_approval_step_decided_at"`);
  }
}
