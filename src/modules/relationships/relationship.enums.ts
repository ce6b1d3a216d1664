import { registerEnumType } from 'type-graphql';

/** 人脉关系 — how two people know each other (DOMAIN.md: Relationship map). */
export enum RelationshipType {
  KNOWS = 'KNOWS',
  FRIEND = 'FRIEND',
  FAMILY = 'FAMILY',
  ALUMNI = 'ALUMNI',
  FORMER_COLLEAGUE = 'FORMER_COLLEAGUE',
  REPORTS_TO = 'REPORTS_TO',
}

/** Only REPORTS_TO has a direction (subordinate → manager); the others join two people alike. */
export const DIRECTED_TYPES: ReadonlySet<RelationshipType> = new Set([RelationshipType.REPORTS_TO]);

registerEnumType(RelationshipType, {
  name: 'RelationshipType',
  description: '人脉关系 — kind of relationship between two people.',
  valuesConfig: {
    KNOWS: { description: '认识 — acquainted' },
    FRIEND: { description: '朋友 — friends' },
    FAMILY: { description: '亲情 — family' },
    ALUMNI: { description: '校友 — alumni' },
    FORMER_COLLEAGUE: { description: '前同事 — former colleagues' },
    REPORTS_TO: { description: "汇报 — reports to (directed, inside one customer; mirrors the contact's reports-to)" },
  },
});
