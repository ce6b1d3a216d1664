import { EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Role, Viewer } from '../../platform/auth/viewer';
import type { ScopePredicate } from '../../platform/scope/predicate';
import { PartnerEntity } from './partner.entity';
import { RegionLevel } from './region-level';
import { RegionEntity } from './region.entity';
import { StaffEntity } from './staff.entity';

/*
 * What the other modules may know of regions, staff and partners: SQL
 * fragments that name this module's tables, and the facts other modules'
 * rules read. Nobody else names `region`, `staff` or `partner`
 * (tests/platform/module-boundaries.test.ts).
 */

/** A region with what placement rules need of it. */
export interface RegionFacts {
  id: string;
  level: RegionLevel;
  path: string;
}

/** A member of staff (or a partner's user) with what ownership and placement rules need. */
export interface StaffFacts {
  id: string;
  name: string;
  roles: Role[];
  active: boolean;
  /** Set for a partner's users; null for our own staff. */
  partnerId: string | null;
  regionId: string;
  regionPath: string;
  industry: string | null;
}

export interface PartnerFacts {
  id: string;
  regionId: string;
  /** Materialised path of the partner's home region (the city whose 商机管理员 keeps its accounts). */
  regionPath: string;
  active: boolean;
}

export const organisationSql = {
  /**
   * `column` holds a region at or below `path`. The regions are read once per
   * statement (an ARRAY initplan): as `IN (SELECT …)` the planner may re-scan
   * the region table for every row it checks.
   */
  inRegionSubtree(column: string, path: string, param: string, alias = `${param}_r`): ScopePredicate {
    return { sql: `${column} = ANY(ARRAY(SELECT ${alias}.id FROM region ${alias} WHERE ${alias}.path LIKE :${param}))`, params: { [param]: `${path}%` } };
  },

  /** `column` holds a region at or below the region whose id is the named parameter `regionIdParam`. */
  inSubtreeOfRegion(column: string, regionIdParam: string): string {
    return `${column} = ANY(ARRAY(SELECT fr.id FROM region fr WHERE fr.path LIKE (SELECT root.path FROM region root WHERE root.id = :${regionIdParam}) || '%'))`;
  },

  /** The path of the region `regionIdExpression` (a scalar subquery). */
  regionPath(regionIdExpression: string): string {
    return `(SELECT org_r.path FROM region org_r WHERE org_r.id = ${regionIdExpression})`;
  },

  /**
   * Joins the region `regionIdExpression` as `alias` (its `path` then reads as
   * `<alias>.path`): for an aggregate over many rows, where a scalar subquery
   * per row (regionPath) would run once per row.
   */
  joinRegionTo<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, regionIdExpression: string): SelectQueryBuilder<E> {
    return query.innerJoin(RegionEntity, alias, `${alias}.id = ${regionIdExpression}`);
  },

  /** `staffIdExpression` is an active member of staff holding `roleExpression` in region `regionExpression` (all SQL). */
  activeHolder(staffIdExpression: string, regionExpression: string, roleExpression: string): string {
    return `EXISTS (SELECT 1 FROM staff org_h WHERE org_h.id = ${staffIdExpression} AND org_h.active AND org_h.region_id = ${regionExpression} AND ${roleExpression} = ANY(org_h.roles))`;
  },

  /** `partnerIdExpression` is a partner whose home region is at or below `path` (an ARRAY initplan, read once per statement). */
  partnerInRegionSubtree(partnerIdExpression: string, path: string, param: string): ScopePredicate {
    const region = organisationSql.inRegionSubtree('org_p.region_id', path, param);
    return { sql: `${partnerIdExpression} = ANY(ARRAY(SELECT org_p.id FROM partner org_p WHERE ${region.sql}))`, params: region.params };
  },

  /** `personExpression` is an active user: a member of staff or a partner's user. */
  activeUser(personExpression: string): string {
    return `EXISTS (SELECT 1 FROM staff org_s WHERE org_s.id = ${personExpression} AND org_s.active)`;
  },

  /** The ids among the uuid array `idsExpression` that are staff (a SELECT of one column, `id`). */
  staffIdsAmong(idsExpression: string): string {
    return `SELECT id FROM staff WHERE id = ANY(${idsExpression})`;
  },
};

export const organisationFacts = {
  async region(tx: EntityManager, id: string): Promise<RegionFacts | null> {
    const region = await tx.getRepository(RegionEntity).findOneBy({ id });
    return region && { id: region.id, level: region.level, path: region.path };
  },

  /** Staff (and partners' users) by id with their region's path; unknown ids are left out. */
  async staff(tx: EntityManager, ids: readonly string[]): Promise<StaffFacts[]> {
    if (ids.length === 0) return [];
    const people = await tx.getRepository(StaffEntity).find({ where: { id: In([...new Set(ids)]) }, relations: { region: true } });
    return people.map((s) => ({
      id: s.id,
      name: s.name,
      roles: s.roles,
      active: s.active,
      partnerId: s.partnerId,
      regionId: s.regionId,
      regionPath: s.region!.path,
      industry: s.industry,
    }));
  },

  /** Whether `id` is one of our own staff (not a partner's user), and active if `activeOnly`. */
  async isStaffMember(tx: EntityManager, id: string, activeOnly: boolean): Promise<boolean> {
    const [row] = await tx.query(`SELECT 1 FROM staff WHERE id = $1 AND partner_id IS NULL${activeOnly ? ' AND active' : ''}`, [id]);
    return !!row;
  },

  /** Regions by code (bulk import: 区域编码); unknown codes are left out. */
  async regionsByCodes(tx: EntityManager, codes: readonly string[]): Promise<Map<string, RegionFacts>> {
    if (codes.length === 0) return new Map();
    const regions = await tx.getRepository(RegionEntity).find({ where: { code: In([...new Set(codes)]) } });
    return new Map(regions.map((r) => [r.code, { id: r.id, level: r.level, path: r.path }]));
  },

  /** Staff (and partners' users) by employee number, as `staff` gives them; unknown numbers are left out. */
  async staffByEmployeeNos(tx: EntityManager, employeeNos: readonly string[]): Promise<Map<string, StaffFacts>> {
    if (employeeNos.length === 0) return new Map();
    const people = await tx.getRepository(StaffEntity).find({ where: { employeeNo: In([...new Set(employeeNos)]) }, select: { id: true, employeeNo: true } });
    const facts = await organisationFacts.staff(
      tx,
      people.map((p) => p.id),
    );
    const byId = new Map(facts.map((f) => [f.id, f]));
    return new Map(people.map((p) => [p.employeeNo, byId.get(p.id)!]));
  },

  /** Staff member `id` as a viewer (to judge what they may see), when active; null otherwise. */
  async viewer(tx: EntityManager, id: string): Promise<Viewer | null> {
    const row = await tx.getRepository(StaffEntity).findOne({ where: { id, active: true }, relations: { region: true } });
    if (!row?.region) return null;
    return {
      staffId: row.id,
      employeeNo: row.employeeNo,
      name: row.name,
      roles: new Set(row.roles),
      regionId: row.regionId,
      regionPath: row.region.path,
      industry: row.industry,
      partnerId: row.partnerId,
    };
  },

  /**
   * The active holder of `role` whose region is at `level` and contains the
   * region at `regionPath` (e.g. the city leader over a customer), the first
   * by employee number; null when there is none.
   */
  async holderOver(tx: EntityManager, regionPath: string, level: RegionLevel, role: Role): Promise<string | null> {
    const [row] = await tx.query(
      `SELECT s.id FROM staff s JOIN region r ON r.id = s.region_id
       WHERE s.active AND s.partner_id IS NULL AND $3 = ANY(s.roles) AND r.level = $2 AND $1 LIKE r.path || '%'
       ORDER BY s.employee_no LIMIT 1`,
      [regionPath, level, role],
    );
    return row?.id ?? null;
  },

  /** The paths of regions, id → path. */
  async regionPaths(tx: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; path: string }[] = await tx.query(`SELECT id, path FROM region WHERE id = ANY($1)`, [[...ids]]);
    return new Map(rows.map((row) => [row.id, row.path]));
  },

  async partner(tx: EntityManager, id: string): Promise<PartnerFacts | null> {
    const partner = await tx.getRepository(PartnerEntity).findOne({ where: { id }, relations: { region: true } });
    return partner && { id: partner.id, regionId: partner.regionId, regionPath: partner.region!.path, active: partner.active };
  },
};
