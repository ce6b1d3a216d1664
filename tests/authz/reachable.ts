import { getNamedType, GraphQLField, GraphQLNamedType, GraphQLSchema, isInterfaceType, isLeafType, isNonNullType, isObjectType, isUnionType } from 'graphql';

/**
 * Documents that reach as far as they can from a root field through nested
 * object fields (DOMAIN.md: Who sees what — out of scope is null "on every
 * path: node(id:), lists, nested fields"), generated from the schema: every
 * object's `__typename` and `id`, every object field whose arguments may be
 * left out, connections by their `nodes`, `depth` levels down, never into a
 * type already on the way there.
 */
const PAGE_ARGS = new Set(['first', 'last', 'after', 'before']);

function callable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => PAGE_ARGS.has(arg.name) || !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

function selection(schema: GraphQLSchema, type: GraphQLNamedType, depth: number, path: string[]): string {
  if (isUnionType(type) || isInterfaceType(type)) {
    const members = isUnionType(type) ? type.getTypes() : schema.getPossibleTypes(type);
    return `__typename ${members.map((member) => `... on ${member.name} { ${selection(schema, member, depth, path)} }`).join(' ')}`;
  }
  if (!isObjectType(type)) return '';
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      if (field.name === 'id') parts.push('id');
      continue;
    }
    if (field.name === 'edges' || field.name === 'pageInfo' || !callable(field) || depth === 0) continue;
    const args = field.args.some((arg) => arg.name === 'first') ? '(first: 2)' : '';
    // A connection is a way to its nodes: it costs no level of its own.
    const nodes = isObjectType(named) ? named.getFields().nodes : undefined;
    const inner = nodes ? getNamedType(nodes.type) : named;
    if (path.includes(inner.name)) continue;
    const reached = selection(schema, inner, depth - 1, [...path, inner.name]);
    parts.push(nodes ? `${field.name}${args} { nodes { ${reached} } }` : `${field.name}${args} { ${reached} }`);
  }
  return parts.join(' ');
}

/** `{ field(first: 5) { … } }` for a root query field, or null when it needs arguments. */
export function reachingRoot(schema: GraphQLSchema, name: string, depth: number): string | null {
  const field = schema.getQueryType()!.getFields()[name];
  if (!callable(field) || isLeafType(getNamedType(field.type))) return null;
  const args = field.args.some((arg) => arg.name === 'first') ? '(first: 3)' : '';
  const named = getNamedType(field.type);
  const nodes = isObjectType(named) ? named.getFields().nodes : undefined;
  const inner = nodes ? getNamedType(nodes.type) : named;
  const reached = selection(schema, inner, depth, [inner.name]);
  return `{ ${name}${args} { ${nodes ? `nodes { ${reached} }` : reached} } }`;
}

/** `node(id:)` reaching from one object of `type`. */
export function reachingNode(schema: GraphQLSchema, type: string, depth: number): string {
  return `query($id: ID!) { node(id: $id) { ... on ${type} { ${selection(schema, schema.getType(type)!, depth, [type])} } } }`;
}

/** Every object with a global id in an answer, by type. */
export function objectsIn(value: unknown, found: { type: string; id: string }[] = []): { type: string; id: string }[] {
  if (Array.isArray(value)) value.forEach((item) => objectsIn(item, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.__typename === 'string' && typeof record.id === 'string') found.push({ type: record.__typename, id: record.id });
    Object.values(record).forEach((inner) => objectsIn(inner, found));
  }
  return found;
}
