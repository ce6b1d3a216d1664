import DataLoader from 'dataloader';
import { Arg, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { badInput } from './errors';
import { fromGlobalId } from './node-id';

@InterfaceType({ description: 'An object with a global ID, fetchable with `node(id:)`.' })
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID.' })
  id!: string;
}

/** The per-request loader of one type by uuid, in the viewer's scope; out of scope loads as null. */
export type NodeLoader = (ctx: Context) => DataLoader<string, Node | null>;

/** The loader of each node type, by GraphQL type name. Each module exports its own; the composition root merges them. */
export type NodeTypes = Readonly<Record<string, NodeLoader>>;

const MAX_NODES = 100;

/** `node(id:)` and `nodes(ids:)` over the node types the composition root passes in. */
export function nodeResolver(nodeTypes: NodeTypes) {
  const loaders = new Map(Object.entries(nodeTypes));

  @Resolver()
  class NodeResolver {
    @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when unknown or out of your scope.' })
    async node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
      const [found] = await resolveNodes(loaders, ctx, [id]);
      return found;
    }

    @Query(() => [Node], { nullable: 'items', description: 'Objects by global ID, in the order asked; null for each one unknown or out of scope.' })
    async nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(Node | null)[]> {
      if (ids.length > MAX_NODES) throw badInput(`At most ${MAX_NODES} ids at once`);
      return resolveNodes(loaders, ctx, ids);
    }
  }
  return NodeResolver;
}

async function resolveNodes(loaders: Map<string, NodeLoader>, ctx: Context, ids: string[]): Promise<(Node | null)[]> {
  const decoded = ids.map((id) => fromGlobalId(id));
  const byType = new Map<string, string[]>();
  for (const entry of decoded) {
    if (entry && loaders.has(entry.type)) byType.set(entry.type, [...(byType.get(entry.type) ?? []), entry.uuid]);
  }
  const found = new Map<string, Node | null>();
  await Promise.all(
    [...byType].map(async ([type, uuids]) => {
      const fetched = await loaders.get(type)!(ctx).loadMany(uuids);
      uuids.forEach((uuid, index) => {
        const item = fetched[index];
        if (item instanceof Error) throw item;
        found.set(`${type}:${uuid}`, item ?? null);
      });
    }),
  );
  return decoded.map((entry) => (entry ? (found.get(`${entry.type}:${entry.uuid}`) ?? null) : null));
}
