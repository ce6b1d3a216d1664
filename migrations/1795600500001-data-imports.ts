import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, bulk import: an uploaded file (import_job) and its dry run's
 * per-row report (import_row), kept after the commit as its record.
 */
export class DataImports1795600500001 implements MigrationInterface {
  name = 'DataImports1795600500001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."import_kind" AS ENUM('CUSTOMERS', 'CONTACTS')`);
    await queryRunner.query(`CREATE TYPE "public"."import_state" AS ENUM('VALIDATED', 'COMMITTING', 'COMMITTED', 'FAILED')`);
    await queryRunner.query(
      `CREATE TABLE "import_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."import_kind" NOT NULL, "state" "public"."import_state" NOT NULL, "format" character varying(8) NOT NULL, "file_name" character varying(255), "created_by_id" uuid NOT NULL, "rows_total" integer NOT NULL, "rows_valid" integer NOT NULL, "rows_invalid" integer NOT NULL, "rows_duplicate" integer NOT NULL, "rows_done" integer NOT NULL DEFAULT '0', "rows_created" integer NOT NULL DEFAULT '0', "failure" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_import_job_counts" CHECK (rows_done <= rows_total), CONSTRAINT "pk_import_job" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_import_job_state" ON "import_job"  ("state") `);
    await queryRunner.query(`CREATE TYPE "public"."import_row_status" AS ENUM('VALID', 'INVALID', 'DUPLICATE', 'CREATED', 'SKIPPED')`);
    await queryRunner.query(
      `CREATE TABLE "import_row" ("job_id" uuid NOT NULL, "line" integer NOT NULL, "status" "public"."import_row_status" NOT NULL, "problems" jsonb NOT NULL DEFAULT '[]', "data" jsonb, "created_id" uuid, CONSTRAINT "pk_import_row" PRIMARY KEY ("job_id", "line"))`,
    );
    await queryRunner.query(`ALTER TABLE "import_job" ADD CONSTRAINT "fk_import_job_created_by" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_row" ADD CONSTRAINT "fk_import_row_job" FOREIGN KEY ("job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_row" DROP CONSTRAINT "fk_import_row_job"`);
    await queryRunner.query(`ALTER TABLE "import_job" DROP CONSTRAINT "fk_import_job_created_by"`);
    await queryRunner.query(`DROP TABLE "import_row"`);
    await queryRunner.query(`DROP TYPE "public"."import_row_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_import_job_state"`);
    await queryRunner.query(`DROP TABLE "import_job"`);
    await queryRunner.query(`DROP TYPE "public"."import_state"`);
    await queryRunner.query(`DROP TYPE "public"."import_kind"`);
  }
}
