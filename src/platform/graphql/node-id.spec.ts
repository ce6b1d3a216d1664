import { fromGlobalId, toGlobalId } from './node-id';

describe('global ids', () => {
  const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('round-trip type and uuid through an opaque string', () => {
    const id = toGlobalId('GroupCustomer', uuid);
    expect(id).not.toContain(uuid);
    expect(fromGlobalId(id)).toEqual({ type: 'GroupCustomer', uuid });
    expect(fromGlobalId(id, 'GroupCustomer')).toEqual({ type: 'GroupCustomer', uuid });
  });

  it('refuse another type when one is expected', () => {
    expect(fromGlobalId(toGlobalId('Staff', uuid), 'Region')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['not base64', '!!!'],
    ['no colon', Buffer.from('Staff').toString('base64')],
    ['not a uuid', Buffer.from('Staff:123').toString('base64')],
    ['lower-case type', Buffer.from(`staff:${uuid}`).toString('base64')],
    ['sql', Buffer.from(`Staff:${uuid}' OR 1=1`).toString('base64')],
  ])('read %s as no id at all', (_label, id) => {
    expect(fromGlobalId(id)).toBeNull();
  });
});
