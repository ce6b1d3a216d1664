import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, pageSize, paginateArray } from './connection';

describe('paging arguments', () => {
  it('default to 20 forward and allow 1–100', () => {
    expect(pageSize({})).toEqual({ size: 20, backward: false });
    expect(pageSize({ first: 1 })).toEqual({ size: 1, backward: false });
    expect(pageSize({ first: 100 })).toEqual({ size: 100, backward: false });
    expect(pageSize({ last: 5, before: 'x' })).toEqual({ size: 5, backward: true });
  });

  it.each([[{ first: 0 }], [{ first: 101 }], [{ first: -1 }], [{ last: 0 }], [{ first: 1, last: 1 }], [{ after: 'a', before: 'b' }]])('refuse %p', (args) => {
    expect(() => pageSize(args)).toThrow(GraphQLError);
  });
});

describe('cursors', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  it('round-trip a sort value and id', () => {
    expect(decodeCursor(encodeCursor('王', id), 'text')).toEqual(['王', id]);
    expect(decodeCursor(encodeCursor('12.50', id), 'numeric')).toEqual(['12.50', id]);
  });
  it.each([['garbage'], [Buffer.from('[1]').toString('base64')], [encodeCursor('x', 'not-a-uuid')]])('refuse %p', (cursor) => {
    expect(() => decodeCursor(cursor, 'text')).toThrow('Invalid cursor');
  });
  it('refuse a cursor of the wrong sort type', () => {
    expect(() => decodeCursor(encodeCursor('abc', id), 'numeric')).toThrow('Invalid cursor');
  });
});

describe('paging an in-memory list', () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ id: `00000000-0000-0000-0000-00000000000${i}`, n: i }));
  it('walks forward and backward', () => {
    const first = paginateArray(items, { first: 2 });
    expect(first.edges.map((e) => e.node.n)).toEqual([0, 1]);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = paginateArray(items, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.n)).toEqual([2, 3]);
    const last = paginateArray(items, { first: 2, after: second.pageInfo.endCursor });
    expect(last.edges.map((e) => e.node.n)).toEqual([4]);
    expect(last.pageInfo.hasNextPage).toBe(false);
    const back = paginateArray(items, { last: 2, before: last.pageInfo.startCursor });
    expect(back.edges.map((e) => e.node.n)).toEqual([2, 3]);
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });
});
