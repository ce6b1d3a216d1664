import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The contacts list sorts by (name, id), but its index held the name alone:
 * at L, with about 1,700 contacts to a name, a keyset page (and each page of
 * a 1,000,000-row export) read every contact of its first name to return
 * 100. The index now holds the whole sort key.
 */
export class ContactNameOrder1795600900001 implements MigrationInterface {
  name = 'ContactNameOrder1795600900001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_contact_name"`);
    await queryRunner.query(`CREATE INDEX "ix_contact_name" ON "contact" ("name", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_contact_name"`);
    await queryRunner.query(`CREATE INDEX "ix_contact_name" ON "contact" ("name") `);
  }
}
