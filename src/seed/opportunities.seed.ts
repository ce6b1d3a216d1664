import { EntityManager } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { CustomerGrade, CustomerStatus, ManagementLevel } from '../modules/customers/customer.enums';
import { customerService } from '../modules/customers/customer.service';
import { GroupCustomerEntity } from '../modules/customers/group-customer.entity';
import { Industry } from '../modules/organisation/industry';
import { PartnerEntity } from '../modules/organisation/partner.entity';
import { RegionEntity } from '../modules/organisation/region.entity';
import { StaffEntity } from '../modules/organisation/staff.entity';
import { approvalRoute } from '../modules/opportunities/approval-routing';
import { ApprovalStepEntity } from '../modules/opportunities/approval-step.entity';
import { LifecycleAction } from '../modules/opportunities/lifecycle';
import { businessRules } from '../modules/rules/business-rules';
import { protectionEnds } from '../modules/opportunities/new-opportunity';
import { ApprovalState, Carrier, OpportunityCategory, OpportunitySource, OpportunityStage as S, ProductLine as P, RegistrationOutcome } from '../modules/opportunities/opportunity.enums';
import { OpportunityEventEntity } from '../modules/opportunities/opportunity-event.entity';
import { OpportunityEntity } from '../modules/opportunities/opportunity.entity';
import { RegistrationAttemptEntity } from '../modules/opportunities/registration-attempt.entity';
import { random } from './names';
import { SeedStep } from './runner';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Demo customers of every management level, with the manager who keeps each (DOMAIN.md: ownership). */
const CUSTOMERS: { name: string; region: string; level: ManagementLevel; industry: Industry; grade: CustomerGrade; manager: string }[] = [
  { name: '陕西省人民政府办公厅', region: '6101', level: ManagementLevel.PROVINCE, industry: Industry.GOVERNMENT, grade: CustomerGrade.A1, manager: 'im-gov' },
  { name: '陕西省人民医院', region: '6101', level: ManagementLevel.PROVINCE, industry: Industry.HEALTHCARE, grade: CustomerGrade.A1, manager: 'im-health' },
  { name: '西安交通大学', region: '6101', level: ManagementLevel.PROVINCE, industry: Industry.EDUCATION, grade: CustomerGrade.A2, manager: 'im-edu' },
  { name: '西安市公安局', region: '6101', level: ManagementLevel.CITY, industry: Industry.GOVERNMENT, grade: CustomerGrade.A2, manager: 'xa-am1' },
  { name: '西安地铁运营有限公司', region: '6101', level: ManagementLevel.CITY, industry: Industry.TRANSPORT, grade: CustomerGrade.B1, manager: 'xa-am2' },
  { name: '西安曲江文化旅游集团', region: '6101', level: ManagementLevel.CITY, industry: Industry.CULTURE_TOURISM, grade: CustomerGrade.B1, manager: 'xa-am3' },
  { name: '雁塔区教育局', region: '610113-G1', level: ManagementLevel.COUNTY, industry: Industry.EDUCATION, grade: CustomerGrade.B2, manager: 'xa-yt-g1' },
  { name: '雁塔区小寨商圈管委会', region: '610113-G2', level: ManagementLevel.COUNTY, industry: Industry.RETAIL, grade: CustomerGrade.C, manager: 'xa-yt-g2' },
  { name: '宝鸡市中心医院', region: '6103', level: ManagementLevel.CITY, industry: Industry.HEALTHCARE, grade: CustomerGrade.B1, manager: 'bj-am1' },
  {
    name: '宝鸡吉利汽车部件有限公司',
    region: '6103',
    level: ManagementLevel.CITY,
    industry: Industry.MANUFACTURING,
    grade: CustomerGrade.B2,
    manager: 'bj-am2',
  },
];

/** Who evaluates in each city, by region code of the customer's city. */
const SUPPORT: Record<string, string> = { '6101': 'xa-support', '6103': 'bj-support' };

const TITLES: Record<OpportunityCategory, string[]> = {
  STANDARD_PRODUCT: ['互联网专线扩容', '集团V网新增成员', '流量统付套餐', '集团MAS短信平台', 'IMS固话替换'],
  ICT_PROJECT: ['智慧校园一期', '视频监控云平台', '数据中心IDC托管', '移动云私有化部署', '物联网能耗监测'],
  COMPETITOR: ['电信专线到期替换', '联通数据专线策反', '广电宽带转网'],
};

/** The stages the demo pipeline shows, with how many opportunities each (every stage at least once). */
const PIPELINE: [S, number][] = [
  [S.DRAFT, 3],
  [S.SUBMITTED, 3],
  [S.PENDING_APPROVAL, 5],
  [S.APPROVED, 2],
  [S.IN_PROGRESS, 4],
  [S.WON, 3],
  [S.LOST, 2],
  [S.REJECTED, 1],
  [S.CANCELLED, 1],
];

/** The transitions that lead from creation to each stage (lifecycle.ts), as history actions. */
const PATH: Record<S, [LifecycleAction | 'CREATE' | 'REPORT', S][]> = {
  DRAFT: [['CREATE', S.DRAFT]],
  SUBMITTED: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
  ],
  PENDING_APPROVAL: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
    [LifecycleAction.ACCEPT_EVALUATION, S.PENDING_APPROVAL],
  ],
  APPROVED: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
    [LifecycleAction.ACCEPT_EVALUATION, S.PENDING_APPROVAL],
    [LifecycleAction.APPROVE_LAST_STEP, S.APPROVED],
  ],
  IN_PROGRESS: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
    [LifecycleAction.ACCEPT_EVALUATION, S.PENDING_APPROVAL],
    [LifecycleAction.APPROVE_LAST_STEP, S.APPROVED],
    [LifecycleAction.START, S.IN_PROGRESS],
  ],
  WON: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
    [LifecycleAction.ACCEPT_EVALUATION, S.PENDING_APPROVAL],
    [LifecycleAction.APPROVE_LAST_STEP, S.APPROVED],
    [LifecycleAction.START, S.IN_PROGRESS],
    [LifecycleAction.CLOSE_WON, S.WON],
  ],
  LOST: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
    [LifecycleAction.ACCEPT_EVALUATION, S.PENDING_APPROVAL],
    [LifecycleAction.APPROVE_LAST_STEP, S.APPROVED],
    [LifecycleAction.START, S.IN_PROGRESS],
    [LifecycleAction.CLOSE_LOST, S.LOST],
  ],
  REJECTED: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.SUBMIT, S.SUBMITTED],
    [LifecycleAction.ACCEPT_EVALUATION, S.PENDING_APPROVAL],
    [LifecycleAction.REJECT_STEP, S.REJECTED],
  ],
  CANCELLED: [
    ['CREATE', S.DRAFT],
    [LifecycleAction.CANCEL, S.CANCELLED],
  ],
};

const COMMENTS: Partial<Record<LifecycleAction, string>> = {
  ACCEPT_EVALUATION: '需求清晰, 初评通过',
  APPROVE_LAST_STEP: '同意, 请尽快对接',
  CLOSE_WON: '客户签约三年',
  CLOSE_LOST: '竞争对手报价更低',
  REJECT_STEP: '与在建项目重复',
  CANCEL: '客户预算取消',
};

/**
 * A believable pipeline on the demo province (issue 5): opportunities in
 * every stage with their history and approval steps, pending approvals (some
 * overdue), partner reports with one refused duplicate, a won partner
 * opportunity, and competitor lines expiring soon. Written
 * directly in the step's transaction so it loads once or not at all.
 */
export const opportunitiesSeed: SeedStep = {
  name: 'opportunities-v1',
  async run(tx: EntityManager) {
    const { version: ruleVersion, rules } = await businessRules.inForce(tx);
    const rand = random(20261123);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
    const now = Date.now();
    const staffRows = await tx.getRepository(StaffEntity).find();
    const staff = new Map(staffRows.map((s) => [s.employeeNo, s]));
    const regions = new Map((await tx.getRepository(RegionEntity).find()).map((r) => [r.code, r]));
    const regionById = new Map([...regions.values()].map((r) => [r.id, r]));
    const leaderOf = (role: Role, regionId: string) => staffRows.find((s) => s.roles.includes(role) && s.regionId === regionId)!;

    const customers: GroupCustomerEntity[] = [];
    for (const [index, spec] of CUSTOMERS.entries()) {
      const repo = tx.getRepository(GroupCustomerEntity);
      customers.push(
        await repo.save(
          repo.create({
            code: await customerService.nextCode(tx),
            name: spec.name,
            creditCode: null,
            industry: spec.industry,
            grade: spec.grade,
            managementLevel: spec.level,
            regionId: regions.get(spec.region)!.id,
            accountManagerId: staff.get(spec.manager)!.id,
            memberCount: 200 + index * 350,
            monthlyRevenue: (20000 + Math.round(rand() * 300000)).toFixed(2),
            status: CustomerStatus.ACTIVE,
            churnReason: null,
            address: null,
            parentId: null,
            version: 1,
          }),
        ),
      );
    }
    const managerOf = (customer: GroupCustomerEntity) => staffRows.find((s) => s.id === customer.accountManagerId)!;
    const cityCode = (customer: GroupCustomerEntity) => regionById.get(customer.regionId)!.code.slice(0, 4);

    const events = tx.getRepository(OpportunityEventEntity);
    const steps = tx.getRepository(ApprovalStepEntity);
    const opportunities = tx.getRepository(OpportunityEntity);

    /** One opportunity with its whole past: the history entries and approval steps that led to `stage`. */
    const addOpportunity = async (spec: {
      customer: GroupCustomerEntity;
      stage: S;
      category: OpportunityCategory;
      products: P[];
      amount: string;
      daysAgo: number;
      partner?: { partner: PartnerEntity; reporter: StaffEntity };
      competitorExpiresInDays?: number;
    }) => {
      const { customer, stage } = spec;
      const reporter = spec.partner?.reporter ?? managerOf(customer);
      const createdAt = new Date(now - spec.daysAgo * DAY);
      const path = spec.partner ? [['REPORT', S.SUBMITTED] as const, ...PATH[stage].slice(2)] : PATH[stage];
      // The whole route is frozen at acceptance (DOMAIN.md: Approval routing); the demo decides at most its first step.
      const route = approvalRoute(customer.managementLevel, regionById.get(customer.regionId)!.path, spec.amount, rules.opportunity);
      const accepted = path.some(([action]) => action === LifecycleAction.ACCEPT_EVALUATION);
      const approver = leaderOf(route[0].approverRole, route[0].regionId);
      const support = staff.get(SUPPORT[cityCode(customer)])!;
      const owner = [S.APPROVED, S.IN_PROGRESS, S.WON, S.LOST].includes(stage) ? managerOf(customer) : null;
      const closed = [S.WON, S.LOST, S.REJECTED, S.CANCELLED].includes(stage);
      const [{ code }] = await tx.query(`SELECT 'SJ' || to_char($1::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0') AS code`, [
        createdAt,
      ]);
      const last = new Date(createdAt.getTime() + (path.length - 1) * 20 * HOUR);
      const opportunity = await opportunities.save(
        opportunities.create({
          code,
          customerId: customer.id,
          title: `${customer.name.slice(0, 6)}${pick(TITLES[spec.category])}`,
          category: spec.category,
          source: spec.partner ? OpportunitySource.PARTNER : OpportunitySource.ACCOUNT_MANAGER,
          products: spec.products,
          estimatedAmount: spec.amount,
          expectedCloseDate: new Date(now + (30 + Math.floor(rand() * 150)) * DAY).toISOString().slice(0, 10),
          description: '客户提出需求, 已初步沟通',
          stage,
          competitorCarrier: spec.competitorExpiresInDays != null ? pick([Carrier.CHINA_TELECOM, Carrier.CHINA_UNICOM, Carrier.CHINA_BROADNET]) : null,
          competitorProduct: spec.competitorExpiresInDays != null ? '政企精品专线' : null,
          competitorMonthlyFee: spec.competitorExpiresInDays != null ? (2000 + Math.round(rand() * 8000)).toFixed(2) : null,
          competitorBandwidthMbps: spec.competitorExpiresInDays != null ? pick([50, 100, 200, 500, 1000]) : null,
          competitorContractExpiresOn: spec.competitorExpiresInDays != null ? new Date(now + spec.competitorExpiresInDays * DAY).toISOString().slice(0, 10) : null,
          reporterId: reporter.id,
          partnerId: spec.partner?.partner.id ?? null,
          ownerId: owner?.id ?? null,
          followerIds: owner ? [staff.get(`${cityCode(customer) === '6101' ? 'xa' : 'bj'}-am2`)!.id] : [],
          supportResources: owner ? ['方案经理', '装维支撑'] : [],
          supportManagerId: accepted ? support.id : null,
          approvalRoute: accepted ? route : null,
          routeRuleVersion: accepted ? ruleVersion : null,
          registeredAt: createdAt,
          protectedUntil: protectionEnds(createdAt, rules.opportunity),
          ruleVersion,
          closedAt: closed ? last : null,
          closeReason: closed ? (COMMENTS[path[path.length - 1][0] as LifecycleAction] ?? null) : null,
          version: path.length,
        }),
      );
      let from: S | null = null;
      for (const [index, [action, to]] of path.entries()) {
        const at = new Date(createdAt.getTime() + index * 20 * HOUR);
        const actor =
          action === LifecycleAction.ACCEPT_EVALUATION
            ? support
            : [LifecycleAction.APPROVE_LAST_STEP, LifecycleAction.REJECT_STEP].includes(action as LifecycleAction)
              ? approver
              : action === LifecycleAction.START || action === LifecycleAction.CLOSE_WON || action === LifecycleAction.CLOSE_LOST
                ? (owner ?? reporter)
                : reporter;
        await events.insert({
          opportunityId: opportunity.id,
          action,
          fromStage: from,
          toStage: to,
          actorId: actor.id,
          onBehalfOfId: null,
          byPartner: actor.partnerId != null,
          comment: COMMENTS[action as LifecycleAction] ?? null,
          at,
        });
        if (action === LifecycleAction.ACCEPT_EVALUATION) {
          const decided = path[index + 1];
          const state = !decided ? ApprovalState.PENDING : decided[0] === LifecycleAction.REJECT_STEP ? ApprovalState.REJECTED : ApprovalState.APPROVED;
          const opened = at;
          await steps.insert({
            opportunityId: opportunity.id,
            round: 1,
            sequence: 1,
            approverRole: route[0].approverRole,
            regionId: route[0].regionId,
            state,
            dueAt: new Date(opened.getTime() + rules.opportunity.stepDueHours * HOUR),
            ruleVersion,
            decidedById: decided ? approver.id : null,
            onBehalfOfId: null,
            decidedAt: decided ? new Date(at.getTime() + 20 * HOUR) : null,
            comment: decided ? (COMMENTS[decided[0] as LifecycleAction] ?? null) : null,
            createdAt: opened,
          });
        }
        from = to;
      }
      return opportunity;
    };

    const byName = (name: string) => customers.find((c) => c.name === name)!;
    let serial = 0;
    const internalCustomers = customers.filter((c) => !['西安曲江文化旅游集团', '宝鸡市中心医院'].includes(c.name));
    const productsPool: P[][] = [[P.INTERNET_LINE], [P.CLOUD, P.IDC], [P.VPMN], [P.IOT], [P.DATA_LINE, P.DARK_FIBER], [P.GROUP_MAS], [P.IMS_FIXED], [P.DATA_POOL], [P.ICT_INTEGRATION, P.CLOUD]];
    for (const [stage, count] of PIPELINE) {
      for (let i = 0; i < count; i++) {
        const customer = internalCustomers[serial % internalCustomers.length];
        const category = serial % 5 === 3 ? OpportunityCategory.ICT_PROJECT : OpportunityCategory.STANDARD_PRODUCT;
        await addOpportunity({
          customer,
          stage,
          category,
          products: productsPool[serial % productsPool.length],
          // Some still in approval are big enough to need the province step too (opportunity.config.ts).
          amount: serial % 5 === 4 && [S.DRAFT, S.SUBMITTED, S.PENDING_APPROVAL].includes(stage) ? '6800000.00' : (50000 + Math.round(rand() * 900000)).toFixed(2),
          // Pending approvals: the first two opened longer ago than the configured due time (overdue), the rest recently.
          daysAgo: stage === S.PENDING_APPROVAL ? (i < 2 ? 6 : 3) : 5 + ((serial * 7) % 60),
        });
        serial++;
      }
    }

    // The renewal radar: rival lines expiring soon, one already being followed up.
    for (const [index, days] of [12, 35, 58, 160].entries()) {
      await addOpportunity({
        customer: internalCustomers[index + 2],
        stage: index === 1 ? S.IN_PROGRESS : S.DRAFT,
        category: OpportunityCategory.COMPETITOR,
        products: [P.DATA_LINE],
        amount: (120000 + index * 40000).toFixed(2),
        daysAgo: 3 + index,
        competitorExpiresInDays: days,
      });
    }

    // Partner reports 报备: accepted ones, a won one, and a refused duplicate.
    const partners = tx.getRepository(PartnerEntity);
    const huaxin = { partner: await partners.findOneByOrFail({ code: 'P-HUAXIN' }), reporter: staff.get('p-huaxin')! };
    const zhilian = { partner: await partners.findOneByOrFail({ code: 'P-ZHILIAN' }), reporter: staff.get('p-zhilian')! };
    const attempts = tx.getRepository(RegistrationAttemptEntity);
    const reported = async (partner: typeof huaxin, customer: GroupCustomerEntity, stage: S, products: P[], daysAgo: number) => {
      const opportunity = await addOpportunity({
        customer,
        stage,
        category: OpportunityCategory.STANDARD_PRODUCT,
        products,
        amount: (60000 + Math.round(rand() * 200000)).toFixed(2),
        daysAgo,
        partner,
      });
      await attempts.insert({
        partnerId: partner.partner.id,
        reporterId: partner.reporter.id,
        customerId: customer.id,
        products,
        outcome: RegistrationOutcome.ACCEPTED,
        opportunityId: opportunity.id,
        collidedWithId: null,
        at: opportunity.registeredAt,
        protectedUntil: opportunity.protectedUntil,
        ruleVersion,
      });
      return opportunity;
    };
    const qujiang = byName('西安曲江文化旅游集团');
    const hospital = byName('宝鸡市中心医院');
    await reported(huaxin, qujiang, S.SUBMITTED, [P.CLOUD], 2);
    const collided = await reported(huaxin, qujiang, S.PENDING_APPROVAL, [P.IOT], 6);
    await attempts.insert({
      partnerId: zhilian.partner.id,
      reporterId: zhilian.reporter.id,
      customerId: qujiang.id,
      products: [P.IOT],
      outcome: RegistrationOutcome.REFUSED_DUPLICATE,
      opportunityId: null,
      collidedWithId: collided.id,
      at: new Date(now - 3 * DAY),
      ruleVersion,
    });
    await reported(zhilian, hospital, S.IN_PROGRESS, [P.DATA_LINE], 30);
    // Incentives 激励申报 on it and others are the follow-through step's (follow-through.seed.ts).
    await reported(zhilian, hospital, S.WON, [P.ICT_INTEGRATION], 50);
  },
};
