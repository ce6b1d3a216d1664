import { buildSchema, graphql, GraphQLResolveInfo } from 'graphql';
import { selectsField } from './selection';

describe('selectsField', () => {
  const schema = buildSchema(`type Conn { totalCount: Int, nodes: [Int] } type Query { list: Conn }`);
  async function asks(query: string): Promise<boolean> {
    let answer: boolean | null = null;
    const rootValue = {
      list: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        answer = selectsField(info, 'totalCount');
        return { totalCount: 1, nodes: [] };
      },
    };
    const result = await graphql({ schema, source: query, rootValue });
    expect(result.errors).toBeUndefined();
    return answer!;
  }

  it('sees the field directly, in inline fragments and in fragment spreads', async () => {
    expect(await asks('{ list { totalCount } }')).toBe(true);
    expect(await asks('{ list { nodes } }')).toBe(false);
    expect(await asks('{ list { ... on Conn { totalCount } } }')).toBe(true);
    expect(await asks('{ list { ...F } } fragment F on Conn { nodes ...G } fragment G on Conn { totalCount }')).toBe(true);
    expect(await asks('{ list { ...F } } fragment F on Conn { nodes }')).toBe(false);
  });
});
