import type { ExportColumn, ExportList, ResultRow } from '../../platform/files/table-export';

/*
 * 导出 — what each export holds: a query of the API itself, run page by page
 * as the viewer (platform/files/table-export.ts), so every row and every
 * masked field is what the viewer would get from GraphQL; here only the
 * columns and their Chinese headers.
 */

const col = (header: string, value: (row: ResultRow) => unknown): ExportColumn => ({ header, value });
const amount = (value: string | null | undefined) => (value == null ? null : Number(value));

export const EXPORT_LISTS: Record<string, ExportList> = {
  customers: {
    name: '集团客户',
    paged: true,
    path: ['groupCustomers'],
    document: `query ExportCustomers($first: Int, $after: String, $filter: GroupCustomerFilter, $orderBy: GroupCustomerOrder) {
      groupCustomers(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        pageInfo { hasNextPage endCursor }
        nodes { code name creditCode industry grade managementLevel status memberCount monthlyRevenue address region { code name } accountManager { employeeNo name } }
      }
    }`,
    columns: [
      col('客户编码', (c) => c.code),
      col('客户名称', (c) => c.name),
      col('统一社会信用代码', (c) => c.creditCode),
      col('行业', (c) => c.industry),
      col('客户等级', (c) => c.grade),
      col('管理层级', (c) => c.managementLevel),
      col('状态', (c) => c.status),
      col('集团成员数', (c) => c.memberCount),
      col('月收入', (c) => amount(c.monthlyRevenue)),
      col('区域编码', (c) => c.region?.code),
      col('区域', (c) => c.region?.name),
      col('客户经理工号', (c) => c.accountManager?.employeeNo),
      col('客户经理', (c) => c.accountManager?.name),
      col('地址', (c) => c.address),
    ],
  },

  contacts: {
    name: '关键人物',
    paged: true,
    path: ['contacts'],
    document: `query ExportContacts($first: Int, $after: String, $filter: ContactFilter) {
      contacts(first: $first, after: $after, filter: $filter) {
        pageInfo { hasNextPage endCursor }
        nodes { name title department careLevel careStatus decisionRole attitude mobile email birthday lastCaredAt nextCareDueAt customer { code name } }
      }
    }`,
    columns: [
      col('客户编码', (c) => c.customer?.code),
      col('客户名称', (c) => c.customer?.name),
      col('姓名', (c) => c.name),
      col('职务', (c) => c.title),
      col('部门', (c) => c.department),
      col('关怀级别', (c) => c.careLevel),
      col('关怀状态', (c) => c.careStatus),
      col('决策角色', (c) => c.decisionRole),
      col('态度', (c) => c.attitude),
      col('手机', (c) => c.mobile),
      col('邮箱', (c) => c.email),
      col('生日', (c) => c.birthday),
      col('最近关怀', (c) => c.lastCaredAt),
      col('下次关怀', (c) => c.nextCareDueAt),
    ],
  },

  opportunities: {
    name: '商机',
    paged: true,
    path: ['opportunities'],
    document: `query ExportOpportunities($first: Int, $after: String, $filter: OpportunityFilter, $orderBy: OpportunityOrder) {
      opportunities(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        pageInfo { hasNextPage endCursor }
        nodes { code title stage category source products estimatedAmount expectedCloseDate registeredAt customerSummary { code name region { name } } owner { name } partner { name } }
      }
    }`,
    columns: [
      col('商机编码', (o) => o.code),
      col('商机名称', (o) => o.title),
      col('阶段', (o) => o.stage),
      col('类别', (o) => o.category),
      col('来源', (o) => o.source),
      col('产品线', (o) => (o.products ?? []).join(' ')),
      col('预估金额', (o) => amount(o.estimatedAmount)),
      col('预计签约日期', (o) => o.expectedCloseDate),
      col('报备时间', (o) => o.registeredAt),
      col('客户编码', (o) => o.customerSummary?.code),
      col('客户名称', (o) => o.customerSummary?.name),
      col('区域', (o) => o.customerSummary?.region?.name),
      col('负责人', (o) => o.owner?.name),
      col('合作伙伴', (o) => o.partner?.name),
    ],
  },

  'care-due': {
    name: '关怀提醒',
    paged: true,
    path: ['careDue'],
    document: `query ExportCareDue($first: Int, $after: String, $withinDays: Int! = 7) {
      careDue(first: $first, after: $after, withinDays: $withinDays) {
        pageInfo { hasNextPage endCursor }
        nodes { name title careLevel careStatus careDueReasons(withinDays: $withinDays) nextCareDueAt lastCaredAt mobile customer { code name } }
      }
    }`,
    columns: [
      col('客户编码', (c) => c.customer?.code),
      col('客户名称', (c) => c.customer?.name),
      col('姓名', (c) => c.name),
      col('职务', (c) => c.title),
      col('关怀级别', (c) => c.careLevel),
      col('关怀状态', (c) => c.careStatus),
      col('提醒原因', (c) => (c.careDueReasons ?? []).join(' ')),
      col('下次关怀', (c) => c.nextCareDueAt),
      col('最近关怀', (c) => c.lastCaredAt),
      col('手机', (c) => c.mobile),
    ],
  },

  pipeline: {
    name: '商机漏斗',
    paged: false,
    path: ['pipeline', 'byStage'],
    document: `query ExportPipeline($filter: PipelineFilter) { pipeline(filter: $filter) { byStage { stage count amount signedAmount } } }`,
    columns: [col('阶段', (s) => s.stage), col('数量', (s) => s.count), col('预估金额', (s) => amount(s.amount)), col('签约金额', (s) => amount(s.signedAmount))],
  },

  ranking: {
    name: '商机通报',
    paged: false,
    path: ['opportunityRanking', 'rows'],
    document: `query ExportRanking($by: RankingDimension!, $period: PeriodInput!, $filter: OpportunityFilter) {
      opportunityRanking(by: $by, period: $period, filter: $filter) { rows { rank region { name } owner { name } count won lost estimatedAmount signedAmount winRate averageCycleDays } }
    }`,
    columns: [
      col('排名', (r) => r.rank),
      col('区域', (r) => r.region?.name),
      col('负责人', (r) => r.owner?.name),
      col('商机数', (r) => r.count),
      col('签约', (r) => r.won),
      col('失败', (r) => r.lost),
      col('预估金额', (r) => amount(r.estimatedAmount)),
      col('签约金额', (r) => amount(r.signedAmount)),
      col('赢单率', (r) => r.winRate),
      col('平均周期（天）', (r) => r.averageCycleDays),
    ],
  },

  'approval-sla': {
    name: '审批时效',
    paged: false,
    path: ['approvalSla'],
    document: `query ExportApprovalSla($period: PeriodInput!) { approvalSla(period: $period) { region { code name } decided decidedWithinDue withinDueRate overdueNow medianHoursToDecide } }`,
    columns: [
      col('区域编码', (r) => r.region?.code),
      col('区域', (r) => r.region?.name),
      col('已审批', (r) => r.decided),
      col('按时审批', (r) => r.decidedWithinDue),
      col('按时率', (r) => r.withinDueRate),
      col('当前超时', (r) => r.overdueNow),
      col('审批时长中位数（小时）', (r) => r.medianHoursToDecide),
    ],
  },
};
