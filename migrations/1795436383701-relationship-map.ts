import { MigrationInterface, QueryRunner } from 'typeorm';

export class RelationshipMap1795436383701 implements MigrationInterface {
  name = 'RelationshipMap1795436383701';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."relationship_type" AS ENUM('KNOWS', 'FRIEND', 'FAMILY', 'ALUMNI', 'FORMER_COLLEAGUE', 'REPORTS_TO')`);
    await queryRunner.query(
      `CREATE TABLE "relationship" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" "public"."relationship_type" NOT NULL, "a_staff_id" uuid, "a_contact_id" uuid, "b_staff_id" uuid, "b_contact_id" uuid, "person_a" uuid NOT NULL, "person_b" uuid NOT NULL, "strength" smallint NOT NULL, "since" date, "note" character varying(500), "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_relationship_canonical" CHECK (type = 'REPORTS_TO' OR person_a < person_b), CONSTRAINT "ck_relationship_strength" CHECK (strength BETWEEN 1 AND 5), CONSTRAINT "ck_relationship_not_self" CHECK (person_a <> person_b), CONSTRAINT "ck_relationship_person_b" CHECK (person_b = coalesce(b_staff_id, b_contact_id)), CONSTRAINT "ck_relationship_person_a" CHECK (person_a = coalesce(a_staff_id, a_contact_id)), CONSTRAINT "ck_relationship_b_one_person" CHECK ((b_staff_id IS NULL) <> (b_contact_id IS NULL)), CONSTRAINT "ck_relationship_a_one_person" CHECK ((a_staff_id IS NULL) <> (a_contact_id IS NULL)), CONSTRAINT "pk_relationship" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_relationship_person_a" ON "relationship"  ("person_a") `);
    await queryRunner.query(`CREATE INDEX "ix_relationship_person_b" ON "relationship"  ("person_b") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_relationship_pair" ON "relationship"  ("person_a", "person_b", "type") `);
    await queryRunner.query(`ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_a_staff" FOREIGN KEY ("a_staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_a_contact" FOREIGN KEY ("a_contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_b_staff" FOREIGN KEY ("b_staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_b_contact" FOREIGN KEY ("b_contact_id") REFERENCES "contact"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "relationship" ADD CONSTRAINT "fk_relationship_recorded_by" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // One row per relationship; REPORTS_TO comes from the contacts' org chart (its truth), with strength and
    // note from a matching relationship row when one was recorded (DOMAIN.md: Relationship map).
    await queryRunner.query(`CREATE VIEW relationship_edge AS
      SELECT r.id, r.type, r.strength, r.since, r.note, r.recorded_by_id, r.created_at AS recorded_at,
             r.person_a AS from_id, (r.a_staff_id IS NOT NULL) AS from_staff, r.person_b AS to_id, (r.b_staff_id IS NOT NULL) AS to_staff
      FROM relationship r WHERE r.type <> 'REPORTS_TO'
      UNION ALL
      SELECT coalesce(m.id, c.id), 'REPORTS_TO'::relationship_type, coalesce(m.strength, 3::smallint), m.since, m.note, m.recorded_by_id,
             coalesce(m.created_at, c.created_at), c.id, false, c.reports_to_id, false
      FROM contact c LEFT JOIN relationship m ON m.type = 'REPORTS_TO' AND m.person_a = c.id AND m.person_b = c.reports_to_id
      WHERE c.reports_to_id IS NOT NULL`);
    // Both directions of every relationship, for walking the graph.
    await queryRunner.query(`CREATE VIEW person_edge AS
      SELECT id, type, strength, from_id, to_id FROM relationship_edge
      UNION ALL
      SELECT id, type, strength, to_id AS from_id, from_id AS to_id FROM relationship_edge`);
    // The people one step from a person, each through an index: what graph walks call per row (LATERAL),
    // so a walk never scans the whole relationship table.
    await queryRunner.query(`CREATE FUNCTION crm_neighbours(p uuid) RETURNS TABLE (edge_id uuid, person uuid, strength smallint)
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT r.id, r.person_b, r.strength FROM relationship r WHERE r.person_a = p AND r.type <> 'REPORTS_TO'
        UNION ALL
        SELECT r.id, r.person_a, r.strength FROM relationship r WHERE r.person_b = p AND r.type <> 'REPORTS_TO'
        UNION ALL
        SELECT coalesce(m.id, c.id), c.reports_to_id, coalesce(m.strength, 3::smallint)
        FROM contact c LEFT JOIN relationship m ON m.type = 'REPORTS_TO' AND m.person_a = c.id AND m.person_b = c.reports_to_id
        WHERE c.id = p AND c.reports_to_id IS NOT NULL
        UNION ALL
        SELECT coalesce(m.id, c.id), c.id, coalesce(m.strength, 3::smallint)
        FROM contact c LEFT JOIN relationship m ON m.type = 'REPORTS_TO' AND m.person_a = c.id AND m.person_b = c.reports_to_id
        WHERE c.reports_to_id = p
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION crm_neighbours(uuid)`);
    await queryRunner.query(`DROP VIEW person_edge`);
    await queryRunner.query(`DROP VIEW relationship_edge`);
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_b_contact"`);
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_b_staff"`);
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_a_contact"`);
    await queryRunner.query(`ALTER TABLE "relationship" DROP CONSTRAINT "fk_relationship_a_staff"`);
    await queryRunner.query(`DROP INDEX "public"."uq_relationship_pair"`);
    await queryRunner.query(`DROP INDEX "public"."ix_relationship_person_b"`);
    await queryRunner.query(`DROP INDEX "public"."ix_relationship_person_a"`);
    await queryRunner.query(`DROP TABLE "relationship"`);
    await queryRunner.query(`DROP TYPE "public"."relationship_type"`);
  }
}
