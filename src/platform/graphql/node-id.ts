const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Global object ids: opaque base64 of `Type:uuid` (API.md: Conventions). */
export function toGlobalId(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64');
}

export interface DecodedId {
  type: string;
  uuid: string;
}

/** The decoded id, or null for anything that is not one of ours. */
export function fromGlobalId(id: string, expectedType?: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200 || !/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const type = decoded.slice(0, colon);
  const uuid = decoded.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]*$/.test(type) || !UUID.test(uuid)) return null;
  if (expectedType && type !== expectedType) return null;
  return { type, uuid: uuid.toLowerCase() };
}

/** The uuid behind a global id of that type, or null (absent, malformed, or another type). */
export function uuidOf(globalId: string | null | undefined, type: string): string | null {
  return globalId ? (fromGlobalId(globalId, type)?.uuid ?? null) : null;
}
