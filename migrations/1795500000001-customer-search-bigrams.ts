import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search bigrams of each customer as a column, kept by a trigger, with
 * the GIN index on it. Computed in the query, crm_bigrams() ran for every
 * row a plan touched (about 0.2 ms each: seconds for a common word), and the
 * planner had no statistics to tell a common word from a rare one; as a
 * column it has both (issue: Province scale).
 */
export class CustomerSearchBigrams1795500000001 implements MigrationInterface {
  name = 'CustomerSearchBigrams1795500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`SET LOCAL statement_timeout = 0`);
    await queryRunner.query(`ALTER TABLE "group_customer" ADD "search_bigrams" text[]`);
    await queryRunner.query(`UPDATE "group_customer" SET "search_bigrams" = crm_bigrams(name || ' ' || code || ' ' || coalesce(credit_code, ''))`);
    await queryRunner.query(`ALTER TABLE "group_customer" ALTER COLUMN "search_bigrams" SET NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION crm_group_customer_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_bigrams := crm_bigrams(NEW.name || ' ' || NEW.code || ' ' || coalesce(NEW.credit_code, ''));
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "tg_group_customer_search" BEFORE INSERT OR UPDATE OF name, code, credit_code ON "group_customer" FOR EACH ROW EXECUTE FUNCTION crm_group_customer_search()`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_search"`);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_search" ON "group_customer" USING gin ("search_bigrams")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_group_customer_search"`);
    await queryRunner.query(`CREATE INDEX "ix_group_customer_search" ON "group_customer" USING gin (crm_bigrams(name || ' ' || code || ' ' || coalesce(credit_code, '')))`);
    await queryRunner.query(`DROP TRIGGER "tg_group_customer_search" ON "group_customer"`);
    await queryRunner.query(`DROP FUNCTION crm_group_customer_search()`);
    await queryRunner.query(`ALTER TABLE "group_customer" DROP COLUMN "search_bigrams"`);
  }
}
