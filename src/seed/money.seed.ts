import { EntityManager, IsNull } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { GroupCustomerEntity } from '../modules/customers/group-customer.entity';
import { PartnerEntity } from '../modules/organisation/partner.entity';
import { RegionEntity } from '../modules/organisation/region.entity';
import { StaffEntity } from '../modules/organisation/staff.entity';
import { ApprovalStepEntity } from '../modules/opportunities/approval-step.entity';
import { openCommissions } from '../modules/opportunities/commission';
import { CommissionEntity } from '../modules/opportunities/commission.entity';
import { ContractEntity } from '../modules/opportunities/contract.entity';
import { chinaDate } from '../modules/opportunities/fen';
import { CommissionState, ProvisioningState } from '../modules/opportunities/money.enums';
import { businessRules } from '../modules/rules/business-rules';
import { protectionEnds } from '../modules/opportunities/new-opportunity';
import { ApprovalState, OpportunityCategory, OpportunitySource, OpportunityStage as S, ProductLine as P, RegistrationOutcome } from '../modules/opportunities/opportunity.enums';
import { OpportunityEventEntity } from '../modules/opportunities/opportunity-event.entity';
import { OpportunityEntity } from '../modules/opportunities/opportunity.entity';
import { RegistrationAttemptEntity } from '../modules/opportunities/registration-attempt.entity';
import { SeedStep } from './runner';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Issue 11's demo data, on top of the demo pipeline (opportunities-v1):
 * the opportunity administrators 商机管理员 of 西安 (`xa-oa`) and 宝鸡
 * (`bj-oa`); a signed contract for every won opportunity, in each
 * provisioning state; and partner commissions 酬金 in every state — one
 * pending, one paid, one refused for each reason — opened by the real rule
 * (commission.ts), as a win would.
 */
export const moneySeed: SeedStep = {
  name: 'money-v1',
  async run(tx: EntityManager) {
    const { version: ruleVersion, rules } = await businessRules.inForce(tx);
    const now = Date.now();
    const regions = tx.getRepository(RegionEntity);
    const people = tx.getRepository(StaffEntity);
    for (const [employeeNo, city, name] of [
      ['xa-oa', '6101', '赵敏'],
      ['bj-oa', '6103', '钱立'],
    ]) {
      await people.insert({
        employeeNo,
        name,
        roles: [Role.OPPORTUNITY_ADMIN],
        regionId: (await regions.findOneByOrFail({ code: city })).id,
        industry: null,
        partnerId: null,
        active: true,
      });
    }
    const staffRows = await people.find();
    const staff = (employeeNo: string) => staffRows.find((s) => s.employeeNo === employeeNo)!;
    const customer = (name: string) => tx.getRepository(GroupCustomerEntity).findOneByOrFail({ name });
    const partner = (code: string) => tx.getRepository(PartnerEntity).findOneByOrFail({ code });
    const opportunities = tx.getRepository(OpportunityEntity);
    const events = tx.getRepository(OpportunityEventEntity);
    const attempts = tx.getRepository(RegistrationAttemptEntity);
    const contracts = tx.getRepository(ContractEntity);
    let serial = 1;

    /** A won (or cancelled) opportunity with the history that led there; reported by a partner when one is given. */
    const past = async (spec: { customer: GroupCustomerEntity; products: P[]; amount: string; daysAgo: number; stage: S.WON | S.CANCELLED; partner?: PartnerEntity; reporter?: StaffEntity }) => {
      const createdAt = new Date(now - spec.daysAgo * DAY);
      const owner = staffRows.find((s) => s.id === spec.customer.accountManagerId)!;
      const city = (await regions.findOneByOrFail({ id: spec.customer.regionId })).code.slice(0, 4) === '6101' ? 'xa' : 'bj';
      const reporter = spec.reporter ?? owner;
      const path: [string, S, StaffEntity][] =
        spec.stage === S.CANCELLED
          ? [
              [spec.partner ? 'REPORT' : 'CREATE', spec.partner ? S.SUBMITTED : S.DRAFT, reporter],
              ['CANCEL', S.CANCELLED, staff(`${city}-leader`)],
            ]
          : [
              [spec.partner ? 'REPORT' : 'CREATE', spec.partner ? S.SUBMITTED : S.DRAFT, reporter],
              ...(spec.partner ? [] : ([['SUBMIT', S.SUBMITTED, reporter]] as [string, S, StaffEntity][])),
              ['ACCEPT_EVALUATION', S.PENDING_APPROVAL, staff(`${city}-support`)],
              ['APPROVE_LAST_STEP', S.APPROVED, staff(`${city}-leader`)],
              ['START', S.IN_PROGRESS, owner],
              ['CLOSE_WON', S.WON, owner],
            ];
      const [{ code }] = await tx.query(`SELECT 'SJ' || to_char($1::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0') AS code`, [
        createdAt,
      ]);
      const closedAt = new Date(createdAt.getTime() + (path.length - 1) * 20 * HOUR);
      const won = spec.stage === S.WON;
      const opportunity = await opportunities.save(
        opportunities.create({
          code,
          customerId: spec.customer.id,
          title: `${spec.customer.name.slice(0, 6)}${won ? '专线与云服务' : '物联网平台'}`,
          category: OpportunityCategory.STANDARD_PRODUCT,
          source: spec.partner ? OpportunitySource.PARTNER : OpportunitySource.ACCOUNT_MANAGER,
          products: spec.products,
          estimatedAmount: spec.amount,
          expectedCloseDate: new Date(closedAt.getTime() + 30 * DAY).toISOString().slice(0, 10),
          description: '演示数据: 签约与酬金',
          stage: spec.stage,
          reporterId: reporter.id,
          partnerId: spec.partner?.id ?? null,
          ownerId: won ? owner.id : null,
          followerIds: [],
          supportResources: won ? ['方案经理'] : [],
          supportManagerId: won ? staff(`${city}-support`).id : null,
          registeredAt: createdAt,
          protectedUntil: protectionEnds(createdAt, rules.opportunity),
          ruleVersion,
          closedAt,
          closeReason: won ? '客户签约' : '客户取消需求',
          version: path.length,
        }),
      );
      for (const [index, [action, to, actor]] of path.entries()) {
        const at = new Date(createdAt.getTime() + index * 20 * HOUR);
        await events.insert({
          opportunityId: opportunity.id,
          action,
          fromStage: index ? path[index - 1][1] : null,
          toStage: to,
          actorId: actor.id,
          onBehalfOfId: null,
          byPartner: actor.partnerId != null,
          comment: null,
          at,
        });
        if (action === 'ACCEPT_EVALUATION') {
          await tx.getRepository(ApprovalStepEntity).insert({
            opportunityId: opportunity.id,
            round: 1,
            sequence: 1,
            approverRole: Role.CITY_LEADER,
            regionId: (await regions.findOneByOrFail({ code: city === 'xa' ? '6101' : '6103' })).id,
            state: ApprovalState.APPROVED,
            dueAt: new Date(at.getTime() + rules.opportunity.stepDueHours * HOUR),
            ruleVersion,
            decidedById: staff(`${city}-leader`).id,
            onBehalfOfId: null,
            decidedAt: new Date(at.getTime() + 20 * HOUR),
            comment: '同意',
            createdAt: at,
          });
        }
      }
      if (spec.partner) {
        await attempts.insert({
          partnerId: spec.partner.id,
          reporterId: reporter.id,
          customerId: spec.customer.id,
          products: spec.products,
          outcome: RegistrationOutcome.ACCEPTED,
          opportunityId: opportunity.id,
          collidedWithId: null,
          at: createdAt,
          protectedUntil: opportunity.protectedUntil,
          ruleVersion,
        });
      }
      return opportunity;
    };

    /** The contract of a won opportunity, signed on its win (or `signedOn`), and the commissions the rule opens for it. */
    const sign = async (opportunity: OpportunityEntity, signedOn?: string) => {
      const contract = await contracts.save(
        contracts.create({
          opportunityId: opportunity.id,
          number: `HT-${chinaDate(opportunity.closedAt!).slice(0, 4)}-${String(serial++).padStart(5, '0')}`,
          signedAmount: ((BigInt(opportunity.estimatedAmount.replace('.', '')) * 95n) / 100n / 100n).toString() + '.00',
          termMonths: 36,
          signedOn: signedOn ?? chinaDate(opportunity.closedAt!),
          productLine: opportunity.products[0],
          signedById: opportunity.ownerId ?? opportunity.reporterId,
        }),
      );
      return { contract, commissions: await openCommissions(tx, opportunity, contract) };
    };

    const huaxin = await partner('P-HUAXIN');
    const zhilian = await partner('P-ZHILIAN');
    const metro = await customer('西安地铁运营有限公司');
    const police = await customer('西安市公安局');
    const geely = await customer('宝鸡吉利汽车部件有限公司');

    // Every won opportunity of the demo pipeline gets its contract (the partner one opens 宝鸡智联's commission: PENDING).
    const earlier = await opportunities.find({ where: { stage: S.WON }, order: { code: 'ASC' } });
    const signed = [];
    for (const opportunity of earlier) if (!(await contracts.existsBy({ opportunityId: opportunity.id }))) signed.push(await sign(opportunity));

    // 陕西华信: a win paid in full.
    const paidWin = await past({
      customer: metro,
      products: [P.DATA_LINE],
      amount: '420000.00',
      daysAgo: 40,
      stage: S.WON,
      partner: huaxin,
      reporter: staff('p-huaxin'),
    });
    signed.push(await sign(paidWin));
    // 陕西华信: registered after the contract was signed (REGISTERED_AFTER_WIN).
    const late = await past({
      customer: police,
      products: [P.GROUP_MAS],
      amount: '160000.00',
      daysAgo: 20,
      stage: S.WON,
      partner: huaxin,
      reporter: staff('p-huaxin'),
    });
    signed.push(await sign(late, chinaDate(new Date(late.registeredAt.getTime() - 5 * DAY))));
    // 陕西华信: its registration was on a cancelled opportunity; our own later one won (NO_REGISTRATION).
    await past({ customer: geely, products: [P.IOT], amount: '90000.00', daysAgo: 60, stage: S.CANCELLED, partner: huaxin, reporter: staff('p-huaxin') });
    const ours = await past({ customer: geely, products: [P.IOT], amount: '230000.00', daysAgo: 25, stage: S.WON });
    signed.push(await sign(ours));
    // 宝鸡智联: refused as a duplicate of our registration, which then won (DUPLICATE_REFUSED).
    const first = await past({ customer: police, products: [P.CLOUD], amount: '310000.00', daysAgo: 35, stage: S.WON });
    await attempts.insert({
      partnerId: zhilian.id,
      reporterId: staff('p-zhilian').id,
      customerId: police.id,
      products: [P.CLOUD],
      outcome: RegistrationOutcome.REFUSED_DUPLICATE,
      opportunityId: null,
      collidedWithId: first.id,
      at: new Date(first.registeredAt.getTime() + 2 * DAY),
      ruleVersion,
    });
    signed.push(await sign(first));

    // The paid one: approved and paid by 西安's administrator.
    const paid = signed.find((s) => s.contract.opportunityId === paidWin.id)!.commissions[0];
    await tx.getRepository(CommissionEntity).update(
      { id: paid.id },
      {
        state: CommissionState.PAID,
        reviewedById: staff('xa-oa').id,
        reviewedAt: new Date(now - 10 * DAY),
        paymentReference: 'FK-2026-000318',
        paidOn: chinaDate(new Date(now - 3 * DAY)),
        paidRecordedById: staff('xa-oa').id,
        version: 3,
      },
    );

    // Provisioning 开通 in every state, recorded in each opportunity's history.
    const all = await contracts.find({ where: { inServiceOn: IsNull() }, order: { createdAt: 'ASC' } });
    for (const [index, contract] of all.entries()) {
      const opportunity = await opportunities.findOneByOrFail({ id: contract.opportunityId });
      const state = [ProvisioningState.IN_SERVICE, ProvisioningState.PROVISIONING, ProvisioningState.PROVISIONING_FAILED][index % 3];
      if (state === ProvisioningState.PROVISIONING) continue;
      const on = chinaDate(new Date(Math.min(now, opportunity.closedAt!.getTime() + 3 * DAY)));
      await contracts.update(
        { id: contract.id },
        state === ProvisioningState.IN_SERVICE ? { provisioningState: state, inServiceOn: on } : { provisioningState: state, failedOn: on, failureReason: '客户机房未具备开通条件' },
      );
      await events.insert({
        opportunityId: opportunity.id,
        action: state === ProvisioningState.IN_SERVICE ? 'PROVISIONED' : 'PROVISIONING_FAILED',
        fromStage: S.WON,
        toStage: S.WON,
        actorId: opportunity.ownerId!,
        onBehalfOfId: null,
        byPartner: false,
        comment: state === ProvisioningState.IN_SERVICE ? on : `${on} 客户机房未具备开通条件`,
        at: new Date(Math.min(now - HOUR, opportunity.closedAt!.getTime() + 3 * DAY)),
      });
      await opportunities.update({ id: opportunity.id }, { version: () => 'version + 1' });
    }
  },
};
