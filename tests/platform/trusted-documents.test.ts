import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { nextCreditCode } from '../customers/builders';
import { errorCodes, startTestApp, TestApp } from '../support/harness';

/**
 * Partner tokens may run only registered documents: the ones in
 * examples/partner-portal (registered at start-up) and those an admin
 * registers. Staff send what they like. Automatic persisted queries work
 * for everyone.
 */
const EXAMPLES = path.join(__dirname, '..', '..', 'examples', 'partner-portal');
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, `${name}.graphql`), 'utf8');
const FREE = '{ opportunities(first: 3) { nodes { code stage } } }';
const REGISTER = 'mutation($input: RegisterTrustedDocumentInput!) { registerTrustedDocument(input: $input) { trustedDocument { id name source } userErrors { code field message } } }';

describe('trusted documents', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PARTNER_TRUSTED_DOCUMENTS: 'on' });
    for (const i of [1, 2, 3]) {
      const input = {
        title: `专线 ${i}`,
        products: ['INTERNET_LINE'],
        estimatedAmount: '120000.00',
        expectedCloseDate: new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10),
        customer: { creditCode: nextCreditCode(), name: `报备客户${i}` },
        idempotencyKey: `trusted-${i}`,
      };
      const res = await t.gql('p-huaxin', example('report-opportunity'), { input });
      expect(res.body.data.reportOpportunity.userErrors).toEqual([]);
    }
  });
  afterAll(() => t.close());

  it('lets a partner run the portal documents, however they are laid out', async () => {
    const listed = await t.gql('p-huaxin', example('my-opportunities'), { first: 5 });
    expect(listed.status).toBe(200);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.opportunities.nodes.length).toBeGreaterThan(0);
    const squashed = example('my-opportunities').replace(/#.*$/gm, '').replace(/\s+/g, ' ');
    expect(errorCodes(await t.gql('p-huaxin', squashed, { first: 5 }))).toEqual([]);
  });

  it('refuses any other document from a partner, naming its id; staff are free', async () => {
    const refused = await t.gql('p-huaxin', FREE);
    expect(refused.status).toBe(403);
    expect(errorCodes(refused)).toEqual(['DOCUMENT_NOT_TRUSTED']);
    expect(refused.body.errors[0].extensions.documentId).toMatch(/^[0-9a-f]{64}$/);
    expect(refused.body.data).toBeUndefined();
    expect(errorCodes(await t.gql('xa-am1', FREE))).toEqual([]);
  });

  it('an admin registers a document, and partners may run it from then on', async () => {
    const res = await t.gql('admin', REGISTER, { input: { name: 'three opportunities', document: FREE } });
    const registered = res.body.data.registerTrustedDocument;
    expect(registered.userErrors).toEqual([]);
    expect(registered.trustedDocument).toMatchObject({ name: 'three opportunities', source: 'ADMIN' });
    expect(errorCodes(await t.gql('p-huaxin', FREE))).toEqual([]);
    const again = await t.gql('admin', REGISTER, { input: { name: 'again', document: `  ${FREE}  ` } });
    expect(again.body.data.registerTrustedDocument.trustedDocument.id).toBe(registered.trustedDocument.id);

    const list = await t.gql('admin', '{ trustedDocuments(first: 50) { nodes { name source } } }');
    expect(list.body.data.trustedDocuments.nodes).toEqual(
      expect.arrayContaining([
        { name: 'report-opportunity', source: 'EXAMPLES' },
        { name: 'my-opportunities', source: 'EXAMPLES' },
        { name: 'three opportunities', source: 'ADMIN' },
      ]),
    );
  });

  it.each([
    ['not GraphQL', '{ opportunities(first: '],
    ['two operations', 'query A { viewer { name } } query B { viewer { name } }'],
    ['not valid against the schema', '{ nothingHere }'],
  ])('refuses to register a document that is %s', async (_label, document) => {
    const res = await t.gql('admin', REGISTER, { input: { name: 'bad', document } });
    expect(res.body.data.registerTrustedDocument.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: ['input', 'document'] })]);
  });

  it('only admins register and list', async () => {
    expect(errorCodes(await t.gql('xa-leader', REGISTER, { input: { name: 'x', document: FREE } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('p-huaxin', '{ trustedDocuments(first: 5) { nodes { id } } }'))).toEqual(['DOCUMENT_NOT_TRUSTED']);
    expect(errorCodes(await t.gql('xa-am1', '{ trustedDocuments(first: 5) { nodes { id } } }'))).toEqual(['FORBIDDEN']);
  });

  it('automatic persisted queries: a hash alone once the server has seen the document', async () => {
    const query = example('my-opportunities');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const send = async (body: object) =>
      request(t.app.express)
        .post('/graphql')
        .set('content-type', 'application/json')
        .set('authorization', `Bearer ${await t.token('p-huaxin')}`)
        .send(body);
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await send({ extensions, variables: { first: 2 } });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send({ query, extensions, variables: { first: 2 } })).body.errors).toBeUndefined();
    const byHash = await send({ extensions, variables: { first: 2 } });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data.opportunities.nodes).toHaveLength(2);
  });
});
