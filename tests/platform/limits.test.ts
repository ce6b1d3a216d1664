import { parse } from 'graphql';
import { computeCost, UNPAGED_LIST_ESTIMATE } from '../../src/platform/graphql/limits';
import { appSchema } from '../../src/app';

/** API.md: cost multiplies page sizes through, also for lists without paging arguments. */
describe('query cost', () => {
  const cost = async (query: string, variables: Record<string, unknown> = {}) => computeCost(await appSchema(), parse(query), variables);

  it('multiplies a page size through its nested fields, from literals and variables alike', async () => {
    expect(await cost('{ staffMembers(first: 10) { nodes { name } } }')).toBe(await cost('query($n: Int) { staffMembers(first: $n) { nodes { name } } }', { n: 10 }));
    expect(await cost('{ staffMembers(first: 100) { nodes { name } } }')).toBeGreaterThan(9 * (await cost('{ staffMembers(first: 10) { nodes { name } } }')));
  });

  it('counts an unpaged list as many items, and a bounded one by its bound', async () => {
    expect(await cost('{ regions { code name } }')).toBe(1 + UNPAGED_LIST_ESTIMATE * 2);
    const map = await cost('query($c: ID!) { relationshipMap(customerId: $c) { people { __typename } } }', { c: 'x' });
    expect(map).toBeGreaterThanOrEqual(300);
  });

  it('prices a map whose every person pages their care and ties far over the default limit', async () => {
    const heavy = await cost(
      `query($c: ID!) { relationshipMap(customerId: $c, depth: 2) { people { ... on Contact { careActivities(first: 100) { nodes { kind note } } relationships(first: 100) { nodes { type } } } } } }`,
      { c: 'x' },
    );
    expect(heavy).toBeGreaterThan(50000);
  });
});
