import { DataSource } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import type { Config } from '../platform/config';
import { RegionEntity, RegionLevel } from '../modules/organisation/region.entity';
import { StaffEntity } from '../modules/organisation/staff.entity';

/**
 * Makes sure an administrator can always sign in: a province root and the
 * BOOTSTRAP_ADMIN staff member exist after every start (idempotent).
 */
export async function ensureBootstrapAdmin(db: DataSource, config: Pick<Config, 'bootstrapAdmin' | 'bootstrapProvince'>): Promise<StaffEntity> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['group-crm:bootstrap']);
    const regions = tx.getRepository(RegionEntity);
    let root = await regions.findOne({ where: { level: RegionLevel.PROVINCE }, order: { code: 'ASC' } });
    if (!root) {
      root = await regions.save(regions.create({ code: config.bootstrapProvince.code, name: config.bootstrapProvince.name, level: RegionLevel.PROVINCE, parentId: null, path: '' }));
      root.path = `/${root.id}/`;
      await regions.update({ id: root.id }, { path: root.path });
    }
    const staff = tx.getRepository(StaffEntity);
    const existing = await staff.findOneBy({ employeeNo: config.bootstrapAdmin });
    if (existing) {
      if (!existing.roles.includes(Role.ADMIN) || !existing.active) {
        await staff.update({ id: existing.id }, { roles: [...new Set([...existing.roles, Role.ADMIN])], active: true });
      }
      return existing;
    }
    return staff.save(
      staff.create({
        employeeNo: config.bootstrapAdmin,
        name: '系统管理员',
        roles: [Role.ADMIN],
        regionId: root.id,
        industry: null,
        partnerId: null,
        active: true,
      }),
    );
  });
}
