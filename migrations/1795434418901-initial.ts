import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795434418901 implements MigrationInterface {
  name = 'Initial1795434418901';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."region_level" AS ENUM('PROVINCE', 'CITY', 'COUNTY', 'GRID')`);
    await queryRunner.query(
      `CREATE TABLE "region" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(64) NOT NULL, "level" "public"."region_level" NOT NULL, "parent_id" uuid, "path" text COLLATE "C" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_region_root_is_province" CHECK ((parent_id IS NULL) = (level = 'PROVINCE')), CONSTRAINT "pk_region" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_region_code" ON "region"  ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_region_parent" ON "region"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_region_path" ON "region"  ("path") `);
    await queryRunner.query(
      `CREATE TABLE "partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(128) NOT NULL, "region_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_partner" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_partner_code" ON "partner"  ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_partner_region" ON "partner"  ("region_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."staff_role" AS ENUM('ADMIN', 'PROVINCE_LEADER', 'CITY_LEADER', 'COUNTY_LEADER', 'INDUSTRY_MANAGER', 'ACCOUNT_MANAGER', 'GRID_MANAGER', 'SUPPORT_MANAGER', 'PARTNER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."industry" AS ENUM('GOVERNMENT', 'EDUCATION', 'HEALTHCARE', 'FINANCE', 'TRANSPORT', 'MANUFACTURING', 'ENERGY', 'AGRICULTURE', 'RETAIL', 'CONSTRUCTION', 'INTERNET', 'CULTURE_TOURISM', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "employee_no" character varying(32) NOT NULL, "name" character varying(64) NOT NULL, "roles" "public"."staff_role" array NOT NULL, "region_id" uuid NOT NULL, "industry" "public"."industry", "partner_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_staff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_staff_employee_no" ON "staff"  ("employee_no") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_region" ON "staff"  ("region_id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_partner" ON "staff"  ("partner_id") `);
    await queryRunner.query(`CREATE TABLE "seed_run" ("step" character varying(64) NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_seed_run" PRIMARY KEY ("step"))`);
    await queryRunner.query(`ALTER TABLE "region" ADD CONSTRAINT "fk_region_parent" FOREIGN KEY ("parent_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "partner" ADD CONSTRAINT "fk_partner_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_partner" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_partner"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_region"`);
    await queryRunner.query(`ALTER TABLE "partner" DROP CONSTRAINT "fk_partner_region"`);
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "fk_region_parent"`);
    await queryRunner.query(`DROP TABLE "seed_run"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_region"`);
    await queryRunner.query(`DROP INDEX "public"."uq_staff_employee_no"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP TYPE "public"."industry"`);
    await queryRunner.query(`DROP TYPE "public"."staff_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_partner_region"`);
    await queryRunner.query(`DROP INDEX "public"."uq_partner_code"`);
    await queryRunner.query(`DROP TABLE "partner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_region_path"`);
    await queryRunner.query(`DROP INDEX "public"."ix_region_parent"`);
    await queryRunner.query(`DROP INDEX "public"."uq_region_code"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TYPE "public"."region_level"`);
  }
}
