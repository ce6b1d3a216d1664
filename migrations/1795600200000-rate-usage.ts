import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit accounting shared by every API instance (src/platform/rate-limit.ts):
 * one row per principal, the current minute's spent cost points and mutations.
 * UNLOGGED: no WAL for a counter that is fine to lose in a crash.
 */
export class RateUsage1795600200000 implements MigrationInterface {
  name = 'RateUsage1795600200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE rate_usage (
      principal varchar(64) PRIMARY KEY,
      window_start timestamptz NOT NULL,
      cost integer NOT NULL,
      mutations integer NOT NULL,
      refused boolean NOT NULL DEFAULT false
    ) WITH (fillfactor = 50)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_usage`);
  }
}
