import { everyRole, Expectations, payload, Row, row } from '../engine';

/** Business rules (issue 14): every internal user reads them, admins and leaders their history, admins alone change them. */
const INTERNAL: Expectations = { ...everyRole('OK'), partner: 'FORBIDDEN' };
const ADMIN_AND_LEADERS: Expectations = { ...everyRole('FORBIDDEN'), admin: 'OK', provinceLeader: 'OK', cityLeader: 'OK', countyLeader: 'OK' };

export const ruleRows: Row[] = [
  row('Query.businessRules', {
    document: `{ businessRules { version opportunity { stepDueHours } } }`,
    observe: (data) => (data?.businessRules ? 'OK' : 'ABSENT'),
    expect: INTERNAL,
  }),

  row('Query.businessRuleHistory', {
    document: `{ businessRuleHistory(first: 5) { nodes { version } } }`,
    observe: (data) => (data?.businessRuleHistory?.nodes?.length ? 'OK' : 'ABSENT'),
    expect: ADMIN_AND_LEADERS,
  }),

  row('Mutation.updateBusinessRules', {
    document: `mutation($input: UpdateBusinessRulesInput!) { updateBusinessRules(input: $input) { businessRules { version } userErrors { code message field } } }`,
    target: async (w) => ({ version: Number((await w.q(`SELECT max(version) AS v FROM business_rule_set`))[0].v) }),
    variables: (target) => ({ input: { expectedVersion: target.version, note: 'authz matrix', followThrough: { stallDays: 14 } } }),
    names: () => [],
    observe: payload('updateBusinessRules', 'businessRules'),
    expect: { ...everyRole('FORBIDDEN'), admin: 'OK' },
    serial: true,
  }),
];
