import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrustedDocuments1795600300000 implements MigrationInterface {
  name = 'TrustedDocuments1795600300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trusted_document" ("id" character(64) NOT NULL, "name" character varying(128) NOT NULL, "document" text NOT NULL, "source" character varying(16) NOT NULL, "registered_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_trusted_document_source" CHECK (source IN ('EXAMPLES', 'ADMIN')), CONSTRAINT "pk_trusted_document" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "trusted_document" ADD CONSTRAINT "fk_trusted_document_registered_by" FOREIGN KEY ("registered_by_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trusted_document" DROP CONSTRAINT "fk_trusted_document_registered_by"`);
    await queryRunner.query(`DROP TABLE "trusted_document"`);
  }
}
