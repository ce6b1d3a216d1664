import { EntityManager } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { ManagementLevel } from '../modules/customers/customer.enums';
import { followThroughRuleDefaults } from '../modules/rules/sections/follow-through.rules';
import { FollowUpKind, IncentiveState } from '../modules/opportunities/follow-through.enums';
import { FollowUpEntity } from '../modules/opportunities/follow-up.entity';
import { businessToday } from '../modules/opportunities/follow-up.types';
import { IncentiveEntity } from '../modules/opportunities/incentive.entity';
import { incentiveDecider } from '../modules/opportunities/incentive-routing';
import { SeedStep } from './runner';

const DAY = 86_400_000;

/** An opportunity of the demo pipeline in follow-through, with what the follow-ups and incentives need of it. */
interface Row {
  id: string;
  code: string;
  stage: string;
  source: string;
  ownerId: string;
  followerIds: string[];
  supportManagerId: string | null;
  registeredAt: Date;
  approvedAt: Date;
  level: ManagementLevel;
  regionPath: string;
}

/** What was said on follow-ups, by kind (seed 002 第四条: 跟进 → 签约). */
const NOTES: [FollowUpKind, string, string][] = [
  [FollowUpKind.VISIT, '拜访信息中心主任, 确认带宽和割接窗口', '提交技术方案初稿'],
  [FollowUpKind.PROPOSAL, '方案交流, 客户关注安全等保和SLA', '安排移动云演示'],
  [FollowUpKind.DEMO, '在客户机房演示云专线与云桌面', '报价并约商务谈判'],
  [FollowUpKind.CALL, '电话跟进采购流程, 预算已批', '准备合同文本'],
  [FollowUpKind.NEGOTIATION, '商务谈判: 三年期, 首年优惠5%', '法务审核合同'],
];

/**
 * Follow-through on the demo pipeline (issue 11): follow-ups with next steps
 * on every opportunity in follow-up (one step overdue), one stalled deal 停滞
 * (its last follow-up older than `stallDays`), and incentive applications
 * 激励申报 — two awaiting a decision (one for xa-leader, one for the province
 * leaders) and one approved, on the won partner opportunity. Rows are written
 * as follow-ups.ts and incentives.ts would write them: the newest follow-up
 * completes the step before it and sets last_follow_up_at; the decider is
 * incentiveDecider's.
 */
export const followThroughSeed: SeedStep = {
  name: 'follow-through-v1',
  async run(tx: EntityManager) {
    const now = Date.now();
    const staff: { id: string; employee_no: string; roles: Role[]; region_id: string }[] = await tx.query(`SELECT id, employee_no, roles::text[] AS roles, region_id FROM staff`);
    const staffNo = (no: string) => staff.find((s) => s.employee_no === no)!.id;
    const leaderIn = (role: Role, regionId: string) => staff.find((s) => s.region_id === regionId && s.roles.includes(role));

    // Opportunities loaded by an earlier step carry no approval time: take it from their history, as migration FollowUps did.
    await tx.query(
      `UPDATE opportunity o SET approved_at = e.at FROM (SELECT opportunity_id, max(at) AS at FROM opportunity_event WHERE action = 'APPROVE_LAST_STEP' GROUP BY opportunity_id) e
       WHERE e.opportunity_id = o.id AND o.approved_at IS NULL`,
    );
    const rows: Row[] = await tx.query(
      `SELECT o.id, o.code, o.stage::text, o.source::text, o.owner_id AS "ownerId", o.follower_ids AS "followerIds", o.support_manager_id AS "supportManagerId",
              o.registered_at AS "registeredAt", o.approved_at AS "approvedAt", c.management_level::text AS level, r.path AS "regionPath"
       FROM opportunity o JOIN group_customer c ON c.id = o.customer_id JOIN region r ON r.id = c.region_id
       WHERE o.stage IN ('APPROVED', 'IN_PROGRESS', 'WON') AND o.approved_at IS NOT NULL ORDER BY o.code`,
    );
    const following = rows.filter((r) => r.stage !== 'WON');
    const followUps = tx.getRepository(FollowUpEntity);
    const day = (daysAgo: number) => businessToday(new Date(now - daysAgo * DAY));

    /** Follow-ups in time order, each completing the next step before it; the opportunity's last_follow_up_at is the newest. */
    const followUp = async (row: Row, entries: { daysAgo: number; author: string; dueInDays: number | null }[]) => {
      let previous: FollowUpEntity | null = null;
      for (const [index, entry] of entries.entries()) {
        const [kind, note, step] = NOTES[index % NOTES.length];
        const occurredAt = new Date(Math.max(now - entry.daysAgo * DAY, new Date(row.approvedAt).getTime() + (index + 1) * 3_600_000));
        const saved: FollowUpEntity = await followUps.save(
          followUps.create({
            opportunityId: row.id,
            kind,
            occurredAt,
            note,
            nextStep: entry.dueInDays == null ? null : step,
            nextStepDueOn: entry.dueInDays == null ? null : day(-entry.dueInDays),
            nextStepDoneById: null,
            authorId: entry.author,
          }),
        );
        if (previous?.nextStep) await followUps.update({ id: previous.id }, { nextStepDoneById: saved.id });
        previous = saved;
      }
      if (previous) await tx.query(`UPDATE opportunity SET last_follow_up_at = $2 WHERE id = $1`, [row.id, previous.occurredAt]);
    };

    // The stalled deal: the IN_PROGRESS one approved longest ago, last followed up well past stallDays, its next step long overdue.
    const stalledDays = followThroughRuleDefaults.stallDays + 6;
    const stalled = following
      .filter((r) => r.stage === 'IN_PROGRESS' && new Date(r.approvedAt).getTime() < now - (stalledDays + 2) * DAY)
      .sort((a, b) => new Date(a.approvedAt).getTime() - new Date(b.approvedAt).getTime())[0];
    for (const [index, row] of following.entries()) {
      const owner = row.ownerId;
      if (row === stalled) {
        await followUp(row, [{ daysAgo: stalledDays, author: owner, dueInDays: -(stalledDays - 7) }]);
        continue;
      }
      // The others were followed up lately by their owner, the support manager who accepted them or a follower; the first one's step is overdue.
      const second = index % 3 === 1 && row.supportManagerId ? row.supportManagerId : (row.followerIds[0] ?? owner);
      await followUp(row, [
        { daysAgo: 9 + (index % 4), author: owner, dueInDays: -4 },
        { daysAgo: 2 + (index % 3), author: second, dueInDays: index === 0 ? -2 : 3 + index * 2 },
      ]);
    }

    // 激励申报: filed by a leader over the customer (a county leader where there is one), decided one level up.
    const incentives = tx.getRepository(IncentiveEntity);
    const file = async (row: Row, filer: { id: string; roles: Role[] }, amount: string, note: string, decided?: { by: string; comment: string }) => {
      const decider = incentiveDecider(filer.roles, row.level, row.regionPath);
      await incentives.insert({
        opportunityId: row.id,
        requestedById: filer.id,
        amount,
        note,
        state: decided ? IncentiveState.APPROVED : IncentiveState.PENDING,
        deciderRole: decider.role,
        deciderRegionId: decider.regionId,
        decidedById: decided ? staffNo(decided.by) : null,
        decidedAt: decided ? new Date(now - DAY) : null,
        comment: decided?.comment ?? null,
        createdAt: new Date(now - 3 * DAY),
      });
    };
    const cityOf = (row: Row) => row.regionPath.split('/').filter(Boolean)[1];
    const countyOf = (row: Row) => row.regionPath.split('/').filter(Boolean)[2];
    const countyRow = following.find((r) => r.level === ManagementLevel.COUNTY && r !== stalled && leaderIn(Role.COUNTY_LEADER, countyOf(r)));
    if (countyRow) await file(countyRow, leaderIn(Role.COUNTY_LEADER, countyOf(countyRow))!, '8000.00', '区县重点项目, 申请专项激励');
    const cityRow = following.find((r) => r.level === ManagementLevel.CITY && r.source !== 'PARTNER' && r !== stalled);
    if (cityRow) await file(cityRow, leaderIn(Role.CITY_LEADER, cityOf(cityRow))!, '30000.00', '地市重点商机, 申请省公司激励');
    const wonByPartner = rows.find((r) => r.stage === 'WON' && r.source === 'PARTNER');
    if (wonByPartner) await file(wonByPartner, leaderIn(Role.CITY_LEADER, cityOf(wonByPartner))!, '15000.00', '首年收入的5%', { by: 'sx-leader', comment: '同意, 按季度兑现' });
  },
};
