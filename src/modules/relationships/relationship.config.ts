/** Bounds of the relationship queries (DOMAIN.md: Relationship map; paths of at most N hops). */
export const RELATIONSHIP_LIMITS = {
  maxHops: 4,
  maxPaths: 20,
  mapPeople: 300,
  mapRelationships: 1000,
  /** Introduction paths walk a large graph: a runaway search is cut by the server, not left to hang. */
  pathStatementTimeoutMs: 5000,
};
