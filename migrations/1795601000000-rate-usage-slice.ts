import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cost slice the last charge of a principal took along for its instance
 * to spend without asking again (src/platform/rate-limit.ts): the charge
 * reports it, since RETURNING sees only the row after the update.
 */
export class RateUsageSlice1795601000000 implements MigrationInterface {
  name = 'RateUsageSlice1795601000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_usage ADD COLUMN slice integer NOT NULL DEFAULT 0`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rate_usage DROP COLUMN slice`);
  }
}
