import { DataSource, EntityManager, In } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { Role, Viewer } from '../../platform/auth/viewer';
import { fromGlobalId } from '../../platform/graphql/node-id';
import { validateInput } from '../../platform/graphql/validation';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { organisationPolicy } from './organisation.policy';
import { CreatePartnerInput, CreateRegionInput, CreateStaffInput, StaffFilter } from './organisation.types';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { byIds, escapeLike } from '../../platform/sql';
import { PartnerEntity } from './partner.entity';
import { RegionEntity, RegionLevel } from './region.entity';
import { staffDirectory } from './staff-directory';
import { StaffEntity } from './staff.entity';

/** The level a child of each level has (DOMAIN.md: Organisation). */
const CHILD_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  PROVINCE: RegionLevel.CITY,
  CITY: RegionLevel.COUNTY,
  COUNTY: RegionLevel.GRID,
  GRID: null,
};

/** Roles that only make sense at one level of the tree. */
export const ROLE_LEVEL: Partial<Record<Role, RegionLevel>> = {
  PROVINCE_LEADER: RegionLevel.PROVINCE,
  CITY_LEADER: RegionLevel.CITY,
  COUNTY_LEADER: RegionLevel.COUNTY,
  GRID_MANAGER: RegionLevel.GRID,
  // DOMAIN.md: 商机管理员 — one per city.
  OPPORTUNITY_ADMIN: RegionLevel.CITY,
};

export const organisationService = {
  async regionsByIds(ctx: Context, ids: readonly string[]): Promise<(RegionEntity | null)[]> {
    const rows = await ctx.db.getRepository(RegionEntity).findBy({ id: In([...ids]) });
    return byIds(rows, ids);
  },

  /** Children of a region, or the roots when no parent is given; ordered by code. */
  async listRegions(ctx: Context, parentId: string | null): Promise<RegionEntity[]> {
    const query = ctx.db.getRepository(RegionEntity).createQueryBuilder('r').orderBy('r.code', 'ASC');
    if (parentId) query.where('r.parent_id = :parentId', { parentId });
    else query.where('r.parent_id IS NULL');
    return query.getMany();
  },

  async staffByIds(ctx: Context, ids: readonly string[]): Promise<(StaffEntity | null)[]> {
    const ttlMs = ctx.config.viewerCacheMs;
    if (ttlMs <= 0) {
      const query = ctx.db
        .getRepository(StaffEntity)
        .createQueryBuilder('s')
        .where('s.id IN (:...ids)', { ids: [...ids] });
      return byIds(await organisationPolicy.scopeStaff(query, 's', ctx.viewer).getMany(), ids);
    }
    const { found, missing } = staffDirectory.read(ctx.db, ids);
    if (missing.length) {
      const rows = await ctx.db.getRepository(StaffEntity).findBy({ id: In(missing) });
      staffDirectory.keep(ctx.db, rows, ttlMs);
      for (const row of rows) found.set(row.id, row);
    }
    return ids.map((id) => {
      const row = found.get(id);
      return row && organisationPolicy.seesStaff(ctx.viewer, row) ? row : null;
    });
  },

  async partnersByIds(ctx: Context, ids: readonly string[]): Promise<(PartnerEntity | null)[]> {
    const query = ctx.db
      .getRepository(PartnerEntity)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids: [...ids] });
    return byIds(await organisationPolicy.scopePartners(query, 'p', ctx.viewer).getMany(), ids);
  },

  /** Staff in the viewer's scope, by employee number, filtered; keyset-paginated. */
  async listStaff(ctx: Context, filter: StaffFilter | null | undefined, args: PageArgs): Promise<Page<StaffEntity>> {
    const query = ctx.db.getRepository(StaffEntity).createQueryBuilder('s');
    organisationPolicy.scopeStaff(query, 's', ctx.viewer);
    if (filter?.regionId != null) {
      const ref = fromGlobalId(filter.regionId, 'Region');
      query.innerJoin(RegionEntity, 'sr', 'sr.id = s.region_id').andWhere(`sr.path LIKE (SELECT fr.path FROM region fr WHERE fr.id = :filterRegion) || '%'`, {
        filterRegion: ref?.uuid ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    if (filter?.roles?.length) query.andWhere('s.roles && CAST(:filterRoles AS staff_role[])', { filterRoles: filter.roles });
    if (filter?.text) query.andWhere(`(s.name ILIKE :filterText OR s.employee_no ILIKE :filterText)`, { filterText: `%${escapeLike(filter.text)}%` });
    if (filter?.active != null) query.andWhere('s.active = :filterActive', { filterActive: filter.active });
    return paginate(query, {
      args,
      sort: { expression: 's.employee_no', type: 'text', value: (row) => row.employeeNo },
      direction: 'ASC',
      idExpression: 's.id',
      map: (row) => row,
      // The region filter's join comes with its own condition, so the conditions tell the variants apart.
      shape: 'organisation.staff',
    });
  },

  /** The viewer behind a token's employee number; null when unknown or inactive. */
  async viewerFor(db: DataSource, employeeNo: string): Promise<Viewer | null> {
    const row = await db
      .getRepository(StaffEntity)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.region', 'r')
      .leftJoin('s.partner', 'p')
      .where('s.employee_no = :employeeNo', { employeeNo })
      .andWhere('s.active')
      .andWhere('(s.partner_id IS NULL OR p.active)')
      .getOne();
    if (!row || !row.region) return null;
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

  async createRegion(ctx: Context, input: CreateRegionInput): Promise<Result<RegionEntity>> {
    organisationPolicy.assertCanAdminister(ctx.viewer);
    const invalid = await validateInput(input);
    if (invalid.length) return failMany(invalid);
    return inTransaction(
      ctx,
      async (tx) => {
        let parent: RegionEntity | null = null;
        if (input.parentId != null) {
          const parentRef = fromGlobalId(input.parentId, 'Region');
          parent = parentRef ? await tx.getRepository(RegionEntity).findOneBy({ id: parentRef.uuid }) : null;
          if (!parent) return fail(UserErrorCode.NOT_FOUND, 'Parent region not found', 'parentId');
        }
        const expected = parent ? CHILD_LEVEL[parent.level] : RegionLevel.PROVINCE;
        if (input.level !== expected) {
          const where = parent ? `under a ${parent.level}` : 'without a parent';
          return fail(UserErrorCode.VALIDATION, `A region ${where} must be a ${expected ?? 'nothing: GRID is the lowest level'}`, 'level');
        }
        if (await codeTaken(tx, RegionEntity, input.code)) {
          return fail(UserErrorCode.ALREADY_EXISTS, `Region code ${input.code} is already taken`, 'code');
        }
        const repo = tx.getRepository(RegionEntity);
        const region = repo.create({ code: input.code, name: input.name.trim(), level: input.level, parentId: parent?.id ?? null, path: '' });
        const saved = await repo.save(region);
        saved.path = `${parent?.path ?? '/'}${saved.id}/`;
        await repo.update({ id: saved.id }, { path: saved.path });
        return ok(saved);
      },
      { uq_region_code: userError(UserErrorCode.ALREADY_EXISTS, `Region code ${input.code} is already taken`, 'code') },
    );
  },

  async createPartner(ctx: Context, input: CreatePartnerInput): Promise<Result<PartnerEntity>> {
    organisationPolicy.assertCanAdminister(ctx.viewer);
    const invalid = await validateInput(input);
    if (invalid.length) return failMany(invalid);
    return inTransaction(
      ctx,
      async (tx) => {
        const region = await findRegion(tx, input.regionId);
        if (!region) return fail(UserErrorCode.NOT_FOUND, 'Region not found', 'regionId');
        if (await codeTaken(tx, PartnerEntity, input.code)) {
          return fail(UserErrorCode.ALREADY_EXISTS, `Partner code ${input.code} is already taken`, 'code');
        }
        const repo = tx.getRepository(PartnerEntity);
        return ok(await repo.save(repo.create({ code: input.code, name: input.name.trim(), regionId: region.id, active: true })));
      },
      { uq_partner_code: userError(UserErrorCode.ALREADY_EXISTS, `Partner code ${input.code} is already taken`, 'code') },
    );
  },

  async createStaff(ctx: Context, input: CreateStaffInput): Promise<Result<StaffEntity>> {
    organisationPolicy.assertCanAdminister(ctx.viewer);
    const invalid = await validateInput(input);
    if (invalid.length) return failMany(invalid);
    return inTransaction(
      ctx,
      async (tx) => {
        const region = await findRegion(tx, input.regionId);
        if (!region) return fail(UserErrorCode.NOT_FOUND, 'Region not found', 'regionId');
        const roles = new Set(input.roles);
        for (const role of roles) {
          const level = ROLE_LEVEL[role];
          if (level && level !== region.level) {
            return fail(UserErrorCode.VALIDATION, `${role} must belong to a ${level} region, not a ${region.level}`, 'regionId');
          }
        }
        if (roles.has(Role.INDUSTRY_MANAGER) && !input.industry) {
          return fail(UserErrorCode.VALIDATION, 'An industry manager needs an industry', 'industry');
        }
        let partner: PartnerEntity | null = null;
        if (roles.has(Role.PARTNER)) {
          if (roles.size > 1) return fail(UserErrorCode.VALIDATION, 'A partner user cannot hold internal roles', 'roles');
          const ref = input.partnerId ? fromGlobalId(input.partnerId, 'Partner') : null;
          partner = ref ? await tx.getRepository(PartnerEntity).findOneBy({ id: ref.uuid }) : null;
          if (!partner) return fail(UserErrorCode.NOT_FOUND, 'A PARTNER user needs an existing partner', 'partnerId');
        } else if (input.partnerId != null) {
          return fail(UserErrorCode.VALIDATION, 'Only PARTNER users belong to a partner', 'partnerId');
        }
        const taken = await tx.getRepository(StaffEntity).existsBy({ employeeNo: input.employeeNo });
        if (taken) return fail(UserErrorCode.ALREADY_EXISTS, `Employee number ${input.employeeNo} is already taken`, 'employeeNo');
        const repo = tx.getRepository(StaffEntity);
        const staff = repo.create({
          employeeNo: input.employeeNo,
          name: input.name.trim(),
          roles: [...roles],
          regionId: region.id,
          industry: input.industry ?? null,
          partnerId: partner?.id ?? null,
          active: true,
        });
        return ok(await repo.save(staff));
      },
      { uq_staff_employee_no: userError(UserErrorCode.ALREADY_EXISTS, `Employee number ${input.employeeNo} is already taken`, 'employeeNo') },
    );
  },
};

async function findRegion(tx: EntityManager, globalId: string): Promise<RegionEntity | null> {
  const ref = fromGlobalId(globalId, 'Region');
  return ref ? tx.getRepository(RegionEntity).findOneBy({ id: ref.uuid }) : null;
}

async function codeTaken(tx: EntityManager, entity: typeof RegionEntity | typeof PartnerEntity, code: string): Promise<boolean> {
  return tx.getRepository(entity).existsBy({ code });
}

/**
 * Partner users' accounts (DOMAIN.md: 商机管理员 "manages the partner accounts
 * of that city"): what the opportunities module's partner-accounts.ts calls
 * inside its own transaction, after its policy said who may.
 */
export const partnerUsers = {
  /** A new active user of `partnerId`, in the partner's home region, role PARTNER only; null when the employee number is taken. */
  async create(tx: EntityManager, input: { partnerId: string; employeeNo: string; name: string }): Promise<StaffEntity | null> {
    const partner = await tx.getRepository(PartnerEntity).findOneByOrFail({ id: input.partnerId });
    if (await tx.getRepository(StaffEntity).existsBy({ employeeNo: input.employeeNo })) return null;
    const repo = tx.getRepository(StaffEntity);
    return repo.save(
      repo.create({
        employeeNo: input.employeeNo,
        name: input.name.trim(),
        roles: [Role.PARTNER],
        regionId: partner.regionId,
        industry: null,
        partnerId: partner.id,
        active: true,
      }),
    );
  },

  /** A partner's user by id, locked against concurrent changes; null when unknown or one of our own staff. */
  async lock(tx: EntityManager, staffId: string): Promise<StaffEntity | null> {
    return tx.getRepository(StaffEntity).createQueryBuilder('s').where('s.id = :staffId AND s.partner_id IS NOT NULL', { staffId }).setLock('pessimistic_write').getOne();
  },

  /** A partner by id, locked against concurrent changes; null when unknown. */
  async lockPartner(tx: EntityManager, partnerId: string): Promise<PartnerEntity | null> {
    return tx.getRepository(PartnerEntity).createQueryBuilder('p').where('p.id = :partnerId', { partnerId }).setLock('pessimistic_write').getOne();
  },

  /** Sets whether a partner may report (its users sign in only while it is active); false when it already was so. */
  async setPartnerActive(tx: EntityManager, partnerId: string, active: boolean): Promise<boolean> {
    const result = await tx.createQueryBuilder().update(PartnerEntity).set({ active }).where('id = :partnerId AND active <> :active', { partnerId, active }).execute();
    return result.affected === 1;
  },

  /** The employee numbers of a partner's users (to forget them in the viewer caches). */
  async employeeNumbers(tx: EntityManager, partnerId: string): Promise<string[]> {
    return (await tx.getRepository(StaffEntity).find({ where: { partnerId }, select: { employeeNo: true } })).map((s) => s.employeeNo);
  },

  /** Deactivates an active partner user; false when it was not active any more (nothing changed). */
  async deactivate(tx: EntityManager, staffId: string): Promise<boolean> {
    const result = await tx.createQueryBuilder().update(StaffEntity).set({ active: false }).where('id = :staffId AND partner_id IS NOT NULL AND active', { staffId }).execute();
    staffDirectory.forget(tx.connection);
    return result.affected === 1;
  },
};
