import { MigrationInterface, QueryRunner } from 'typeorm';

export class OpportunityApprovalRoute1795439254189 implements MigrationInterface {
  name = 'OpportunityApprovalRoute1795439254189';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "opportunity" ADD "approval_route" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "opportunity" DROP COLUMN "approval_route"`);
  }
}
