import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupCustomers1795435330308 implements MigrationInterface {
  name = 'GroupCustomers1795435330308';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One numbering rule for every customer code (JT + 8 digits).
    await queryRunner.query(`CREATE SEQUENCE "group_customer_code_seq" START 1`);
    // Bigrams of any text, lower-cased: substring search that works for Chinese whatever the collation.
    await queryRunner.query(`CREATE FUNCTION crm_bigrams(input text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(lower(input), i, 2)), '{}') FROM generate_series(1, char_length(input) - 1) AS i
    $$`);
    await queryRunner.query(`CREATE TYPE "public"."customer_grade" AS ENUM('A1', 'A2', 'B1', 'B2', 'C', 'D')`);
    await queryRunner.query(`CREATE TYPE "public"."management_level" AS ENUM('PROVINCE', 'CITY', 'COUNTY')`);
    await queryRunner.query(`CREATE TYPE "public"."customer_status" AS ENUM('PROSPECT', 'ACTIVE', 'DORMANT', 'CHURNED')`);
    await queryRunner.query(
      `CREATE TABLE "group_customer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "name" character varying(128) NOT NULL, "credit_code" character(18), "industry" "public"."industry" NOT NULL, "grade" "public"."customer_grade" NOT NULL, "management_level" "public"."management_level" NOT NULL, "region_id" uuid NOT NULL, "account_manager_id" uuid, "member_count" integer NOT NULL DEFAULT '0', "monthly_revenue" numeric(15,2) NOT NULL DEFAULT '0', "status" "public"."customer_status" NOT NULL DEFAULT 'ACTIVE', "churn_reason" character varying(500), "address" character varying(256), "parent_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_group_customer_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "ck_group_customer_revenue" CHECK (monthly_revenue >= 0), CONSTRAINT "ck_group_customer_member_count" CHECK (member_count >= 0), CONSTRAINT "pk_group_customer" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_group_customer_code" ON "group_customer"  ("code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_group_customer_credit_code" ON "group_customer"  ("credit_code") WHERE credit_code IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_region" ON "group_customer"  ("region_id") `);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_account_manager" ON "group_customer"  ("account_manager_id") `);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_revenue" ON "group_customer"  ("monthly_revenue") `);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_parent" ON "group_customer"  ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_updated_at" ON "group_customer"  ("updated_at") `);
    await queryRunner.query(
      `CREATE TABLE "customer_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "action" character varying(32) NOT NULL, "changes" jsonb NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_customer_change" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_change_customer" ON "customer_change"  ("customer_id", "at") `);
    await queryRunner.query(`CREATE TYPE "public"."customer_relation_type" AS ENUM('SUBSIDIARY', 'GUARANTEE', 'AFFILIATE')`);
    await queryRunner.query(
      `CREATE TABLE "customer_relation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "from_customer_id" uuid NOT NULL, "to_customer_id" uuid NOT NULL, "type" "public"."customer_relation_type" NOT NULL, "note" character varying(500), "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_relation_two_customers" CHECK (from_customer_id <> to_customer_id), CONSTRAINT "pk_customer_relation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_customer_relation_to" ON "customer_relation"  ("to_customer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_relation" ON "customer_relation"  ("from_customer_id", "to_customer_id", "type") `);
    await queryRunner.query(`ALTER TABLE "group_customer" ADD CONSTRAINT "fk_group_customer_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "group_customer" ADD CONSTRAINT "fk_group_customer_account_manager" FOREIGN KEY ("account_manager_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_customer" ADD CONSTRAINT "fk_group_customer_parent" FOREIGN KEY ("parent_id") REFERENCES "group_customer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_change" ADD CONSTRAINT "fk_customer_change_customer" FOREIGN KEY ("customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "customer_change" ADD CONSTRAINT "fk_customer_change_actor" FOREIGN KEY ("actor_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "customer_relation" ADD CONSTRAINT "fk_customer_relation_from" FOREIGN KEY ("from_customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_relation" ADD CONSTRAINT "fk_customer_relation_to" FOREIGN KEY ("to_customer_id") REFERENCES "group_customer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "customer_relation" ADD CONSTRAINT "fk_customer_relation_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "ix_group_customer_search" ON "group_customer" USING gin (crm_bigrams(name || ' ' || code || ' ' || coalesce(credit_code, '')))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_group_customer_search"`);
    await queryRunner.query(`ALTER TABLE "customer_relation" DROP CONSTRAINT "fk_customer_relation_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "customer_relation" DROP CONSTRAINT "fk_customer_relation_to"`);
    await queryRunner.query(`ALTER TABLE "customer_relation" DROP CONSTRAINT "fk_customer_relation_from"`);
    await queryRunner.query(`ALTER TABLE "customer_change" DROP CONSTRAINT "fk_customer_change_actor"`);
    await queryRunner.query(`ALTER TABLE "customer_change" DROP CONSTRAINT "fk_customer_change_customer"`);
    await queryRunner.query(`ALTER TABLE "group_customer" DROP CONSTRAINT "fk_group_customer_parent"`);
    await queryRunner.query(`ALTER TABLE "group_customer" DROP CONSTRAINT "fk_group_customer_account_manager"`);
    await queryRunner.query(`ALTER TABLE "group_customer" DROP CONSTRAINT "fk_group_customer_region"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_relation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_relation_to"`);
    await queryRunner.query(`DROP TABLE "customer_relation"`);
    await queryRunner.query(`DROP TYPE "public"."customer_relation_type"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_change_customer"`);
    await queryRunner.query(`DROP TABLE "customer_change"`);
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_updated_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_parent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_revenue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_account_manager"`);
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_region"`);
    await queryRunner.query(`DROP INDEX "public"."uq_group_customer_credit_code"`);
    await queryRunner.query(`DROP INDEX "public"."uq_group_customer_code"`);
    await queryRunner.query(`DROP TABLE "group_customer"`);
    await queryRunner.query(`DROP TYPE "public"."customer_status"`);
    await queryRunner.query(`DROP TYPE "public"."management_level"`);
    await queryRunner.query(`DROP TYPE "public"."customer_grade"`);
    await queryRunner.query(`DROP FUNCTION crm_bigrams(text)`);
    await queryRunner.query(`DROP SEQUENCE "group_customer_code_seq"`);
  }
}
