import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { CareActivityEntity } from '../modules/contacts/care-activity.entity';
import { CarePolicyEntity } from '../modules/contacts/care-policy.entity';
import { CareActivityKind, CareLevel, ContactAttitude, DecisionRole } from '../modules/contacts/contact.enums';
import { ContactEntity } from '../modules/contacts/contact.entity';
import { GroupCustomerEntity } from '../modules/customers/group-customer.entity';
import { StaffEntity } from '../modules/organisation/staff.entity';
import { chineseName, random } from './names';
import { SeedStep } from './runner';

type Draft = Omit<ContactEntity, 'createdAt' | 'updatedAt' | 'version' | 'customer' | 'reportsTo' | 'lastCaredAt' | 'nextCareDueAt' | 'leftOn'>;

/** Who a customer's people are at each level: title, department, usual decision role, how many (min, max). */
const ROLES: Record<CareLevel, { titles: string[]; departments: string[]; role: DecisionRole; count: [number, number] }> = {
  MANAGEMENT: {
    titles: ['党委书记', '总经理', '局长', '院长', '副总经理', '副局长'],
    departments: ['领导班子'],
    role: DecisionRole.DECISION_MAKER,
    count: [1, 2],
  },
  KEY_PERSON: {
    titles: ['信息中心主任', '办公室主任', '财务处处长', '采购部经理', '技术总监'],
    departments: ['信息中心', '办公室', '财务处', '采购部', '技术部'],
    role: DecisionRole.INFLUENCER,
    count: [1, 3],
  },
  LIAISON: { titles: ['信息化专员', '办公室秘书', '网络管理员'], departments: ['信息中心', '办公室'], role: DecisionRole.GATEKEEPER, count: [1, 2] },
  OTHER: { titles: ['业务骨干', '工程师', '行政专员'], departments: ['业务部', '技术部', '综合部'], role: DecisionRole.USER, count: [1, 2] },
};

/** Which care touches suit each level (seed 003: 开讲堂, 请进来, 走出去, greetings). */
const KINDS: Record<CareLevel, CareActivityKind[]> = {
  MANAGEMENT: [CareActivityKind.VISIT, CareActivityKind.EVENT, CareActivityKind.EXPERIENCE, CareActivityKind.GIFT],
  KEY_PERSON: [CareActivityKind.VISIT, CareActivityKind.TRAINING, CareActivityKind.ONSITE, CareActivityKind.CALL],
  LIAISON: [CareActivityKind.CALL, CareActivityKind.GREETING, CareActivityKind.VISIT],
  OTHER: [CareActivityKind.CALL, CareActivityKind.GREETING, CareActivityKind.TRAINING],
};

const NOTES: Partial<Record<CareActivityKind, string>> = {
  VISIT: '上门拜访，了解专线扩容需求',
  CALL: '电话回访，确认业务使用情况',
  GIFT: '节日慰问，赠送礼品',
  EVENT: '邀请参加政企客户答谢会',
  TRAINING: '开讲堂：5G 与云网融合应用',
  EXPERIENCE: '请进来：参观5G体验厅',
  ONSITE: '走出去：上门巡检网络设备',
  GREETING: '生日祝福短信',
};

const COST: Partial<Record<CareActivityKind, [number, number]>> = { GIFT: [100, 500], EVENT: [300, 2000], EXPERIENCE: [50, 300], TRAINING: [200, 1500] };

const DAY = 24 * 60 * 60 * 1000;
const PREFIXES = ['135', '136', '138', '139', '150', '151', '158', '182', '187', '188', '198'];

/**
 * Key contacts for every demo customer in all four care levels, each
 * customer's org chart (management at the top, liaisons and others below key
 * persons), and care records spread so that the due lists have something to
 * say: a few contacts never cared for, some overdue, some due soon, most on
 * track (DOMAIN.md: Key contacts and four-level care).
 */
export const contactsSeed: SeedStep = {
  name: 'contacts-v1',
  async run(tx: EntityManager) {
    const rand = random(20261124);
    const between = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
    const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
    const now = Date.now();
    const customers = await tx.getRepository(GroupCustomerEntity).find({ order: { code: 'ASC' } });
    const intervals = new Map((await tx.getRepository(CarePolicyEntity).find()).map((p) => [p.careLevel, p.intervalDays]));
    const admin = await tx.getRepository(StaffEntity).createQueryBuilder('s').where(':admin = ANY(s.roles)', { admin: Role.ADMIN }).orderBy('s.employee_no').getOneOrFail();
    const contacts: Draft[] = [];
    const activities: Omit<CareActivityEntity, 'id' | 'createdAt' | 'contact' | 'recordedBy'>[] = [];
    let person = 5000;

    for (const customer of customers) {
      const byLevel = new Map<CareLevel, Draft[]>();
      for (const level of Object.values(CareLevel)) {
        const role = ROLES[level];
        const drafts: Draft[] = [];
        for (let i = 0, n = between(...role.count); i < n; i++) {
          const index = person++;
          const superiors =
            level === CareLevel.MANAGEMENT
              ? (byLevel.get(CareLevel.MANAGEMENT) ?? drafts).slice(0, 1)
              : level === CareLevel.KEY_PERSON
                ? byLevel.get(CareLevel.MANAGEMENT)!
                : (byLevel.get(CareLevel.KEY_PERSON) ?? []);
          drafts.push({
            id: randomUUID(),
            customerId: customer.id,
            name: chineseName(index),
            title: role.titles[i % role.titles.length],
            department: pick(role.departments),
            careLevel: level,
            decisionRole: rand() < 0.8 ? role.role : pick(Object.values(DecisionRole)),
            attitude: pick([ContactAttitude.SUPPORTER, ContactAttitude.SUPPORTER, ContactAttitude.NEUTRAL, ContactAttitude.NEUTRAL, ContactAttitude.OPPONENT]),
            reportsToId: superiors.length ? pick(superiors).id : null,
            mobile: `${pick(PREFIXES)}${String(between(0, 99_999_999)).padStart(8, '0')}`,
            email: rand() < 0.7 ? `c${index}@${customer.code.toLowerCase()}.example.cn` : null,
            birthday: `${between(1962, 1996)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
            note: null,
          });
        }
        byLevel.set(level, drafts);
        contacts.push(...drafts);
      }
    }

    for (const contact of contacts) {
      const interval = intervals.get(contact.careLevel) ?? 30;
      const customer = customers.find((c) => c.id === contact.customerId)!;
      const roll = rand();
      // About 10% never cared for, 25% overdue, 15% due within the week, the rest on track.
      if (roll < 0.1) continue;
      const daysAgo = roll < 0.35 ? interval + between(1, 45) : roll < 0.5 ? interval - between(0, 6) : between(1, Math.max(1, interval - 8));
      let at = now - daysAgo * DAY - between(0, 8 * 3600) * 1000;
      for (let k = 0, n = between(1, 4); k < n; k++) {
        const kind = pick(KINDS[contact.careLevel]);
        const cost = COST[kind];
        activities.push({
          contactId: contact.id,
          kind,
          occurredAt: new Date(at),
          note: NOTES[kind] ?? null,
          cost: cost ? `${between(...cost)}.00` : '0.00',
          recordedById: customer.accountManagerId ?? admin.id,
        });
        at -= (interval + between(-5, 10)) * DAY;
      }
    }

    // Managers first, so every reports-to points at a row already written.
    const order = Object.values(CareLevel);
    contacts.sort((a, b) => order.indexOf(a.careLevel) - order.indexOf(b.careLevel));
    for (let i = 0; i < contacts.length; i += 500) await tx.getRepository(ContactEntity).insert(contacts.slice(i, i + 500));
    for (let i = 0; i < activities.length; i += 500) await tx.getRepository(CareActivityEntity).insert(activities.slice(i, i + 500));
  },
};
