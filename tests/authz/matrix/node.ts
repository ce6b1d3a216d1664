import { Observer, row, Row, SCOPED, single } from '../engine';
import { ContactRow, OpportunityRow } from '../world';

/**
 * `node` and `nodes` apply the scope of each type (API.md: Conventions);
 * here one type each, and tests/authz/node.test.ts every type for every role.
 */
const first: Observer<{ id: string }> = (data, target) => {
  const [item] = data?.nodes ?? [];
  return item == null ? 'ABSENT' : item.id === target.id ? 'OK' : `another object (${item.id})`;
};

export const nodeRows: Row[] = [
  row<OpportunityRow>('Query.node', {
    document: `query($id: ID!) { node(id: $id) { id } }`,
    target: (w, role, side) => w.opportunity(role, side, 'SUBMITTED'),
    variables: (o) => ({ id: o.id }),
    observe: single('node'),
    expect: {
      admin: 'OK',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: SCOPED,
      accountManager: SCOPED,
      gridManager: SCOPED,
      supportManager: SCOPED,
      opportunityAdmin: SCOPED,
      partner: SCOPED,
    },
  }),

  row<ContactRow>('Query.nodes', {
    document: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
    target: (w, role, side) => w.contact(role, side),
    variables: (c) => ({ ids: [c.id] }),
    observe: first,
    expect: {
      admin: 'OK',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: SCOPED,
      accountManager: SCOPED,
      gridManager: SCOPED,
      supportManager: 'NOT_FOUND',
      opportunityAdmin: 'NOT_FOUND',
      partner: 'NOT_FOUND',
    },
  }),
];
