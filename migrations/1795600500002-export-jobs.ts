import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 17, export jobs: large exports written in the background and kept for download until they expire. */
export class ExportJobs1795600500002 implements MigrationInterface {
  name = 'ExportJobs1795600500002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."export_state" AS ENUM('RUNNING', 'DONE', 'FAILED', 'EXPIRED')`);
    await queryRunner.query(
      `CREATE TABLE "export_job" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "list" character varying(32) NOT NULL, "format" character varying(8) NOT NULL, "variables" jsonb NOT NULL, "state" "public"."export_state" NOT NULL, "created_by_id" uuid NOT NULL, "rows_written" integer NOT NULL DEFAULT '0', "file_bytes" bigint, "failure" character varying(1000), "heartbeat_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_export_job" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_export_job_expires_at" ON "export_job"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "export_job" ADD CONSTRAINT "fk_export_job_created_by" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "export_job" DROP CONSTRAINT "fk_export_job_created_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_export_job_expires_at"`);
    await queryRunner.query(`DROP TABLE "export_job"`);
    await queryRunner.query(`DROP TYPE "public"."export_state"`);
  }
}
