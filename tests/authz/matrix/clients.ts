import { everyRole, Expectations, payload, Row, row } from '../engine';

/** Trusted documents (issue 16): the documents partner tokens may run, listed and registered by admins only. */
const ADMIN_ONLY: Expectations = { ...everyRole('FORBIDDEN'), admin: 'OK' };

export const clientRows: Row[] = [
  row('Query.trustedDocuments', {
    document: `{ trustedDocuments(first: 100) { nodes { id } } }`,
    observe: (data) => (data?.trustedDocuments ? 'OK' : 'ABSENT'),
    expect: ADMIN_ONLY,
  }),

  row('Mutation.registerTrustedDocument', {
    document: `mutation($input: RegisterTrustedDocumentInput!) { registerTrustedDocument(input: $input) { trustedDocument { id } userErrors { code message field } } }`,
    variables: (_none, w) => ({ input: { name: `authz-${w.next()}`, document: `query AuthzMatrix${w.next()} { viewer { id } }` } }),
    observe: payload('registerTrustedDocument', 'trustedDocument'),
    expect: ADMIN_ONLY,
  }),
];
