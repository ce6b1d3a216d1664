import { migrationViews, moduleSources, tableOwners, VIEW_OWNERS, violations } from '../support/module-boundaries';

describe('module boundaries', () => {
  const sources = moduleSources();
  const owners = tableOwners(sources);

  it('no module names a table or imports an entity another module owns', () => {
    expect(sources.flatMap((source) => violations(source, owners))).toEqual([]);
  });

  it('knows the owner of every table and view', () => {
    expect(owners.get('group_customer')).toBe('customers');
    expect(owners.get('staff')).toBe('organisation');
    expect(owners.get('contact')).toBe('contacts');
    expect(owners.get('approval_step')).toBe('opportunities');
    expect(migrationViews()).toEqual(Object.keys(VIEW_OWNERS).sort());
  });

  it('fails on a deliberate violation', () => {
    const fake = {
      path: 'src/modules/opportunities/fake.ts',
      module: 'opportunities',
      text: [
        "import { StaffEntity } from '../organisation/staff.entity';",
        "import type { GroupCustomerEntity } from '../customers/group-customer.entity';",
        "import { OpportunityEntity } from './opportunity.entity';",
        'const a = `SELECT o.id FROM opportunity o JOIN group_customer c ON c.id = o.customer_id`;',
        "const b = query.innerJoin('region', 'r', 'r.id = c.region_id');",
        '// a comment may say FROM contact',
        'const c = `UPDATE staff SET active = false`;',
        'const d = `SELECT 1 FROM person_edge e`;',
      ].join('\n'),
    };
    expect(violations(fake, owners).map((v) => `${v.line}: ${v.message}`)).toEqual([
      '1: imports an entity of module organisation',
      '4: names table group_customer of module customers',
      '5: names table region of module organisation',
      '7: names table staff of module organisation',
      '8: names table person_edge of module relationships',
    ]);
  });
});
