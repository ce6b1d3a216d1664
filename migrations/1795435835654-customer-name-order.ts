import { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerNameOrder1795435835654 implements MigrationInterface {
  name = 'CustomerNameOrder1795435835654';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_group_customer_name" ON "group_customer"  ("name", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_name"`);
  }
}
